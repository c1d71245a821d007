package uk.sendplan.api.planning;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.List;

import static org.jooq.impl.DSL.count;
import static uk.sendplan.db.jooq.Tables.PLACEMENT;

/** Approved placements counted for other features (sufficiency): how many children of which LAs hold places where. */
@Service
public class PlacementCounts {

    /** Children placed through this service in a setting's places for one phase. */
    public record Placed(int urn, String phase, int children) {
    }

    private final DSLContext db;

    PlacementCounts(DSLContext db) {
        this.db = db;
    }

    /** Approved placements holding a place now, of children from LAs other than these, by setting and phase. */
    public List<Placed> fromOutside(Collection<String> laCodes) {
        return db.select(PLACEMENT.SETTING_URN, PLACEMENT.PHASE_CODE, count()).from(PLACEMENT)
                .where(PLACEMENT.LA_CODE.notIn(laCodes)).and(PLACEMENT.TAKES_PLACE.isTrue()).and(PLACEMENT.ENDED.isFalse())
                .groupBy(PLACEMENT.SETTING_URN, PLACEMENT.PHASE_CODE)
                .fetch(r -> new Placed(r.value1(), r.value2(), r.value3()));
    }
}
