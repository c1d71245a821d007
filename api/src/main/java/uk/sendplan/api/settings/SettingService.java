package uk.sendplan.api.settings;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.types.Gender;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.RegistrationStatus;
import uk.sendplan.db.types.Sector;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The register's public face for other features: settings, places and providers to read, the located settings
 * planning works on, and holding places for approved placements. Changes go through {@link SettingRegistration},
 * searches through {@link SettingSearch}.
 */
@Service
public class SettingService {

    private final SettingRepository settings;
    private final CommissionRepository commissions;
    private final ReferenceData reference;
    private final Access access;

    SettingService(SettingRepository settings, CommissionRepository commissions, ReferenceData reference, Access access) {
        this.settings = settings;
        this.commissions = commissions;
        this.reference = reference;
        this.access = access;
    }

    /** The register is public to every role: settings, places, vacancies and providers hold no child-level data. */
    private void requireSignedIn(String operation) {
        access.require(operation, Role.values());
    }

    // ------------------------------------------------------------------ reads

    public Optional<SettingView> find(int urn) {
        requireSignedIn("setting");
        return settings.find(urn);
    }

    public Map<Integer, SettingView> findAll(Collection<Integer> urns) {
        return settings.findAll(urns);
    }

    /** The URNs of the settings, of any status, in the given LAs. */
    public List<Integer> urnsIn(Collection<String> laCodes) {
        return settings.urnsIn(laCodes);
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

    /** The first demo organisation of a kind (e.g. INDEPENDENT), which the demo provider user acts for. */
    public Optional<Long> firstDemoProvider(ProviderKind kind) {
        return settings.firstDemoProvider(kind);
    }

    /** True before anything is registered: a fresh database, where the demo register may be loaded. */
    public boolean registerIsEmpty() {
        return settings.isEmpty();
    }

    /** Every demo setting, by URN: what demo data of other features (fee schedules) is generated for. */
    public List<SettingView> demoSettings() {
        return settings.demoSettings();
    }

    /**
     * An LA's places of one kind of setting for one need and phase, open settings only: capacity, pupils in them, and
     * those of them other LAs have commissioned (declared, or by a block contract in force).
     */
    public record PlaceTotal(String laCode, String type, String need, String phase, int capacity, int occupied, int commissionedByOtherLas) {
    }

    /** The register's places in these LAs' open settings, by LA, kind of setting, need and phase (sufficiency's supply). */
    public List<PlaceTotal> placeTotals(Collection<String> laCodes) {
        return settings.placeTotals(laCodes);
    }

    // ------------------------------------------------------------------ reads for planning

    /** One need × phase cell of a setting's places. */
    public record PlaceCell(String need, String phase, int capacity, int occupied, int approvedPlacements) {
        public int vacancies() {
            return capacity - occupied;
        }
    }

    /** A located setting with its places, as planning and demand generation read it. */
    public record PlanningSetting(int urn, String name, String type, Sector sector, String laCode, int easting, int northing,
                                  int ageFrom, int ageTo, Gender gender, boolean boarding, RegistrationStatus registrationStatus,
                                  String statusReason, long providerId, List<PlaceCell> places) {
        public Set<String> needs() {
            return places.stream().map(PlaceCell::need).collect(Collectors.toCollection(TreeSet::new));
        }

        /** Free places in one need and phase now (0 without such a cell). */
        public int vacancies(String need, String phase) {
            return places.stream().filter(p -> p.need().equals(need) && p.phase().equals(phase)).mapToInt(PlaceCell::vacancies).sum();
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
        return settings.planningSettings(minE - radiusMetres, maxE + radiusMetres, minN - radiusMetres, maxN + radiusMetres, boardingAnywhere);
    }

    /**
     * Located settings, of any status, in the square of side 2 × {@code radiusMetres} around a point; the caller
     * measures the distance it needs.
     */
    public List<PlanningSetting> settingsAround(int easting, int northing, int radiusMetres) {
        return settings.planningSettings(easting - radiusMetres, easting + radiusMetres, northing - radiusMetres, northing + radiusMetres, false);
    }

    /** One located setting with its places, as planning reads it; empty when unknown or without a location. */
    public Optional<PlanningSetting> planningSetting(int urn) {
        return settings.planningSettings(settings.byUrn(urn)).stream().findFirst();
    }

    /** Open settings near the LAs (see {@link #settingsNear}), without boarding ones further away. */
    public List<PlanningSetting> openSettingsNear(Collection<String> laCodes, int radiusMetres) {
        return settingsNear(laCodes, radiusMetres, false).stream().filter(s -> s.registrationStatus() == RegistrationStatus.OPEN).toList();
    }

    // ------------------------------------------------------------------ occupancy

    /** One need × phase cell of a setting. */
    public record PlaceKey(int urn, String need, String phase) {
    }

    /** One LA's contracted places under a block contract in one cell: where a placement on the contract goes. */
    public record ContractSeat(PlaceKey cell, long contractId, String laCode) {
    }

    /**
     * Holds the cells for placements about to be approved, within the caller's transaction: the cells are locked in a
     * fixed order (the order {@link SettingRegistration#setPlaces} locks a setting's cells in too), so concurrent writers queue instead of
     * deadlocking and each sees the other's result. {@code wanted} counts every placement per cell, {@code onContracts} those
     * of them that fill block-contracted places (of {@code financialYear}); the others may not take places the year's
     * contracts keep empty for their LAs. Returns the problem with each cell that can't take them (so the caller can name
     * the settings whose places changed); when none, the placements the caller inserts take the places (the database
     * counts them into occupancy and contracts, and its checks stand behind this).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<PlaceKey, String> occupy(Map<PlaceKey, Integer> wanted, Map<ContractSeat, Integer> onContracts, String financialYear) {
        Map<PlaceKey, PlaceCell> locked = settings.lockPlaces(wanted.keySet());
        Map<PlaceKey, List<Commissions.ContractedPlaces>> contracts = commissions.contractedInCells(wanted.keySet(), financialYear);
        Map<PlaceKey, String> problems = new java.util.LinkedHashMap<>();
        for (var entry : wanted.entrySet()) {
            PlaceCell cell = locked.get(entry.getKey());
            PlaceKey key = entry.getKey();
            String where = key.need() + " " + key.phase();
            if (cell == null) {
                problems.put(key, "setting " + key.urn() + " no longer has " + where + " places");
                continue;
            }
            if (cell.vacancies() < entry.getValue()) {
                problems.put(key, "setting " + key.urn() + " has " + cell.vacancies() + " " + where + " vacanc"
                        + (cell.vacancies() == 1 ? "y" : "ies") + " left, " + entry.getValue() + " needed");
                continue;
            }
            int kept = 0;
            int onContract = 0;
            for (Commissions.ContractedPlaces c : contracts.getOrDefault(key, List.of())) {
                int asked = onContracts.getOrDefault(new ContractSeat(key, c.contractId(), c.laCode()), 0);
                if (asked > c.free()) {
                    problems.put(key, "block contract " + c.contractId() + " has " + c.free() + " " + where + " place(s) left for LA "
                            + c.laCode() + " at setting " + key.urn() + ", " + asked + " needed");
                }
                kept += c.free();
                onContract += asked;
            }
            int spot = entry.getValue() - onContract;
            int open = Math.max(0, cell.vacancies() - kept);
            if (!problems.containsKey(key) && spot > open) {
                problems.put(key, "setting " + key.urn() + " has " + open + " " + where + " vacanc" + (open == 1 ? "y" : "ies")
                        + " open to any LA (" + kept + " more are kept empty for block contracts), " + spot + " needed");
            }
        }
        return problems;
    }
}
