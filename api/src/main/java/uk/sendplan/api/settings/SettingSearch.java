package uk.sendplan.api.settings;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SortField;
import org.springframework.stereotype.Component;
import uk.sendplan.api.kernel.GridPoints;
import uk.sendplan.api.kernel.Ids;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Cursors;
import uk.sendplan.api.system.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.jooq.impl.DSL.*;
import static uk.sendplan.db.jooq.Tables.*;

/**
 * Searching the register: settings by filter (keyset-paged by URN, or by distance from a point) and providers by
 * name. The filter becomes a jOOQ condition here and runs here, so conditions never leave this class. The register is
 * public to every role: settings, places and providers hold no child-level data.
 */
@Component
class SettingSearch {

    /** One page of a settings search. */
    record SettingPage(List<SettingHit> hits, boolean hasNext, int totalCount) {
    }

    record SettingHit(SettingView setting, String cursor, Double distanceKm) {
    }

    private static final double MAX_RADIUS_KM = 200;

    private final DSLContext db;
    private final SettingRepository settings;
    private final ReferenceData reference;
    private final Access access;

    SettingSearch(DSLContext db, SettingRepository settings, ReferenceData reference, Access access) {
        this.db = db;
        this.settings = settings;
        this.reference = reference;
        this.access = access;
    }

    private void requireSignedIn(String operation) {
        access.require(operation, Role.values());
    }

    SettingPage search(SettingFilter filter, int limit, String after) {
        requireSignedIn("settings");
        SettingFilter f = filter == null ? SettingFilter.NONE : filter;
        Condition condition = condition(f);
        List<SelectField<?>> extra = new ArrayList<>();
        List<SortField<?>> order = new ArrayList<>();
        Condition keyset = noCondition();
        Field<Long> distanceSquared = null;
        if (f.near() != null) {
            Field<Long> de = SETTING.EASTING.cast(Long.class).minus(inline((long) f.near().easting()));
            Field<Long> dn = SETTING.NORTHING.cast(Long.class).minus(inline((long) f.near().northing()));
            distanceSquared = de.mul(de).plus(dn.mul(dn));
            extra.add(distanceSquared.as("distance_squared"));
            order.add(distanceSquared.asc());
            if (after != null) {
                String[] key = Cursors.decode("after", after, "near").split(",");
                try {
                    keyset = row(distanceSquared, SETTING.URN).gt(Long.parseLong(key[0]), Integer.parseInt(key[1]));
                } catch (RuntimeException e) {
                    throw ApiException.badRequest("after", "not a cursor from this connection; pass an endCursor you were given");
                }
            }
        } else if (after != null) {
            keyset = SETTING.URN.gt((int) Cursors.decodeLong("after", after, "urn"));
        }
        order.add(SETTING.URN.asc());

        List<Record> rows = db.select(fields(extra)).from(SETTING).where(condition).and(keyset).orderBy(order).limit(limit + 1).fetch();
        List<SettingHit> hits = new ArrayList<>();
        for (Record row : rows.subList(0, Math.min(limit, rows.size()))) {
            SettingView setting = SettingRepository.view(row);
            if (distanceSquared != null) {
                long squared = row.get("distance_squared", Long.class);
                hits.add(new SettingHit(setting, Cursors.encode("near", squared + "," + setting.urn()), Math.sqrt(squared) / 1000.0));
            } else {
                hits.add(new SettingHit(setting, Cursors.encode("urn", setting.urn()), null));
            }
        }
        return new SettingPage(hits, rows.size() > limit, db.fetchCount(SETTING, condition));
    }

