package uk.sendplan.api.settings;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.Phase;
import uk.sendplan.api.settings.PlaceView.CommissionView;
import uk.sendplan.api.settings.SettingInputs.PlaceCommissionInput;
import uk.sendplan.api.settings.SettingInputs.PlaceInput;
import uk.sendplan.api.settings.SettingInputs.RegisterProviderInput;
import uk.sendplan.api.settings.SettingInputs.RegisterSettingInput;
import uk.sendplan.api.settings.SettingInputs.SetPlacesInput;
import uk.sendplan.api.settings.SettingInputs.SetRegistrationStatusInput;
import uk.sendplan.api.settings.SettingInputs.UpdateSettingInput;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.system.Cursors;
import uk.sendplan.db.jooq.tables.records.ProviderRecord;
import uk.sendplan.db.jooq.tables.records.SettingRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.jooq.impl.DSL.*;
import static uk.sendplan.db.jooq.Tables.*;

/**
 * The register of settings and their places: the public face other features use, and the rules every change
 * passes. Every change is audited in the same transaction.
 */
@Service
public class SettingService {

    /** One page of a settings search. */
    public record SettingPage(List<SettingHit> hits, boolean hasNext, int totalCount) {
    }

    public record SettingHit(SettingView setting, String cursor, Double distanceKm) {
    }

    private static final double MAX_RADIUS_KM = 200;

    private final SettingRepository settings;
    private final ReferenceData reference;
    private final AuditTrail audit;
    private final Access access;

    SettingService(SettingRepository settings, ReferenceData reference, AuditTrail audit, Access access) {
        this.settings = settings;
        this.reference = reference;
        this.audit = audit;
        this.access = access;
    }

    /** The register is public to every role: settings, places, vacancies and providers hold no child-level data. */
    private void requireSignedIn(String operation) {
        access.require(operation, Role.values());
    }

    private static AuditTrail.Scope scope(SettingRecord s) {
        return new AuditTrail.Scope(s.getLaCode(), s.getProviderId(), false);
    }

    // ------------------------------------------------------------------ reads

    public Optional<SettingView> find(int urn) {
        requireSignedIn("setting");
        return settings.find(urn);
    }

    public Map<Integer, SettingView> findAll(Collection<Integer> urns) {
        return settings.findAll(urns);
    }

    public Map<Integer, List<PlaceView>> places(Collection<Integer> urns) {
        return settings.places(urns);
    }

    public Optional<ProviderView> provider(long id) {
        requireSignedIn("provider");
        return settings.provider(id);
    }

    public Map<Long, ProviderView> providers(Collection<Long> ids) {
        return settings.providers(ids);
    }

    /** Provider.settings returns at most this many (the query cost model counts on it). */
    static final int MAX_PROVIDER_SETTINGS = 500;

    /** All of a provider's settings, by URN. */
    public List<SettingView> settingsOf(long providerId) {
        return settings.byProvider(providerId, Integer.MAX_VALUE);
    }

    /** A provider's first settings by URN, as many as Provider.settings shows. */
    List<SettingView> firstSettingsOf(long providerId) {
        return settings.byProvider(providerId, MAX_PROVIDER_SETTINGS);
    }

