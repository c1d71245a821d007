package uk.sendplan.api.reference;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.db.types.Sector;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static uk.sendplan.db.jooq.Tables.*;

/**
 * Reference data, read once: it changes only by migration. Other features validate codes and look up
 * regions, LAs, phases and setting types through here.
 */
@Service
public class ReferenceData {

    public record Region(String code, String name) {
    }

    public record LocalAuthority(String code, String onsCode, String name, String regionCode, GridPoint location, double areaKm2) {
    }

    public record GridPoint(int easting, int northing) {
    }

    public record NeedType(String code, String name, String giasName) {
    }

    public record Phase(String code, String name, int ageFrom, int ageTo) {
        public boolean overlaps(int from, int to) {
            return ageFrom <= to && from <= ageTo;
        }
    }

    public record SettingTypeInfo(String code, String name, Sector defaultSector, boolean independent) {
    }

    /** A live postcode district: the grain to which homes are rounded. */
    public record PostcodeDistrict(String outcode, String laCode, GridPoint centroid, int population) {
    }

    private final Map<String, Region> regions;
    private final Map<String, LocalAuthority> localAuthorities;
    private final Map<String, NeedType> needTypes;
    private final Map<String, Phase> phases;
    private final Map<String, SettingTypeInfo> settingTypes;
    private final Map<String, List<PostcodeDistrict>> districtsByLa;
    private final Map<String, PostcodeDistrict> districtsByOutcode;

    ReferenceData(DSLContext db) {
        regions = index(db.selectFrom(REGION).orderBy(REGION.NAME).fetch(r -> new Region(r.getCode(), r.getName())), Region::code);
        localAuthorities = index(db.selectFrom(LOCAL_AUTHORITY).orderBy(LOCAL_AUTHORITY.NAME).fetch(r -> new LocalAuthority(
                r.getCode(), r.getOnsCode(), r.getName(), r.getRegionCode(), new GridPoint(r.getEasting(), r.getNorthing()),
                r.getAreaKm2().doubleValue())), LocalAuthority::code);
        needTypes = index(db.selectFrom(NEED_TYPE).orderBy(NEED_TYPE.SORT_ORDER).fetch(r -> new NeedType(r.getCode(), r.getName(), r.getGiasName())),
                NeedType::code);
        phases = index(db.selectFrom(PHASE).orderBy(PHASE.SORT_ORDER).fetch(r -> new Phase(r.getCode(), r.getName(), r.getAgeFrom(), r.getAgeTo())),
                Phase::code);
        settingTypes = index(db.selectFrom(SETTING_TYPE).orderBy(SETTING_TYPE.SORT_ORDER).fetch(r -> new SettingTypeInfo(
                r.getCode(), r.getName(), r.getDefaultSector(), r.getIndependent())), SettingTypeInfo::code);
        districtsByLa = db.selectFrom(POSTCODE_DISTRICT).orderBy(POSTCODE_DISTRICT.OUTCODE)
                .fetch(r -> new PostcodeDistrict(r.getOutcode(), r.getLaCode(), new GridPoint(r.getEasting(), r.getNorthing()), r.getPopulation()))
                .stream().collect(Collectors.groupingBy(PostcodeDistrict::laCode, LinkedHashMap::new, Collectors.toList()));
        districtsByOutcode = index(districtsByLa.values().stream().flatMap(List::stream).toList(), PostcodeDistrict::outcode);
    }

    private static <T> Map<String, T> index(List<T> rows, Function<T, String> key) {
        return rows.stream().collect(Collectors.toMap(key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    public List<Region> regions() {
        return List.copyOf(regions.values());
    }

    public List<LocalAuthority> localAuthorities() {
        return List.copyOf(localAuthorities.values());
    }

    public List<LocalAuthority> localAuthoritiesOf(String regionCode) {
        return localAuthorities.values().stream().filter(la -> la.regionCode().equals(regionCode)).toList();
    }

    public Optional<Region> region(String code) {
        return Optional.ofNullable(regions.get(code));
    }

    public Optional<LocalAuthority> localAuthority(String code) {
        return Optional.ofNullable(localAuthorities.get(code));
    }

    /** The LA, or a BAD_REQUEST naming the field. */
    public LocalAuthority requireLocalAuthority(String field, String code) {
        return localAuthority(code).orElseThrow(() -> ApiException.badRequest(field, "unknown local authority code \"" + code
                + "\"; expected a DfE three-digit LA number such as 202"));
    }

    public Region requireRegion(String field, String code) {
        return region(code).orElseThrow(() -> ApiException.badRequest(field, "unknown region code \"" + code
                + "\"; expected one of " + String.join(", ", regions.keySet())));
    }

    public List<NeedType> needTypes() {
        return List.copyOf(needTypes.values());
    }

    public NeedType needType(String code) {
        return needTypes.get(code);
    }

    /** The need's name for people; the code itself when it is not on the list (so a page never shows a blank). */
    public String needName(String code) {
        NeedType need = needTypes.get(code);
        return need == null ? code : need.name();
    }

    public boolean isNeedCode(String code) {
        return needTypes.containsKey(code);
    }

    public List<Phase> phases() {
        return List.copyOf(phases.values());
    }

    public Phase phase(String code) {
        return phases.get(code);
    }

    /** The phase's name for people; the code itself when it is not on the list. */
    public String phaseName(String code) {
        Phase phase = phases.get(code);
        return phase == null ? code : phase.name();
    }

    /** The phase a child of this age is in, e.g. 11 → SECONDARY. */
    public Optional<Phase> phaseForAge(int age) {
        return phases.values().stream().filter(p -> age >= p.ageFrom() && age <= p.ageTo()).findFirst();
    }

    /** The phases an age range spans, youngest first. */
    public List<Phase> phasesOverlapping(int ageFrom, int ageTo) {
        return phases.values().stream().filter(p -> p.overlaps(ageFrom, ageTo))
                .sorted(Comparator.comparingInt(Phase::ageFrom)).toList();
    }

    /** A live English postcode district by its outcode, e.g. "NW1". */
    public Optional<PostcodeDistrict> district(String outcode) {
        return Optional.ofNullable(districtsByOutcode.get(outcode));
    }

    /** The LA's postcode districts, by outcode. */
    public List<PostcodeDistrict> districtsOf(String laCode) {
        return districtsByLa.getOrDefault(laCode, List.of());
    }

    /** The postcode district whose centroid is nearest a point, e.g. to name where a demo setting is. */
    public PostcodeDistrict nearestDistrict(String laCode, int easting, int northing) {
        return districtsOf(laCode).stream().min(Comparator.comparingLong(d -> squaredDistance(d.centroid(), easting, northing)))
                .orElseThrow(() -> new IllegalStateException("LA " + laCode + " has no postcode districts"));
    }

    private static long squaredDistance(GridPoint p, int easting, int northing) {
        long de = p.easting() - easting;
        long dn = p.northing() - northing;
        return de * de + dn * dn;
    }

    public List<SettingTypeInfo> settingTypes() {
        return List.copyOf(settingTypes.values());
    }

    public SettingTypeInfo settingType(String code) {
        return settingTypes.get(code);
    }
}
