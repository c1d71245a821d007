package uk.sendplan.api.fees;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.sendplan.api.fees.FeeInputs.FeeFindingFilter;
import uk.sendplan.api.fees.FeeInputs.SetFeeFindingStatusInput;
import uk.sendplan.api.settings.ProviderView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.Pages;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.FindingStatus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The regulator's rates framework (/regulation/frameworks: every version with its bands, as CSV too) and findings as
 * a work queue (/regulation/findings, filtered by status, as the fees service's findings CSV), with one finding's page
 * where the regulator decides a finding the provider has answered. The fees services check every read and change;
 * these pages are the regulator's, so other roles are refused here even where the service would show them a part
 * (frameworks are public to every role over GraphQL; a provider answers its findings on its own pages).
 */
@Pages
class RegulationPages implements PageLinks {

    static final int PAGE_SIZE = 50;

    /** A finding as a row of the work queue: the finding with the names a regulator reads it by. */
    record FindingRow(FeeFindingView finding, String providerName, String settingName) {
    }

    /** The decisions a regulator may take on an answered finding, in the words the form offers them. */
    static final Map<FindingStatus, String> DECISIONS = decisions();

    private final RateFrameworks frameworks;
    private final FeeAudits audits;
    private final FeeSchedules schedules;
    private final SettingService settings;
    private final Access access;

    RegulationPages(RateFrameworks frameworks, FeeAudits audits, FeeSchedules schedules, SettingService settings, Access access) {
        this.frameworks = frameworks;
        this.audits = audits;
        this.schedules = schedules;
        this.settings = settings;
        this.access = access;
    }

    /** How the regulator's pages show times and amounts: London time, whole pounds (fees are yearly, in pounds). */
    static final class Shown {
        private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.UK).withZone(ZoneId.of("Europe/London"));
        private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK).withZone(ZoneId.of("Europe/London"));

        public String when(Instant instant) {
            return instant == null ? "" : WHEN.format(instant);
        }

        public String day(Instant instant) {
            return instant == null ? "" : DAY.format(instant);
        }

        /**
         * Severity by verdict: above the ceiling, the uplift cap or the surplus cap breaks a limit; a breakdown missing
         * or not adding up, no band or an unjustified excess needs an answer.
         */
        public String severity(FeeVerdict verdict) {
            return switch (verdict) {
                case ABOVE_CEILING, UPLIFT_ABOVE_CAP, SURPLUS_ABOVE_CAP -> "High";
                case BREAKDOWN_INCONSISTENT, BREAKDOWN_MISSING, NO_APPLICABLE_BAND, ABOVE_REFERENCE -> "Medium";
                case WITHIN_REFERENCE, NOT_REGULATED -> "Low";
            };
        }

        public String pounds(BigDecimal amount) {
            return amount == null ? "" : "£" + String.format(Locale.UK, "%,d", amount.setScale(0, RoundingMode.HALF_UP).longValueExact());
        }
    }

    static final Shown SHOWN = new Shown();

    @ModelAttribute
    void shown(Model model) {
        model.addAttribute("shown", SHOWN);
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.REGULATOR) ? List.of(
                new Link("/regulation/frameworks", "Rates framework", "Each year's versions of the national rates framework: bands, reference and ceiling fees, uplift cap.", 60),
                new Link("/regulation/findings", "Findings", "Findings from fee audits as a work queue: decide the ones providers have answered.", 61))
                : List.of();
    }

    // ------------------------------------------------------------------ rates framework

    @GetMapping("/regulation/frameworks")
    String frameworks(Model model) {
        access.require("Rates framework", Role.REGULATOR);
        model.addAttribute("frameworks", frameworks.list(null));
        return "fees/frameworks";
    }

    @GetMapping("/regulation/frameworks.csv")
    @ResponseBody
    ResponseEntity<String> frameworksCsv() {
        access.require("Rates framework", Role.REGULATOR);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("framework_id", "financial_year", "version", "status", "max_uplift_percent",
                "band", "description", "kind", "complexity", "needs", "reference_rate", "ceiling"))).append("\r\n");
        for (RateFrameworkView f : frameworks.list(null)) {
            for (RateFrameworkView.Band b : f.bands()) {
                // amounts as BigDecimal, so Csv.line writes them as numbers
                csv.append(Csv.line(Arrays.asList(f.id(), f.financialYear(), f.version(), f.status().name(), f.maxUpliftPercent(), b.code(),
                        b.description(), b.kind().name(), b.complexity(), String.join(" ", b.needs()), b.referenceRate(), b.ceiling()))).append("\r\n");
            }
        }
        return Downloads.csv(csv.toString(), "rates-framework");
    }

    // ------------------------------------------------------------------ findings

    @GetMapping("/regulation/findings")
    String findings(@RequestParam(required = false) String status, @RequestParam(required = false) String before, Model model) {
        access.require("Findings", Role.REGULATOR);
        FormErrors errors = new FormErrors();
        FeeFindingFilter filter = filter(status, errors);
        Long beforeId = before == null || before.isBlank() ? null : id("before", before);
        model.addAttribute("status", status);
        model.addAttribute("statuses", statusNames());
        model.addAttribute("verdicts", verdictNames());
        model.addAttribute("errors", errors);
        if (errors.any()) {
            model.addAttribute("rows", List.of());
            model.addAttribute("total", 0);
            return "fees/findings";
        }
        List<FeeFindingView> page = audits.findings(filter, beforeId, PAGE_SIZE + 1);
        model.addAttribute("rows", rows(page.stream().limit(PAGE_SIZE).toList()));
        model.addAttribute("total", audits.countFindings(filter));
        String query = filter.statuses() == null ? "" : "status=" + status;
        model.addAttribute("next", page.size() > PAGE_SIZE ? "?" + (query.isEmpty() ? "" : query + "&") + "before=" + page.get(PAGE_SIZE - 1).id() : null);
        model.addAttribute("first", beforeId == null ? null : "?" + query);
        model.addAttribute("csv", "/regulation/findings.csv" + (query.isEmpty() ? "" : "?" + query));
        return "fees/findings";
    }

    @GetMapping("/regulation/findings.csv")
    @ResponseBody
    ResponseEntity<String> findingsCsv(@RequestParam(required = false) String status) {
        access.require("Findings", Role.REGULATOR);
        FormErrors errors = new FormErrors();
        FeeFindingFilter filter = filter(status, errors);
        if (errors.any()) {
            throw ApiException.badRequest("status", errors.all().getFirst().message());
        }
        return Downloads.csv(audits.csv(filter), "fee-findings");
    }

    @GetMapping("/regulation/findings/{id}")
    String finding(@PathVariable String id, Model model) {
        access.require("Finding", Role.REGULATOR);
        return findingPage(audits.finding("Finding", id), model, null, "", new FormErrors());
    }

    /** Decides an answered finding through the fees service's own workflow; a refusal is shown next to its field, nothing saved. */
    @PostMapping("/regulation/findings/{id}")
    String decide(@PathVariable String id, @RequestParam(required = false) String decision, @RequestParam(required = false) String note,
                  Model model, RedirectAttributes redirect) {
        access.require("Finding", Role.REGULATOR);
        FeeFindingView finding = audits.finding("Finding", id);
        String typedNote = note == null ? "" : note.trim();
        FormErrors errors = new FormErrors();
        FindingStatus chosen = Arrays.stream(FindingStatus.values()).filter(s -> s.name().equals(decision) && DECISIONS.containsKey(s))
                .findFirst().orElse(null);
        if (chosen == null) {
            errors.add("decision", "Select a decision: accept the provider's response, uphold the finding or escalate it");
        }
        if (typedNote.isEmpty()) {
            errors.add("note", "Enter the reason for your decision");
        }
        if (!errors.any()) {
            try {
                audits.setStatus(new SetFeeFindingStatusInput(id, chosen, typedNote));
                redirect.addFlashAttribute("decided", DECISIONS.get(chosen));
                return "redirect:/regulation/findings/" + finding.id();
            } catch (ApiException refused) {
                if (refused.type() != ErrorType.BAD_REQUEST) {
                    throw refused;
                }
                errors.add(refused, Map.of("input.status", "decision", "input.note", "note"), "decision");
            }
        }
        return findingPage(finding, model, decision, typedNote, errors);
    }

    private String findingPage(FeeFindingView finding, Model model, String decision, String note, FormErrors errors) {
        model.addAttribute("row", rows(List.of(finding)).getFirst());
        model.addAttribute("fee", schedules.fees(List.of(finding.feeId())).get(finding.feeId()));
        model.addAttribute("check", schedules.checksById(List.of(finding.checkId())).get(finding.checkId()));
        model.addAttribute("events", audits.events(List.of(finding.id())).getOrDefault(finding.id(), List.of()));
        model.addAttribute("statuses", statusNames());
        model.addAttribute("verdicts", verdictNames());
        model.addAttribute("decisions", DECISIONS);
        // only an answered finding can be decided: the service's workflow, offered only where it would be accepted
        model.addAttribute("decidable", FeeAudits.TRANSITIONS.getOrDefault(finding.status(), List.of()).stream().anyMatch(DECISIONS::containsKey));
        model.addAttribute("decision", decision);
        model.addAttribute("note", note);
        model.addAttribute("errors", errors);
        return "fees/finding";
    }

    private List<FindingRow> rows(List<FeeFindingView> findings) {
        Map<Long, ProviderView> providers = settings.providers(findings.stream().map(FeeFindingView::providerId).collect(Collectors.toSet()));
        Map<Integer, SettingView> byUrn = settings.findAll(findings.stream().map(FeeFindingView::urn).collect(Collectors.toSet()));
        List<FindingRow> rows = new ArrayList<>();
        for (FeeFindingView f : findings) {
            rows.add(new FindingRow(f, providers.get(f.providerId()).name(), byUrn.get(f.urn()).name()));
        }
        return rows;
    }

    /** The status filter; a value that is not one of the choices is a problem with the field. */
    private static FeeFindingFilter filter(String status, FormErrors errors) {
        List<FindingStatus> statuses = null;
        if (status != null && !status.isBlank()) {
            FindingStatus chosen = Arrays.stream(FindingStatus.values()).filter(s -> s.name().equals(status)).findFirst().orElse(null);
            if (chosen == null) {
                errors.add("status", "Select a status from the list");
            } else {
                statuses = List.of(chosen);
            }
        }
        return new FeeFindingFilter(null, null, statuses, null, null, null, null);
    }

    private static long id(String field, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field, "the page to show follows a finding's number, got \"" + text + "\"");
        }
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

    /** The verdicts in words; their order (most serious first, as FeeVerdict is) is the severity the queue shows. */
    static Map<String, String> verdictNames() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("ABOVE_CEILING", "Fee above the ceiling");
        names.put("UPLIFT_ABOVE_CAP", "Uplift above the cap");
        names.put("SURPLUS_ABOVE_CAP", "Surplus above the cap");
        names.put("BREAKDOWN_INCONSISTENT", "Cost breakdown does not add up");
        names.put("BREAKDOWN_MISSING", "Cost breakdown missing");
        names.put("NO_APPLICABLE_BAND", "No band applies");
        names.put("ABOVE_REFERENCE", "Above the reference, not justified");
        names.put("WITHIN_REFERENCE", "Within the reference");
        names.put("NOT_REGULATED", "Not regulated");
        return names;
    }

    private static Map<FindingStatus, String> decisions() {
        Map<FindingStatus, String> decisions = new LinkedHashMap<>();
        decisions.put(FindingStatus.ACCEPTED, "Accept the provider's response");
        decisions.put(FindingStatus.UPHELD, "Uphold the finding");
        decisions.put(FindingStatus.ESCALATED, "Escalate");
        return decisions;
    }
}
