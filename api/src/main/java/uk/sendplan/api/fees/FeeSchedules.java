package uk.sendplan.api.fees;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.fees.FeeCheckRunner.Checked;
import uk.sendplan.api.fees.FeeChecker.Costs;
import uk.sendplan.api.fees.FeeChecker.Outcome;
import uk.sendplan.api.fees.FeeChecker.SettingFacts;
import uk.sendplan.api.fees.FeeInputs.CheckFeeInput;
import uk.sendplan.api.fees.FeeInputs.CostBreakdownInput;
import uk.sendplan.api.fees.FeeInputs.FeeInput;
import uk.sendplan.api.fees.FeeInputs.ReviseFeeInput;
import uk.sendplan.api.fees.FeeInputs.SubmitFeesInput;
import uk.sendplan.api.fees.FeeRepository.NewFee;
import uk.sendplan.api.fees.FeeView.Breakdown;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.kernel.Texts;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.CurrentUser;
import uk.sendplan.db.types.FeeCheckOccasion;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.RegistrationStatus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Providers' fee schedules: submissions and explicit revisions (a stored fee is never overwritten), each checked on
 * submission against the published framework of its year, and checks of proposed fees that store nothing.
 */
@Service
class FeeSchedules {

    private final FeeRepository fees;
    private final RateFrameworks frameworks;
    private final FeeCheckRunner checks;
    private final SettingFactsLoader settingFacts;
    private final SettingService settings;
    private final AuditTrail audit;
    private final CurrentUser currentUser;

    private final FeeAccess access;

