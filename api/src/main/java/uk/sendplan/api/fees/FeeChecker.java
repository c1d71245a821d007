package uk.sendplan.api.fees;

import uk.sendplan.api.fees.RateFrameworkView.Band;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.RegistrationStatus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The fee check itself, without a database: a fee against a framework version, for a setting as it is, given the
 * same setting's fee last year and what the provider said the fee pays for. Every rule is applied and listed with its
 * result ({@link #rules}); the verdict is the most serious broken rule's, in {@link FeeVerdict}'s order: ABOVE_CEILING,
 * UPLIFT_ABOVE_CAP, SURPLUS_ABOVE_CAP, BREAKDOWN_INCONSISTENT, BREAKDOWN_MISSING, NO_APPLICABLE_BAND, ABOVE_REFERENCE,
 * else WITHIN_REFERENCE; a state setting's fee is NOT_REGULATED. Every rule that applies is a reason, with its numbers.
 */
final class FeeChecker {

    /** What a check needs to know about a setting, and records of it. */
    record SettingFacts(int urn, String type, boolean regulated, String laCode, String regionCode, String regionName,
                        long providerId, Boolean forProfit, RegistrationStatus registrationStatus, String statusReason, String mainNeed,
                        ProviderKind providerKind) {
    }

    /**
     * What the check knows of a fee's cost breakdown. A fee schedule's fee or checkFee's proposal is assessed: its
     * breakdown (total of the parts and the surplus) or none. A fee offered in the marketplace or priced by the
     * planner is not: the market takes a breakdown of its own with every offer (education, care, therapies, other,
     * which must add up to the fee) and states no surplus, so the breakdown rules have nothing to apply to.
     */
    record Costs(boolean assessed, Long totalPence, Long surplusPence) {

        static final Costs NOT_ASSESSED = new Costs(false, null, null);
        static final Costs NONE = new Costs(true, null, null);

        static Costs of(FeeView.Breakdown breakdown) {
            return breakdown == null ? NONE : new Costs(true, breakdown.total(), breakdown.surplusPence());
        }
    }

    /** The rules a check applies, in the order a check lists them. */
    enum FeeRule { BAND, CEILING, REFERENCE, UPLIFT_CAP, SURPLUS_CAP, BREAKDOWN_REQUIRED, BREAKDOWN_ADDS_UP }

    enum RuleOutcome { MET, BROKEN, NOT_APPLICABLE }

    /** One rule's result; {@code verdict} is the verdict the rule gives when BROKEN, else null. */
    record RuleResult(FeeRule rule, RuleOutcome outcome, FeeVerdict verdict) {
    }

    /**
     * Everything the rules look at, as a check stores it, so a stored check's rule results are computed by the same
     * code that decided its verdict. {@code costsAssessed} false: the breakdown rules do not apply (see {@link Costs}).
     */
    record RuleFacts(boolean regulated, long feePence, String bandCode, Long referencePence, Long ceilingPence, Long previousFeePence,
                     BigDecimal maxUpliftPercent, boolean costsAssessed, boolean breakdownRequired, Long breakdownTotalPence,
                     Long surplusPence, BigDecimal surplusCapPercent, long breakdownTolerancePence) {
    }

    record Outcome(FeeVerdict verdict, SettingFacts setting, String bandCode, BigDecimal areaMultiplier, Long adjustedReferencePence,
                   Long adjustedCeilingPence, Long previousFeePence, BigDecimal upliftPercent, BigDecimal maxUpliftPercent,
                   boolean justified, List<String> reasons, boolean breakdownRequired, Long breakdownTotalPence, Long surplusPence,
                   BigDecimal surplusCapPercent, long breakdownTolerancePence, List<RuleResult> rules) {

        /** Non-compliant, or above the reference without a justification: what an audit opens a finding for. */
        boolean opensFinding() {
            return FeeChecker.opensFinding(verdict, justified);
        }
    }

    /** The verdicts an audit opens a finding for (ABOVE_REFERENCE only without a justification). */
    static boolean opensFinding(FeeVerdict verdict, boolean justified) {
        return switch (verdict) {
            case ABOVE_CEILING, UPLIFT_ABOVE_CAP, SURPLUS_ABOVE_CAP, BREAKDOWN_INCONSISTENT, BREAKDOWN_MISSING -> true;
            case ABOVE_REFERENCE -> !justified;
            case NO_APPLICABLE_BAND, WITHIN_REFERENCE, NOT_REGULATED -> false;
        };
    }

    private FeeChecker() {
    }

    /**
     * Checks one fee. {@code need} is the child's need for a proposed placement, or null to use the setting's main need;
     * {@code previousFeePence} is last year's current fee for the same band and kind, or null.
     */
    static Outcome check(RateFrameworkView framework, SettingFacts setting, int band, ProvisionKind kind, long feePence,
                         boolean justified, Long previousFeePence, String need, Costs costs) {
        List<String> reasons = new ArrayList<>();
        BigDecimal cap = framework.maxUpliftPercent();
        RateFrameworkView.Transparency transparency = framework.transparency();
        boolean breakdownRequired = costs.assessed() && setting.regulated() && transparency.requiredFrom(setting.providerKind());
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
            RuleFacts facts = new RuleFacts(false, feePence, null, null, null, previousFeePence, cap, costs.assessed(), false,
                    costs.totalPence(), costs.surplusPence(), transparency.surplusCapPercent(), transparency.breakdownTolerancePence());
            return new Outcome(FeeVerdict.NOT_REGULATED, setting, null, null, null, null, previousFeePence, uplift, cap, justified, reasons,
                    false, costs.totalPence(), costs.surplusPence(), transparency.surplusCapPercent(), transparency.breakdownTolerancePence(),
                    rules(facts));
        }

        String effectiveNeed = need != null ? need : setting.mainNeed();
        Optional<Band> applicable = applicableBand(framework, kind, band, effectiveNeed);
        BigDecimal multiplier = null;
        Long reference = null;
        Long ceiling = null;
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
                reasons.add("Fee " + Money.format(feePence) + " is " + Money.format(feePence - ceiling) + " ("
                        + Money.percent(Money.percentOf(feePence - ceiling, ceiling)) + ") above the adjusted ceiling "
                        + Money.format(ceiling) + ": non-compliant.");
            } else if (feePence > reference) {
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

        if (previousFeePence == null) {
            reasons.add("No fee for " + previousYear + " in the same band and kind: no uplift to check.");
        } else {
            boolean upliftAboveCap = upliftAboveCap(feePence, previousFeePence, cap);
            reasons.add("Uplift over last year's fee (" + previousYear + ") of " + Money.format(previousFeePence) + ": "
                    + Money.format(feePence - previousFeePence) + " (" + Money.percent(uplift) + "), "
                    + (upliftAboveCap ? "above the cap of " + Money.percent(cap) + ": non-compliant." : "within the cap of " + Money.percent(cap) + "."));
        }
        costReasons(framework, setting, feePence, costs, breakdownRequired, reasons);
        statusReason(setting, reasons);

        RuleFacts facts = new RuleFacts(true, feePence, applicable.map(Band::code).orElse(null), reference, ceiling, previousFeePence, cap,
                costs.assessed(), breakdownRequired, costs.totalPence(), costs.surplusPence(), transparency.surplusCapPercent(),
                transparency.breakdownTolerancePence());
        List<RuleResult> rules = rules(facts);
        return new Outcome(verdict(true, rules), setting, applicable.map(Band::code).orElse(null), multiplier, reference, ceiling,
                previousFeePence, uplift, cap, justified, reasons, breakdownRequired, costs.totalPence(), costs.surplusPence(),
                transparency.surplusCapPercent(), transparency.breakdownTolerancePence(), rules);
    }

    /** The reasons of the surplus and transparency rules, with their numbers. */
    private static void costReasons(RateFrameworkView framework, SettingFacts setting, long feePence, Costs costs, boolean breakdownRequired,
                                    List<String> reasons) {
        if (!costs.assessed()) {
            return;
        }
        RateFrameworkView.Transparency t = framework.transparency();
        if (costs.totalPence() == null) {
            if (!breakdownRequired && t.breakdownRequiredFrom().isEmpty() && t.surplusCapPercent().compareTo(Money.HUNDRED) == 0) {
                return; // a framework without these rules (as every one before them): nothing to say of a fee without a breakdown
            }
            reasons.add(breakdownRequired
                    ? "No cost breakdown: " + framework.label() + " requires one from " + t.requiredFromWords() + " providers, and this provider is "
                    + setting.providerKind() + ": non-compliant."
                    : "No cost breakdown" + (t.breakdownRequiredFrom().isEmpty() ? "; the framework requires none"
                    : "; the framework requires one only from " + t.requiredFromWords() + " providers") + ", so the surplus is not checked.");
            return;
        }
        // the reasons are read by every role that reads the verdict, so they give no amount of the breakdown: the figures
        // (FeeCheck.surplus, breakdownDifference, ...) are the provider's and the regulator's alone, as the breakdown is
        long difference = costs.totalPence() - feePence;
        if (Math.abs(difference) > t.breakdownTolerancePence()) {
            reasons.add("The breakdown's parts do not add up to the fee: they are further from it than the framework's "
                    + Money.format(t.breakdownTolerancePence()) + " rounding tolerance: inconsistent.");
        } else {
            reasons.add("The breakdown's parts add up to the fee" + (difference == 0 ? "."
                    : ", within the framework's " + Money.format(t.breakdownTolerancePence()) + " rounding tolerance."));
        }
        reasons.add(surplusAboveCap(feePence, costs.surplusPence(), t.surplusCapPercent())
                ? "The breakdown's surplus is above the framework's cap of " + Money.percent(t.surplusCapPercent()) + " of the fee: non-compliant."
                : "The breakdown's surplus is within the framework's cap of " + Money.percent(t.surplusCapPercent()) + " of the fee.");
    }

    /** Exact: fee / previous > 1 + cap / 100, without rounding the percentage first. */
    static boolean upliftAboveCap(long feePence, long previousFeePence, BigDecimal capPercent) {
        return BigDecimal.valueOf(feePence).multiply(Money.HUNDRED)
                .compareTo(BigDecimal.valueOf(previousFeePence).multiply(Money.HUNDRED.add(capPercent))) > 0;
    }

    /** Exact: surplus / fee > cap / 100. */
    static boolean surplusAboveCap(long feePence, long surplusPence, BigDecimal capPercent) {
        return BigDecimal.valueOf(surplusPence).multiply(Money.HUNDRED).compareTo(BigDecimal.valueOf(feePence).multiply(capPercent)) > 0;
    }

    /**
     * The most surplus the cap allows on a fee, in whole pence rounded down (a fraction of a penny cannot be earned), so
     * a surplus above the cap is always at least a penny above the allowance.
     */
    static long surplusAllowancePence(long feePence, BigDecimal capPercent) {
        return BigDecimal.valueOf(feePence).multiply(capPercent).divide(Money.HUNDRED, 0, RoundingMode.FLOOR).longValueExact();
    }

    /** Every rule's result, in {@link FeeRule}'s order. */
    static List<RuleResult> rules(RuleFacts f) {
        List<RuleResult> rules = new ArrayList<>(FeeRule.values().length);
        if (!f.regulated()) {
            for (FeeRule rule : FeeRule.values()) {
                rules.add(new RuleResult(rule, RuleOutcome.NOT_APPLICABLE, null));
            }
            return rules;
        }
        boolean banded = f.bandCode() != null;
        rules.add(result(FeeRule.BAND, true, !banded, FeeVerdict.NO_APPLICABLE_BAND));
        rules.add(result(FeeRule.CEILING, banded, banded && f.feePence() > f.ceilingPence(), FeeVerdict.ABOVE_CEILING));
        rules.add(result(FeeRule.REFERENCE, banded, banded && f.feePence() > f.referencePence(), FeeVerdict.ABOVE_REFERENCE));
        rules.add(result(FeeRule.UPLIFT_CAP, f.previousFeePence() != null,
                f.previousFeePence() != null && upliftAboveCap(f.feePence(), f.previousFeePence(), f.maxUpliftPercent()), FeeVerdict.UPLIFT_ABOVE_CAP));
        boolean hasBreakdown = f.costsAssessed() && f.breakdownTotalPence() != null;
        rules.add(result(FeeRule.SURPLUS_CAP, hasBreakdown,
                hasBreakdown && surplusAboveCap(f.feePence(), f.surplusPence(), f.surplusCapPercent()), FeeVerdict.SURPLUS_ABOVE_CAP));
        rules.add(result(FeeRule.BREAKDOWN_REQUIRED, f.costsAssessed() && f.breakdownRequired(), !hasBreakdown, FeeVerdict.BREAKDOWN_MISSING));
        rules.add(result(FeeRule.BREAKDOWN_ADDS_UP, hasBreakdown,
                hasBreakdown && Math.abs(f.breakdownTotalPence() - f.feePence()) > f.breakdownTolerancePence(), FeeVerdict.BREAKDOWN_INCONSISTENT));
        return rules;
    }

    private static RuleResult result(FeeRule rule, boolean applies, boolean broken, FeeVerdict verdict) {
        return !applies ? new RuleResult(rule, RuleOutcome.NOT_APPLICABLE, null)
                : broken ? new RuleResult(rule, RuleOutcome.BROKEN, verdict) : new RuleResult(rule, RuleOutcome.MET, null);
    }

    /** The most serious broken rule's verdict; WITHIN_REFERENCE when none is broken, NOT_REGULATED for a state setting. */
    static FeeVerdict verdict(boolean regulated, List<RuleResult> rules) {
        if (!regulated) {
            return FeeVerdict.NOT_REGULATED;
        }
        return rules.stream().filter(r -> r.outcome() == RuleOutcome.BROKEN).map(RuleResult::verdict)
                .min(Comparator.naturalOrder()).orElse(FeeVerdict.WITHIN_REFERENCE);
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
