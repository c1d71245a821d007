package uk.sendplan.api.fees;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.fees.FeeAuditRepository.FindingQuery;
import uk.sendplan.api.fees.FeeAuditRepository.NewEvent;
import uk.sendplan.api.fees.FeeAuditRepository.NewFinding;
import uk.sendplan.api.fees.FeeAuditView.ProviderFindingCount;
import uk.sendplan.api.fees.FeeAuditView.Scope;
import uk.sendplan.api.fees.FeeAuditView.Statistic;
import uk.sendplan.api.fees.FeeCheckRunner.Checked;
import uk.sendplan.api.fees.FeeChecker.SettingFacts;
import uk.sendplan.api.fees.FeeFindingView.Event;
import uk.sendplan.api.fees.FeeInputs.FeeFindingFilter;
import uk.sendplan.api.fees.FeeInputs.FeeScopeInput;
import uk.sendplan.api.fees.FeeInputs.SetFeeFindingStatusInput;
import uk.sendplan.api.fees.FeeInputs.VerdictCount;
import uk.sendplan.api.kernel.Ids;
import uk.sendplan.api.kernel.Texts;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.ProviderView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.CurrentUser;
import uk.sendplan.api.system.Page;
import uk.sendplan.db.jooq.tables.records.FeeFindingRecord;
import uk.sendplan.db.types.FeeCheckOccasion;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.FindingStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Regulators' fee audits and the findings they open, worked OPEN -> PROVIDER_RESPONDED -> ACCEPTED / UPHELD /
 * ESCALATED; audit statistics and the findings export. Every change is audited in the same transaction.
 */
@Service
class FeeAudits {

    /** Where a finding may go next; ACCEPTED, UPHELD and ESCALATED are decisions and final. */
    static final Map<FindingStatus, List<FindingStatus>> TRANSITIONS = Map.of(
            FindingStatus.OPEN, List.of(FindingStatus.PROVIDER_RESPONDED),
            FindingStatus.PROVIDER_RESPONDED, List.of(FindingStatus.ACCEPTED, FindingStatus.UPHELD, FindingStatus.ESCALATED));

    static final List<String> CSV_HEADER = List.of("finding_id", "status", "verdict", "financial_year", "urn", "setting_name",
            "setting_type", "la_code", "region_code", "provider_id", "provider_name", "for_profit", "band", "kind", "fee_revision",
            "annual_fee", "adjusted_reference", "adjusted_ceiling", "excess_over_reference", "excess_over_reference_percent",
            "previous_fee", "uplift_percent", "max_uplift_percent", "surplus", "surplus_cap_percent", "surplus_cap", "excess_over_surplus_cap",
            "breakdown_total", "breakdown_difference", "justification", "framework_id", "framework_version",
            "audit_id", "opened_at", "updated_at", "last_note", "last_actor", "reasons");

    private final FeeAuditRepository audits;
    private final FeeRepository fees;
    private final FeeCheckRunner checks;
    private final RateFrameworks frameworks;
    private final SettingService settings;
    private final ReferenceData reference;
    private final AuditTrail audit;
    private final CurrentUser currentUser;

    private final FeeAccess access;

