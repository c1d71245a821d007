package uk.sendplan.api.fees;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.Pages;
import uk.sendplan.api.web.Shown;
import uk.sendplan.db.types.RateFrameworkStatus;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regulator's rates framework (/regulation/frameworks: every version with its bands, as CSV too), and how the
 * fees pages show times, amounts, statuses and verdicts. Frameworks are public to every role over GraphQL, but this
 * page is the regulator's working view, so other roles are refused it.
 */
@Pages
class RegulationPages implements PageLinks {

    private final RateFrameworks frameworks;
    private final Access access;

    RegulationPages(RateFrameworks frameworks, Access access) {
        this.frameworks = frameworks;
        this.access = access;
    }

    @ModelAttribute
    void shown(Model model) {
        model.addAttribute("shown", Shown.SHOWN);
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.REGULATOR) ? List.of(
                new Link("/regulation/frameworks", "Rates framework", "Each year's versions of the national rates framework: bands, reference and ceiling fees, caps and state tariffs; drafts to edit and publish.", 60))
                : List.of();
    }

    // ------------------------------------------------------------------ rates framework

    /** {@code published}: a framework just published from its confirmation page, which the page says was. */
    @GetMapping("/regulation/frameworks")
    String frameworks(@RequestParam(required = false) Long published, Model model) {
        access.require("Rates framework", Role.REGULATOR);
        List<RateFrameworkView> all = frameworks.list(null);
        model.addAttribute("frameworks", all);
        model.addAttribute("published", published == null ? null
                : all.stream().filter(f -> f.id() == published && f.status() == RateFrameworkStatus.PUBLISHED).findFirst().orElse(null));
        return "fees/frameworks";
    }

    @GetMapping("/regulation/frameworks.csv")
    @ResponseBody
    ResponseEntity<String> frameworksCsv() {
        access.require("Rates framework", Role.REGULATOR);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("framework_id", "financial_year", "version", "status", "max_uplift_percent",
                "band", "description", "kind", "complexity", "needs", "reference_rate", "ceiling", "state_tariff_min", "state_tariff_max"))).append("\r\n");
        for (RateFrameworkView f : frameworks.list(null)) {
            for (RateFrameworkView.Band b : f.bands()) {
                // amounts as BigDecimal, so Csv.line writes them as numbers
                csv.append(Csv.line(Arrays.asList(f.id(), f.financialYear(), f.version(), f.status().name(), f.maxUpliftPercent(), b.code(),
                        b.description(), b.kind().name(), b.complexity(), String.join(" ", b.needs()), b.referenceRate(), b.ceiling(),
                        b.stateTariff() == null ? null : b.stateTariff().min(), b.stateTariff() == null ? null : b.stateTariff().max()))).append("\r\n");
            }
        }
        return Downloads.csv(csv.toString(), "rates-framework");
    }

    static Map<String, String> statusNames() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("OPEN", "Waiting for the provider");
        names.put("PROVIDER_RESPONDED", "Provider responded");
        names.put("ACCEPTED", "Response accepted");
        names.put("UPHELD", "Upheld");
        names.put("ESCALATED", "Escalated");
        return names;
    }


}