    /** Every demo setting, by URN: what demo data of other features (fee schedules) is generated for. */
    public List<SettingView> demoSettings() {
        return settings.search(SETTING.DEMO.isTrue(), List.of(), List.of(SETTING.URN.asc()), noCondition(), Integer.MAX_VALUE)
                .stream().map(SettingRepository::view).toList();
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

        List<Record> rows = settings.search(condition, extra, order, keyset, limit + 1);
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
        return new SettingPage(hits, rows.size() > limit, settings.count(condition));
    }

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
            condition = condition.and(SETTING.PROVIDER_ID.eq(parseId("filter.providerId", f.providerId())));
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
            SettingRules.checkGridPoint("filter.near", near.easting(), near.northing());
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
                    .map(p -> settings.providers(c.and(row(lower(PROVIDER.NAME), PROVIDER.ID).gt(p.name().toLowerCase(Locale.ROOT), p.id())), limit))
                    .orElseThrow(() -> ApiException.badRequest("after", "not a cursor from this connection; pass an endCursor you were given"));
        }
        return settings.providers(condition, limit);
    }

    int countProviders(String nameContains) {
        return nameContains == null || nameContains.isBlank() ? settings.countProviders(noCondition())
                : settings.countProviders(PROVIDER.NAME.containsIgnoreCase(nameContains.trim()));
    }

    // ------------------------------------------------------------------ reads for planning

    /** One need × phase cell of a setting's places. */
    public record PlaceCell(String need, String phase, int capacity, int occupied, int approvedPlacements) {
        public int vacancies() {
            return capacity - occupied;
        }
    }

    /** A located setting with its places, as planning and demand generation read it. */
    public record PlanningSetting(int urn, String name, String type, String sector, String laCode, int easting, int northing,
                                  int ageFrom, int ageTo, String gender, boolean boarding, String registrationStatus,
                                  String statusReason, long providerId, List<PlaceCell> places) {
        public Set<String> needs() {
            return places.stream().map(PlaceCell::need).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    /**
     * Settings, of any status, located within {@code radiusMetres} of the box around the given LAs' postcode
     * districts, plus (if asked) every boarding setting in England, since boarding placements have no travel limit.
     */
    public List<PlanningSetting> settingsNear(Collection<String> laCodes, int radiusMetres, boolean boardingAnywhere) {
        int minE = Integer.MAX_VALUE, maxE = Integer.MIN_VALUE, minN = Integer.MAX_VALUE, maxN = Integer.MIN_VALUE;
        for (String laCode : laCodes) {
            for (ReferenceData.PostcodeDistrict d : reference.districtsOf(laCode)) {
                minE = Math.min(minE, d.centroid().easting());
                maxE = Math.max(maxE, d.centroid().easting());
                minN = Math.min(minN, d.centroid().northing());
                maxN = Math.max(maxN, d.centroid().northing());
            }
        }
        if (minE == Integer.MAX_VALUE) {
            return List.of();
        }
        Condition near = SETTING.EASTING.between(minE - radiusMetres, maxE + radiusMetres)
                .and(SETTING.NORTHING.between(minN - radiusMetres, maxN + radiusMetres));
        return settings.planningSettings(boardingAnywhere ? near.or(SETTING.BOARDING.isTrue().and(SETTING.EASTING.isNotNull())) : near);
    }

    /** Open settings near the LAs (see {@link #settingsNear}), without boarding ones further away. */
    public List<PlanningSetting> openSettingsNear(Collection<String> laCodes, int radiusMetres) {
        return settingsNear(laCodes, radiusMetres, false).stream().filter(s -> "OPEN".equals(s.registrationStatus())).toList();
    }

    // ------------------------------------------------------------------ occupancy

    /** One need × phase cell of a setting. */
    public record PlaceKey(int urn, String need, String phase) {
    }

    /**
     * Holds the cells for placements about to be approved, within the caller's transaction: the cells are locked in a
     * fixed order (the order {@link #setPlaces} locks a setting's cells in too), so concurrent writers queue instead of
     * deadlocking and each sees the other's result. Returns the problems if any cell has fewer vacancies than asked;
     * otherwise the placements the caller inserts take the places (the database counts them into occupancy, and its
     * occupied &lt;= capacity check stands behind this).
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public List<String> occupy(Map<PlaceKey, Integer> wanted) {
        Map<PlaceKey, PlaceCell> locked = settings.lockPlaces(wanted.keySet());
        List<String> problems = new ArrayList<>();
        for (var entry : wanted.entrySet()) {
            PlaceCell cell = locked.get(entry.getKey());
            PlaceKey key = entry.getKey();
            if (cell == null) {
                problems.add("setting " + key.urn() + " no longer has " + key.need() + " " + key.phase() + " places");
            } else if (cell.vacancies() < entry.getValue()) {
                problems.add("setting " + key.urn() + " has " + cell.vacancies() + " " + key.need() + " " + key.phase()
                        + " vacanc" + (cell.vacancies() == 1 ? "y" : "ies") + " left, " + entry.getValue() + " needed");
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------ changes

    @Transactional
    SettingView register(RegisterSettingInput input) {
        Actor actor = access.require("registerSetting", Role.PROVIDER, Role.ADMIN);
        if (actor.is(Role.PROVIDER) && !String.valueOf(actor.providerId()).equals(input.providerId())) {
            throw ApiException.forbidden("registerSetting: a provider registers settings for its own organisation only (input.providerId)");
        }
        SettingRules.checkUrn("input.urn", input.urn());
        if (settings.exists(input.urn())) {
            throw ApiException.badRequest("input.urn", "a setting with URN " + input.urn() + " is already registered");
        }
        SettingRecord record = new SettingRecord();
        record.setUrn(input.urn());
        record.setName(SettingRules.checkName("input.name", input.name()));
        record.setTypeCode(input.type());
        record.setSector(input.sector() != null ? input.sector() : reference.settingType(input.type()).defaultSector());
        record.setProviderId(requireProvider("input.providerId", input.providerId()));
        record.setLaCode(reference.requireLocalAuthority("input.laCode", input.laCode()).code());
        record.setPostcode(SettingRules.checkPostcode("input.postcode", input.postcode()));
        if (input.location() != null) {
            SettingRules.checkGridPoint("input.location", input.location().easting(), input.location().northing());
            record.setEasting(input.location().easting());
            record.setNorthing(input.location().northing());
        }
        SettingRules.checkAges("input.ageFrom", input.ageFrom(), input.ageTo());
        record.setAgeFrom(input.ageFrom());
        record.setAgeTo(input.ageTo());
        record.setGender(input.gender() == null ? "MIXED" : input.gender());
        record.setBoarding(Boolean.TRUE.equals(input.boarding()));
        record.setOfstedRating(input.ofstedRating());
        record.setRegistrationStatus("OPEN");
        record.setSource("MANUAL");
        record.setDemo(false);
        List<PlaceView> places = checkPlaces("input.places", input.urn(), input.ageFrom(), input.ageTo(),
                input.places() == null ? List.of() : input.places());
        record.setCreatedAt(java.time.Instant.now());
        record.setUpdatedAt(record.getCreatedAt());
        settings.insert(record);
        settings.insertPlaces(places);
        audit.record(scope(record), "SETTING_REGISTERED", "setting", input.urn(), null, snapshot(record, places), null);
        return settings.find(input.urn()).orElseThrow();
    }

    @Transactional
    SettingView update(UpdateSettingInput input) {
        SettingRecord record = lockOwned("updateSetting", input.urn());
        if (input.providerId() != null && access.actor().is(Role.PROVIDER) && !String.valueOf(access.actor().providerId()).equals(input.providerId())) {
            throw ApiException.forbidden("updateSetting: a provider can't hand a setting to another organisation (input.providerId)");
        }
        Map<String, Object> before = snapshot(record, null);
        if (input.name() != null) {
            record.setName(SettingRules.checkName("input.name", input.name()));
        }
        boolean regulated = feesRegulated(record.getSector(), record.getTypeCode());
        if (regulated && input.sector() != null && !input.sector().equals(record.getSector())) {
            throw ApiException.badRequest("input.sector", "the setting's fees are regulated by the rates framework, so its sector ("
                    + record.getSector() + ") is not changed here: it comes from DfE's record (importSettings)");
        }
        if (input.type() != null) {
            if (regulated && !feesRegulated(record.getSector(), input.type())) {
                throw ApiException.badRequest("input.type", "the setting's fees are regulated by the rates framework; a " + input.type()
                        + " setting in the " + record.getSector() + " sector would not be, so this change comes from DfE's record (importSettings)");
            }
            record.setTypeCode(input.type());
        }
        if (input.sector() != null) {
            record.setSector(input.sector());
        }
        if (input.providerId() != null) {
            record.setProviderId(requireProvider("input.providerId", input.providerId()));
        }
        if (input.laCode() != null) {
            record.setLaCode(reference.requireLocalAuthority("input.laCode", input.laCode()).code());
        }
        if (input.postcode() != null) {
            record.setPostcode(SettingRules.checkPostcode("input.postcode", input.postcode()));
        }
        if (input.location() != null) {
            SettingRules.checkGridPoint("input.location", input.location().easting(), input.location().northing());
            record.setEasting(input.location().easting());
            record.setNorthing(input.location().northing());
        }
        if (input.ageFrom() != null || input.ageTo() != null) {
            int from = input.ageFrom() != null ? input.ageFrom() : record.getAgeFrom();
            int to = input.ageTo() != null ? input.ageTo() : record.getAgeTo();
            SettingRules.checkAges(input.ageFrom() != null ? "input.ageFrom" : "input.ageTo", from, to);
            for (PlaceView place : settings.places(List.of(input.urn())).get(input.urn())) {
                if (!reference.phase(place.phase()).overlaps(from, to)) {
                    throw ApiException.badRequest("input.ageFrom", "the setting has " + place.phase() + " places, outside the new age range "
                            + from + "-" + to + "; change its places first");
                }
            }
            record.setAgeFrom(from);
            record.setAgeTo(to);
        }
        if (input.gender() != null) {
            record.setGender(input.gender());
        }
        if (input.boarding() != null) {
            record.setBoarding(input.boarding());
        }
        if (input.ofstedRating() != null) {
            record.setOfstedRating(input.ofstedRating());
        }
        if (record.changed()) {
            settings.update(record);
            audit.record(scope(record), "SETTING_UPDATED", "setting", input.urn(), before, snapshot(record, null), null);
        }
        return settings.find(input.urn()).orElseThrow();
    }

    /**
     * Whether the rates framework checks the setting's fees: outside the state sector, or of a type independent by
     * nature (the fee check's own rule). updateSetting can't take a setting out of it, or a provider could move its
     * fees out of the regulator's sight by relabelling its school.
     */
    private boolean feesRegulated(String sector, String type) {
        return !"STATE".equals(sector) || reference.settingType(type).independent();
    }

    @Transactional
    SettingView setPlaces(SetPlacesInput input) {
        SettingRecord record = lockOwned("setPlaces", input.urn());
        List<PlaceView> places = checkPlaces("input.places", input.urn(), record.getAgeFrom(), record.getAgeTo(), input.places());
        // approvals lock the same cells: once they are ours, the approved placements counted in them stay put
        Map<PlaceKey, PlaceCell> locked = settings.lockPlacesOf(input.urn());
        checkApprovedPlacementsKept("input.places", input.urn(), places, locked);
        List<PlaceView> before = settings.places(List.of(input.urn())).get(input.urn());
        settings.replacePlaces(input.urn(), places);
        settings.update(record);
        audit.record(scope(record), "PLACES_SET", "setting", input.urn(), Map.of("places", placesSnapshot(before)),
                Map.of("places", placesSnapshot(places)), null);
        return settings.find(input.urn()).orElseThrow();
    }

    /** Approved placements keep their places: no cell is removed or made smaller than the children placed in it. */
    private static void checkApprovedPlacementsKept(String field, int urn, List<PlaceView> places, Map<PlaceKey, PlaceCell> current) {
        Map<PlaceKey, PlaceView> wanted = new LinkedHashMap<>();
        places.forEach(p -> wanted.put(new PlaceKey(urn, p.need(), p.phase()), p));
        for (var entry : current.entrySet()) {
            PlaceCell cell = entry.getValue();
            if (cell.approvedPlacements() == 0) {
                continue;
            }
            PlaceView next = wanted.get(entry.getKey());
            String children = cell.approvedPlacements() + " approved placement" + (cell.approvedPlacements() == 1 ? "" : "s");
            if (next == null) {
                throw ApiException.badRequest(field, cell.need() + " " + cell.phase() + " places hold " + children
                        + "; they can't be removed");
            }
            if (next.capacity() < next.occupied() + cell.approvedPlacements()) {
                int index = places.indexOf(next);
                throw ApiException.badRequest(field + "[" + index + "].capacity", "capacity " + next.capacity() + " for " + cell.need()
                        + " " + cell.phase() + " is below the " + children + " plus the " + next.occupied()
                        + " other pupils given (" + (next.occupied() + cell.approvedPlacements()) + ")");
            }
        }
    }

    @Transactional
    SettingView setRegistrationStatus(SetRegistrationStatusInput input) {
        return changeRegistrationStatus("input", input.urn(), input.status(), input.reason());
    }

    /** Opens, suspends or closes a setting; suspending or closing needs a reason. Audited. */
    @Transactional
    public SettingView changeRegistrationStatus(String field, int urn, String status, String reason) {
        access.require("setRegistrationStatus", Role.REGULATOR, Role.ADMIN);
        SettingRecord record = settings.lock(urn)
                .orElseThrow(() -> ApiException.notFound(field + ".urn", "no setting with URN " + urn));
        if (!"OPEN".equals(status) && (reason == null || reason.isBlank())) {
            throw ApiException.badRequest(field + ".reason", "a reason is required to make a setting " + status);
        }
        if (status.equals(record.getRegistrationStatus())) {
            throw ApiException.badRequest(field + ".status", "the setting is already " + status);
        }
        Map<String, Object> before = statusSnapshot(record);
        record.setRegistrationStatus(status);
        record.setStatusReason(reason == null || reason.isBlank() ? null : reason.trim());
        settings.update(record);
        audit.record(scope(record), "REGISTRATION_STATUS_CHANGED", "setting", urn, before, statusSnapshot(record), record.getStatusReason());
        return settings.find(urn).orElseThrow();
    }

    @Transactional
    ProviderView registerProvider(RegisterProviderInput input) {
        access.require("registerProvider", Role.ADMIN);
        ProviderRecord record = new ProviderRecord();
        record.setName(SettingRules.checkName("input.name", input.name()));
        if (input.companyNumber() != null && !input.companyNumber().isBlank()) {
            String number = input.companyNumber().trim().toUpperCase(Locale.ROOT);
            if (!number.matches("[A-Z0-9]{8}")) {
                throw ApiException.badRequest("input.companyNumber", "a Companies House number is 8 letters or digits, e.g. 01234567 or SC123456");
            }
            record.setCompanyNumber(number);
        }
        record.setKind(input.kind());
        if (!"LOCAL_AUTHORITY".equals(input.kind()) && input.laCode() != null) {
            // a provider's LA makes it that LA's own provider record (one per LA), the owner of its maintained settings
            throw ApiException.badRequest("input.laCode", "only a LOCAL_AUTHORITY provider has an LA (it is the LA's own provider record); "
                    + "leave it out for a " + input.kind() + " provider");
        }
        if ("LOCAL_AUTHORITY".equals(input.kind())) {
            if (input.laCode() == null) {
                throw ApiException.badRequest("input.laCode", "required for a LOCAL_AUTHORITY provider");
            }
            if (Boolean.TRUE.equals(input.forProfit())) {
                throw ApiException.badRequest("input.forProfit", "a local authority is not for profit");
            }
            record.setForProfit(false);
        } else {
            record.setForProfit(input.forProfit());
        }
        if (input.laCode() != null) {
            record.setLaCode(reference.requireLocalAuthority("input.laCode", input.laCode()).code());
        }
        record.setDemo(false);
        long id = settings.insertProvider(record);
        record.setId(id);
        audit.record(new AuditTrail.Scope(record.getLaCode(), id, false), "PROVIDER_REGISTERED", "provider", id, null, providerSnapshot(record), null);
        return settings.provider(id).orElseThrow();
    }

    // ------------------------------------------------------------------ bulk registration (demo data)

    /** An organisation to register in bulk. */
    public record ProviderDraft(String name, String companyNumber, String kind, Boolean forProfit, String laCode, boolean demo) {
    }

    public boolean registerIsEmpty() {
        return settings.count(noCondition()) == 0;
    }

    /** Registers providers, returning their ids in the same order. */
    @Transactional
    public List<Long> registerProviders(List<ProviderDraft> drafts, String reason) {
        access.require("registerProvider", Role.ADMIN);
        List<Long> ids = new ArrayList<>();
        List<AuditTrail.Change> changes = new ArrayList<>();
        for (ProviderDraft draft : drafts) {
            ProviderRecord record = new ProviderRecord();
            record.setName(draft.name());
            record.setCompanyNumber(draft.companyNumber());
            record.setKind(draft.kind());
            record.setForProfit(draft.forProfit());
            record.setLaCode(draft.laCode());
            record.setDemo(draft.demo());
            long id = settings.insertProvider(record);
            record.setId(id);
            ids.add(id);
            changes.add(new AuditTrail.Change("PROVIDER_REGISTERED", "provider", String.valueOf(id), null, providerSnapshot(record), reason,
                    new AuditTrail.Scope(record.getLaCode(), id, false)));
        }
        audit.recordAll(changes);
        return ids;
    }

    /** Registers settings with their places in bulk, each audited. The drafts are trusted to be valid. */
    @Transactional
    public void registerAll(List<SettingDraft> drafts, String reason) {
        access.require("registerSetting", Role.ADMIN);
        List<SettingRecord> records = new ArrayList<>();
        List<PlaceView> places = new ArrayList<>();
        List<AuditTrail.Change> changes = new ArrayList<>();
        for (SettingDraft d : drafts) {
            SettingRecord r = new SettingRecord();
            r.setUrn(d.urn());
            r.setName(d.name());
            r.setTypeCode(d.type());
            r.setSector(d.sector());
            r.setProviderId(d.providerId());
            r.setLaCode(d.laCode());
            r.setPostcode(d.postcode());
            r.setEasting(d.easting());
            r.setNorthing(d.northing());
            r.setAgeFrom(d.ageFrom());
            r.setAgeTo(d.ageTo());
            r.setGender(d.gender());
            r.setBoarding(d.boarding());
            r.setOfstedRating(d.ofstedRating());
            r.setRegistrationStatus(d.registrationStatus());
            r.setSource(d.source());
            r.setDemo(d.demo());
            records.add(r);
            List<PlaceView> settingPlaces = d.places().stream()
                    .map(p -> new PlaceView(d.urn(), p.need(), p.phase(), p.capacity(), p.occupied(), List.of())).toList();
            places.addAll(settingPlaces);
            changes.add(new AuditTrail.Change("SETTING_REGISTERED", "setting", String.valueOf(d.urn()), null, snapshot(r, settingPlaces), reason, scope(r)));
        }
        settings.insertSettings(records);
        settings.insertPlaces(places);
        audit.recordAll(changes);
    }

    // ------------------------------------------------------------------ rules

    /** The setting, locked for the change, if the actor may change it: its own provider or an admin. */
    private SettingRecord lockOwned(String operation, int urn) {
        Actor actor = access.require(operation, Role.PROVIDER, Role.ADMIN);
        Optional<SettingRecord> record = settings.lock(urn);
        if (actor.is(Role.PROVIDER) && (record.isEmpty() || !record.get().getProviderId().equals(actor.providerId()))) {
            throw access.outOfScope(operation);
        }
        return record.orElseThrow(() -> ApiException.notFound("input.urn", "no setting with URN " + urn));
    }

    private long requireProvider(String field, String id) {
        long providerId = parseId(field, id);
        if (settings.provider(providerId).isEmpty()) {
            throw ApiException.badRequest(field, "no provider with id " + id);
        }
        return providerId;
    }

    static long parseId(String field, String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field, "not an id: \"" + id + "\"");
        }
    }

    private List<PlaceView> checkPlaces(String field, int urn, int ageFrom, int ageTo, List<PlaceInput> inputs) {
        List<PlaceView> places = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            PlaceInput p = inputs.get(i);
            String at = field + "[" + i + "]";
            if (!seen.add(p.need() + "/" + p.phase())) {
                throw ApiException.badRequest(at, "places for " + p.need() + " in " + p.phase() + " are given twice");
            }
            Phase phase = reference.phase(p.phase());
            if (!phase.overlaps(ageFrom, ageTo)) {
                throw ApiException.badRequest(at + ".phase", p.phase() + " (ages " + phase.ageFrom() + "-" + phase.ageTo()
                        + ") is outside the setting's age range " + ageFrom + "-" + ageTo);
            }
            if (p.capacity() < 0) {
                throw ApiException.badRequest(at + ".capacity", "must not be negative, got " + p.capacity());
            }
            if (p.capacity() > SettingRules.MAX_PLACES) {
                throw ApiException.badRequest(at + ".capacity", "must be at most " + SettingRules.MAX_PLACES
                        + " places for one need in one phase, got " + p.capacity());
            }
            if (p.occupied() < 0) {
                throw ApiException.badRequest(at + ".occupied", "must not be negative, got " + p.occupied());
            }
            if (p.occupied() > p.capacity()) {
                throw ApiException.badRequest(at + ".occupied", "must not exceed capacity (" + p.occupied() + " > " + p.capacity() + ")");
            }
            List<CommissionView> commissions = new ArrayList<>();
            Set<String> las = new HashSet<>();
            long commissioned = 0;  // long: commissions near Integer.MAX_VALUE must not wrap round to below capacity
            List<PlaceCommissionInput> commissionInputs = p.commissions() == null ? List.of() : p.commissions();
            for (int j = 0; j < commissionInputs.size(); j++) {
                PlaceCommissionInput c = commissionInputs.get(j);
                String cat = at + ".commissions[" + j + "]";
                reference.requireLocalAuthority(cat + ".laCode", c.laCode());
                if (!las.add(c.laCode())) {
                    throw ApiException.badRequest(cat + ".laCode", "LA " + c.laCode() + " is given twice");
                }
                if (c.places() <= 0) {
                    throw ApiException.badRequest(cat + ".places", "must be at least 1, got " + c.places());
                }
                commissioned += c.places();
                commissions.add(new CommissionView(c.laCode(), c.places()));
            }
            if (commissioned > p.capacity()) {
                throw ApiException.badRequest(at + ".commissions", "commissioned places (" + commissioned + ") must not exceed capacity (" + p.capacity() + ")");
            }
            places.add(new PlaceView(urn, p.need(), p.phase(), p.capacity(), p.occupied(), commissions));
        }
        return places;
    }

    // ------------------------------------------------------------------ audit snapshots

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
            map.put("places", placesSnapshot(places));
        }
        return map;
    }

    static List<Map<String, Object>> placesSnapshot(List<PlaceView> places) {
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

    private static Map<String, Object> statusSnapshot(SettingRecord s) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("registrationStatus", s.getRegistrationStatus());
        map.put("statusReason", s.getStatusReason());
        return map;
    }

    static Map<String, Object> providerSnapshot(ProviderRecord p) {
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
