package uk.sendplan.api.fees;

import uk.sendplan.api.kernel.Money;
import uk.sendplan.db.types.ProvisionKind;

import java.math.BigDecimal;
import java.time.Instant;

/** One revision of a setting's annual fee for a year, band and kind of provision. */
record FeeView(long id, int urn, String financialYear, int band, ProvisionKind kind, int revision, boolean current,
               long annualFeePence, Breakdown breakdown, String justification, String revisionReason,
               Instant submittedAt, String submittedBy) {

    /** What the fee pays for, in pence; the parts add up to the fee. */
    record Breakdown(long educationPence, long carePence, long therapiesPence, long transportPence, long overheadsPence,
                     long surplusPence) {

        long total() {
            return educationPence + carePence + therapiesPence + transportPence + overheadsPence + surplusPence;
        }

        public BigDecimal education() {
            return Money.pounds(educationPence);
        }

        public BigDecimal care() {
            return Money.pounds(carePence);
        }

        public BigDecimal therapies() {
            return Money.pounds(therapiesPence);
        }

        public BigDecimal transport() {
            return Money.pounds(transportPence);
        }

        public BigDecimal overheads() {
            return Money.pounds(overheadsPence);
        }

        public BigDecimal surplus() {
            return Money.pounds(surplusPence);
        }
    }

    /** Identifies a fee across its revisions within a year. */
    record Key(int urn, int band, ProvisionKind kind) {
    }

    Key key() {
        return new Key(urn, band, kind);
    }

    public BigDecimal annualFee() {
        return Money.pounds(annualFeePence);
    }

    /** The audit trail groups a setting's fees for a year under one entity id, e.g. "9202001/2026-27". */
    String scheduleId() {
        return scheduleId(urn, financialYear);
    }

    static String scheduleId(int urn, String financialYear) {
        return urn + "/" + financialYear;
    }

    /** "band 3 DAY", as messages name a fee within a schedule. */
    String label() {
        return "band " + band + " " + kind;
    }
}