    FeeAudits(FeeAuditRepository audits, FeeRepository fees, FeeCheckRunner checks, RateFrameworks frameworks,
              SettingService settings, ReferenceData reference, AuditTrail audit, CurrentUser currentUser, FeeAccess access) {
        this.access = access;
        this.audits = audits;
        this.fees = fees;
        this.checks = checks;
        this.frameworks = frameworks;
        this.settings = settings;
        this.reference = reference;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    // ------------------------------------------------------------------ audits

    /**
     * Checks every current fee of a year in scope against the published framework and opens a finding on each fee
     * that needs one and has none yet (one finding per fee revision, so re-running an audit raises nothing twice).
     */
    @Transactional
    FeeAuditView run(String financialYear, FeeScopeInput scopeInput) {
        Prepared prepared = prepare(financialYear, scopeInput);
        String year = prepared.year();
        Scope scope = prepared.scope();
        RateFrameworkView framework = prepared.framework();
        List<FeeView> all = fees.current(year, null);
        Map<Integer, SettingFacts> facts = checks.facts(all);
        List<FeeView> inScope = all.stream().filter(f -> scope.contains(facts.get(f.urn()))).toList();
        List<Checked> checked = checks.check(framework, inScope, facts);

        List<Checked> flagged = checked.stream().filter(c -> c.outcome().opensFinding()).toList();
        Set<Long> alreadyRaised = audits.feesWithFindings(flagged.stream().map(c -> c.fee().id()).toList());
        List<Checked> toOpen = flagged.stream().filter(c -> !alreadyRaised.contains(c.fee().id())).toList();
        String actor = currentUser.name();
        long auditId = audits.insertAudit(year, framework.id(), scope, actor, checked.size(), toOpen.size(), alreadyRaised.size());
        checks.store(framework, checked, FeeCheckOccasion.AUDIT, auditId);
        Map<Long, Long> checkIds = fees.checkIdsOfAudit(auditId);
        Map<Long, Long> findingIds = audits.insertFindings(toOpen.stream()
                .map(c -> new NewFinding(c.fee().id(), auditId, checkIds.get(c.fee().id()), c.outcome().verdict())).toList());

        List<NewEvent> openings = new ArrayList<>();
        List<AuditTrail.Change> changes = new ArrayList<>();
        FeeAuditSnapshot summary = new FeeAuditSnapshot(year, framework.id(), FeeAuditSnapshot.Scope.of(scope), checked.size(),
                FeeCheckRunner.verdictCounts(checked), toOpen.size(), alreadyRaised.size());
        changes.add(new AuditTrail.Change("FEE_AUDIT_RUN", "fee_audit", String.valueOf(auditId), null, summary, null));
        for (Checked c : toOpen) {
            long findingId = findingIds.get(c.fee().id());
            FeeVerdict verdict = c.outcome().verdict();
            openings.add(new NewEvent(findingId, null, FindingStatus.OPEN, "Opened by fee audit " + auditId + ": " + verdict
                    + (verdict == FeeVerdict.ABOVE_REFERENCE ? " without a justification" : "") + alsoBroken(c.outcome()), actor));
            var after = new FeeAuditSnapshot.FindingOpened(FindingStatus.OPEN, verdict, auditId, FeeSnapshot.of(c.fee(), c.outcome()),
                    c.fee().urn(), year);
            changes.add(new AuditTrail.Change("FEE_FINDING_OPENED", "fee_finding", String.valueOf(findingId), null, after, null));
        }
        audits.insertEvents(openings);
        audit.recordAll(changes);
        return audits.find(auditId).orElseThrow();
    }

    /** What an audit needs before it checks a fee: the year written right, its published framework, a known scope. */
    private record Prepared(String year, Scope scope, RateFrameworkView framework) {
    }

    private Prepared prepare(String financialYear, FeeScopeInput scopeInput) {
        access.regulator("runFeeAudit");
        String year = FeeRules.financialYear("financialYear", financialYear);
        Scope scope = scope(scopeInput);
        return new Prepared(year, scope, frameworks.requirePublished("financialYear", year));
    }

    /** Refuses as {@link #run} would before its work, writing nothing: the pages ask first, then run it in the background. */
    @Transactional(readOnly = true)
    void validate(String financialYear, FeeScopeInput scopeInput) {
        prepare(financialYear, scopeInput);
    }

    /**
     * The other non-compliant rules a fee broke besides its verdict's, so the opening names every one ("; also
     * BREAKDOWN_INCONSISTENT"); being above the reference or without a band is left out, as it opens nothing on its own.
     */
    private static String alsoBroken(FeeChecker.Outcome outcome) {
        List<String> others = outcome.rules().stream().filter(r -> r.outcome() == FeeChecker.RuleOutcome.BROKEN)
                .map(FeeChecker.RuleResult::verdict).filter(v -> v != outcome.verdict() && FeeChecker.opensFinding(v, true))
                .map(Enum::name).toList();
        return others.isEmpty() ? "" : "; also " + String.join(", ", others);
    }

    private Scope scope(FeeScopeInput input) {
        if (input == null) {
            return new Scope(null, null, null);
        }
        if (input.regionCode() != null) {
            reference.requireRegion("scope.regionCode", input.regionCode());
        }
        if (input.laCode() != null) {
            var la = reference.requireLocalAuthority("scope.laCode", input.laCode());
            // both given means the LA within the region: one outside it would audit nothing and say nothing of why
            if (input.regionCode() != null && !la.regionCode().equals(input.regionCode())) {
                throw ApiException.badRequest("scope.laCode", "LA " + la.code() + " (" + la.name() + ") is not in region " + input.regionCode()
                        + "; give the LA alone, or an LA of that region");
            }
        }
        Long providerId = null;
        if (input.providerId() != null) {
            providerId = Ids.parse("scope.providerId", input.providerId());
            if (settings.provider(providerId).isEmpty()) {
                throw ApiException.badRequest("scope.providerId", "no provider with id " + input.providerId());
            }
        }
        return new Scope(input.regionCode(), input.laCode(), providerId);
    }

    Optional<FeeAuditView> find(long id) {
        access.regulator("feeAudit");
        return audits.find(id);
    }

    /** Audits reached through another record ({@code field}): the regulator's, as {@link #find} is. */
    Map<Long, FeeAuditView> findAllFor(String field, Collection<Long> ids) {
        access.regulator(field);
        return audits.findAll(ids);
    }

    List<FeeAuditView> list(String financialYear, Long beforeId, int limit) {
        access.regulator("feeAudits");
        return audits.list(financialYear == null ? null : FeeRules.financialYear("financialYear", financialYear), beforeId, limit);
    }

    List<VerdictCount> verdicts(long auditId) {
        Map<FeeVerdict, Integer> counts = audits.verdicts(auditId);
        return counts.entrySet().stream().map(e -> new VerdictCount(e.getKey(), e.getValue())).toList();
    }

    List<Statistic> statistics(long auditId) {
        return audits.statistics(auditId);
    }

    List<ProviderFindingCount> providersWithMostFindings(long auditId, int first) {
        return audits.providersWithMostFindings(auditId, Page.checkFirst("first", first));
    }

    // ------------------------------------------------------------------ findings

    /** A finding the actor may see (a provider only its own); otherwise out of scope, whether or not it exists. */
    FeeFindingView finding(String operation, String id) {
        FeeFindingView finding = audits.finding(access.access().idInScope(operation, id)).orElse(null);
        access.requireFinding(operation, finding);
        return finding;
    }

    /** Findings reached through their fees ({@code field}): the regulator's, and a provider's own, as {@link #finding} is. */
    Map<Long, FeeFindingView> findingsByFee(String field, Collection<Long> feeIds) {
        Long own = access.findingScope(field);
        Map<Long, FeeFindingView> byFee = audits.findingsByFee(feeIds);
        if (own != null && byFee.values().stream().anyMatch(f -> f.providerId() != own)) {
            throw access.access().outOfScope(field);
        }
        return byFee;
    }

    List<FeeFindingView> findings(FeeFindingFilter filter, Long beforeId, int limit) {
        return audits.findings(query("feeFindings", filter), beforeId, limit);
    }

    int countFindings(FeeFindingFilter filter) {
        return audits.countFindings(query("feeFindings", filter));
    }

    Map<Long, List<Event>> events(Collection<Long> findingIds) {
        return audits.events(findingIds);
    }

    /** The filter as a query, narrowed to a provider's own findings when a provider asks. */
    private FindingQuery query(String operation, FeeFindingFilter f) {
        Long own = access.findingScope(operation);
        if (own != null && f != null && f.providerId() != null && !String.valueOf(own).equals(f.providerId())) {
            throw access.access().outOfScope(operation);
        }
        if (f == null) {
            return new FindingQuery(null, null, null, null, own, null, null);
        }
        if (f.regionCode() != null) {
            reference.requireRegion("filter.regionCode", f.regionCode());
        }
        return new FindingQuery(f.financialYear() == null ? null : FeeRules.financialYear("filter.financialYear", f.financialYear()),
                f.auditId() == null ? null : Ids.parse("filter.auditId", f.auditId()), f.statuses(), f.verdict(),
                own != null ? own : f.providerId() == null ? null : Ids.parse("filter.providerId", f.providerId()), f.urn(), f.regionCode());
    }

    /** Moves a finding on by one legal step, with a note, recording who did it. */
    @Transactional
    FeeFindingView setStatus(SetFeeFindingStatusInput input) {
        Long own = access.findingScope("setFeeFindingStatus");
        long id = access.access().idInScope("setFeeFindingStatus", input.id());
        FeeFindingView seen = audits.finding(id).filter(f -> own == null || f.providerId() == own)
                .orElseThrow(() -> access.access().outOfScope("setFeeFindingStatus"));
        FeeFindingRecord finding = audits.lockFinding(id).orElseThrow();
        // the provider answers its finding; only the regulator decides it
        if ((own != null) != (input.status() == FindingStatus.PROVIDER_RESPONDED)) {
            throw ApiException.forbidden("setFeeFindingStatus: " + (own != null
                    ? "a provider responds to its findings (PROVIDER_RESPONDED); only a regulator decides them"
                    : "PROVIDER_RESPONDED is the provider's own response; a regulator decides (ACCEPTED, UPHELD or ESCALATED)"));
        }
        String note = Texts.required("input.note", input.note());
        FindingStatus from = finding.getStatus();
        List<FindingStatus> allowed = TRANSITIONS.getOrDefault(from, List.of());
        if (!allowed.contains(input.status())) {
            throw ApiException.badRequest("input.status", "finding " + id + " cannot move from " + from + " to " + input.status()
                    + (allowed.isEmpty() ? ": " + from + " is a final decision" : "; from " + from + " it can only move to " + String.join(" or ", allowed.stream().map(FindingStatus::name).toList())));
        }
        finding.setStatus(input.status());
        finding.setUpdatedAt(Instant.now());
        audits.updateFinding(finding);
        audits.insertEvents(List.of(new NewEvent(id, from, input.status(), note, currentUser.name())));
        audit.record(new AuditTrail.Scope(null, seen.providerId(), false), "FEE_FINDING_STATUS_CHANGED", "fee_finding", id,
                new FeeAuditSnapshot.FindingState(from), new FeeAuditSnapshot.FindingState(input.status()), note);
        return audits.finding(id).orElseThrow();
    }

    /** The matching findings as RFC 4180 CSV, oldest first, with the numbers of the check that opened each. */
    String csv(FeeFindingFilter filter) {
        List<FeeFindingView> findings = audits.allFindings(query("feeFindingsCsv", filter));
        Map<Long, FeeView> feesById = fees.findAll(findings.stream().map(FeeFindingView::feeId).toList());
        Map<Long, FeeCheckView> checksById = fees.checksById(findings.stream().map(FeeFindingView::checkId).toList());
        Map<Long, RateFrameworkView> frameworksById = frameworks.findAll(checksById.values().stream().map(FeeCheckView::frameworkId).collect(Collectors.toSet()));
        Map<Integer, SettingView> settingsByUrn = settings.findAll(findings.stream().map(FeeFindingView::urn).collect(Collectors.toSet()));
        Map<Long, ProviderView> providers = settings.providers(findings.stream().map(FeeFindingView::providerId).collect(Collectors.toSet()));
        Map<Long, List<Event>> events = audits.events(findings.stream().map(FeeFindingView::id).toList());
        StringBuilder out = new StringBuilder(Csv.line(CSV_HEADER)).append("\r\n");
        for (FeeFindingView f : findings) {
            FeeView fee = feesById.get(f.feeId());
            FeeCheckView check = checksById.get(f.checkId());
            Event last = events.get(f.id()).getLast();
            List<Object> row = new ArrayList<>();
            row.add(f.id());
            row.add(f.status());
            row.add(f.verdict());
            row.add(f.financialYear());
            row.add(f.urn());
            row.add(settingsByUrn.get(f.urn()).name());
            row.add(check.settingType());
            row.add(check.laCode());
            row.add(check.regionCode());
            row.add(f.providerId());
            row.add(providers.get(f.providerId()).name());
            row.add(check.forProfit());
            row.add(fee.band());
            row.add(fee.kind());
            row.add(fee.revision());
            // amounts go in as BigDecimal, so Csv.line writes them as numbers (a negative excess stays a number)
            row.add(fee.annualFee());
            row.add(check.adjustedReference());
            row.add(check.adjustedCeiling());
            row.add(check.excessOverReference());
            row.add(check.excessOverReferencePercent());
            row.add(check.previousFee());
            row.add(check.upliftPercent());
            row.add(check.maxUpliftPercent());
            row.add(check.surplus());
            row.add(check.surplusCapPercent());
            row.add(check.surplusCap());
            row.add(check.excessOverSurplusCap());
            row.add(check.breakdownTotal());
            row.add(check.breakdownDifference());
            row.add(fee.justification());
            row.add(check.frameworkId());
            row.add(frameworksById.get(check.frameworkId()).version());
            row.add(f.auditId());
            row.add(f.openedAt());
            row.add(f.updatedAt());
            row.add(last.note());
            row.add(last.actor());
            row.add(String.join(" | ", check.reasons()));
            out.append(Csv.line(row)).append("\r\n");
        }
        return out.toString();
    }
}
