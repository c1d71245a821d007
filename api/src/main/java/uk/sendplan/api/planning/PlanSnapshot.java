package uk.sendplan.api.planning;

import uk.sendplan.db.types.PlanScope;

import uk.sendplan.api.audit.AuditSnapshot;
import uk.sendplan.db.types.PlanStatus;

/** A plan as the audit trail keeps it when it starts: what was asked of the solver. */
record PlanSnapshot(PlanScope scope, String code, String financialYear, String startTerm, int timeLimitSeconds, Weights weights)
        implements AuditSnapshot {

    /** The objective's weights, as the plan row also stores them. */
    record Weights(long preferenceMiss, long independentPlacement, long outOfArea, long moveFromCurrent) {

        static Weights of(uk.sendplan.planner.domain.Weights w) {
            return new Weights(w.preferenceMiss(), w.independentPlacement(), w.outOfArea(), w.moveFromCurrent());
        }
    }

    /** A plan's status before and after it is cancelled. */
    record Status(PlanStatus status) implements AuditSnapshot {
    }
}
