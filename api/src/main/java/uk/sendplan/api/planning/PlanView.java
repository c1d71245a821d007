package uk.sendplan.api.planning;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import uk.sendplan.db.types.PlanScope;
import uk.sendplan.db.types.PlanStatus;

/**
 * A plan as stored: its request, its state, and its best result so far (money in exact pence).
 *
 * @param rules         the limits it was started with (maxBoardingKm, localRadiusKm, maxIndependentShare in percent,
 *                      maxIndependentPlacements); every component null for a plan made before they existed
 * @param provenOptimal no plan for the problem scores better
 * @param gapPercent    how far above the proven lower bound the plan's cost may be, or {@code null} when unknown
 */
public record PlanView(long id, String name, PlanScope scopeType, String scopeCode, String financialYear, String startTerm, PlanStatus status,
                       int timeLimitSeconds, Map<String, Object> weights, String createdBy, Instant createdAt, Instant startedAt,
                       Instant finishedAt, String score, Integer requests, Integer placed, Integer unplaced, Long totalCostPence,
                       Integer baselinePlaced, Integer baselineUnplaced, Long baselineCostPence, Long elapsedMs,
                       List<Map<String, Object>> excluded, List<PlanNote> notes, String failure, PlanSnapshot.Rules rules,
                       boolean provenOptimal, Double gapPercent) {

    public boolean finished() {
        return status != PlanStatus.QUEUED && status != PlanStatus.SOLVING;
    }
}
