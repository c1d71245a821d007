package uk.sendplan.api.fees;

import uk.sendplan.api.kernel.Money;
import uk.sendplan.db.types.ProvisionKind;

import java.math.BigDecimal;
import java.time.Instant;

/** A regulator's audit of a year's fees in a scope, with what it found. */
record FeeAuditView(long id, String financialYear, long frameworkId, Scope scope, Instant runAt, String runBy, int feesChecked,
                    int findingsOpened, int findingsAlreadyRaised) {

    /** All given parts apply; none is England. */
    record Scope(String regionCode, String laCode, Long providerId) {

        boolean contains(FeeChecker.SettingFacts setting) {
            return (regionCode == null || regionCode.equals(setting.regionCode()))
                    && (laCode == null || laCode.equals(setting.laCode()))
                    && (providerId == null || providerId == setting.providerId());
        }
    }

    /** Regulated fees of one band and kind, in one region or (regionCode null) the whole scope. */
    record Statistic(int band, ProvisionKind kind, String regionCode, int fees, long medianFeePence, long p90FeePence,
                     BigDecimal medianUpliftPercent, BigDecimal forProfitShare) {

        public BigDecimal medianFee() {
            return Money.pounds(medianFeePence);
        }

        public BigDecimal p90Fee() {
            return Money.pounds(p90FeePence);
        }
    }

    record ProviderFindingCount(long providerId, int findings, int undecided, int aboveCeiling, int upliftAboveCap,
                                int unjustifiedAboveReference, int settings, int surplusAboveCap, int breakdownInconsistent,
                                int breakdownMissing) {
    }
}
