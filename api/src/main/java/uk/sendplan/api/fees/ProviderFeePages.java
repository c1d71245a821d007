package uk.sendplan.api.fees;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import uk.sendplan.api.kernel.FinancialYears;
import uk.sendplan.api.settings.ProviderView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FeeVerdicts;
import uk.sendplan.api.web.PageNumbers;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.Pages;
import uk.sendplan.api.web.Shown;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A provider's fee schedules (/provider/fees): for a financial year, each of its settings' current fees with what the
 * fee pays for and the latest check against the rates framework (verdict and reasons), as CSV too. A provider sees
 * only its own settings: the list is read from its own provider id, never from a parameter. A page shows {@value #PAGE_SIZE}
 * fees; the CSV has the year's every fee.
 */
@Pages
class ProviderFeePages implements PageLinks {

    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    /** Fees a page shows: a provider with many settings has hundreds a year; the CSV has every one. */
    static final int PAGE_SIZE = 50;

    /** One fee as the schedule shows it: the setting it is for and its latest check (none before a fee is checked). */
    record FeeRow(SettingView setting, FeeView fee, FeeCheckView check) {
    }

    /** A fee and its setting, before its check is read: checks are read only for the rows a page shows. */
    private record Fee(SettingView setting, FeeView fee) {
    }

    private final FeeSchedules schedules;
    private final RateFrameworks frameworks;
    private final SettingService settings;
    private final Access access;

    ProviderFeePages(FeeSchedules schedules, RateFrameworks frameworks, SettingService settings, Access access) {
        this.schedules = schedules;
        this.frameworks = frameworks;
        this.settings = settings;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.PROVIDER)
                ? List.of(new Link("/provider/fees", "Fees", "Your fee schedules for each year, with each fee's check against the national rates framework.", 20))
                : List.of();
    }

    @GetMapping("/provider/fees")
    String fees(@RequestParam(required = false) String year, @RequestParam(required = false) String page, Model model) {
        Actor actor = access.require("Fees", Role.PROVIDER);
        List<String> years = years();
        String chosen = chosenYear(year, years);
        List<Fee> all = fees(actor, chosen);
        String yearParam = URLEncoder.encode(chosen, StandardCharsets.UTF_8);
        PageNumbers pager = PageNumbers.of(page, all.size(), PAGE_SIZE, n -> "/provider/fees?year=" + yearParam + "&page=" + n);
        model.addAttribute("provider", provider(actor));
        model.addAttribute("year", chosen);
        model.addAttribute("years", years);
        model.addAttribute("rows", withChecks(pager.of(all)));
        model.addAttribute("pager", pager);
        model.addAttribute("verdicts", FeeVerdicts.names());
        model.addAttribute("tags", FeeVerdicts.tags());
        model.addAttribute("shown", Shown.SHOWN);
        return "fees/provider-fees";
    }

    @GetMapping("/provider/fees.csv")
    @ResponseBody
    ResponseEntity<String> feesCsv(@RequestParam(required = false) String year) {
        Actor actor = access.require("Fees", Role.PROVIDER);
        String chosen = chosenYear(year, years());
        StringBuilder csv = new StringBuilder(Csv.line(List.of("urn", "setting_name", "financial_year", "band", "kind", "revision",
                "annual_fee", "education", "care", "therapies", "transport", "overheads", "surplus", "justification", "verdict",
                "adjusted_reference", "adjusted_ceiling", "checked_at", "reasons"))).append("\r\n");
        for (FeeRow r : withChecks(fees(actor, chosen))) {
            FeeView f = r.fee();
            FeeView.Breakdown b = f.breakdown();
            FeeCheckView c = r.check();
            // amounts as BigDecimal, so Csv.line writes them as numbers
            csv.append(Csv.line(Arrays.asList(f.urn(), r.setting().name(), f.financialYear(), f.band(), f.kind().name(), f.revision(),
                    f.annualFee(), b == null ? null : b.education(), b == null ? null : b.care(), b == null ? null : b.therapies(),
                    b == null ? null : b.transport(), b == null ? null : b.overheads(), b == null ? null : b.surplus(), f.justification(),
                    c == null ? null : c.verdict().name(), c == null ? null : c.adjustedReference(), c == null ? null : c.adjustedCeiling(),
                    c == null ? null : c.checkedAt().toString(), c == null ? null : String.join(" ", c.reasons())))).append("\r\n");
        }
        return Downloads.csv(csv.toString(), "fees", chosen, provider(actor).name());
    }

    private ProviderView provider(Actor actor) {
        return settings.provider(actor.providerId()).orElseThrow(() -> access.outOfScope("Fees"));
    }

    /** The years a framework exists for, newest first: the years fees can be checked in. */
    private List<String> years() {
        TreeSet<String> years = new TreeSet<>();
        frameworks.list(null).forEach(f -> years.add(f.financialYear()));
        return new ArrayList<>(years.descendingSet());
    }

    /** The year asked for when it is one of the choices; otherwise this financial year, or the newest with a framework. */
    private static String chosenYear(String asked, List<String> years) {
        if (asked != null && years.contains(asked)) {
            return asked;
        }
        String current = FinancialYears.of(LocalDate.now(ENGLAND));
        return years.contains(current) || years.isEmpty() ? current : years.getFirst();
    }

    /** The provider's current fees for the year, setting by setting in the order its settings are listed. */
    private List<Fee> fees(Actor actor, String year) {
        List<SettingView> own = settings.settingsOf(actor.providerId());
        Map<Integer, List<FeeView>> byUrn = schedules.current(year, own.stream().map(SettingView::urn).toList());
        List<Fee> fees = new ArrayList<>();
        for (SettingView s : own) {
            for (FeeView f : byUrn.getOrDefault(s.urn(), List.of())) {
                fees.add(new Fee(s, f));
            }
        }
        return fees;
    }

    private List<FeeRow> withChecks(List<Fee> fees) {
        Map<Long, FeeCheckView> checks = fees.isEmpty() ? Map.of() : schedules.latestChecks(fees.stream().map(f -> f.fee().id()).toList());
        return fees.stream().map(f -> new FeeRow(f.setting(), f.fee(), checks.get(f.fee().id()))).toList();
    }
}
