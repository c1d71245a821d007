package uk.sendplan.api.settings;

import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.db.jooq.tables.records.ProviderRecord;
import uk.sendplan.db.jooq.tables.records.SettingRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the audit trail records of a setting, its places and its provider, before and after a change. */
final class SettingSnapshots {

    private SettingSnapshots() {
    }

    /** Who may read a setting's audit events: its LA and its provider; nothing child-level. */
    static AuditTrail.Scope scope(SettingRecord s) {
        return new AuditTrail.Scope(s.getLaCode(), s.getProviderId(), false);
    }

    static Map<String, Object> snapshot(SettingRecord s, List<PlaceView> places) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("urn", s.getUrn());
        map.put("name", s.getName());
        map.put("type", s.getTypeCode());
        map.put("sector", s.getSector());
        map.put("providerId", s.getProviderId());
        map.put("laCode", s.getLaCode());
        map.put("postcode", s.getPostcode());
        map.put("easting", s.getEasting());
        map.put("northing", s.getNorthing());
        map.put("ageFrom", s.getAgeFrom());
        map.put("ageTo", s.getAgeTo());
        map.put("gender", s.getGender());
        map.put("boarding", s.getBoarding());
        map.put("ofstedRating", s.getOfstedRating());
        map.put("registrationStatus", s.getRegistrationStatus());
        if (places != null) {
            map.put("places", places(places));
        }
        return map;
    }

    static List<Map<String, Object>> places(List<PlaceView> places) {
        return places.stream().map(p -> {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("need", p.need());
            map.put("phase", p.phase());
            map.put("capacity", p.capacity());
            map.put("occupied", p.occupied());
            if (!p.commissions().isEmpty()) {
                map.put("commissions", p.commissions().stream().map(c -> Map.of("laCode", c.laCode(), "places", c.places())).toList());
            }
            return map;
        }).toList();
    }

    static Map<String, Object> status(SettingRecord s) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("registrationStatus", s.getRegistrationStatus());
        map.put("statusReason", s.getStatusReason());
        return map;
    }

    static Map<String, Object> provider(ProviderRecord p) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", p.getId());
        map.put("name", p.getName());
        map.put("companyNumber", p.getCompanyNumber());
        map.put("kind", p.getKind());
        map.put("forProfit", p.getForProfit());
        map.put("laCode", p.getLaCode());
        return map;
    }
}
