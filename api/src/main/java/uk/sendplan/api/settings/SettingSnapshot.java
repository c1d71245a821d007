package uk.sendplan.api.settings;

import uk.sendplan.db.types.OfstedRating;

import uk.sendplan.db.types.Gender;

import uk.sendplan.db.types.Sector;

import com.fasterxml.jackson.annotation.JsonInclude;
import uk.sendplan.api.audit.AuditSnapshot;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.db.jooq.tables.records.SettingRecord;
import uk.sendplan.db.types.RegistrationStatus;

import java.util.List;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY;
import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

/**
 * A setting as the audit trail keeps it before and after a change: its register entry, with its places when the
 * change is about them too (registration, import) and without the key when it is not (an update of the entry alone).
 */
record SettingSnapshot(Integer urn, String name, String type, Sector sector, Long providerId, String laCode, String postcode,
                       Integer easting, Integer northing, Integer ageFrom, Integer ageTo, Gender gender, Boolean boarding,
                       OfstedRating ofstedRating, RegistrationStatus registrationStatus, @JsonInclude(NON_NULL) List<Place> places)
        implements AuditSnapshot {

    /** A need × phase cell; {@code commissions} left out when no LA commissions places in it. */
    record Place(String need, String phase, int capacity, int occupied, @JsonInclude(NON_EMPTY) List<Commission> commissions) {
    }

    record Commission(String laCode, int places) {
    }

    /** A setting's places alone, before and after they are set. */
    record Places(List<Place> places) implements AuditSnapshot {

        static Places of(List<PlaceView> places) {
            return new Places(SettingSnapshot.places(places));
        }
    }

    /** A registration status change, with its reason (null when there is none). */
    record Registration(RegistrationStatus registrationStatus, String statusReason) implements AuditSnapshot {

        static Registration of(SettingRecord s) {
            return new Registration(s.getRegistrationStatus(), s.getStatusReason());
        }
    }

    /** The status a GIAS import closes: the import records the status alone, without the reason it had. */
    record Status(RegistrationStatus registrationStatus) implements AuditSnapshot {
    }

    /** {@code places} null leaves them out of the snapshot. */
    static SettingSnapshot of(SettingRecord s, List<PlaceView> places) {
        return new SettingSnapshot(s.getUrn(), s.getName(), s.getTypeCode(), s.getSector(), s.getProviderId(), s.getLaCode(),
                s.getPostcode(), s.getEasting(), s.getNorthing(), s.getAgeFrom(), s.getAgeTo(), s.getGender(), s.getBoarding(),
                s.getOfstedRating(), s.getRegistrationStatus(), places == null ? null : places(places));
    }

    /** Who may read a setting's audit events: its LA and its provider; nothing child-level. */
    static AuditTrail.Scope scope(SettingRecord s) {
        return new AuditTrail.Scope(s.getLaCode(), s.getProviderId(), false);
    }

    private static List<Place> places(List<PlaceView> places) {
        return places.stream().map(p -> new Place(p.need(), p.phase(), p.capacity(), p.occupied(),
                p.commissions().stream().map(c -> new Commission(c.laCode(), c.places())).toList())).toList();
    }
}
