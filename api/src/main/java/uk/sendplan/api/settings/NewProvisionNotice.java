package uk.sendplan.api.settings;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.db.jooq.tables.records.SettingRecord;
import uk.sendplan.db.types.Sector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tells the service when the register gains independent or non-maintained provision ({@link NewProvision}), from every
 * path that writes settings: a setting outside the state sector, or of a type independent by nature (the same rule that
 * puts a setting's fees under the rates framework), registered, or with more places in a need and phase than before.
 * Fewer places, or places at a state setting, are nobody's new provision.
 */
@Component
class NewProvisionNotice {

    private final ReferenceData reference;
    private final ApplicationEventPublisher events;

    NewProvisionNotice(ReferenceData reference, ApplicationEventPublisher events) {
        this.reference = reference;
        this.events = events;
    }

    /** Settings just registered, each with its places. */
    void registered(List<SettingRecord> settings, Map<Integer, List<PlaceView>> places) {
        List<NewProvision.Opening> openings = new ArrayList<>();
        for (SettingRecord s : settings) {
            if (independent(s)) {
                openings.add(new NewProvision.Opening(s.getUrn(), s.getLaCode(), s.getProviderId(), true,
                        grown(List.of(), places.getOrDefault(s.getUrn(), List.of()))));
            }
        }
        publish(openings);
    }

    /** Registered settings whose places were replaced: each setting's places before and after. */
    void placesChanged(List<SettingRecord> settings, Map<Integer, List<PlaceView>> before, Map<Integer, List<PlaceView>> after) {
        List<NewProvision.Opening> openings = new ArrayList<>();
        for (SettingRecord s : settings) {
            List<NewProvision.Cell> cells = grown(before.getOrDefault(s.getUrn(), List.of()), after.getOrDefault(s.getUrn(), List.of()));
            if (independent(s) && !cells.isEmpty()) {
                openings.add(new NewProvision.Opening(s.getUrn(), s.getLaCode(), s.getProviderId(), false, cells));
            }
        }
        publish(openings);
    }

    private boolean independent(SettingRecord s) {
        return s.getSector() != Sector.STATE || reference.settingType(s.getTypeCode()).independent();
    }

    /** The cells with more places after than before (capacity; a cell new to the setting had none). */
    private static List<NewProvision.Cell> grown(List<PlaceView> before, List<PlaceView> after) {
        List<NewProvision.Cell> cells = new ArrayList<>();
        for (PlaceView place : after) {
            int had = before.stream().filter(p -> p.need().equals(place.need()) && p.phase().equals(place.phase()))
                    .mapToInt(PlaceView::capacity).sum();
            if (place.capacity() > had) {
                cells.add(new NewProvision.Cell(place.need(), place.phase(), had, place.capacity()));
            }
        }
        return cells;
    }

    private void publish(List<NewProvision.Opening> openings) {
        if (!openings.isEmpty()) {
            events.publishEvent(new NewProvision(openings));
        }
    }
}
