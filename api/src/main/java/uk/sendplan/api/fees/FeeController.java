package uk.sendplan.api.fees;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.fees.FeeInputs.CheckFeeInput;
import uk.sendplan.api.fees.FeeInputs.FeePayload;
import uk.sendplan.api.fees.FeeInputs.ReviseFeeInput;
import uk.sendplan.api.fees.FeeInputs.SubmitFeesInput;
import uk.sendplan.api.fees.FeeInputs.SubmitFeesPayload;
import uk.sendplan.api.fees.RateFrameworkView.Band;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.Region;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Batches;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@Controller
class FeeController {

    private final FeeAccess access;
    private final FeeSchedules schedules;
    private final RateFrameworks frameworks;
    private final FeeAudits audits;
    private final SettingService settings;
    private final ReferenceData reference;

    FeeController(FeeAccess access, FeeSchedules schedules, RateFrameworks frameworks, FeeAudits audits, SettingService settings,
                  ReferenceData reference) {
        this.access = access;
        this.schedules = schedules;
        this.frameworks = frameworks;
        this.audits = audits;
        this.settings = settings;
        this.reference = reference;
    }

    @QueryMapping
    List<FeeView> fees(@Argument int urn, @Argument String financialYear) {
        return schedules.schedule(urn, financialYear);
    }

    @QueryMapping
    FeeView fee(@Argument String id) {
        return schedules.fee("fee", access.access().idInScope("fee", id));
    }

    /** A cost breakdown is commercially sensitive: its provider's and the regulator's alone. */
    @SchemaMapping(typeName = "Fee")
    FeeView.Breakdown breakdown(FeeView fee) {
        if (fee.breakdown() == null) {
            return null;
        }
        access.readBreakdown(fee.urn());
        return fee.breakdown();
    }

    @QueryMapping
    FeeCheckView checkFee(@Argument CheckFeeInput input) {
        return schedules.checkProposed(input);
    }

    @MutationMapping
    SubmitFeesPayload submitFees(@Argument SubmitFeesInput input) {
        return new SubmitFeesPayload(schedules.submit(input));
    }

    @MutationMapping
    FeePayload reviseFee(@Argument ReviseFeeInput input) {
        return new FeePayload(schedules.revise(input));
    }

    @BatchMapping(typeName = "Fee")
    Map<FeeView, SettingView> setting(List<FeeView> fees) {
        Map<Integer, SettingView> byUrn = settings.findAll(fees.stream().map(FeeView::urn).collect(Collectors.toSet()));
        return Batches.byKey(fees, f -> f.urn(), byUrn);
    }

    @BatchMapping(typeName = "Fee")
    Map<FeeView, FeeCheckView> check(List<FeeView> fees) {
        Map<Long, FeeCheckView> byFee = schedules.latestChecks(fees.stream().map(FeeView::id).collect(Collectors.toSet()));
        return Batches.byKey(fees, f -> f.id(), byFee);
    }

    /** A fee's finding follows feeFinding's rule: the regulator's, and its own provider's; nobody else learns whether there is one. */
    @BatchMapping(typeName = "Fee")
    Map<FeeView, FeeFindingView> finding(List<FeeView> fees) {
        Map<Long, FeeFindingView> byFee = audits.findingsByFee("Fee.finding", fees.stream().map(FeeView::id).collect(Collectors.toSet()));
        Map<FeeView, FeeFindingView> result = new HashMap<>();
        fees.forEach(f -> {
            if (byFee.containsKey(f.id())) {
                result.put(f, byFee.get(f.id()));
            }
        });
        return result;
    }

    @SchemaMapping(typeName = "Fee")
    List<FeeCheckView> checks(FeeView fee) {
        return schedules.checks(fee.id());
    }

    @SchemaMapping(typeName = "Fee")
    List<FeeView> revisions(FeeView fee) {
        return schedules.revisions(fee);
    }

    @BatchMapping(typeName = "FeeCheck")
    Map<FeeCheckView, RateFrameworkView> framework(List<FeeCheckView> checks) {
        Map<Long, RateFrameworkView> byId = frameworks.findAll(checks.stream().map(FeeCheckView::frameworkId).collect(Collectors.toSet()));
        return Batches.byKey(checks, c -> c.frameworkId(), byId);
    }

    @BatchMapping(typeName = "FeeCheck")
    Map<FeeCheckView, Band> band(List<FeeCheckView> checks) {
        Set<Long> ids = checks.stream().filter(c -> c.bandCode() != null).map(FeeCheckView::frameworkId).collect(Collectors.toSet());
        Map<Long, RateFrameworkView> byId = frameworks.findAll(ids);
        Map<FeeCheckView, Band> result = new HashMap<>();
        checks.stream().filter(c -> c.bandCode() != null)
                .forEach(c -> result.put(c, byId.get(c.frameworkId()).band(c.bandCode()).orElseThrow()));
        return result;
    }

    /**
     * An audit is the regulator's, as feeAudit is: whoever else reads a check sees no audit's figures through it. A
     * check no audit made has none to refuse (its occasion already says so).
     */
    @BatchMapping(typeName = "FeeCheck")
    Map<FeeCheckView, FeeAuditView> audit(List<FeeCheckView> checks) {
        Set<Long> auditIds = checks.stream().filter(c -> c.auditId() != null).map(FeeCheckView::auditId).collect(Collectors.toSet());
        Map<Long, FeeAuditView> byId = auditIds.isEmpty() ? Map.of() : audits.findAllFor("FeeCheck.audit", auditIds);
        Map<FeeCheckView, FeeAuditView> result = new HashMap<>();
        checks.stream().filter(c -> c.auditId() != null).forEach(c -> result.put(c, byId.get(c.auditId())));
        return result;
    }

    // A stored check's breakdown figures follow Fee.breakdown's rule; a proposal's (checkFee) are the caller's own numbers.

    @SchemaMapping(typeName = "FeeCheck")
    BigDecimal surplus(FeeCheckView check) {
        return breakdownFigure("FeeCheck.surplus", check, check.surplus());
    }

    @SchemaMapping(typeName = "FeeCheck")
    BigDecimal surplusCap(FeeCheckView check) {
        return breakdownFigure("FeeCheck.surplusCap", check, check.surplusCap());
    }

    @SchemaMapping(typeName = "FeeCheck")
    BigDecimal excessOverSurplusCap(FeeCheckView check) {
        return breakdownFigure("FeeCheck.excessOverSurplusCap", check, check.excessOverSurplusCap());
    }

    @SchemaMapping(typeName = "FeeCheck")
    BigDecimal breakdownTotal(FeeCheckView check) {
        return breakdownFigure("FeeCheck.breakdownTotal", check, check.breakdownTotal());
    }

    @SchemaMapping(typeName = "FeeCheck")
    BigDecimal breakdownDifference(FeeCheckView check) {
        return breakdownFigure("FeeCheck.breakdownDifference", check, check.breakdownDifference());
    }

    private BigDecimal breakdownFigure(String operation, FeeCheckView check, BigDecimal figure) {
        if (figure != null && check.id() != null) {
            access.readBreakdownFigures(operation, check.providerId());
        }
        return figure;
    }

    @SchemaMapping(typeName = "FeeCheck")
    Region region(FeeCheckView check) {
        return reference.region(check.regionCode()).orElseThrow();
    }
}
