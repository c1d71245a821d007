package uk.sendplan.api.fees;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.fees.FeeCheckRunner.Checked;
import uk.sendplan.api.fees.FeeInputs.AreaAdjustmentInput;
import uk.sendplan.api.fees.FeeInputs.CreateRateFrameworkInput;
import uk.sendplan.api.fees.FeeInputs.PublishRateFrameworkInput;
import uk.sendplan.api.fees.FeeInputs.PublishRateFrameworkPayload;
import uk.sendplan.api.fees.FeeInputs.UpdateRateFrameworkInput;
import uk.sendplan.api.fees.FeeInputs.VerdictCount;
import uk.sendplan.api.fees.RateFrameworkView.AreaAdjustment;
import uk.sendplan.api.fees.RateFrameworkView.Band;
import uk.sendplan.api.fees.RateFrameworkView.Transparency;
import uk.sendplan.api.kernel.Ids;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.kernel.Texts;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.CurrentUser;
import uk.sendplan.db.jooq.tables.records.RateFrameworkRecord;
import uk.sendplan.db.types.FeeCheckOccasion;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.RateFrameworkStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The national rates framework: drafts, their publication (a published version never changes; a correction is a new
 * version that supersedes it) and the rules a framework must follow. Every change is audited in the same transaction.
 */
@Service
class RateFrameworks {

    /** A framework to create from code (demo data), already in the form the rules produce. */
    record FrameworkDraft(String financialYear, String name, String description, BigDecimal maxUpliftPercent, List<Band> bands,
                          List<AreaAdjustment> areaAdjustments, Transparency transparency) {
    }

    private static final BigDecimal MIN_MULTIPLIER = new BigDecimal("0.5");
    private static final BigDecimal MAX_MULTIPLIER = new BigDecimal("2.0");

    private final RateFrameworkRepository frameworks;
    private final FeeRepository fees;
    private final FeeCheckRunner checks;
    private final ReferenceData reference;
    private final AuditTrail audit;
    private final CurrentUser currentUser;

    private final FeeAccess access;

