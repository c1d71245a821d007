package uk.sendplan.api.oversight;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import uk.sendplan.api.kernel.FinancialYears;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.PageNumbers;
import uk.sendplan.api.web.Pages;
import uk.sendplan.api.web.Shown;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * The regulator's financial oversight (/regulation/oversight): for a year, the thresholds, the flagged providers with
 * their numbers, margins and debt by owner kind (with a chart) and by for-profit status against the fees they charge,
 * the surplus stated in fee breakdowns by band, region, owner kind and for-profit status, and the share of public
 * money that is surplus in England and per provider; every table as CSV.
 */
@Pages
class OversightPages implements PageLinks {

    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");
    /** Providers on each page of the surplus table, most surplus first; the CSV has every one. */
    static final int PROVIDERS_PAGE_SIZE = 50;

    private final Oversight oversight;
    private final Access access;

    OversightPages(Oversight oversight, Access access) {
        this.oversight = oversight;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.REGULATOR)
                ? List.of(new Link("/regulation/oversight", "Financial oversight",
                "Providers' margins and debt by ownership, flagged providers, and how much of the fees is surplus.", 63))
                : List.of();
    }

    @GetMapping("/regulation/oversight")
    String page(@RequestParam(required = false) String year, @RequestParam(required = false) String page, Model model) {
        access.require("Financial oversight", Role.REGULATOR);
        String chosen = year(year);
        OversightView view = oversight.of("Financial oversight", chosen);
        model.addAttribute("year", chosen);
        model.addAttribute("view", view);
        model.addAttribute("chart", MarginChart.of(view.byOwnerKind(), view.thresholds().surplusCapPercent()));
        model.addAttribute("chartWidth", MarginChart.WIDTH);
        model.addAttribute("labelWidth", MarginChart.LABEL_WIDTH);
        // each page of the table opens at the table, the year kept
        PageNumbers pager = PageNumbers.of(page, view.providers().size(), PROVIDERS_PAGE_SIZE,
                n -> "/regulation/oversight?year=" + URLEncoder.encode(chosen, StandardCharsets.UTF_8) + "&page=" + n + "#providers");
        model.addAttribute("pager", pager);
        model.addAttribute("providers", pager.of(view.providers()));
        model.addAttribute("owners", FiguresPages.owners());
        model.addAttribute("shown", Shown.SHOWN);
        return "oversight/oversight";
    }

    @GetMapping("/regulation/oversight.csv")
    @ResponseBody
    ResponseEntity<String> csv(@RequestParam(required = false) String year, @RequestParam String table) {
        access.require("Financial oversight", Role.REGULATOR);
        OversightCsv.Table chosen = Arrays.stream(OversightCsv.Table.values()).filter(t -> t.name().equals(table)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("table", "expected one of FLAGS, DISTRIBUTIONS, STATISTICS, PROVIDERS, got \"" + table + "\""));
        String y = year(year);
        return Downloads.csv(OversightCsv.of(oversight.of("Financial oversight", y), chosen), "financial-oversight", table, y);
    }

    /** The year asked for when it is written as one; otherwise this financial year. */
    private static String year(String asked) {
        if (asked != null && asked.matches("[0-9]{4}-[0-9]{2}")) {
            return asked;
        }
        return FinancialYears.of(LocalDate.now(ENGLAND));
    }
}
