package uk.sendplan.api.fees;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import uk.sendplan.api.kernel.FinancialYears;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Csv;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * National banding of state settings' fees for the commissioner (/la/national-banding: their LA's) and the regional
 * planner (/region/national-banding: their region's, with each LA's counts): the counts, the fees outside the banding,
 * furthest out first in numbered pages, and every fee as CSV. The year is the current financial year unless the page is asked for another; a
 * year without a published framework says so instead of a table.
 */
@Pages
class NationalBandingPages implements PageLinks {

    static final List<String> CSV_HEADER = List.of("financial_year", "la_code", "local_authority", "urn", "setting", "kind", "complexity",
            "annual_fee", "band", "tariff_min", "tariff_max", "national_banding", "above_tariff", "below_tariff", "explanation");

    /** Fees outside the banding on each page of the table, furthest out first; the CSV lists every fee. */
    static final int PAGE_SIZE = 50;

    private final NationalBandings bandings;
    private final Access access;

    NationalBandingPages(NationalBandings bandings, Access access) {
        this.bandings = bandings;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        if (actor.is(Role.COMMISSIONER)) {
            return List.of(new Link("/la/national-banding", "National banding", "Your state settings' fees against the national tariffs of their bands.", 15));
        }
        return actor.is(Role.REGIONAL_PLANNER)
                ? List.of(new Link("/region/national-banding", "National banding", "State settings' fees in your region against the national tariffs of their bands.", 22))
                : List.of();
    }

    @GetMapping("/la/national-banding")
    String la(@RequestParam(required = false) String year, @RequestParam(required = false) String page, Model model) {
        access.require("National banding", Role.COMMISSIONER);
        return page(year, page, model, "/la/national-banding", false);
    }

    @GetMapping("/region/national-banding")
    String region(@RequestParam(required = false) String year, @RequestParam(required = false) String page, Model model) {
        access.require("National banding", Role.REGIONAL_PLANNER);
        return page(year, page, model, "/region/national-banding", true);
    }

    @GetMapping("/la/national-banding.csv")
    @ResponseBody
    ResponseEntity<String> laCsv(@RequestParam(required = false) String year) {
        access.require("National banding", Role.COMMISSIONER);
        return csv(report(year));
    }

    @GetMapping("/region/national-banding.csv")
    @ResponseBody
    ResponseEntity<String> regionCsv(@RequestParam(required = false) String year) {
        access.require("National banding", Role.REGIONAL_PLANNER);
        return csv(report(year));
    }

    private String page(String year, String page, Model model, String path, boolean byLa) {
        model.addAttribute("shown", Shown.SHOWN);
        model.addAttribute("path", path);
        NationalBandings.Report report;
        try {
            report = report(year);
        } catch (ApiException noFramework) {
            // a year without a published framework (or a malformed year) has nothing to band: the page says why
            model.addAttribute("problem", noFramework.getMessage());
            model.addAttribute("year", year(year));
            return "fees/national-banding";
        }
        List<NationalBandings.Banded> outside = report.outsideFees();
        // each page of the table opens at the table, the year kept
        PageNumbers pager = PageNumbers.of(page, outside.size(), PAGE_SIZE,
                n -> path + "?year=" + URLEncoder.encode(report.financialYear(), StandardCharsets.UTF_8) + "&page=" + n + "#outside-fees");
        model.addAttribute("report", report);
        model.addAttribute("pager", pager);
        model.addAttribute("outsideFees", pager.of(outside));
        model.addAttribute("byLa", byLa ? report.byLa() : List.of());
        return "fees/national-banding";
    }

    /** The caller's own scope: a commissioner's LA, a planner's region. */
    private NationalBandings.Report report(String year) {
        return bandings.report("National banding", year(year), null, null);
    }

    private static String year(String year) {
        return year == null || year.isBlank() ? FinancialYears.of(LocalDate.now(ZoneId.of("Europe/London"))) : year;
    }

    private static ResponseEntity<String> csv(NationalBandings.Report report) {
        StringBuilder csv = new StringBuilder(Csv.line(CSV_HEADER)).append("\r\n");
        for (NationalBandings.Banded b : report.all()) {
            FeeView fee = b.fee();
            // amounts as BigDecimal, so Csv.line writes them as numbers
            List<Object> row = new ArrayList<>(Arrays.asList(report.financialYear(), b.laCode(), b.laName(), fee.urn(), b.settingName(),
                    fee.kind().name(), fee.band(), Money.pounds(fee.annualFeePence()), b.bandCode(),
                    b.tariff() == null ? null : b.tariff().min(), b.tariff() == null ? null : b.tariff().max(), b.banding().name(),
                    b.above(), b.below(), b.explanation()));
            csv.append(Csv.line(row)).append("\r\n");
        }
        return Downloads.csv(csv.toString(), "national-banding", report.financialYear());
    }
}
