package uk.sendplan.api.settings;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Records;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import uk.sendplan.api.reference.ReferenceData.GridPoint;
import uk.sendplan.api.settings.PlaceView.CommissionView;
import uk.sendplan.db.jooq.tables.records.ProviderRecord;
import uk.sendplan.db.jooq.tables.records.SettingRecord;
import uk.sendplan.db.types.ProviderKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.jooq.impl.DSL.*;
import static uk.sendplan.db.jooq.Tables.*;

/** Reads and writes of the register's tables. */
@Repository
class SettingRepository {

    static final Field<Integer> CAPACITY = field(select(coalesce(sum(PLACE.CAPACITY), inline(java.math.BigDecimal.ZERO)).cast(Integer.class))
            .from(PLACE).where(PLACE.SETTING_URN.eq(SETTING.URN))).as("total_capacity");
    static final Field<Integer> OCCUPIED = field(select(coalesce(sum(PLACE.OCCUPIED), inline(java.math.BigDecimal.ZERO)).cast(Integer.class))
            .from(PLACE).where(PLACE.SETTING_URN.eq(SETTING.URN))).as("total_occupied");

    private final DSLContext db;

    SettingRepository(DSLContext db) {
        this.db = db;
    }

    // ------------------------------------------------------------------ settings

    Optional<SettingView> find(int urn) {
        return db.select(SETTING.asterisk(), CAPACITY, OCCUPIED).from(SETTING).where(SETTING.URN.eq(urn))
                .fetchOptional(SettingRepository::view);
    }

    /** Locks the setting row for the rest of the transaction, so concurrent changes to it queue. */
    Optional<SettingRecord> lock(int urn) {
        return db.selectFrom(SETTING).where(SETTING.URN.eq(urn)).forUpdate().fetchOptional();
    }

    Map<Integer, SettingView> findAll(Collection<Integer> urns) {
        Map<Integer, SettingView> byUrn = new LinkedHashMap<>();
        db.select(SETTING.asterisk(), CAPACITY, OCCUPIED).from(SETTING).where(SETTING.URN.in(urns))
                .fetch(SettingRepository::view).forEach(s -> byUrn.put(s.urn(), s));
        return byUrn;
    }

    List<Integer> urnsIn(Collection<String> laCodes) {
        return db.select(SETTING.URN).from(SETTING).where(SETTING.LA_CODE.in(laCodes)).orderBy(SETTING.URN).fetch(SETTING.URN);
    }

    /** A provider's first settings by URN, at most {@code limit} (the schema's bound on Provider.settings). */
    List<SettingView> byProvider(long providerId, int limit) {
        return db.select(SETTING.asterisk(), CAPACITY, OCCUPIED).from(SETTING).where(SETTING.PROVIDER_ID.eq(providerId))
                .orderBy(SETTING.URN).limit(limit).fetch(SettingRepository::view);
    }

    List<SettingView> demoSettings() {
        return db.select(SETTING.asterisk(), CAPACITY, OCCUPIED).from(SETTING).where(SETTING.DEMO.isTrue()).orderBy(SETTING.URN)
                .fetch(SettingRepository::view);
    }

    Optional<Long> firstDemoProvider(ProviderKind kind) {
        return db.select(PROVIDER.ID).from(PROVIDER).where(PROVIDER.DEMO.isTrue()).and(PROVIDER.KIND.eq(kind))
                .orderBy(PROVIDER.ID).limit(1).fetchOptional(PROVIDER.ID);
    }

    boolean isEmpty() {
        return !db.fetchExists(SETTING);
    }

    boolean exists(int urn) {
        return db.fetchExists(SETTING, SETTING.URN.eq(urn));
    }

    void insert(SettingRecord setting) {
        db.executeInsert(setting);
    }

    void update(SettingRecord setting) {
        setting.setUpdatedAt(Instant.now());
        db.executeUpdate(setting);
    }

    static SettingView view(Record r) {
        SettingRecord s = r.into(SETTING);
        GridPoint location = s.getEasting() == null ? null : new GridPoint(s.getEasting(), s.getNorthing());
        return new SettingView(s.getUrn(), s.getName(), s.getTypeCode(), s.getSector(), s.getProviderId(), s.getLaCode(),
                s.getPostcode(), location, s.getAgeFrom(), s.getAgeTo(), s.getGender(), s.getBoarding(), s.getOfstedRating(),
                s.getRegistrationStatus(), s.getStatusReason(), s.getDemo(), s.getSource(),
                r.get(CAPACITY.getName(), Integer.class), r.get(OCCUPIED.getName(), Integer.class), s.getUpdatedAt());
    }

