package uk.sendplan.api.fees;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.fees.FeeInputs.CreateRateFrameworkInput;
import uk.sendplan.api.fees.FeeInputs.PublishRateFrameworkInput;
import uk.sendplan.api.fees.FeeInputs.PublishRateFrameworkPayload;
import uk.sendplan.api.fees.FeeInputs.RateFrameworkPayload;
import uk.sendplan.api.fees.FeeInputs.UpdateRateFrameworkInput;
import uk.sendplan.api.fees.RateFrameworkView.AreaAdjustment;
import uk.sendplan.api.kernel.Ids;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.Region;

import java.util.List;

@Controller
class RateFrameworkController {

    private final RateFrameworks frameworks;
    private final ReferenceData reference;

    RateFrameworkController(RateFrameworks frameworks, ReferenceData reference) {
        this.frameworks = frameworks;
        this.reference = reference;
    }

    @QueryMapping
    List<RateFrameworkView> rateFrameworks(@Argument String financialYear) {
        return frameworks.list(financialYear);
    }

    @QueryMapping
    RateFrameworkView rateFramework(@Argument String id) {
        return frameworks.get(Ids.parse("id", id)).orElse(null);
    }

    @QueryMapping
    RateFrameworkView publishedRateFramework(@Argument String financialYear) {
        return frameworks.publishedFor(financialYear).orElse(null);
    }

    @MutationMapping
    RateFrameworkPayload createRateFramework(@Argument CreateRateFrameworkInput input) {
        return new RateFrameworkPayload(frameworks.create(input));
    }

    @MutationMapping
    RateFrameworkPayload updateRateFramework(@Argument UpdateRateFrameworkInput input) {
        return new RateFrameworkPayload(frameworks.update(input));
    }

    @MutationMapping
    PublishRateFrameworkPayload publishRateFramework(@Argument PublishRateFrameworkInput input) {
        return frameworks.publish(input);
    }

    @SchemaMapping(typeName = "RateFramework")
    RateFrameworkView supersedes(RateFrameworkView framework) {
        return framework.supersedesId() == null ? null : frameworks.find(framework.supersedesId()).orElseThrow();
    }

    @SchemaMapping(typeName = "RateFramework")
    RateFrameworkView supersededBy(RateFrameworkView framework) {
        return framework.supersededById() == null ? null : frameworks.find(framework.supersededById()).orElseThrow();
    }

    @SchemaMapping(typeName = "AreaAdjustment")
    Region region(AreaAdjustment adjustment) {
        return reference.region(adjustment.regionCode()).orElseThrow();
    }
}
