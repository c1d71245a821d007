package uk.sendplan.api.planning;

import java.util.List;

/**
 * Published inside an approval's transaction once its children are placed: features that hold something for those
 * children (a referral to the market) settle it in the same transaction, or refuse and so undo the approval.
 */
public record PlacementsApproved(long planId, List<Long> requestIds) {
}
