package uk.sendplan.api.planning;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.sendplan.db.types.PlanScope;

import uk.sendplan.api.audit.AuditSnapshot;
import uk.sendplan.db.types.PlanStatus;

/** A plan as the audit trail keeps it when it starts: what was asked of the solver. */
record PlanSnapshot(PlanScope scope, String code, String financialYear, String startTerm, int timeLimitSeconds, Weights weights,
                    Rules rules) implements AuditSnapshot {

    /** The objective's weights, as the plan row also stores them. */
    record Weights(long preferenceMiss, long independentPlacement, long outOfArea, long moveFromCurrent, long distanceFromHome,
                   long siblingsApart) {

        static Weights of(uk.sendplan.planner.domain.Weights w) {
            return new Weights(w.preferenceMiss(), w.independentPlacement(), w.outOfArea(), w.moveFromCurrent(), w.distanceFromHome(),
                    w.siblingsApart());
        }

        /** A plan's weights as stored; a plan made before a weight existed ran without it: 0. */
        static Weights read(java.util.Map<String, Object> stored) {
            return new Weights(weight(stored, "preferenceMiss"), weight(stored, "independentPlacement"), weight(stored, "outOfArea"),
                    weight(stored, "moveFromCurrent"), weight(stored, "distanceFromHome"), weight(stored, "siblingsApart"));
        }

        private static long weight(java.util.Map<String, Object> stored, String name) {
            return stored != null && stored.get(name) instanceof Number n ? n.longValue() : 0;
        }

        uk.sendplan.planner.domain.Weights toPlanner() {
            return new uk.sendplan.planner.domain.Weights(preferenceMiss, independentPlacement, outOfArea, moveFromCurrent, distanceFromHome,
                    siblingsApart);
        }
    }

    /**
     * The limits a plan is started with, as the plan row also stores them: the boarding reach and local radius always
     * (defaults filled in, so the plan says what it ran with), the independent limit only when one is set.
     *
     * @param maxIndependentShare percent of each LA's children, one decimal
     * Read back from the plan row, a plan made before the rules existed has every component null.
     */
    record Rules(Integer maxBoardingKm, Integer localRadiusKm, @JsonInclude(NON_NULL) Double maxIndependentShare,
                 @JsonInclude(NON_NULL) Integer maxIndependentPlacements) {
    }

    /** A plan's status before and after it is cancelled. */
    record Status(PlanStatus status) implements AuditSnapshot {
    }
}
