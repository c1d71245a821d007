package uk.sendplan.api.planning;

import org.springframework.stereotype.Component;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.fees.FeeService;
import uk.sendplan.api.fees.FeeService.SettingFee;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.Commissions;
import uk.sendplan.api.settings.Commissions.ContractedPlaces;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingService.PlaceKey;
import uk.sendplan.api.settings.SettingService.PlaceCell;
import uk.sendplan.api.settings.SettingService.PlanningSetting;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.RegistrationStatus;
import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.Gender;
import uk.sendplan.planner.domain.Need;
import uk.sendplan.planner.domain.Parameters;
import uk.sendplan.planner.domain.Phase;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;
import uk.sendplan.planner.domain.SettingGender;
import uk.sendplan.planner.domain.SettingType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Translates the register, the fee schedules and the demand register into a planner problem, and keeps what is
 * needed to translate the plan back. One planner setting per place cell (a setting's places for one need type in
 * one phase), so the planner's capacity is exactly the register's: places available = capacity - occupied, plus
 * one for each child kept in their current place (already counted as occupied there). Settings that are suspended,
 * closed, without fees for the year, or whose fee for a band is above the framework's ceiling are left out (a band
 * above the ceiling only for that band), and the plan records why.
 */
@Component
class ProblemBuilder {

    /**
     * A place cell as planned: where its id came from, and the exact fees the planner sees in whole pounds. A cell's
     * places kept for one LA under a block contract are a cell of their own ({@code contract} set): the planner keeps them
     * for that LA's children at no fee, since the contract pays for them filled or empty.
     */
    record Cell(String id, PlanningSetting setting, String need, String phase, int vacancies,
                Map<Integer, FeeChoice> dayFees, Map<Integer, FeeChoice> boardingFees, ContractedPlaces contract) {
    }

    /** The fee a placement at a band pays: which schedule row, its kind, exact pence. */
    record FeeChoice(ProvisionKind kind, long feeId, int revision, long pence, FeeVerdict verdict) {
    }

    record Excluded(int urn, String name, String reason) {
    }

    /** A problem and the keys to read its plan back. */
    record Built(PlacementProblem problem, Map<String, Cell> cells, Map<Long, PlacementRequestView> requests,
                 List<Excluded> excluded, List<PlanNote> notes) {

        Cell cell(String id) {
            return cells.get(id);
        }
    }

    static final List<ProvisionKind> RESIDENTIAL = List.of(ProvisionKind.RESIDENTIAL_38_WEEK, ProvisionKind.RESIDENTIAL_52_WEEK);

    private final DemandService demand;
    private final SettingService settings;
    private final FeeService fees;
    private final Commissions commissions;
    private final ReferenceData reference;

    ProblemBuilder(DemandService demand, SettingService settings, FeeService fees, Commissions commissions, ReferenceData reference) {
        this.demand = demand;
        this.settings = settings;
        this.fees = fees;
        this.commissions = commissions;
        this.reference = reference;
    }

    /**
     * The settings within reach of a plan's LAs, their current fees for the year, by URN (only settings that have some),
     * and the places block contracts of the year keep in them.
     */
    record Register(List<PlanningSetting> settings, Map<Integer, List<SettingFee>> fees, Map<PlaceKey, List<ContractedPlaces>> contracted) {
    }

    /** What a plan of these LAs may use: the settings within reach and their fees for the year. */
    Register register(Collection<String> laCodes, String financialYear, Parameters parameters) {
        return register(settingsFor(laCodes, parameters), financialYear);
    }

    private Register register(List<PlanningSetting> candidates, String financialYear) {
        List<Integer> urns = candidates.stream().map(PlanningSetting::urn).toList();
        return new Register(candidates, fees.currentFees(financialYear, urns), commissions.contracted(urns, financialYear));
    }

    /** The problem for the children still to be placed in these LAs (optionally for one start term). */
    Built build(String name, Collection<String> laCodes, String financialYear, String startTerm, Parameters parameters) {
        return build(name, laCodes, financialYear, startTerm, parameters, null, new PlanPhases());
    }

