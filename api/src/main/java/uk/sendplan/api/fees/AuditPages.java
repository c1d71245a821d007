package uk.sendplan.api.fees;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import uk.sendplan.api.fees.FeeAuditView.Statistic;
import uk.sendplan.api.fees.FeeInputs.FeeScopeInput;
import uk.sendplan.api.kernel.Ids;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.ProviderView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.BackgroundJobs;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.FeeVerdicts;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.Pages;
import uk.sendplan.api.web.Shown;
import uk.sendplan.db.types.RateFrameworkStatus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The regulator's fee audits (/regulation/audits): the audits run so far and a form to run one for a year and
 * optionally a region; and one audit's page with its verdicts and, per band and kind, the median and 90th-percentile
 * regulated fee against the band's reference and ceiling, drawn on the server as an SVG chart with the same numbers
 * in a table below it (and as CSV). The fees service runs the audit and checks that the actor is a regulator.
 */
@Pages
class AuditPages implements PageLinks {

    /** The service's paths to the run form's fields. */
    private static final Map<String, String> FIELDS = Map.of("financialYear", "financialYear", "scope.regionCode", "regionCode");

    /** The run form as filled in, shown again should the audit be refused as it runs. */
    record Typed(String financialYear, String regionCode) {
    }

    /** Audits on each page of the list, newest first, then older ones a page at a time: a regulator runs a few a year. */
    static final int LIST_SIZE = 100;

    /** The chart's geometry in SVG user units: labels on the left, one row per band and kind. */
    static final int CHART_WIDTH = 760;
    static final int LABEL_WIDTH = 230;
    static final int ROW_HEIGHT = 34;
    static final int TOP = 40;

    /**
     * One band and kind of the audit: its fees and the framework's national reference and ceiling (null where no band
     * of the framework covers it), with where each falls on the chart's scale (x) and the row's top (y).
     */
    record ChartRow(String label, int fees, BigDecimal median, BigDecimal p90, BigDecimal reference, BigDecimal ceiling,
                    double medianX, double p90X, Double referenceX, Double ceilingX, int y) {
    }

    /** The chart's scale: the pound value of its right edge, and its gridlines as value and x. */
    record Tick(String label, double x) {
    }

    /** A provider among those with most findings from the audit, by name. */
    record TopProvider(String name, FeeAuditView.ProviderFindingCount counts) {
    }

    /** The providers with most findings the audit page lists (a work queue's first calls, not a ranking of the market). */
    static final int TOP_PROVIDERS = 10;

    private final FeeAudits audits;
    private final RateFrameworks frameworks;
    private final SettingService settings;
    private final ReferenceData reference;
    private final Access access;
    private final AuditJobs jobs;

    AuditPages(FeeAudits audits, RateFrameworks frameworks, SettingService settings, ReferenceData reference, Access access, AuditJobs jobs) {
        this.audits = audits;
        this.frameworks = frameworks;
        this.settings = settings;
        this.reference = reference;
        this.access = access;
        this.jobs = jobs;
    }

