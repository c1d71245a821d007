package uk.sendplan.api.fees;

import uk.sendplan.api.kernel.Money;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.RateFrameworkStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One version of the national rates framework, with its bands and every region's area cost adjustment. */
record RateFrameworkView(long id, String financialYear, int version, String name, String description, RateFrameworkStatus status,
                         BigDecimal maxUpliftPercent, Long supersedesId, Long supersededById, Instant createdAt, String createdBy,
                         Instant publishedAt, String publishedBy, Instant supersededAt, List<Band> bands,
                         List<AreaAdjustment> areaAdjustments, Transparency transparency) {

    /**
     * The surplus and transparency rules: a fee's surplus may be at most {@code surplusCapPercent} of the fee (100 sets
     * no cap, 0 allows none); providers of the kinds in {@code breakdownRequiredFrom} must break their fees down; a
     * breakdown may differ from its fee by {@code breakdownTolerancePence} for rounding.
     */
    record Transparency(BigDecimal surplusCapPercent, List<ProviderKind> breakdownRequiredFrom, long breakdownTolerancePence) {

        /** What the frameworks made before these rules say: no cap, no duty, no tolerance. */
        static final Transparency NONE = new Transparency(new BigDecimal("100.00"), List.of(), 0);

        boolean requiredFrom(ProviderKind kind) {
            return kind != null && breakdownRequiredFrom.contains(kind);
        }

        /** "INDEPENDENT or NON_MAINTAINED", as reasons name the duty. */
        String requiredFromWords() {
            return String.join(" or ", breakdownRequiredFrom.stream().map(Enum::name).toList());
        }

        public BigDecimal breakdownTolerance() {
            return Money.pounds(breakdownTolerancePence);
        }
    }

    public BigDecimal surplusCapPercent() {
        return transparency.surplusCapPercent();
    }

    public List<ProviderKind> breakdownRequiredFrom() {
        return transparency.breakdownRequiredFrom();
    }

    public BigDecimal breakdownTolerance() {
        return transparency.breakdownTolerance();
    }

    /**
     * Amounts in pence a year, before the area cost adjustment; {@code needs} empty for a band covering every need;
     * {@code stateTariff} the national range for state settings' fees of the band, or null for none.
     */
    record Band(String code, String description, ProvisionKind kind, int complexity, List<String> needs, long referencePence, long ceilingPence,
                StateTariff stateTariff) {

        public BigDecimal referenceRate() {
            return Money.pounds(referencePence);
        }

        public BigDecimal ceiling() {
            return Money.pounds(ceilingPence);
        }
    }

    /**
     * The national tariff of a band for state settings: the range, in pence a year, that a state setting's fee (place
     * funding and top-up) of the band's kind and complexity should fall in. The same in every region.
     */
    record StateTariff(long minPence, long maxPence) {

        public BigDecimal min() {
            return Money.pounds(minPence);
        }

        public BigDecimal max() {
            return Money.pounds(maxPence);
        }
    }

    record AreaAdjustment(String regionCode, BigDecimal multiplier) {
    }

    /** The multiplier of a region; 1 for a region the framework does not list (it lists all nine once created). */
    BigDecimal multiplier(String regionCode) {
        return areaAdjustments.stream().filter(a -> a.regionCode().equals(regionCode)).map(AreaAdjustment::multiplier)
                .findFirst().orElse(BigDecimal.ONE);
    }

    Optional<Band> band(String code) {
        return bands.stream().filter(b -> b.code().equals(code)).findFirst();
    }

    /** "framework 3 (2026-27 version 1)": names the version in reasons and messages. */
    String label() {
        return "framework " + id + " (" + financialYear + " version " + version + ")";
    }
}