    /**
     * As above, timing each step in {@code phases}; with the register already read ({@code register} not null, read by
     * {@code startPlan} a moment ago) only the demand is read.
     */
    Built build(String name, Collection<String> laCodes, String financialYear, String startTerm, Parameters parameters, Register register,
                PlanPhases phases) {
        List<PlacementRequestView> children = demand.unplaced(laCodes).stream()
                .filter(r -> startTerm == null || startTerm.equals(r.startTerm())).toList();
        phases.lap(PlanPhases.REQUESTS);
        Register read = register;
        if (read == null) {
            List<PlanningSetting> candidates = settingsFor(laCodes, parameters);
            phases.lap(PlanPhases.SETTINGS);
            read = register(candidates, financialYear);
            phases.lap(PlanPhases.FEES);
        }
        Built built = build(name, children, read, financialYear, parameters);
        phases.lap(PlanPhases.BUILD);
        return built;
    }

    /** Every setting a child in these LAs could reach within the longest travel limit, and boarding settings anywhere. */
    List<PlanningSetting> settingsFor(Collection<String> laCodes, Parameters parameters) {
        CostModel costModel = new CostModel(parameters);
        double radius = 0;
        for (Phase phase : Phase.values()) {
            radius = Math.max(radius, costModel.maxStraightLineMetres(phase));
        }
        return settings.settingsNear(laCodes, (int) Math.ceil(radius), true);
    }

    Built build(String name, List<PlacementRequestView> children, List<PlanningSetting> candidates, String financialYear, Parameters parameters) {
        return build(name, children, register(candidates, financialYear), financialYear, parameters);
    }