    @ModelAttribute
    void shown(Model model) {
        model.addAttribute("shown", Shown.SHOWN);
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.REGULATOR)
                ? List.of(new Link("/regulation/audits", "Fee audits", "Run a fee audit and see each band's fees against its reference and ceiling.", 62))
                : List.of();
    }

    @GetMapping("/regulation/audits")
    String list(@RequestParam(required = false) String before, Model model) {
        access.require("Fee audits", Role.REGULATOR);
        return listPage(model, before == null || before.isBlank() ? null : Ids.parse("before", before), "", "", new FormErrors());
    }

    /**
     * Starts an audit through the fees service, in the background, and follows it on its own page; a refusal the audit
     * would make before its work (no published framework, an unknown region) is shown next to its field instead.
     */
    @PostMapping("/regulation/audits")
    String run(@RequestParam(required = false) String financialYear, @RequestParam(required = false) String regionCode, Model model) {
        Actor actor = access.require("Fee audits", Role.REGULATOR);
        String year = financialYear == null ? "" : financialYear.trim();
        String region = regionCode == null ? "" : regionCode.trim();
        FormErrors errors = new FormErrors();
        if (year.isEmpty()) {
            errors.add("financialYear", "Select the financial year to audit");
        }
        if (!errors.any()) {
            FeeScopeInput scope = region.isEmpty() ? null : new FeeScopeInput(region, null, null);
            Optional<String> running = errors.attempt(() -> {
                audits.validate(year, scope);
                String label = "Fee audit of " + year + ", " + (region.isEmpty() ? "England"
                        : reference.region(region).map(ReferenceData.Region::name).orElse(region));
                return "redirect:/regulation/audits/running/" + jobs.start(actor, label, new Typed(year, region), () -> audits.run(year, scope).id()).id();
            }, FIELDS, "financialYear");
            if (running.isPresent()) {
                return running.get();
            }
        }
        return listPage(model, null, year, region, errors);
    }

    /**
     * An audit started from the form: while it runs, the page says so and refreshes itself every second (no script);
     * once run, it is the audit's own page; refused as it ran (say, its year's framework withdrawn meanwhile), the
     * form again as it was filled in, with the refusal next to its field. Only the regulator who started it finds it here.
     */
    @GetMapping("/regulation/audits/running/{jobId}")
    String running(@PathVariable String jobId, Model model, HttpServletResponse response) {
        Actor actor = access.require("Fee audits", Role.REGULATOR);
        BackgroundJobs.Job<Long> job = jobs.find(jobId, actor.subject()).orElseThrow(() -> access.outOfScope("Fee audit"));
        if (job.result() != null) {
            return "redirect:/regulation/audits/" + job.result();
        }
        if (!job.running()) {
            FormErrors errors = new FormErrors();
            job.failureOn(errors, FIELDS, "financialYear");
            Typed typed = job.form(Typed.class);
            return listPage(model, null, typed.financialYear(), typed.regionCode(), errors);
        }
        response.setHeader("Refresh", "1");
        model.addAttribute("label", job.label());
        model.addAttribute("seconds", job.seconds());
        return "fees/audit-running";
    }

    /** The run form and a page of the audits run: the newest, or those before the audit numbered {@code before}. */
    private String listPage(Model model, Long before, String year, String region, FormErrors errors) {
        List<FeeAuditView> found = audits.list(null, before, LIST_SIZE + 1);
        List<FeeAuditView> list = found.stream().limit(LIST_SIZE).toList();
        model.addAttribute("audits", list);
        model.addAttribute("older", found.size() > LIST_SIZE ? "/regulation/audits?before=" + list.getLast().id() : null);
        model.addAttribute("newest", before == null ? null : "/regulation/audits");
        model.addAttribute("scopes", list.stream().collect(java.util.stream.Collectors.toMap(FeeAuditView::id, a -> scopeName(a.scope()))));
        // only a year with a published framework can be audited; newest first
        model.addAttribute("years", frameworks.list(null).stream().filter(f -> f.status() == RateFrameworkStatus.PUBLISHED)
                .map(RateFrameworkView::financialYear).distinct().sorted(java.util.Comparator.reverseOrder()).toList());
        model.addAttribute("regions", reference.regions());
        model.addAttribute("financialYear", year);
        model.addAttribute("regionCode", region);
        model.addAttribute("errors", errors);
        return "fees/audits";
    }

    @GetMapping("/regulation/audits/{id}")
    String audit(@PathVariable String id, Model model) {
        access.require("Fee audit", Role.REGULATOR);
        FeeAuditView audit = audits.find(Ids.parse("id", id)).orElseThrow(() -> ApiException.notFound("Fee audit", "no audit " + id));
        RateFrameworkView framework = frameworks.find(audit.frameworkId()).orElseThrow();
        List<ChartRow> rows = chart(framework, audits.statistics(audit.id()));
        double max = scaleMax(rows);
        model.addAttribute("audit", audit);
        model.addAttribute("scope", scopeName(audit.scope()));
        model.addAttribute("framework", framework);
        model.addAttribute("verdicts", audits.verdicts(audit.id()));
        model.addAttribute("verdictNames", FeeVerdicts.names());
        model.addAttribute("topProviders", topProviders(audit.id()));
        model.addAttribute("topProviderLimit", TOP_PROVIDERS);
        model.addAttribute("rows", rows);
        model.addAttribute("ticks", ticks(max));
        model.addAttribute("chartWidth", CHART_WIDTH);
        model.addAttribute("labelWidth", LABEL_WIDTH);
        model.addAttribute("rowHeight", ROW_HEIGHT);
        model.addAttribute("chartHeight", TOP + rows.size() * ROW_HEIGHT + 10);
        return "fees/audit";
    }

    @GetMapping("/regulation/audits/{id}/providers.csv")
    @ResponseBody
    ResponseEntity<String> providersCsv(@PathVariable String id) {
        access.require("Fee audit", Role.REGULATOR);
        FeeAuditView audit = audits.find(Ids.parse("id", id)).orElseThrow(() -> ApiException.notFound("Fee audit", "no audit " + id));
        StringBuilder csv = new StringBuilder(Csv.line(List.of("provider_id", "provider", "findings", "undecided", "settings", "above_ceiling",
                "uplift_above_cap", "unjustified_above_reference", "surplus_above_cap", "breakdown_inconsistent", "breakdown_missing"))).append("\r\n");
        for (TopProvider p : topProviders(audit.id())) {
            FeeAuditView.ProviderFindingCount c = p.counts();
            csv.append(Csv.line(List.of(c.providerId(), p.name(), c.findings(), c.undecided(), c.settings(), c.aboveCeiling(), c.upliftAboveCap(),
                    c.unjustifiedAboveReference(), c.surplusAboveCap(), c.breakdownInconsistent(), c.breakdownMissing()))).append("\r\n");
        }
        return Downloads.csv(csv.toString(), "providers-with-most-findings", "audit-" + audit.id());
    }

    private List<TopProvider> topProviders(long auditId) {
        List<FeeAuditView.ProviderFindingCount> counts = audits.providersWithMostFindings(auditId, TOP_PROVIDERS);
        Map<Long, ProviderView> names = settings.providers(counts.stream().map(FeeAuditView.ProviderFindingCount::providerId).toList());
        return counts.stream().map(c -> new TopProvider(names.containsKey(c.providerId()) ? names.get(c.providerId()).name() : "Provider " + c.providerId(), c))
                .toList();
    }

    @GetMapping("/regulation/audits/{id}/bands.csv")
    @ResponseBody
    ResponseEntity<String> bandsCsv(@PathVariable String id) {
        access.require("Fee audit", Role.REGULATOR);
        FeeAuditView audit = audits.find(Ids.parse("id", id)).orElseThrow(() -> ApiException.notFound("Fee audit", "no audit " + id));
        RateFrameworkView framework = frameworks.find(audit.frameworkId()).orElseThrow();
        StringBuilder csv = new StringBuilder(Csv.line(List.of("band", "fees", "median_fee", "p90_fee", "reference_rate", "ceiling"))).append("\r\n");
        for (ChartRow r : chart(framework, audits.statistics(audit.id()))) {
            csv.append(Csv.line(Arrays.asList(r.label(), r.fees(), r.median(), r.p90(), r.reference(), r.ceiling()))).append("\r\n");
        }
        return Downloads.csv(csv.toString(), "fee-audit", String.valueOf(audit.id()), "bands");
    }

    /** The audit's whole-scope statistics (region null) against the framework's band for every need, scaled to the chart. */
    static List<ChartRow> chart(RateFrameworkView framework, List<Statistic> statistics) {
        List<Statistic> whole = statistics.stream().filter(s -> s.regionCode() == null).toList();
        List<RateFrameworkView.Band> bands = whole.stream()
                .map(s -> FeeChecker.applicableBand(framework, s.kind(), s.band(), null).orElse(null)).toList();
        double max = 0;
        for (int i = 0; i < whole.size(); i++) {
            RateFrameworkView.Band b = bands.get(i);
            max = Math.max(max, Math.max(whole.get(i).p90Fee().doubleValue(), b == null ? 0 : b.ceiling().doubleValue()));
        }
        double right = niceMax(max);
        List<ChartRow> rows = new ArrayList<>();
        for (int i = 0; i < whole.size(); i++) {
            Statistic s = whole.get(i);
            RateFrameworkView.Band b = bands.get(i);
            String label = kindName(s.kind().name()) + ", band " + s.band();
            rows.add(new ChartRow(label, s.fees(), s.medianFee(), s.p90Fee(), b == null ? null : b.referenceRate(), b == null ? null : b.ceiling(),
                    x(s.medianFee().doubleValue(), right), x(s.p90Fee().doubleValue(), right),
                    b == null ? null : x(b.referenceRate().doubleValue(), right), b == null ? null : x(b.ceiling().doubleValue(), right),
                    TOP + i * ROW_HEIGHT));
        }
        return rows;
    }

    /** The pound value at the chart's right edge: the largest value rounded up to a whole £25,000, so gridlines fall on round sums. */
    private static double niceMax(double max) {
        return Math.max(25_000, Math.ceil(max / 25_000) * 25_000);
    }

    private static double scaleMax(List<ChartRow> rows) {
        return niceMax(rows.stream().flatMap(r -> Stream.of(r.p90(), r.ceiling())).filter(Objects::nonNull)
                .mapToDouble(BigDecimal::doubleValue).max().orElse(0));
    }

    /** The right margin keeps half the last gridline's label ("£250k", centred on its line) inside the chart. */
    private static double x(double pounds, double right) {
        return LABEL_WIDTH + (CHART_WIDTH - LABEL_WIDTH - 30) * pounds / right;
    }

    /** Gridlines every £50,000 (every £25,000 on a small scale), labelled in thousands. */
    private static List<Tick> ticks(double right) {
        double step = right > 150_000 ? 50_000 : 25_000;
        List<Tick> ticks = new ArrayList<>();
        for (double v = 0; v <= right + 1; v += step) {
            ticks.add(new Tick("£" + Math.round(v / 1000) + "k", x(v, right)));
        }
        return ticks;
    }

    private String scopeName(FeeAuditView.Scope scope) {
        if (scope.laCode() != null) {
            return reference.localAuthority(scope.laCode()).map(ReferenceData.LocalAuthority::name).orElse(scope.laCode());
        }
        if (scope.regionCode() != null) {
            return reference.region(scope.regionCode()).map(ReferenceData.Region::name).orElse(scope.regionCode());
        }
        return scope.providerId() != null ? "Provider " + scope.providerId() : "England";
    }

    static String kindName(String kind) {
        String words = kind.replace('_', ' ').toLowerCase(java.util.Locale.UK);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