    /** Located settings matching the condition, each with its place cells (nested with multiset). */
    /**
     * Located settings, of any status, inside the box (grid metres), plus every located boarding setting in England
     * if asked.
     */
    List<SettingService.PlanningSetting> planningSettings(int minEasting, int maxEasting, int minNorthing, int maxNorthing,
                                                          boolean boardingAnywhere) {
        Condition near = SETTING.EASTING.between(minEasting, maxEasting).and(SETTING.NORTHING.between(minNorthing, maxNorthing));
        return planningSettings(boardingAnywhere ? near.or(SETTING.BOARDING.isTrue().and(SETTING.EASTING.isNotNull())) : near);
    }

    Condition byUrn(int urn) {
        return SETTING.URN.eq(urn);
    }

    /** Located settings meeting a condition, with their places. */
    List<SettingService.PlanningSetting> planningSettings(Condition condition) {
        return db.select(SETTING.URN, SETTING.NAME, SETTING.TYPE_CODE, SETTING.SECTOR, SETTING.LA_CODE, SETTING.EASTING, SETTING.NORTHING,
                        SETTING.AGE_FROM, SETTING.AGE_TO, SETTING.GENDER, SETTING.BOARDING, SETTING.REGISTRATION_STATUS,
                        SETTING.STATUS_REASON, SETTING.PROVIDER_ID,
                        multiset(select(PLACE.NEED_CODE, PLACE.PHASE_CODE, PLACE.CAPACITY, PLACE.OCCUPIED, PLACE.PLACED).from(PLACE)
                                .where(PLACE.SETTING_URN.eq(SETTING.URN)).orderBy(PLACE.NEED_CODE, PLACE.PHASE_CODE))
                                .convertFrom(rows -> rows.map(Records.mapping(SettingService.PlaceCell::new))))
                .from(SETTING)
                .where(condition).and(SETTING.EASTING.isNotNull())
                .orderBy(SETTING.URN)
                .fetch(Records.mapping(SettingService.PlanningSetting::new));
    }

    // ------------------------------------------------------------------ places

    List<SettingService.PlaceTotal> placeTotals(Collection<String> laCodes) {
        var others = select(coalesce(sum(PLACE_COMMISSION.PLACES), 0)).from(PLACE_COMMISSION)
                .where(PLACE_COMMISSION.SETTING_URN.eq(PLACE.SETTING_URN)).and(PLACE_COMMISSION.NEED_CODE.eq(PLACE.NEED_CODE))
                .and(PLACE_COMMISSION.PHASE_CODE.eq(PLACE.PHASE_CODE)).and(PLACE_COMMISSION.LA_CODE.ne(SETTING.LA_CODE))
                .and(CommissionRepository.IN_FORCE).asField();
        return db.select(SETTING.LA_CODE, SETTING.TYPE_CODE, PLACE.NEED_CODE, PLACE.PHASE_CODE, sum(PLACE.CAPACITY).cast(Integer.class),
                        sum(PLACE.OCCUPIED).cast(Integer.class), sum(others.cast(Integer.class)).cast(Integer.class))
                .from(PLACE).join(SETTING).on(SETTING.URN.eq(PLACE.SETTING_URN))
                .where(SETTING.LA_CODE.in(laCodes)).and(SETTING.REGISTRATION_STATUS.eq(uk.sendplan.db.types.RegistrationStatus.OPEN))
                .groupBy(SETTING.LA_CODE, SETTING.TYPE_CODE, PLACE.NEED_CODE, PLACE.PHASE_CODE)
                .fetch(Records.mapping(SettingService.PlaceTotal::new));
    }

