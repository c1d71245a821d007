package uk.sendplan.api.fees;

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
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.FeeVerdicts;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.Pages;
import uk.sendplan.api.web.Shown;
import uk.sendplan.db.types.FindingStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Findings from fee audits, worked from both sides of the same pages: the regulator's work queue
 * (/regulation/findings: every provider's, decided once answered) and a provider's own (/provider/findings: answered
 * with the provider's response). The fees service narrows a provider to its own findings and allows each side only its
 * own step of the workflow; a problem with a form is shown next to its field and nothing is saved.
 */
@Pages
class FindingPages implements PageLinks {

    static final int PAGE_SIZE = 50;

    /** Who works the findings on a page, where their pages are and which step of the workflow is theirs. */
    enum Side {
        REGULATOR(Role.REGULATOR, "/regulation/findings"),
        PROVIDER(Role.PROVIDER, "/provider/findings");

        final Role role;
        final String path;

        Side(Role role, String path) {
            this.role = role;
            this.path = path;
        }

        /** Whether this side takes the finding's next step: a provider answers an open finding, the regulator decides an answered one. */
        boolean acts(FindingStatus status) {
            List<FindingStatus> next = FeeAudits.TRANSITIONS.getOrDefault(status, List.of());
            return this == PROVIDER ? next.contains(FindingStatus.PROVIDER_RESPONDED) : next.stream().anyMatch(DECISIONS::containsKey);
        }
    }

    /** A finding as a row of the work queue: the finding with the names it is read by. */
    record FindingRow(FeeFindingView finding, String providerName, String settingName) {
    }

    /** The decisions a regulator may take on an answered finding, in the words the form offers them. */
    static final Map<FindingStatus, String> DECISIONS = decisions();

    private final FeeAudits audits;
    private final FeeSchedules schedules;
    private final SettingService settings;
    private final Access access;

    FindingPages(FeeAudits audits, FeeSchedules schedules, SettingService settings, Access access) {
        this.audits = audits;
        this.schedules = schedules;
        this.settings = settings;
        this.access = access;
    }

    @ModelAttribute
    void shown(Model model) {
        model.addAttribute("shown", Shown.SHOWN);
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        if (actor.is(Role.REGULATOR)) {
            return List.of(new Link(Side.REGULATOR.path, "Findings", "Findings from fee audits as a work queue: decide the ones providers have answered.", 61));
        }
        return actor.is(Role.PROVIDER)
                ? List.of(new Link(Side.PROVIDER.path, "Findings", "Findings the regulator's fee audits opened on your fees: answer each one.", 21))
                : List.of();
    }

    @GetMapping("/regulation/findings")
    String regulatorFindings(@RequestParam(required = false) String status, @RequestParam(required = false) String before, Model model) {
        return findings(Side.REGULATOR, status, before, model);
    }

    @GetMapping("/provider/findings")
    String providerFindings(@RequestParam(required = false) String status, @RequestParam(required = false) String before, Model model) {
        return findings(Side.PROVIDER, status, before, model);
    }

    @GetMapping("/regulation/findings.csv")
    @ResponseBody
    ResponseEntity<String> regulatorCsv(@RequestParam(required = false) String status) {
        return csv(Side.REGULATOR, status);
    }

    @GetMapping("/provider/findings.csv")
    @ResponseBody
    ResponseEntity<String> providerCsv(@RequestParam(required = false) String status) {
        return csv(Side.PROVIDER, status);
    }

    @GetMapping("/regulation/findings/{id}")
    String regulatorFinding(@PathVariable String id, Model model) {
        access.require("Finding", Role.REGULATOR);
        return findingPage(Side.REGULATOR, audits.finding("Finding", id), model, null, "", new FormErrors());
    }

    @GetMapping("/provider/findings/{id}")
    String providerFinding(@PathVariable String id, Model model) {
        access.require("Finding", Role.PROVIDER);
        return findingPage(Side.PROVIDER, audits.finding("Finding", id), model, null, "", new FormErrors());
    }

    /** Decides an answered finding through the fees service's own workflow. */
    @PostMapping("/regulation/findings/{id}")
    String decide(@PathVariable String id, @RequestParam(required = false) String decision, @RequestParam(required = false) String note,
                  Model model, RedirectAttributes redirect) {
        access.require("Finding", Role.REGULATOR);
        FindingStatus chosen = Arrays.stream(FindingStatus.values()).filter(s -> s.name().equals(decision) && DECISIONS.containsKey(s))
                .findFirst().orElse(null);
        FormErrors errors = new FormErrors();
        if (chosen == null) {
            errors.add("decision", "Select a decision: accept the provider's response, uphold the finding or escalate it");
        }
        return move(Side.REGULATOR, id, chosen, decision, note, "Enter the reason for your decision", errors, model, redirect);
    }

    /** The provider's response to an open finding: the finding then waits for the regulator's decision. */
    @PostMapping("/provider/findings/{id}")
    String respond(@PathVariable String id, @RequestParam(required = false) String note, Model model, RedirectAttributes redirect) {
        access.require("Finding", Role.PROVIDER);
        return move(Side.PROVIDER, id, FindingStatus.PROVIDER_RESPONDED, null, note, "Enter your response: what the fee pays for and why",
                new FormErrors(), model, redirect);
    }

    private String move(Side side, String id, FindingStatus to, String decision, String note, String noteMissing, FormErrors errors,
                        Model model, RedirectAttributes redirect) {
        FeeFindingView finding = audits.finding("Finding", id);
        String typedNote = errors.requireReason("note", note, noteMissing);
        if (!errors.any()) {
            String statusField = side == Side.PROVIDER ? "note" : "decision";
            if (errors.attemptRun(() -> audits.setStatus(new SetFeeFindingStatusInput(id, to, typedNote)),
                    Map.of("input.status", statusField, "input.note", "note"), statusField)) {
                redirect.addFlashAttribute("moved", side == Side.PROVIDER ? "Your response is sent to the regulator" : "Decided: " + DECISIONS.get(to));
                return "redirect:" + side.path + "/" + finding.id();
            }
        }
        return findingPage(side, finding, model, decision, typedNote, errors);
    }

    private String findings(Side side, String status, String before, Model model) {
        access.require("Findings", side.role);
        FormErrors errors = new FormErrors();
        FeeFindingFilter filter = filter(status, errors);
        Long beforeId = before == null || before.isBlank() ? null : id("before", before);
        model.addAttribute("side", side.name());
        model.addAttribute("base", side.path);
        model.addAttribute("status", status);
        model.addAttribute("statuses", RegulationPages.statusNames());
        model.addAttribute("verdicts", FeeVerdicts.names());
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
        model.addAttribute("csv", side.path + ".csv" + (query.isEmpty() ? "" : "?" + query));
        return "fees/findings";
    }

    private ResponseEntity<String> csv(Side side, String status) {
        access.require("Findings", side.role);
        FormErrors errors = new FormErrors();
        FeeFindingFilter filter = filter(status, errors);
        if (errors.any()) {
            throw ApiException.badRequest("status", errors.all().getFirst().message());
        }
        return Downloads.csv(audits.csv(filter), "fee-findings");
    }

    private String findingPage(Side side, FeeFindingView finding, Model model, String decision, String note, FormErrors errors) {
        model.addAttribute("side", side.name());
        model.addAttribute("base", side.path);
        model.addAttribute("row", rows(List.of(finding)).getFirst());
        model.addAttribute("fee", schedules.fees(List.of(finding.feeId())).get(finding.feeId()));
        model.addAttribute("check", schedules.checksById(List.of(finding.checkId())).get(finding.checkId()));
        model.addAttribute("events", audits.events(List.of(finding.id())).getOrDefault(finding.id(), List.of()));
        model.addAttribute("statuses", RegulationPages.statusNames());
        model.addAttribute("verdicts", FeeVerdicts.names());
        model.addAttribute("decisions", DECISIONS);
        // the form is offered only where the service would accept this side's step
        model.addAttribute("actionable", side.acts(finding.status()));
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

    private static Map<FindingStatus, String> decisions() {
        Map<FindingStatus, String> decisions = new LinkedHashMap<>();
        decisions.put(FindingStatus.ACCEPTED, "Accept the provider's response");
        decisions.put(FindingStatus.UPHELD, "Uphold the finding");
        decisions.put(FindingStatus.ESCALATED, "Escalate");
        return decisions;
    }
}
