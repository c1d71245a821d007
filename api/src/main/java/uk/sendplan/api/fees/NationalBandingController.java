package uk.sendplan.api.fees;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class NationalBandingController {

    private final NationalBandings bandings;

    NationalBandingController(NationalBandings bandings) {
        this.bandings = bandings;
    }

    @QueryMapping
    NationalBandings.Report nationalBanding(@Argument String financialYear, @Argument String laCode, @Argument String regionCode) {
        return bandings.report("nationalBanding", financialYear, laCode, regionCode);
    }
}
