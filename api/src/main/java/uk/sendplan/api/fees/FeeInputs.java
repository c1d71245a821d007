package uk.sendplan.api.fees;


import java.math.BigDecimal;
import java.util.List;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.FindingStatus;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.ProvisionKind;

/** GraphQL inputs and payloads of the fee feature. */
final class FeeInputs {

    private FeeInputs() {
    }

    record RateBandInput(String code, String description, ProvisionKind kind, int complexity, List<String> needs,
                         BigDecimal referenceRate, BigDecimal ceiling, StateTariffInput stateTariff) {
    }

    record StateTariffInput(BigDecimal min, BigDecimal max) {
    }

    record AreaAdjustmentInput(String regionCode, double multiplier) {
    }

    record CreateRateFrameworkInput(String financialYear, String name, String description, Double maxUpliftPercent,
                                    List<RateBandInput> bands, List<AreaAdjustmentInput> areaAdjustments, String copyFromId,
                                    Double surplusCapPercent, List<ProviderKind> breakdownRequiredFrom, BigDecimal breakdownTolerance) {
    }

    record UpdateRateFrameworkInput(String id, String name, String description, Double maxUpliftPercent,
                                    List<RateBandInput> bands, List<AreaAdjustmentInput> areaAdjustments,
                                    Double surplusCapPercent, List<ProviderKind> breakdownRequiredFrom, BigDecimal breakdownTolerance) {
    }

    record PublishRateFrameworkInput(String id, String reason) {
    }

    record RateFrameworkPayload(RateFrameworkView framework) {
    }

    record VerdictCount(FeeVerdict verdict, int fees) {
    }

    record PublishRateFrameworkPayload(RateFrameworkView framework, RateFrameworkView superseded, int feesRechecked,
                                       List<VerdictCount> verdicts) {
    }

    record CostBreakdownInput(BigDecimal education, BigDecimal care, BigDecimal therapies, BigDecimal transport,
                              BigDecimal overheads, BigDecimal surplus) {
    }

    record FeeInput(int band, ProvisionKind kind, BigDecimal annualFee, CostBreakdownInput breakdown, String justification) {
    }

    record SubmitFeesInput(int urn, String financialYear, List<FeeInput> fees) {
    }

    record SubmitFeesPayload(List<FeeView> fees) {
    }

    record ReviseFeeInput(int urn, String financialYear, int band, ProvisionKind kind, int revises, BigDecimal annualFee,
                          CostBreakdownInput breakdown, String justification, String reason) {
    }

    record FeePayload(FeeView fee) {
    }

    record CheckFeeInput(int urn, String financialYear, int band, ProvisionKind kind, BigDecimal annualFee, String need, String justification,
                         CostBreakdownInput breakdown) {
    }

    record FeeScopeInput(String regionCode, String laCode, String providerId) {
    }

    record FeeAuditPayload(FeeAuditView audit) {
    }

    record FeeFindingFilter(String financialYear, String auditId, List<FindingStatus> statuses, FeeVerdict verdict, String providerId,
                            Integer urn, String regionCode) {
    }

    record SetFeeFindingStatusInput(String id, FindingStatus status, String note) {
    }

    record FeeFindingPayload(FeeFindingView finding) {
    }

}
