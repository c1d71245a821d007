package uk.sendplan.api.planning;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;

import static uk.sendplan.db.jooq.Tables.PLACEMENT;

/**
 * Placements made by accepted placement agreements rather than approved plans: the same table, so the place is
 * counted into its cell's occupancy by the database exactly as a plan's placement is.
 */
@Service
public class AgreedPlacements {

    private final DSLContext db;

    AgreedPlacements(DSLContext db) {
        this.db = db;
    }

    /**
     * Records the placement within the caller's transaction, which must hold the cell (SettingService.occupy) first;
     * returns its id.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long place(long requestId, String laCode, int urn, String need, String phase, long agreementId, long annualFeePence,
                      long annualCostPence, String approvedBy, Instant approvedAt) {
        return db.insertInto(PLACEMENT).set(PLACEMENT.REQUEST_ID, requestId).set(PLACEMENT.LA_CODE, laCode)
                .set(PLACEMENT.SETTING_URN, urn).set(PLACEMENT.NEED_CODE, need).set(PLACEMENT.PHASE_CODE, phase)
                .set(PLACEMENT.AGREEMENT_ID, agreementId).set(PLACEMENT.ANNUAL_FEE_PENCE, annualFeePence)
                .set(PLACEMENT.ANNUAL_COST_PENCE, annualCostPence).set(PLACEMENT.APPROVED_BY, approvedBy)
                .set(PLACEMENT.APPROVED_AT, approvedAt).set(PLACEMENT.TAKES_PLACE, true).returning(PLACEMENT.ID).fetchOne(PLACEMENT.ID);
    }

    /**
     * The child's placement ends on {@code endsOn} (they move to a new agreement's place after it): it keeps its place
     * until then, and {@link PlacementEnds} releases it the day after.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void endOn(long placementId, java.time.LocalDate endsOn) {
        db.update(PLACEMENT).set(PLACEMENT.ENDS_ON, endsOn).where(PLACEMENT.ID.eq(placementId)).execute();
    }
}
