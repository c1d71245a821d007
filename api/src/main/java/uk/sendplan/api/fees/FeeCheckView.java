package uk.sendplan.api.fees;

import uk.sendplan.api.kernel.Money;
import uk.sendplan.db.types.FeeCheckOccasion;
import uk.sendplan.db.types.FeeVerdict;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A fee check as stored (or, for checkFee, as it would be stored: id and fee null, occasion PROPOSAL). The amounts
 * derived from the stored ones (excess over reference and ceiling) are computed here so they always agree.
 */
record FeeCheckView(Long id, Long feeId, long frameworkId, FeeCheckOccasion occasion, Long auditId, Instant checkedAt, FeeVerdict verdict,
                    long annualFeePence, String settingType, boolean regulated, String laCode, String regionCode,
                    long providerId, Boolean forProfit, String bandCode, BigDecimal areaMultiplier,
                    Long adjustedReferencePence, Long adjustedCeilingPence, Long previousFeePence, BigDecimal upliftPercent,
                    BigDecimal maxUpliftPercent, boolean justified, List<String> reasons, boolean costsAssessed, boolean breakdownRequired,
                    Long breakdownTotalPence, Long surplusPence, BigDecimal surplusCapPercent, long breakdownTolerancePence) {

    /** A check made for checkFee: not stored, so without id, fee or audit. */
    static FeeCheckView proposal(long frameworkId, long annualFeePence, FeeChecker.Outcome o, boolean costsAssessed) {
        FeeChecker.SettingFacts s = o.setting();
        return new FeeCheckView(null, null, frameworkId, FeeCheckOccasion.PROPOSAL, null, Instant.now(), o.verdict(), annualFeePence, s.type(),
                s.regulated(), s.laCode(), s.regionCode(), s.providerId(), s.forProfit(), o.bandCode(), o.areaMultiplier(),
                o.adjustedReferencePence(), o.adjustedCeilingPence(), o.previousFeePence(), o.upliftPercent(), o.maxUpliftPercent(),
                o.justified(), o.reasons(), costsAssessed, o.breakdownRequired(), o.breakdownTotalPence(), o.surplusPence(),
                o.surplusCapPercent(), o.breakdownTolerancePence());
    }

    /** Every rule's result, computed from what the check stored by the code that decided its verdict. */
    public List<FeeChecker.RuleResult> rules() {
        return FeeChecker.rules(new FeeChecker.RuleFacts(regulated, annualFeePence, bandCode, adjustedReferencePence, adjustedCeilingPence,
                previousFeePence, maxUpliftPercent, costsAssessed, breakdownRequired, breakdownTotalPence, surplusPence, surplusCapPercent,
                breakdownTolerancePence));
    }

    public BigDecimal surplus() {
        return Money.poundsOrNull(surplusPence);
    }

    /** The most surplus the cap allows on this fee; null without a breakdown. */
    Long surplusCapPence() {
        return surplusPence == null ? null : FeeChecker.surplusAllowancePence(annualFeePence, surplusCapPercent);
    }

    public BigDecimal surplusCap() {
        return Money.poundsOrNull(surplusCapPence());
    }

    Long excessOverSurplusCapPence() {
        return surplusPence == null || !FeeChecker.surplusAboveCap(annualFeePence, surplusPence, surplusCapPercent) ? null
                : surplusPence - surplusCapPence();
    }

    public BigDecimal excessOverSurplusCap() {
        return Money.poundsOrNull(excessOverSurplusCapPence());
    }

    public BigDecimal breakdownTotal() {
        return Money.poundsOrNull(breakdownTotalPence);
    }

    /** The parts' total less the fee (negative: the parts come to less); null without a breakdown. */
    Long breakdownDifferencePence() {
        return breakdownTotalPence == null ? null : breakdownTotalPence - annualFeePence;
    }

    public BigDecimal breakdownDifference() {
        return Money.poundsOrNull(breakdownDifferencePence());
    }

    public BigDecimal breakdownTolerance() {
        return Money.pounds(breakdownTolerancePence);
    }

    public BigDecimal annualFee() {
        return Money.pounds(annualFeePence);
    }

    public BigDecimal adjustedReference() {
        return Money.poundsOrNull(adjustedReferencePence);
    }

    public BigDecimal adjustedCeiling() {
        return Money.poundsOrNull(adjustedCeilingPence);
    }

    public BigDecimal previousFee() {
        return Money.poundsOrNull(previousFeePence);
    }

    Long excessOverReferencePence() {
        return excess(adjustedReferencePence);
    }

    Long excessOverCeilingPence() {
        return excess(adjustedCeilingPence);
    }

    public BigDecimal excessOverReference() {
        return Money.poundsOrNull(excessOverReferencePence());
    }

    public BigDecimal excessOverReferencePercent() {
        Long excess = excessOverReferencePence();
        return excess == null ? null : Money.percentOf(excess, adjustedReferencePence);
    }

    public BigDecimal excessOverCeiling() {
        return Money.poundsOrNull(excessOverCeilingPence());
    }

    public BigDecimal excessOverCeilingPercent() {
        Long excess = excessOverCeilingPence();
        return excess == null ? null : Money.percentOf(excess, adjustedCeilingPence);
    }

    private Long excess(Long limitPence) {
        return limitPence == null || annualFeePence <= limitPence ? null : annualFeePence - limitPence;
    }
}
