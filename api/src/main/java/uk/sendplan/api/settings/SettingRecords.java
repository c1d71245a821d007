package uk.sendplan.api.settings;

import org.jooq.Field;
import uk.sendplan.db.jooq.tables.records.SettingRecord;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import static uk.sendplan.db.jooq.Tables.SETTING;

/** The one place a setting's fields are copied onto its database record, whoever registers or re-imports it. */
final class SettingRecords {

    private SettingRecords() {
    }

    /** A new setting's record from a checked draft (a registration, a GIAS row, the demo register). */
    static SettingRecord of(SettingDraft draft) {
        SettingRecord record = new SettingRecord();
        record.setUrn(draft.urn());
        record.setProviderId(draft.providerId() == 0 ? null : draft.providerId());
        record.setRegistrationStatus(draft.registrationStatus());
        record.setSource(draft.source());
        record.setDemo(draft.demo());
        Instant now = Instant.now();
        record.setCreatedAt(now);
        record.setUpdatedAt(now);
        describe(record, draft);
        return record;
    }

    /** The fields {@link #describe} copies. */
    private static final List<Field<?>> DESCRIPTION = List.of(SETTING.NAME, SETTING.TYPE_CODE, SETTING.SECTOR, SETTING.LA_CODE,
            SETTING.POSTCODE, SETTING.EASTING, SETTING.NORTHING, SETTING.AGE_FROM, SETTING.AGE_TO, SETTING.GENDER, SETTING.BOARDING,
            SETTING.OFSTED_RATING);

    /** True when the record already says what the draft says of the setting. */
    static boolean describes(SettingRecord record, SettingDraft draft) {
        SettingRecord described = new SettingRecord();
        describe(described, draft);
        return DESCRIPTION.stream().allMatch(field -> Objects.equals(described.get(field), record.get(field)));
    }

    /** Copies what describes a setting (not its identity, status or history) from a draft onto a record. */
    static void describe(SettingRecord record, SettingDraft draft) {
        record.setName(draft.name());
        record.setTypeCode(draft.type());
        record.setSector(draft.sector());
        record.setLaCode(draft.laCode());
        record.setPostcode(draft.postcode());
        record.setEasting(draft.easting());
        record.setNorthing(draft.northing());
        record.setAgeFrom(draft.ageFrom());
        record.setAgeTo(draft.ageTo());
        record.setGender(draft.gender());
        record.setBoarding(draft.boarding());
        record.setOfstedRating(draft.ofstedRating());
    }
}