    /** The filter as a condition on SETTING, each part checked first (an unknown LA or region is an error, not an empty page). */
    private Condition condition(SettingFilter f) {
        Condition condition = noCondition();
        if (f.laCode() != null) {
            reference.requireLocalAuthority("filter.laCode", f.laCode());
            condition = condition.and(SETTING.LA_CODE.eq(f.laCode()));
        }
        if (f.regionCode() != null) {
            reference.requireRegion("filter.regionCode", f.regionCode());
            condition = condition.and(SETTING.LA_CODE.in(
                    reference.localAuthoritiesOf(f.regionCode()).stream().map(ReferenceData.LocalAuthority::code).toList()));
        }
        if (f.types() != null && !f.types().isEmpty()) {
            condition = condition.and(SETTING.TYPE_CODE.in(f.types()));
        }
        if (f.registrationStatuses() != null && !f.registrationStatuses().isEmpty()) {
            condition = condition.and(SETTING.REGISTRATION_STATUS.in(f.registrationStatuses()));
        }
        if (f.providerId() != null) {
            condition = condition.and(SETTING.PROVIDER_ID.eq(Ids.parse("filter.providerId", f.providerId())));
        }
        if (f.nameContains() != null && !f.nameContains().isBlank()) {
            String escaped = f.nameContains().trim().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
            condition = condition.and(lower(SETTING.NAME).like("%" + escaped + "%", '!'));
        }
        Condition placeMatch = PLACE.SETTING_URN.eq(SETTING.URN);
        if (f.need() != null) {
            placeMatch = placeMatch.and(PLACE.NEED_CODE.eq(f.need()));
        }
        if (f.phase() != null) {
            placeMatch = placeMatch.and(PLACE.PHASE_CODE.eq(f.phase()));
        }
        if (f.need() != null || f.phase() != null) {
            condition = condition.and(exists(selectOne().from(PLACE).where(placeMatch)));
        }
        if (f.hasVacancy() != null) {
            Condition vacant = exists(selectOne().from(PLACE).where(placeMatch).and(PLACE.VACANCIES.gt(0)));
            condition = condition.and(f.hasVacancy() ? vacant : not(vacant));
        }
        if (f.near() != null) {
            SettingFilter.NearInput near = f.near();
            if (!(near.withinKm() > 0 && near.withinKm() <= MAX_RADIUS_KM)) {
                throw ApiException.badRequest("filter.near.withinKm", "must be more than 0 and at most " + (int) MAX_RADIUS_KM + " km, got " + near.withinKm());
            }
            GridPoints.check("filter.near", near.easting(), near.northing());
            long radius = Math.round(near.withinKm() * 1000);
            condition = condition
                    .and(SETTING.EASTING.between((int) (near.easting() - radius), (int) (near.easting() + radius)))
                    .and(SETTING.NORTHING.between((int) (near.northing() - radius), (int) (near.northing() + radius)))
                    .and(SETTING.EASTING.cast(Long.class).minus(inline((long) near.easting())).mul(SETTING.EASTING.cast(Long.class).minus(inline((long) near.easting())))
                            .plus(SETTING.NORTHING.cast(Long.class).minus(inline((long) near.northing())).mul(SETTING.NORTHING.cast(Long.class).minus(inline((long) near.northing()))))
                            .le(inline(radius * radius)));
        }
        return condition;
    }

    List<ProviderView> providers(String nameContains, Long afterId, int limit) {
        requireSignedIn("providers");
        Condition condition = noCondition();
        if (nameContains != null && !nameContains.isBlank()) {
            condition = condition.and(PROVIDER.NAME.containsIgnoreCase(nameContains.trim()));
        }
        if (afterId != null) {
            Condition c = condition;
            return settings.provider(afterId)
                    .map(p -> providerPage(c.and(row(lower(PROVIDER.NAME), PROVIDER.ID).gt(p.name().toLowerCase(Locale.ROOT), p.id())), limit))
                    .orElseThrow(() -> ApiException.badRequest("after", "not a cursor from this connection; pass an endCursor you were given"));
        }
        return providerPage(condition, limit);
    }

    int countProviders(String nameContains) {
        return db.fetchCount(PROVIDER, nameContains == null || nameContains.isBlank() ? noCondition()
                : PROVIDER.NAME.containsIgnoreCase(nameContains.trim()));
    }

    private static List<SelectFieldOrAsterisk> fields(List<SelectField<?>> extra) {
        List<SelectFieldOrAsterisk> fields = new ArrayList<>(List.of(SETTING.asterisk(), SettingRepository.CAPACITY, SettingRepository.OCCUPIED));
        fields.addAll(extra);
        return fields;
    }

    private List<ProviderView> providerPage(Condition condition, int limit) {
        return db.selectFrom(PROVIDER).where(condition).orderBy(lower(PROVIDER.NAME), PROVIDER.ID).limit(limit)
                .fetch(SettingRepository::provider);
    }
}
