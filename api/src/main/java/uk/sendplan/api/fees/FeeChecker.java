package uk.sendplan.api.fees;

import uk.sendplan.api.fees.RateFrameworkView.Band;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.RegistrationStatus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fee check itself, without a database: a fee against a framework version, for a setting as it is, given the
 * same setting's fee last year. Verdicts, most serious first: ABOVE_CEILING, UPLIFT_ABOVE_CAP, NO_APPLICABLE_BAND,
 * ABOVE_REFERENCE, WITHIN_REFERENCE; a state setting's fee is NOT_REGULATED. Every rule that applies is a reason,
 * with its numbers, whichever one decides the verdict.
 */
final class FeeChecker {

    /** What a check needs to know about a setting, and records of it. */
    record SettingFacts(int urn, String type, boolean regulated, String laCode, String regionCode, String regionName,
                        long providerId, Boolean forProfit, RegistrationStatus registrationStatus, String statusReason, String mainNeed) {
    }

    record Outcome(FeeVerdict verdict, SettingFacts setting, String bandCode, BigDecimal areaMultiplier, Long adjustedReferencePence,
                   Long adjustedCeilingPence, Long previousFeePence, BigDecimal upliftPercent, BigDecimal maxUpliftPercent,
                   boolean justified, List<String> reasons) {

        /** Non-compliant, or above the reference without a justification: what an audit opens a finding for. */
        boolean opensFinding() {
            return switch (verdict) {
                case ABOVE_CEILING, UPLIFT_ABOVE_CAP -> true;
                case ABOVE_REFERENCE -> !justified;
                case NO_APPLICABLE_BAND, WITHIN_REFERENCE, NOT_REGULATED -> false;
            };
        }
    }


    private FeeChecker() {
    }

