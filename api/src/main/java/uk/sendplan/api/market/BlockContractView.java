package uk.sendplan.api.market;

import uk.sendplan.db.types.BlockContractStatus;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.ProvisionKind;

import java.time.Instant;
import java.util.List;

/**
 * A block contract as stored: places by need and phase at one setting for a financial year, each party LA's share, at a
 * fee per place checked against the year's framework when proposed.
 */
record BlockContractView(long id, int urn, long providerId, String need, String phase, String financialYear, int band, ProvisionKind kind,
                         long annualFeePence, String justification, long frameworkId, int frameworkVersion, FeeVerdict verdict,
                         List<String> reasons, Long referencePence, Long ceilingPence, String leadLaCode, BlockContractStatus status,
                         String statusReason, String proposedBy, Instant proposedAt, String decidedBy, Instant decidedAt, List<Party> parties) {

    /** One LA's share of the places. */
    record Party(String laCode, int places) {
    }

    int places() {
        return parties.stream().mapToInt(Party::places).sum();
    }

    /** What the contract costs its parties in the year, filled or not. */
    long annualCommitmentPence() {
        return annualFeePence * places();
    }

    boolean hasParty(String laCode) {
        return parties.stream().anyMatch(p -> p.laCode().equals(laCode));
    }
}