    Built build(String name, List<PlacementRequestView> children, Register register, String financialYear, Parameters parameters) {
        List<PlanningSetting> candidates = register.settings();
        Map<Integer, List<SettingFee>> feesByUrn = register.fees();
        Set<String> childLas = new java.util.HashSet<>();
        children.forEach(child -> childLas.add(child.laCode()));
        List<Excluded> excluded = new ArrayList<>();
        List<PlanNote> notes = new ArrayList<>();

        Map<String, Cell> cells = new LinkedHashMap<>();
        // each included setting's first cell, where a child currently there is counted when their own cell is missing
        Map<Integer, String> included = new HashMap<>();
        for (PlanningSetting s : candidates) {
            if (s.registrationStatus() != RegistrationStatus.OPEN) {
                excluded.add(new Excluded(s.urn(), s.name(), s.registrationStatus().name().toLowerCase(java.util.Locale.ROOT)
                        + (s.statusReason() == null ? "" : ": " + s.statusReason())));
                continue;
            }
            List<SettingFee> settingFees = feesByUrn.getOrDefault(s.urn(), List.of());
            if (settingFees.isEmpty()) {
                excluded.add(new Excluded(s.urn(), s.name(), "no fee schedule for " + financialYear));
                continue;
            }
            List<String> aboveCeiling = new ArrayList<>();
            for (PlaceCell place : s.places()) {
                int from = Math.max(s.ageFrom(), reference.phase(place.phase()).ageFrom());
                int to = Math.min(s.ageTo(), reference.phase(place.phase()).ageTo());
                if (from > to) {
                    continue;  // a cell outside the setting's own age range can take nobody
                }
                Map<Integer, FeeChoice> day = choose(settingFees, dayKinds(s.type(), place.phase()), aboveCeiling);
                Map<Integer, FeeChoice> boarding = s.boarding() ? choose(settingFees, RESIDENTIAL, aboveCeiling) : Map.of();
                if (day.isEmpty() && boarding.isEmpty()) {
                    continue;
                }
                String id = cellId(s.urn(), place.need(), place.phase());
                // the year's block contracts keep their empty places for their LAs; the rest are open to anyone
                int free = Math.max(0, place.vacancies());
                List<Cell> contracted = new ArrayList<>();
                for (ContractedPlaces c : register.contracted().getOrDefault(new PlaceKey(s.urn(), place.need(), place.phase()), List.of())) {
                    int kept = Math.min(c.free(), free);
                    free -= kept;
                    if (childLas.contains(c.laCode())) {
                        // another LA's share is kept from everyone here; the plan's own LAs' shares are theirs to fill
                        String contractCell = id + "/contract/" + c.contractId() + "/" + c.laCode();
                        contracted.add(new Cell(contractCell, s, place.need(), place.phase(), kept, day, boarding, c));
                    }
                }
                cells.put(id, new Cell(id, s, place.need(), place.phase(), free, day, boarding, null));
                contracted.forEach(c -> cells.put(c.id(), c));
                included.putIfAbsent(s.urn(), id);
            }
            if (!aboveCeiling.isEmpty()) {
                excluded.add(new Excluded(s.urn(), s.name(), "fee above the framework ceiling, left out for "
                        + String.join(", ", aboveCeiling.stream().distinct().toList())));
            }
            if (!included.containsKey(s.urn()) && aboveCeiling.isEmpty()) {
                excluded.add(new Excluded(s.urn(), s.name(), "no fee for " + financialYear + " matches any of its places"));
            }
        }

        List<Setting> plannerSettings = new ArrayList<>();
        for (Cell cell : cells.values()) {
            PlanningSetting s = cell.setting();
            int from = Math.max(s.ageFrom(), reference.phase(cell.phase()).ageFrom());
            int to = Math.min(s.ageTo(), reference.phase(cell.phase()).ageTo());
            // a contracted place costs nothing more to fill: the contract pays for it either way
            boolean paid = cell.contract() != null;
            Map<Integer, Long> dayPounds = new TreeMap<>();
            cell.dayFees().forEach((band, fee) -> dayPounds.put(band, paid ? 0 : Money.wholePounds(fee.pence())));
            Map<Integer, Long> boardingPounds = new TreeMap<>();
            cell.boardingFees().forEach((band, fee) -> boardingPounds.put(band, paid ? 0 : Money.wholePounds(fee.pence())));
            if (dayPounds.isEmpty()) {
                // only residential fees stated: a day child there is charged the residential fee (the dearer assumption)
                dayPounds.putAll(boardingPounds);
            }
            plannerSettings.add(new Setting(cell.id(), s.name(), SettingType.valueOf(s.type()), s.laCode(), s.easting(), s.northing(),
                    from, to, Set.of(Need.valueOf(cell.need())), cell.vacancies(), dayPounds, SettingGender.valueOf(s.gender().name()),
                    s.boarding(), s.boarding() ? boardingPounds : Map.of(), paid ? Set.of(cell.contract().laCode()) : Set.of()));
        }

        Map<String, List<Cell>> contractCells = new HashMap<>();
        cells.values().stream().filter(c -> c.contract() != null)
                .forEach(c -> contractCells.computeIfAbsent(cellId(c.setting().urn(), c.need(), c.phase()), k -> new ArrayList<>()).add(c));
        Map<String, Setting> plannerSettingsById = new HashMap<>();
        plannerSettings.forEach(setting -> plannerSettingsById.put(setting.id(), setting));
        CostModel costModel = new CostModel(parameters);
        List<PlacementRequest> plannerRequests = new ArrayList<>();
        Map<Long, PlacementRequestView> byId = new LinkedHashMap<>();
        for (PlacementRequestView child : children) {
            byId.put(child.id(), child);
            String current = null;
            boolean keep = false;
            if (child.currentSettingUrn() != null) {
                String cellId = cellId(child.currentSettingUrn(), child.primaryNeed(), child.phase());
                if (cells.containsKey(cellId)) {
                    current = cellId;
                    keep = child.keepCurrent();
                } else if (included.containsKey(child.currentSettingUrn())) {
                    current = included.get(child.currentSettingUrn());
                    if (child.keepCurrent()) {
                        notes.add(note(child, PlanNote.Kind.CURRENT_SETTING_LACKS_PLACES, "current setting " + child.currentSettingUrn() + " has no "
                                + child.primaryNeed() + " " + child.phase() + " places, so the child can't be kept there"));
                    }
                } else if (child.keepCurrent()) {
                    notes.add(note(child, PlanNote.Kind.CURRENT_SETTING_UNAVAILABLE, "current setting " + child.currentSettingUrn()
                            + " is not available to this plan (see excluded settings), so the child can't be kept there"));
                }
            }
            List<String> preferences = new ArrayList<>();
            for (Integer urn : child.preferences()) {
                String cellId = cellId(urn, child.primaryNeed(), child.phase());
                if (cells.containsKey(cellId)) {
                    preferences.add(cellId);
                    // the preferred setting's places kept for the child's LA are the same setting to the family
                    contractCells.getOrDefault(cellId, List.of()).stream().filter(c -> c.contract().laCode().equals(child.laCode()))
                            .forEach(c -> preferences.add(c.id()));
                } else {
                    notes.add(note(child, PlanNote.Kind.PREFERENCE_UNAVAILABLE, "preferred setting " + urn + " has no available "
                            + child.primaryNeed() + " " + child.phase() + " places in this plan"));
                }
            }
            // a group code is the LA's own, so two LAs' "F-1" in a regional plan are different families
            String siblingGroup = child.siblingGroup() == null ? null : child.laCode() + "/" + child.siblingGroup();
            PlacementRequest request = new PlacementRequest(String.valueOf(child.id()), child.laCode(), Need.valueOf(child.primaryNeed()),
                    child.band(), child.age(), child.home().easting(), child.home().northing(), Gender.valueOf(child.gender().name()),
                    child.needsBoarding(), current, keep, preferences, siblingGroup, child.alternativeProvisionAllowed());
            if (keep) {
                // a child is pinned only where every rule still holds; otherwise the plan finds them a fitting place
                Setting kept = plannerSettingsById.get(current);
                List<uk.sendplan.planner.domain.HardRule> broken = costModel.violations(request, kept);
                if (!broken.isEmpty()) {
                    PlacementRequest pinned = request;
                    notes.add(note(child, PlanNote.Kind.CURRENT_SETTING_UNSUITABLE, "can't be kept in current setting " + child.currentSettingUrn() + " ("
                            + String.join("; ", broken.stream().map(rule -> RuleTexts.brokenRule(rule, pinned, kept, costModel)).toList())
                            + "), so the plan looks for a place that fits"));
                    request = new PlacementRequest(request.id(), request.laCode(), request.need(), request.band(), request.age(),
                            request.easting(), request.northing(), request.gender(), request.needsBoarding(), current, false, preferences,
                            request.siblingGroup(), request.alternativeProvisionAllowed());
                }
            }
            plannerRequests.add(request);
        }

        // a child kept in their current place uses a place there that occupancy already counts: add it to what is free
        Map<String, Integer> pinned = new HashMap<>();
        plannerRequests.stream().filter(PlacementRequest::keepCurrent).forEach(r -> pinned.merge(r.currentSettingId(), 1, Integer::sum));
        List<Setting> withPinned = plannerSettings.stream().map(t -> !pinned.containsKey(t.id()) ? t
                : t.withCapacity(t.capacity() + pinned.get(t.id()))).toList();
        return new Built(new PlacementProblem(name, parameters, withPinned, plannerRequests), cells, byId, excluded, notes);
    }

