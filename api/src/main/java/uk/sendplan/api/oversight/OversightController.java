package uk.sendplan.api.oversight;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.oversight.FiguresInputs.ProviderFiguresPayload;
import uk.sendplan.api.oversight.FiguresInputs.StateProviderFiguresInput;
import uk.sendplan.api.oversight.OversightView.ProviderPublicMoney;

import java.util.List;

@Controller
class OversightController {

    /** The most providers financialOversight lists (the CSV has every one). */
    static final int MAX_PROVIDERS = 500;
    /** The most flags financialOversight lists (the CSV has every one). */
    static final int MAX_FLAGS = 3000;

    private final ProviderFigures figures;
    private final Oversight oversight;

    OversightController(ProviderFigures figures, Oversight oversight) {
        this.figures = figures;
        this.oversight = oversight;
    }

    @QueryMapping
    List<FiguresView> providerFigures(@Argument String providerId) {
        return figures.ofProvider("providerFigures", providerId);
    }

    @MutationMapping
    ProviderFiguresPayload stateProviderFigures(@Argument StateProviderFiguresInput input) {
        return new ProviderFiguresPayload(figures.state(input));
    }

    @QueryMapping
    OversightView financialOversight(@Argument String financialYear) {
        return oversight.of("financialOversight", financialYear);
    }

    @QueryMapping
    String financialOversightCsv(@Argument String financialYear, @Argument OversightCsv.Table table) {
        return OversightCsv.of(oversight.of("financialOversightCsv", financialYear), table);
    }

    @SchemaMapping(typeName = "FinancialOversight")
    List<ProviderPublicMoney> providers(OversightView view) {
        return view.providers().subList(0, Math.min(MAX_PROVIDERS, view.providers().size()));
    }

    @SchemaMapping(typeName = "FinancialOversight")
    List<OversightView.Flag> flags(OversightView view) {
        return view.flags().subList(0, Math.min(MAX_FLAGS, view.flags().size()));
    }

    @SchemaMapping(typeName = "FinancialOversight")
    int providerCount(OversightView view) {
        return view.providers().size();
    }
}