    /** Places of many settings with their commissions (one query, commissions nested with multiset). */
    Map<Integer, List<PlaceView>> places(Collection<Integer> urns) {
        Map<Integer, List<PlaceView>> byUrn = new LinkedHashMap<>();
        urns.forEach(urn -> byUrn.put(urn, new ArrayList<>()));
        db.select(PLACE.SETTING_URN, PLACE.NEED_CODE, PLACE.PHASE_CODE, PLACE.CAPACITY, PLACE.OCCUPIED,
                        multiset(select(PLACE_COMMISSION.LA_CODE, PLACE_COMMISSION.PLACES, PLACE_COMMISSION.CONTRACT_ID,
                                        PLACE_COMMISSION.FINANCIAL_YEAR).from(PLACE_COMMISSION)
                                .where(PLACE_COMMISSION.SETTING_URN.eq(PLACE.SETTING_URN))
                                .and(PLACE_COMMISSION.NEED_CODE.eq(PLACE.NEED_CODE))
                                .and(PLACE_COMMISSION.PHASE_CODE.eq(PLACE.PHASE_CODE))
                                .and(CommissionRepository.IN_FORCE)
                                .orderBy(PLACE_COMMISSION.LA_CODE, PLACE_COMMISSION.FINANCIAL_YEAR.nullsFirst()))
                                .convertFrom(rows -> rows.map(r -> new CommissionView(r.value1(), r.value2(), r.value3(), r.value4()))), PLACE.PLACED)
                .from(PLACE).join(NEED_TYPE).on(NEED_TYPE.CODE.eq(PLACE.NEED_CODE)).join(PHASE).on(PHASE.CODE.eq(PLACE.PHASE_CODE))
                .where(PLACE.SETTING_URN.in(urns))
                .orderBy(PLACE.SETTING_URN, NEED_TYPE.SORT_ORDER, PHASE.SORT_ORDER)
                .fetch(r -> new PlaceView(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7()))
                .forEach(place -> byUrn.get(place.urn()).add(place));
        return byUrn;
    }

    /** Locks the cells (ordered, so that concurrent lockers queue rather than deadlock) and returns them as they are now. */
    Map<SettingService.PlaceKey, SettingService.PlaceCell> lockPlaces(Collection<SettingService.PlaceKey> keys) {
        if (keys.isEmpty()) {
            return new LinkedHashMap<>();
        }
        var rows = keys.stream().map(k -> row(k.urn(), k.need(), k.phase())).toList();
        return lockPlaces(row(PLACE.SETTING_URN, PLACE.NEED_CODE, PLACE.PHASE_CODE).in(rows));
    }

    /** Locks every cell of a setting, in the same order as {@link #lockPlaces(Collection)}. */
    Map<SettingService.PlaceKey, SettingService.PlaceCell> lockPlacesOf(int urn) {
        return lockPlaces(PLACE.SETTING_URN.eq(urn));
    }

    private Map<SettingService.PlaceKey, SettingService.PlaceCell> lockPlaces(Condition cells) {
        Map<SettingService.PlaceKey, SettingService.PlaceCell> locked = new LinkedHashMap<>();
        db.select(PLACE.SETTING_URN, PLACE.NEED_CODE, PLACE.PHASE_CODE, PLACE.CAPACITY, PLACE.OCCUPIED, PLACE.PLACED).from(PLACE)
                .where(cells)
                .orderBy(PLACE.SETTING_URN, PLACE.NEED_CODE, PLACE.PHASE_CODE).forUpdate().fetch()
                .forEach(r -> locked.put(new SettingService.PlaceKey(r.value1(), r.value2(), r.value3()),
                        new SettingService.PlaceCell(r.value2(), r.value3(), r.value4(), r.value5(), r.value6())));
        return locked;
    }

    /**
     * A setting's places become these: cells kept are updated where they are, so the commissions block contracts made in
     * them stay (the database refuses to drop a cell or commission under a contract in force); declared commissions are
     * replaced.
     */
    void replacePlaces(int urn, List<PlaceView> places) {
        db.deleteFrom(PLACE_COMMISSION).where(PLACE_COMMISSION.SETTING_URN.eq(urn)).and(PLACE_COMMISSION.CONTRACT_ID.isNull()).execute();
        var kept = places.stream().map(p -> row(p.need(), p.phase())).toList();
        db.deleteFrom(PLACE).where(PLACE.SETTING_URN.eq(urn))
                .and(kept.isEmpty() ? trueCondition() : row(PLACE.NEED_CODE, PLACE.PHASE_CODE).notIn(kept)).execute();
        for (PlaceView p : places) {
            db.insertInto(PLACE, PLACE.SETTING_URN, PLACE.NEED_CODE, PLACE.PHASE_CODE, PLACE.CAPACITY, PLACE.PUPILS)
                    .values(p.urn(), p.need(), p.phase(), p.capacity(), p.occupied())
                    .onConflict(PLACE.SETTING_URN, PLACE.NEED_CODE, PLACE.PHASE_CODE)
                    .doUpdate().set(PLACE.CAPACITY, excluded(PLACE.CAPACITY)).set(PLACE.PUPILS, excluded(PLACE.PUPILS)).execute();
        }
        insertCommissions(places);
    }