    RateFrameworks(RateFrameworkRepository frameworks, FeeRepository fees, FeeCheckRunner checks, ReferenceData reference,
                   AuditTrail audit, CurrentUser currentUser, FeeAccess access) {
        this.access = access;
        this.frameworks = frameworks;
        this.fees = fees;
        this.checks = checks;
        this.reference = reference;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    // ------------------------------------------------------------------ reads

    List<RateFrameworkView> list(String financialYear) {
        access.readFrameworks("rateFrameworks");
        return frameworks.list(financialYear == null ? null : FeeRules.financialYear("financialYear", financialYear));
    }

    /** A framework as a reader asks for it: frameworks are open to every role. */
    Optional<RateFrameworkView> get(long id) {
        access.readFrameworks("rateFramework");
        return find(id);
    }

    Optional<RateFrameworkView> publishedFor(String financialYear) {
        access.readFrameworks("publishedRateFramework");
        return published(financialYear);
    }

    Optional<RateFrameworkView> find(long id) {
        return frameworks.find(id);
    }

    Map<Long, RateFrameworkView> findAll(Collection<Long> ids) {
        return frameworks.findAll(ids);
    }

    Optional<RateFrameworkView> published(String financialYear) {
        return frameworks.published(FeeRules.financialYear("financialYear", financialYear));
    }

    /** The version in force for a year, or BAD_REQUEST naming the field: fees are checked against nothing else. */
    RateFrameworkView requirePublished(String field, String financialYear) {
        return frameworks.published(financialYear).orElseThrow(() -> ApiException.badRequest(field,
                "no published rates framework for " + financialYear + "; fees for a year can be stated and checked once the regulator has published its framework"));
    }

    // ------------------------------------------------------------------ changes

    @Transactional
    RateFrameworkView create(CreateRateFrameworkInput input) {
        access.changeFrameworks("createRateFramework");
        String year = FeeRules.financialYear("input.financialYear", input.financialYear());
        RateFrameworkView copy = input.copyFromId() == null ? null
                : frameworks.find(Ids.parse("input.copyFromId", input.copyFromId()))
                .orElseThrow(() -> ApiException.notFound("input.copyFromId", "no rate framework with id " + input.copyFromId()));
        BigDecimal maxUplift = input.maxUpliftPercent() != null ? maxUplift("input.maxUpliftPercent", input.maxUpliftPercent())
                : required("input.maxUpliftPercent", copy).maxUpliftPercent();
        List<Band> bands = input.bands() != null ? RateBandRules.bands("input.bands", input.bands()) : required("input.bands", copy).bands();
        List<AreaAdjustment> adjustments = adjustments("input.areaAdjustments", input.areaAdjustments(),
                copy == null ? List.of() : copy.areaAdjustments());
        String description = input.description() != null ? FeeRules.optionalText(input.description()) : copy == null ? null : copy.description();
        Transparency transparency = transparency("input", input.surplusCapPercent(), input.breakdownRequiredFrom(), input.breakdownTolerance(),
                copy == null ? Transparency.NONE : copy.transparency());
        RateFrameworkView created = createDraft(new FrameworkDraft(year, Texts.required("input.name", input.name()), description,
                maxUplift, bands, adjustments, transparency), "input.financialYear");
        audit.record("RATE_FRAMEWORK_CREATED", "rate_framework", created.id(), null, FrameworkSnapshot.of(created),
                copy == null ? null : "copied from framework " + copy.id() + " (" + copy.financialYear() + " version " + copy.version() + ")");
        return created;
    }

    /** Creates a DRAFT from valid parts (not audited here: callers audit with their own reason). */
    RateFrameworkView createDraft(FrameworkDraft draft, String field) {
        frameworks.draft(draft.financialYear()).ifPresent(existing -> {
            throw ApiException.badRequest(field, draft.financialYear() + " already has a DRAFT framework (framework " + existing.id()
                    + ", version " + existing.version() + "); change it with updateRateFramework or publish it first");
        });
        RateFrameworkRecord record = new RateFrameworkRecord();
        record.setFinancialYear(draft.financialYear());
        record.setVersion(frameworks.nextVersion(draft.financialYear()));
        record.setName(draft.name());
        record.setDescription(draft.description());
        record.setStatus(RateFrameworkStatus.DRAFT);
        record.setMaxUpliftPercent(draft.maxUpliftPercent());
        setTransparency(record, draft.transparency());
        record.setCreatedBy(currentUser.name());
        long id = frameworks.insert(record);
        frameworks.replaceParts(id, draft.bands(), adjustments("areaAdjustments", List.of(), draft.areaAdjustments()));
        return frameworks.find(id).orElseThrow();
    }

    @Transactional
    RateFrameworkView update(UpdateRateFrameworkInput input) {
        access.changeFrameworks("updateRateFramework");
        long id = Ids.parse("input.id", input.id());
        RateFrameworkRecord record = lockDraft(id, "never changes; correct it with createRateFramework(copyFromId: " + id
                + ") and publish the correction");
        RateFrameworkView before = frameworks.find(id).orElseThrow();
        if (input.name() != null) {
            record.setName(Texts.required("input.name", input.name()));
        }
        if (input.description() != null) {
            record.setDescription(FeeRules.optionalText(input.description()));
        }
        if (input.maxUpliftPercent() != null) {
            record.setMaxUpliftPercent(maxUplift("input.maxUpliftPercent", input.maxUpliftPercent()));
        }
        Transparency transparency = transparency("input", input.surplusCapPercent(), input.breakdownRequiredFrom(), input.breakdownTolerance(),
                before.transparency());
        if (!transparency.equals(before.transparency())) {
            setTransparency(record, transparency);
        }
        if (record.changed()) {
            frameworks.update(record);
        }
        if (input.bands() != null || input.areaAdjustments() != null) {
            List<Band> bands = input.bands() != null ? RateBandRules.bands("input.bands", input.bands()) : before.bands();
            List<AreaAdjustment> adjustments = input.areaAdjustments() != null
                    ? adjustments("input.areaAdjustments", input.areaAdjustments(), List.of()) : before.areaAdjustments();
            frameworks.replaceParts(id, bands, adjustments);
        }
        RateFrameworkView after = frameworks.find(id).orElseThrow();
        if (!after.equals(before)) {
            audit.record("RATE_FRAMEWORK_UPDATED", "rate_framework", id, FrameworkSnapshot.of(before), FrameworkSnapshot.of(after), null);
        }
        return after;
    }

    /**
     * Publishes a draft: the version it replaces (if any) becomes SUPERSEDED, and every current fee of the year is
     * checked again against the new version, so verdicts always come from the version in force.
     */
    @Transactional
    PublishRateFrameworkPayload publish(PublishRateFrameworkInput input) {
        access.changeFrameworks("publishRateFramework");
        long id = Ids.parse("input.id", input.id());
        RateFrameworkRecord draft = lockDraft(id, "cannot be published again: only a DRAFT can be published");
        String reason = FeeRules.optionalText(input.reason());
        Instant now = Instant.now();
        Optional<RateFrameworkRecord> previous = frameworks.lockPublished(draft.getFinancialYear());
        previous.ifPresent(old -> {
            old.setStatus(RateFrameworkStatus.SUPERSEDED);
            old.setSupersededAt(now);
            frameworks.update(old);
        });
        draft.setStatus(RateFrameworkStatus.PUBLISHED);
        draft.setPublishedAt(now);
        draft.setPublishedBy(currentUser.name());
        draft.setSupersedesId(previous.map(RateFrameworkRecord::getId).orElse(null));
        frameworks.update(draft);

        RateFrameworkView published = frameworks.find(id).orElseThrow();
        List<Checked> rechecked = checks.check(published, fees.current(published.financialYear(), null));
        checks.store(published, rechecked, FeeCheckOccasion.FRAMEWORK_PUBLISHED, null);
        List<VerdictCount> verdicts = FeeCheckRunner.verdictCounts(rechecked).entrySet().stream()
                .map(e -> new VerdictCount(e.getKey(), e.getValue())).toList();

        var after = new FrameworkSnapshot.Published(RateFrameworkStatus.PUBLISHED, published.supersedesId(), rechecked.size(),
                FeeCheckRunner.verdictCounts(rechecked));
        audit.record("RATE_FRAMEWORK_PUBLISHED", "rate_framework", id, new FrameworkSnapshot.Status(RateFrameworkStatus.DRAFT), after, reason);
        RateFrameworkView superseded = null;
        if (previous.isPresent()) {
            superseded = frameworks.find(previous.get().getId()).orElseThrow();
            audit.record("RATE_FRAMEWORK_SUPERSEDED", "rate_framework", superseded.id(), new FrameworkSnapshot.Status(RateFrameworkStatus.PUBLISHED),
                    new FrameworkSnapshot.Status(RateFrameworkStatus.SUPERSEDED, id), reason);
        }
        return new PublishRateFrameworkPayload(published, superseded, rechecked.size(), verdicts);
    }

    /** Locks a framework that must be a DRAFT; {@code rule} says why anything else is refused. */
    private RateFrameworkRecord lockDraft(long id, String rule) {
        RateFrameworkRecord record = frameworks.lock(id)
                .orElseThrow(() -> ApiException.notFound("input.id", "no rate framework with id " + id));
        if (record.getStatus() != RateFrameworkStatus.DRAFT) {
            throw ApiException.badRequest("input.id", "rate framework " + id + " (" + record.getFinancialYear() + " version "
                    + record.getVersion() + ") is " + record.getStatus() + " and " + rule);
        }
        return record;
    }

    // ------------------------------------------------------------------ rules

    private static RateFrameworkView required(String field, RateFrameworkView copy) {
        if (copy == null) {
            throw ApiException.badRequest(field, "is required unless copyFromId is given");
        }
        return copy;
    }

    private static BigDecimal maxUplift(String field, double percent) {
        return FeeRules.decimal(field, percent, 2, BigDecimal.ZERO, Money.HUNDRED);
    }

    /** The most a framework allows for rounding: a breakdown further out than this is a misstatement, not rounding. */
    static final long MAX_BREAKDOWN_TOLERANCE_PENCE = 100_000L;

    /** The surplus and transparency rules: the given parts over the base's (a copy's or the draft's). */
    private static Transparency transparency(String at, Double surplusCapPercent, List<ProviderKind> requiredFrom, BigDecimal tolerance,
                                             Transparency base) {
        BigDecimal cap = surplusCapPercent == null ? base.surplusCapPercent()
                : FeeRules.decimal(at + ".surplusCapPercent", surplusCapPercent, 2, BigDecimal.ZERO, Money.HUNDRED);
        List<ProviderKind> kinds = requiredFrom == null ? base.breakdownRequiredFrom() : requiredFrom.stream().distinct().sorted().toList();
        long tolerancePence = base.breakdownTolerancePence();
        if (tolerance != null) {
            tolerancePence = Money.pence(tolerance);
            if (tolerancePence < 0 || tolerancePence > MAX_BREAKDOWN_TOLERANCE_PENCE) {
                throw ApiException.badRequest(at + ".breakdownTolerance", "must be from " + Money.format(0) + " to "
                        + Money.format(MAX_BREAKDOWN_TOLERANCE_PENCE) + " (a rounding allowance), got " + Money.format(tolerancePence));
            }
        }
        return new Transparency(cap, kinds, tolerancePence);
    }

    private static void setTransparency(RateFrameworkRecord record, Transparency transparency) {
        record.setSurplusCapPercent(transparency.surplusCapPercent());
        record.setBreakdownRequiredFrom(transparency.breakdownRequiredFrom().stream().map(Enum::name).toArray(String[]::new));
        record.setBreakdownTolerancePence(transparency.breakdownTolerancePence());
    }

    /** Every region's multiplier: the given ones over the base (a copy's), 1.000 for the rest. */
    private List<AreaAdjustment> adjustments(String field, List<AreaAdjustmentInput> inputs, List<AreaAdjustment> base) {
        Map<String, BigDecimal> multipliers = new LinkedHashMap<>();
        reference.regions().stream().sorted(Comparator.comparing(ReferenceData.Region::code))
                .forEach(r -> multipliers.put(r.code(), BigDecimal.ONE.setScale(3)));
        base.forEach(a -> multipliers.put(a.regionCode(), a.multiplier()));
        Set<String> given = new HashSet<>();
        List<AreaAdjustmentInput> list = inputs == null ? List.of() : inputs;
        for (int i = 0; i < list.size(); i++) {
            AreaAdjustmentInput in = list.get(i);
            String at = field + "[" + i + "]";
            reference.requireRegion(at + ".regionCode", in.regionCode());
            if (!given.add(in.regionCode())) {
                throw ApiException.badRequest(at + ".regionCode", "region " + in.regionCode() + " is given twice");
            }
            multipliers.put(in.regionCode(), FeeRules.decimal(at + ".multiplier", in.multiplier(), 3, MIN_MULTIPLIER, MAX_MULTIPLIER));
        }
        return multipliers.entrySet().stream().map(e -> new AreaAdjustment(e.getKey(), e.getValue())).toList();
    }
}