    /** A note about one child, kept with the child's LA so only that LA reads it. */
    private static PlanNote note(PlacementRequestView child, PlanNote.Kind kind, String why) {
        return new PlanNote(child.laCode(), child.reference(), kind, "request " + child.reference() + ": " + why);
    }

    static String cellId(int urn, String need, String phase) {
        return urn + "/" + need + "/" + phase;
    }

    /** The kinds of fee a day place in this phase is charged at, best match first. */
    static List<ProvisionKind> dayKinds(String settingType, String phase) {
        if ("ALTERNATIVE_PROVISION".equals(settingType)) {
            return List.of(ProvisionKind.ALTERNATIVE_PROVISION, ProvisionKind.DAY);
        }
        if ("POST_16".equals(phase) || "POST_19".equals(phase)) {
            return List.of(ProvisionKind.POST_16, ProvisionKind.DAY);
        }
        return List.of(ProvisionKind.DAY);
    }

    /** Per band, the fee of the first kind that has one; fees above the ceiling are left out and named. */
    private static Map<Integer, FeeChoice> choose(List<SettingFee> settingFees, List<ProvisionKind> kinds, List<String> aboveCeiling) {
        Map<Integer, FeeChoice> chosen = new TreeMap<>();
        for (ProvisionKind kind : kinds) {
            for (SettingFee fee : settingFees) {
                if (fee.kind() != kind || chosen.containsKey(fee.band())) {
                    continue;
                }
                if (fee.verdict() == FeeVerdict.ABOVE_CEILING) {
                    aboveCeiling.add("band " + fee.band() + " (" + kind + ")");
                    chosen.put(fee.band(), null);
                    continue;
                }
                chosen.put(fee.band(), new FeeChoice(kind, fee.feeId(), fee.revision(), fee.annualFeePence(), fee.verdict()));
            }
        }
        chosen.values().removeIf(java.util.Objects::isNull);
        return chosen;
    }

    /** The planner works in whole pounds; the plan keeps the schedule's exact pence. */
}
