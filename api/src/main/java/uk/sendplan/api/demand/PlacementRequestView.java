package uk.sendplan.api.demand;

import uk.sendplan.api.reference.ReferenceData.GridPoint;
import uk.sendplan.db.types.ChildGender;
import uk.sendplan.db.types.RequestStatus;

import java.time.Instant;
import java.util.List;

/**
 * A pseudonymous child who needs a place: an LA reference, never a name, date of birth or address.
 *
 * @param siblingGroup                the LA's pseudonymous code shared by siblings, or {@code null}
 * @param alternativeProvisionAllowed whether alternative provision may be planned; {@code null} takes the default (SEMH only)
 */
public record PlacementRequestView(long id, String laCode, String reference, String primaryNeed, String secondaryNeed,
                                   int band, int age, String phase, GridPoint home, ChildGender gender, boolean needsBoarding,
                                   Integer currentSettingUrn, boolean keepCurrent, List<Integer> preferences,
                                   String startTerm, RequestStatus status, String statusReason, boolean demo, Instant updatedAt,
                                   String siblingGroup, Boolean alternativeProvisionAllowed) {
}
