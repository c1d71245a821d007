package uk.sendplan.api.fees;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.ProvisionKind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What other features (placement planning, tailored lists) read of fees: each setting's fee in force per band and
 * kind with its verdict, and the check of a fee someone proposes. Amounts are exact pence a year.
 */
@Service
public class FeeService {

    /**
     * A setting's current (latest revision) annual fee for a complexity band (1-5) and kind of provision (DAY,
     * RESIDENTIAL_38_WEEK, RESIDENTIAL_52_WEEK, POST_16, ALTERNATIVE_PROVISION), with the verdict of its latest check
     * (ABOVE_CEILING, UPLIFT_ABOVE_CAP, NO_APPLICABLE_BAND, ABOVE_REFERENCE, WITHIN_REFERENCE or NOT_REGULATED).
     * {@code feeId} and {@code revision} change whenever the fee does, so a plan can tell that a fee changed since.
     */
    public record SettingFee(int urn, int band, ProvisionKind kind, long feeId, int revision, long annualFeePence, FeeVerdict verdict) {
    }

    /** The check of a proposed fee: verdict, reasons with the numbers, and the framework version applied. */
    public record ProposedFeeCheck(FeeVerdict verdict, List<String> reasons, long frameworkId, int frameworkVersion,
                                   Long adjustedReferencePence, Long adjustedCeilingPence, Long previousFeePence) {
    }

    /**
     * The check of a fee offered for one child or proposed to renew a placement agreement: verdict and reasons with the
     * numbers, the framework version applied, and the uplift over {@code previousFeePence} against the cap.
     */
    public record OfferCheck(FeeVerdict verdict, List<String> reasons, String financialYear, long frameworkId, int frameworkVersion,
                             Long adjustedReferencePence, Long adjustedCeilingPence, Long previousFeePence, BigDecimal upliftPercent,
                             BigDecimal maxUpliftPercent) {

        /** Above the ceiling, or an uplift above the cap: what the framework forbids. */
        public boolean nonCompliant() {
            return verdict == FeeVerdict.ABOVE_CEILING || verdict == FeeVerdict.UPLIFT_ABOVE_CAP || verdict == FeeVerdict.SURPLUS_ABOVE_CAP;
        }
    }

    /**
     * A regulated setting's fee in force for a band and kind, as the financial oversight reads fees: the provider and
     * region its latest check recorded, the surplus its breakdown states (null: no breakdown) and the band's reference
     * after the area cost adjustment (null: no band applied). Exact pence a year, for one place.
     */
    public record RegulatedFee(long feeId, long providerId, String regionCode, int band, ProvisionKind kind, long annualFeePence,
                               Long surplusPence, Long adjustedReferencePence) {
    }

    private final FeeSchedules schedules;
    private final RateFrameworks frameworks;

    private final FeeRepository fees;

    FeeService(FeeSchedules schedules, RateFrameworks frameworks, FeeRepository fees) {
        this.schedules = schedules;
        this.frameworks = frameworks;
        this.fees = fees;
    }

    /**
     * Every current fee of a financial year ("2026-27") at a regulated setting (independent and non-maintained
     * settings, specialist post-16 institutions, independent AP), for statistics across providers. The caller decides
     * who may read them: a fee's surplus is commercially sensitive.
     */
    @Transactional(readOnly = true)
    public List<RegulatedFee> regulatedFees(String financialYear) {
        return fees.regulated(FeeRules.financialYear("financialYear", financialYear));
    }

    /** The surplus cap (percent of a fee) of the year's published framework; empty when none is published. */
    @Transactional(readOnly = true)
    public Optional<BigDecimal> surplusCapPercent(String financialYear) {
        return frameworks.published(financialYear).map(RateFrameworkView::surplusCapPercent);
    }

    /**
     * Current fees of the given settings for a financial year ("2026-27"), by URN; settings without fees are left out.
     * Within a setting, by kind then band.
     */
    @Transactional(readOnly = true)
    public Map<Integer, List<SettingFee>> currentFees(String financialYear, Collection<Integer> urns) {
        Map<Integer, List<SettingFee>> byUrn = new java.util.TreeMap<>();
        schedules.currentWithVerdicts(FeeRules.financialYear("financialYear", financialYear), urns)
                .forEach(fee -> byUrn.computeIfAbsent(fee.urn(), urn -> new ArrayList<>()).add(fee));
        return new LinkedHashMap<>(byUrn);
    }

    /**
     * Checks a fee a provider offers for a child (band 1-5, kind as above, {@code need} the child's DfE need code or
     * null) against the published framework of the year, as a submitted fee would be checked; stores nothing.
     * Fails with BAD_REQUEST/NOT_FOUND naming the argument when the year has no published framework, the setting is
     * unknown, or the band, kind or amount is invalid.
     */
    @Transactional(readOnly = true)
    public ProposedFeeCheck checkProposedFee(String financialYear, int urn, int band, String kind, long annualFeePence, String need) {
        String year = FeeRules.financialYear("financialYear", financialYear);
        ProvisionKind provision = FeeRules.kind("kind", kind);
        if (annualFeePence <= 0 || annualFeePence > FeeRules.MAX_ANNUAL_FEE_PENCE) {
            throw ApiException.badRequest("annualFeePence", "must be more than 0 and at most " + FeeRules.MAX_ANNUAL_FEE_PENCE + ", got " + annualFeePence);
        }
        FeeCheckView check = schedules.proposed("fee", year, urn, band, provision, annualFeePence, need, false);
        int version = frameworks.find(check.frameworkId()).orElseThrow().version();
        return new ProposedFeeCheck(check.verdict(), check.reasons(), check.frameworkId(), version, check.adjustedReferencePence(),
                check.adjustedCeilingPence(), check.previousFeePence());
    }

    /**
     * Checks a fee offered for a child at a setting against the published framework of {@code financialYear}, counting
     * the provider's justification; the uplift is measured against {@code previousFeePence} when given (the fee of the
     * agreement being renewed), else against the setting's fee last year for the same band and kind. Stores nothing.
     * Fails with BAD_REQUEST/NOT_FOUND naming {@code field} when the year has no published framework or the setting is
     * unknown. With {@code surplusPence} (an offer's terms: their parts add up to the fee, so the breakdown rules hold)
     * the surplus cap applies too; without it (a renewal's uplift, a block contract) it is not assessed.
     */
    @Transactional(readOnly = true)
    public OfferCheck checkOffer(String field, String financialYear, int urn, int band, ProvisionKind kind, long annualFeePence, String need,
                                 boolean justified, Long previousFeePence, Long surplusPence) {
        FeeChecker.Costs costs = surplusPence == null ? FeeChecker.Costs.NOT_ASSESSED : new FeeChecker.Costs(true, annualFeePence, surplusPence);
        FeeCheckView check = schedules.proposed(field, FeeRules.financialYear(field + ".financialYear", financialYear), urn, band, kind,
                annualFeePence, need, justified, previousFeePence, costs);
        int version = frameworks.find(check.frameworkId()).orElseThrow().version();
        return new OfferCheck(check.verdict(), check.reasons(), financialYear, check.frameworkId(), version, check.adjustedReferencePence(),
                check.adjustedCeilingPence(), check.previousFeePence(), check.upliftPercent(), check.maxUpliftPercent());
    }
}