    /**
     * Checks one fee. {@code need} is the child's need for a proposed placement, or null to use the setting's main need;
     * {@code previousFeePence} is last year's current fee for the same band and kind, or null.
     */
    static Outcome check(RateFrameworkView framework, SettingFacts setting, int band, ProvisionKind kind, long feePence,
                         boolean justified, Long previousFeePence, String need) {
        List<String> reasons = new ArrayList<>();
        BigDecimal cap = framework.maxUpliftPercent();
        BigDecimal uplift = previousFeePence == null ? null : Money.percentOf(feePence - previousFeePence, previousFeePence);
        String previousYear = FeeRules.previousYear(framework.financialYear());
        if (!setting.regulated()) {
            reasons.add("Not regulated: " + setting.type() + " is a state setting; its fee (place funding and top-up) is recorded,"
                    + " not checked against the framework.");
            if (previousFeePence != null) {
                reasons.add("Last year's fee (" + previousYear + "): " + Money.format(previousFeePence) + ", a change of "
                        + Money.percent(uplift) + ".");
            }
            statusReason(setting, reasons);
            return new Outcome(FeeVerdict.NOT_REGULATED, setting, null, null, null, null, previousFeePence, uplift, cap, justified, reasons);
        }

        String effectiveNeed = need != null ? need : setting.mainNeed();
        Optional<Band> applicable = applicableBand(framework, kind, band, effectiveNeed);
        BigDecimal multiplier = null;
        Long reference = null;
        Long ceiling = null;
        boolean aboveCeiling = false;
        boolean aboveReference = false;
        if (applicable.isPresent()) {
            Band b = applicable.get();
            multiplier = framework.multiplier(setting.regionCode());
            reference = Money.times(b.referencePence(), multiplier);
            ceiling = Money.times(b.ceilingPence(), multiplier);
            reasons.add("Band " + b.code() + " (" + words(b.kind()) + ", complexity " + b.complexity()
                    + (b.needs().isEmpty() ? "" : ", for " + String.join(", ", b.needs())) + ") of " + framework.label()
                    + ": reference " + Money.format(b.referencePence()) + ", ceiling " + Money.format(b.ceilingPence())
                    + "; " + setting.regionName() + " area cost adjustment x" + multiplier.toPlainString()
                    + " makes them " + Money.format(reference) + " and " + Money.format(ceiling) + ".");
            if (feePence > ceiling) {
                aboveCeiling = true;
                reasons.add("Fee " + Money.format(feePence) + " is " + Money.format(feePence - ceiling) + " ("
                        + Money.percent(Money.percentOf(feePence - ceiling, ceiling)) + ") above the adjusted ceiling "
                        + Money.format(ceiling) + ": non-compliant.");
            } else if (feePence > reference) {
                aboveReference = true;
                reasons.add("Fee " + Money.format(feePence) + " is " + Money.format(feePence - reference) + " ("
                        + Money.percent(Money.percentOf(feePence - reference, reference)) + ") above the adjusted reference "
                        + Money.format(reference) + " and within the adjusted ceiling " + Money.format(ceiling) + ": "
                        + (justified ? "allowed with the provider's justification." : "allowed only with a justification, and none was given."));
            } else {
                reasons.add("Fee " + Money.format(feePence) + " is within the adjusted reference " + Money.format(reference) + ".");
            }
        } else {
            reasons.add("No band of " + framework.label() + " covers " + words(kind) + " provision at complexity " + band
                    + (effectiveNeed == null ? "" : " for need " + effectiveNeed) + ".");
        }

        boolean upliftAboveCap = false;
        if (previousFeePence == null) {
            reasons.add("No fee for " + previousYear + " in the same band and kind: no uplift to check.");
        } else {
            // exact: fee / previous > 1 + cap / 100, without rounding the percentage first
            upliftAboveCap = BigDecimal.valueOf(feePence).multiply(Money.HUNDRED)
                    .compareTo(BigDecimal.valueOf(previousFeePence).multiply(Money.HUNDRED.add(cap))) > 0;
            reasons.add("Uplift over last year's fee (" + previousYear + ") of " + Money.format(previousFeePence) + ": "
                    + Money.format(feePence - previousFeePence) + " (" + Money.percent(uplift) + "), "
                    + (upliftAboveCap ? "above the cap of " + Money.percent(cap) + ": non-compliant." : "within the cap of " + Money.percent(cap) + "."));
        }
        statusReason(setting, reasons);

        FeeVerdict verdict = aboveCeiling ? FeeVerdict.ABOVE_CEILING
                : upliftAboveCap ? FeeVerdict.UPLIFT_ABOVE_CAP
                : applicable.isEmpty() ? FeeVerdict.NO_APPLICABLE_BAND
                : aboveReference ? FeeVerdict.ABOVE_REFERENCE
                : FeeVerdict.WITHIN_REFERENCE;
        return new Outcome(verdict, setting, applicable.map(Band::code).orElse(null), multiplier, reference, ceiling,
                previousFeePence, uplift, cap, justified, reasons);
    }

    /** A kind of provision as reasons name it. */
    private static String words(ProvisionKind kind) {
        return switch (kind) {
            case DAY -> "day";
            case RESIDENTIAL_38_WEEK -> "38-week residential";
            case RESIDENTIAL_52_WEEK -> "52-week residential";
            case POST_16 -> "post-16";
            case ALTERNATIVE_PROVISION -> "alternative provision";
        };
    }

    /**
     * The band for a fee: of the fee's kind and complexity, the need-specific band covering the need if there is one,
     * else the band for every need. The framework's rules leave at most one of each.
     */
    static Optional<Band> applicableBand(RateFrameworkView framework, ProvisionKind kind, int complexity, String need) {
        List<Band> candidates = framework.bands().stream().filter(b -> b.kind().equals(kind) && b.complexity() == complexity).toList();
        return candidates.stream().filter(b -> need != null && b.needs().contains(need)).findFirst()
                .or(() -> candidates.stream().filter(b -> b.needs().isEmpty()).findFirst());
    }

    private static void statusReason(SettingFacts setting, List<String> reasons) {
        if (setting.registrationStatus() != RegistrationStatus.OPEN) {
            reasons.add("The setting is " + setting.registrationStatus()
                    + (setting.statusReason() == null ? "" : " (" + setting.statusReason() + ")") + ": it takes no new placements.");
        }
    }
}
