package uk.sendplan.planner.solver;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * A child left without a place.
 *
 * @param requestId          the child
 * @param cause              what a commissioner can act on: which rule no setting meets, or which
 *                           suitable settings are full
 * @param blockingSettingIds up to five full settings that would otherwise fit, nearest first
 */
@JsonPropertyOrder({"requestId", "reason", "blockingSettingIds"})
public record UnplacedRequest(String requestId, @JsonIgnore UnplacedReason cause, List<String> blockingSettingIds) {

    public UnplacedRequest {
        blockingSettingIds = List.copyOf(blockingSettingIds);
    }

    /** A child read back from a plan file, where the reason is words. */
    @JsonCreator
    static UnplacedRequest read(@JsonProperty("requestId") String requestId, @JsonProperty("reason") String reason,
                                @JsonProperty("blockingSettingIds") List<String> blockingSettingIds) {
        return new UnplacedRequest(requestId, new UnplacedReason.AsWritten(reason),
                blockingSettingIds == null ? List.of() : blockingSettingIds);
    }

    /** The reason in words, settings named by their ids in the problem (as the plan's JSON gives it). */
    @JsonProperty("reason")
    public String reason() {
        return cause.describe(id -> id);
    }
}
