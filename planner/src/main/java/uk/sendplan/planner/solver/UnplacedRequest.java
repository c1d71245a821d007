package uk.sendplan.planner.solver;

import java.util.List;

/**
 * A child left without a place.
 *
 * @param requestId          the child
 * @param reason             what a commissioner can act on: which rule no setting meets, or which
 *                           suitable settings are full
 * @param blockingSettingIds up to five full settings that would otherwise fit, nearest first
 */
public record UnplacedRequest(String requestId, String reason, List<String> blockingSettingIds) {

    public UnplacedRequest {
        blockingSettingIds = List.copyOf(blockingSettingIds);
    }
}