    void insertPlaces(List<PlaceView> places) {
        var rows = places.stream().map(p -> DSL.row(p.urn(), p.need(), p.phase(), p.capacity(), p.occupied())).toList();
        for (var chunk : chunks(rows, 2000)) {
            db.insertInto(PLACE, PLACE.SETTING_URN, PLACE.NEED_CODE, PLACE.PHASE_CODE, PLACE.CAPACITY, PLACE.PUPILS)
                    .valuesOfRows(chunk).execute();
        }
        insertCommissions(places);
    }

    private void insertCommissions(List<PlaceView> places) {
        var commissions = places.stream().flatMap(p -> p.commissions().stream()
                .map(c -> DSL.row(p.urn(), p.need(), p.phase(), c.laCode(), c.places()))).toList();
        for (var chunk : chunks(commissions, 2000)) {
            db.insertInto(PLACE_COMMISSION, PLACE_COMMISSION.SETTING_URN, PLACE_COMMISSION.NEED_CODE, PLACE_COMMISSION.PHASE_CODE,
                    PLACE_COMMISSION.LA_CODE, PLACE_COMMISSION.PLACES).valuesOfRows(chunk).execute();
        }
    }

    // ------------------------------------------------------------------ bulk writes (import, demo data)

    void insertSettings(List<SettingRecord> settings) {
        Instant now = Instant.now();
        for (SettingRecord s : settings) {
            s.setCreatedAt(now);
            s.setUpdatedAt(now);
        }
        for (List<SettingRecord> chunk : chunks(settings, 1000)) {
            db.insertInto(SETTING, SETTING.fields()).valuesOfRecords(chunk).execute();
        }
    }

    void updateSettings(List<SettingRecord> settings) {
        Instant now = Instant.now();
        settings.forEach(s -> s.setUpdatedAt(now));
        db.batchUpdate(settings).execute();
    }

    void deletePlaces(Collection<Integer> urns) {
        for (List<Integer> chunk : chunks(List.copyOf(urns), 5000)) {
            db.deleteFrom(PLACE).where(PLACE.SETTING_URN.in(chunk)).execute();
        }
    }

    Map<Integer, SettingRecord> settingRecords(Collection<Integer> urns) {
        Map<Integer, SettingRecord> byUrn = new LinkedHashMap<>();
        for (List<Integer> chunk : chunks(List.copyOf(urns), 5000)) {
            db.selectFrom(SETTING).where(SETTING.URN.in(chunk)).fetch().forEach(s -> byUrn.put(s.getUrn(), s));
        }
        return byUrn;
    }

    Map<Integer, List<PlaceView>> placesOf(Collection<Integer> urns) {
        Map<Integer, List<PlaceView>> byUrn = new LinkedHashMap<>();
        for (List<Integer> chunk : chunks(List.copyOf(urns), 5000)) {
            byUrn.putAll(places(chunk));
        }
        return byUrn;
    }

    // ------------------------------------------------------------------ providers

    Optional<ProviderView> provider(long id) {
        return db.selectFrom(PROVIDER).where(PROVIDER.ID.eq(id)).fetchOptional(SettingRepository::provider);
    }

    Map<Long, ProviderView> providers(Collection<Long> ids) {
        Map<Long, ProviderView> byId = new LinkedHashMap<>();
        db.selectFrom(PROVIDER).where(PROVIDER.ID.in(ids)).fetch(SettingRepository::provider).forEach(p -> byId.put(p.id(), p));
        return byId;
    }


    long insertProvider(ProviderRecord provider) {
        return db.insertInto(PROVIDER).set(provider).returning(PROVIDER.ID).fetchOne(PROVIDER.ID);
    }

    /** Providers by (kind, lower-case name), for matching imported rows to existing organisations. */
    Map<String, Long> providerIdsByKindAndName() {
        Map<String, Long> byKey = new LinkedHashMap<>();
        db.select(PROVIDER.ID, PROVIDER.KIND, PROVIDER.NAME, PROVIDER.LA_CODE).from(PROVIDER).orderBy(PROVIDER.ID)
                .fetch().forEach(r -> byKey.putIfAbsent(providerKey(r.value2(), r.value3(), r.value4()), r.value1()));
        return byKey;
    }

    static String providerKey(ProviderKind kind, String name, String laCode) {
        return kind == ProviderKind.LOCAL_AUTHORITY ? kind + "|" + laCode : kind + "|" + name.trim().toLowerCase(java.util.Locale.ROOT);
    }

    static ProviderView provider(ProviderRecord r) {
        return new ProviderView(r.getId(), r.getName(), r.getCompanyNumber(), r.getKind(), r.getForProfit(), r.getLaCode(), r.getDemo());
    }

    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            chunks.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return chunks;
    }
}