    FeeSchedules(FeeRepository fees, RateFrameworks frameworks, FeeCheckRunner checks, SettingFactsLoader settingFacts,
                 SettingService settings, AuditTrail audit, CurrentUser currentUser, FeeAccess access) {
        this.access = access;
        this.fees = fees;
        this.frameworks = frameworks;
        this.checks = checks;
        this.settingFacts = settingFacts;
        this.settings = settings;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    // ------------------------------------------------------------------ reads

    /** A setting's current fees for a year. */
    List<FeeView> schedule(int urn, String financialYear) {
        access.readFees("fees", urn);
        String year = FeeRules.financialYear("financialYear", financialYear);
        if (settings.find(urn).isEmpty()) {
            throw ApiException.notFound("urn", "no setting with URN " + urn);
        }
        return fees.current(year, List.of(urn));
    }

    /** One fee, if the actor may see it (a provider only its own settings'); otherwise out of scope. */
    FeeView fee(String operation, long id) {
        FeeView fee = fees.find(id).orElseThrow(() -> access.access().outOfScope(operation));
        access.readFees(operation, fee.urn());
        return fee;
    }

    Map<Long, FeeView> fees(Collection<Long> ids) {
        return fees.findAll(ids);
    }

    List<FeeView> revisions(FeeView fee) {
        return fees.revisions(fee.urn(), fee.financialYear(), fee.band(), fee.kind());
    }

    Map<Long, FeeCheckView> latestChecks(Collection<Long> feeIds) {
        return fees.latestChecks(feeIds);
    }

    /** One setting's fees for a year fit in one submission; the query cost model counts on it for SubmitFeesPayload.fees. */
    static final int MAX_FEES_PER_SUBMISSION = 50;

    /** Fee.checks returns at most this many, newest first (the query cost model counts on it). */
    static final int MAX_CHECKS = 100;

    List<FeeCheckView> checks(long feeId) {
        return fees.checks(feeId, MAX_CHECKS);
    }

    Map<Long, FeeCheckView> checksById(Collection<Long> ids) {
        return fees.checksById(ids);
    }

    /** Current fees of many settings for a year with their latest verdicts, by URN, kind and band (see FeeService.currentFees). */
    List<FeeService.SettingFee> currentWithVerdicts(String financialYear, Collection<Integer> urns) {
        return fees.currentWithVerdicts(financialYear, urns);
    }

    /** Current fees of many settings for a year, by URN. */
    Map<Integer, List<FeeView>> current(String financialYear, Collection<Integer> urns) {
        return fees.current(financialYear, urns).stream().collect(Collectors.groupingBy(FeeView::urn, TreeMap::new, Collectors.toList()));
    }

    // ------------------------------------------------------------------ checks of proposed fees

    /** A proposal with or without its breakdown is checked as a submitted fee would be, the breakdown rules included. */
    FeeCheckView checkProposed(CheckFeeInput input) {
        access.readFees("checkFee", input.urn());
        long pence = FeeRules.annualAmount("input.annualFee", input.annualFee());
        return proposed("input", FeeRules.financialYear("input.financialYear", input.financialYear()), input.urn(), input.band(),
                input.kind(), pence, input.need(), FeeRules.optionalText(input.justification()) != null, null,
                Costs.of(breakdown("input.breakdown", input.breakdown())));
    }

    /** Checks a fee as a submission would be checked, storing nothing; the breakdown rules are not applied (see {@link Costs}). */
    FeeCheckView proposed(String field, String financialYear, int urn, int band, ProvisionKind kind, long annualFeePence, String need,
                          boolean justified) {
        return proposed(field, financialYear, urn, band, kind, annualFeePence, need, justified, null, Costs.NOT_ASSESSED);
    }

    /**
     * As {@link #proposed(String, String, int, int, ProvisionKind, long, String, boolean)}, with the uplift measured
     * against {@code previousFeePence} when given (a placement agreement's fee) instead of last year's schedule, and
     * the breakdown rules applied to {@code costs}.
     */
    FeeCheckView proposed(String field, String financialYear, int urn, int band, ProvisionKind kind, long annualFeePence, String need,
                          boolean justified, Long previousFeePence, Costs costs) {
        SettingFacts setting = settingFacts.load(List.of(urn)).get(urn);
        if (setting == null) {
            throw ApiException.notFound(field + ".urn", "no setting with URN " + urn);
        }
        FeeRules.band(field + ".band", band);
        RateFrameworkView framework = frameworks.requirePublished(field + ".financialYear", financialYear);
        Long previous = previousFeePence != null ? previousFeePence
                : fees.currentFee(urn, FeeRules.previousYear(financialYear), band, kind).map(FeeView::annualFeePence).orElse(null);
        Outcome outcome = FeeChecker.check(framework, setting, band, kind, annualFeePence, justified, previous, need, costs);
        return FeeCheckView.proposal(framework.id(), annualFeePence, outcome, costs.assessed());
    }

    // ------------------------------------------------------------------ submissions

    @Transactional
    List<FeeView> submit(SubmitFeesInput input) {
        access.writeFees("submitFees", input.urn());
        String year = FeeRules.financialYear("input.financialYear", input.financialYear());
        requireSettingTakingFees(input.urn());
        RateFrameworkView framework = frameworks.requirePublished("input.financialYear", year);
        if (input.fees().isEmpty()) {
            throw ApiException.badRequest("input.fees", "give at least one fee");
        }
        if (input.fees().size() > MAX_FEES_PER_SUBMISSION) {
            throw ApiException.badRequest("input.fees", "a submission holds at most " + MAX_FEES_PER_SUBMISSION
                    + " fees (one setting's bands and kinds for a year), got " + input.fees().size());
        }
        Map<FeeView.Key, FeeView> existing = new LinkedHashMap<>();
        fees.current(year, List.of(input.urn())).forEach(f -> existing.put(f.key(), f));
        Set<FeeView.Key> given = new HashSet<>();
        List<NewFee> newFees = new ArrayList<>();
        for (int i = 0; i < input.fees().size(); i++) {
            FeeInput in = input.fees().get(i);
            String at = "input.fees[" + i + "]";
            NewFee fee = newFee(at, input.urn(), year, in.band(), in.kind(), 1, in.annualFee(), in.breakdown(), in.justification(), null);
            FeeView.Key key = new FeeView.Key(input.urn(), fee.band(), fee.kind());
            if (!given.add(key)) {
                throw ApiException.badRequest(at, "band " + fee.band() + " " + fee.kind() + " is given twice");
            }
            FeeView current = existing.get(key);
            if (current != null) {
                throw ApiException.badRequest(at, "setting " + input.urn() + " already has a fee for " + year + " " + current.label()
                        + " (revision " + current.revision() + "); a change must be an explicit revision with reviseFee, which keeps the old one");
            }
            newFees.add(fee);
        }
        List<FeeView> stored = fees.insert(newFees, currentUser.name());
        List<Checked> checked = checks.check(framework, stored);
        checks.store(framework, checked, FeeCheckOccasion.SUBMISSION, null);
        audit.record(scope(input.urn()), "FEES_SUBMITTED", "fee_schedule", FeeView.scheduleId(input.urn(), year), null,
                FeeSnapshot.Schedule.of(input.urn(), year, checked), null);
        return stored;
    }

    @Transactional
    FeeView revise(ReviseFeeInput input) {
        access.writeFees("reviseFee", input.urn());
        String year = FeeRules.financialYear("input.financialYear", input.financialYear());
        requireSettingTakingFees(input.urn());
        RateFrameworkView framework = frameworks.requirePublished("input.financialYear", year);
        int band = FeeRules.band("input.band", input.band());
        String reason = Texts.required("input.reason", input.reason());
        FeeView current = fees.currentFee(input.urn(), year, band, input.kind()).orElseThrow(() -> ApiException.notFound("input",
                "setting " + input.urn() + " has no fee for " + year + " band " + band + " " + input.kind() + " to revise; state it with submitFees"));
        if (input.revises() != current.revision()) {
            throw ApiException.badRequest("input.revises", "the current revision is " + current.revision() + ", not " + input.revises()
                    + "; read the fee again before revising it");
        }
        NewFee fee = newFee("input", input.urn(), year, band, input.kind(), current.revision() + 1, input.annualFee(), input.breakdown(),
                input.justification(), reason);
        FeeView stored = fees.insert(List.of(fee), currentUser.name()).getFirst();
        List<Checked> checked = checks.check(framework, List.of(stored));
        checks.store(framework, checked, FeeCheckOccasion.SUBMISSION, null);
        audit.record(scope(input.urn()), "FEE_REVISED", "fee_schedule", stored.scheduleId(), FeeSnapshot.of(current, null),
                FeeSnapshot.of(stored, checked.getFirst().outcome()), reason);
        return stored;
    }

    /**
     * Fee records, cost breakdowns included, are their provider's (and the regulator's) to read in the audit trail:
     * no LA scope, so a commissioner's view of the trail never shows a breakdown.
     */
    private AuditTrail.Scope scope(int urn) {
        return settings.find(urn).map(s -> new AuditTrail.Scope(null, s.providerId(), false)).orElse(AuditTrail.Scope.NONE);
    }

    /**
     * Stores fees in bulk, checked against each year's published framework, years in order so a year's uplifts are
     * checked against the year before; one audit record per setting and year. For generated data (demo, benchmarks):
     * the fees are trusted to follow the rules, and the database enforces them anyway. {@code facts} covers their settings.
     */
    @Transactional
    int load(List<NewFee> newFees, Map<Integer, SettingFacts> facts, String reason) {
        Map<String, List<NewFee>> byYear = newFees.stream().collect(Collectors.groupingBy(NewFee::financialYear, TreeMap::new, Collectors.toList()));
        List<AuditTrail.Change> changes = new ArrayList<>();
        for (var year : byYear.entrySet()) {
            RateFrameworkView framework = frameworks.requirePublished("financialYear", year.getKey());
            List<FeeView> stored = fees.insert(year.getValue(), currentUser.name());
            List<Checked> checked = checks.check(framework, stored, facts);
            checks.store(framework, checked, FeeCheckOccasion.SUBMISSION, null);
            Map<Integer, List<Checked>> bySetting = checked.stream().collect(Collectors.groupingBy(c -> c.fee().urn(), TreeMap::new, Collectors.toList()));
            bySetting.forEach((urn, schedule) -> changes.add(new AuditTrail.Change("FEES_SUBMITTED", "fee_schedule",
                    FeeView.scheduleId(urn, year.getKey()), null, FeeSnapshot.Schedule.of(urn, year.getKey(), schedule), reason)));
        }
        audit.recordAll(changes);
        return newFees.size();
    }

    // ------------------------------------------------------------------ rules

    /** The setting must exist and not be closed (a suspended one still states fees: it may be reinstated). */
    private void requireSettingTakingFees(int urn) {
        SettingView setting = settings.find(urn).orElseThrow(() -> ApiException.notFound("input.urn", "no setting with URN " + urn));
        if (setting.registrationStatus() == RegistrationStatus.CLOSED) {
            throw ApiException.badRequest("input.urn", "setting " + urn + " is CLOSED; fees are stated only for open or suspended settings");
        }
    }

    private static NewFee newFee(String at, int urn, String year, int band, ProvisionKind kind, int revision, BigDecimal annualFee,
                                 CostBreakdownInput breakdown, String justification, String revisionReason) {
        FeeRules.band(at + ".band", band);
        long pence = FeeRules.annualAmount(at + ".annualFee", annualFee);
        return new NewFee(urn, year, band, kind, revision, pence, breakdown(at + ".breakdown", breakdown),
                FeeRules.optionalText(justification), revisionReason);
    }

    /**
     * A breakdown as stated, each part from 0 to the largest fee. Parts that do not add up to the fee are stored as
     * given: the check reports them (BREAKDOWN_INCONSISTENT, with the difference) for the regulator to act on.
     */
    private static Breakdown breakdown(String field, CostBreakdownInput in) {
        if (in == null) {
            return null;
        }
        return new Breakdown(FeeRules.costPart(field + ".education", in.education()), FeeRules.costPart(field + ".care", in.care()),
                FeeRules.costPart(field + ".therapies", in.therapies()), FeeRules.costPart(field + ".transport", in.transport()),
                FeeRules.costPart(field + ".overheads", in.overheads()), FeeRules.costPart(field + ".surplus", in.surplus()));
    }
}
