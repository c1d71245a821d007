package uk.sendplan.api.sufficiency;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.planning.PlacementCounts;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingService.PlaceTotal;
import uk.sendplan.api.sufficiency.ForecastFigures.Figure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Standing sufficiency, not tied to a plan: for an LA, a region or England, each forecast year's children with EHC
 * plans by phase and kind of placement against the register's places of that kind in the scope's own settings today,
 * and the shortfall (positive) or surplus (negative) with its intervals. The register's places are fixed, so a
 * shortfall's interval is the demand's interval less the places. Places other LAs have commissioned in the scope's
 * settings are shown beside them: they fill places the scope's own children can't have.
 */
@Service
class Sufficiency {

    /** The register's kinds of setting that hold each kind of placement the forecast gives. */
    static final Map<Placement, List<String>> SETTING_TYPES = Map.of(
            Placement.MAINSTREAM, List.of("MAINSTREAM"),
            Placement.RESOURCED_PROVISION_OR_SEN_UNIT, List.of("RESOURCED_PROVISION", "SEN_UNIT"),
            Placement.STATE_SPECIAL, List.of("STATE_SPECIAL"),
            Placement.INDEPENDENT_OR_NON_MAINTAINED_SPECIAL, List.of("INDEPENDENT_SPECIAL", "NON_MAINTAINED_SPECIAL"),
            Placement.ALTERNATIVE_PROVISION, List.of("ALTERNATIVE_PROVISION"),
            Placement.POST_16, List.of("SPECIALIST_POST_16", "FE_COLLEGE"));

    /** Each kind of place as people say it. */
    static final Map<Placement, String> WORDS = Map.of(Placement.MAINSTREAM, "mainstream", Placement.RESOURCED_PROVISION_OR_SEN_UNIT,
            "resourced provision or SEN unit", Placement.STATE_SPECIAL, "state special", Placement.INDEPENDENT_OR_NON_MAINTAINED_SPECIAL,
            "independent or non-maintained special", Placement.ALTERNATIVE_PROVISION, "alternative provision", Placement.POST_16,
            "further education and specialist post-16");

    /** One phase and kind of place in one year: demand, supply and the gap; then the same by primary need. */
    record Row(String phase, Placement placement, Figure demand, int places, int vacancies, int commissionedByOtherLas, int placedFromOtherLas,
               Figure shortfall, String summary, List<NeedRow> needs) {
    }

    /** One need within a row: the forecast's plans of that primary need against the register's places for it. */
    record NeedRow(String need, Figure demand, int places, int vacancies, int commissionedByOtherLas, Figure shortfall, String summary) {
    }

    record Year(int january, String year, List<Row> rows) {
    }

    record Result(String scope, String laCode, String regionCode, Integer baseJanuary, List<String> missingLocalAuthorities, List<Year> years) {
    }

    private final Forecasts forecasts;
    private final SettingService settings;
    private final PlacementCounts placements;
    private final ReferenceData reference;

    Sufficiency(Forecasts forecasts, SettingService settings, PlacementCounts placements, ReferenceData reference) {
        this.placements = placements;
        this.forecasts = forecasts;
        this.settings = settings;
        this.reference = reference;
    }

    @Transactional(readOnly = true)
    Result of(String laCode, String regionCode, Integer years) {
        List<ReferenceData.Phase> phases = phases();
        Forecasts.Scope scope = forecasts.forecast("sufficiency", laCode, regionCode, years, phaseCells(phases));
        List<PlaceTotal> supply = scope.localAuthorities().isEmpty() ? List.of() : settings.placeTotals(scope.localAuthorities());
        return result(scope, phases, supply, fromOutside(scope.localAuthorities()));
    }

    /**
     * Each LA of a region on its own, central figures only (every interval NaN, as the forecast is not simulated) and
     * without children placed from other LAs (placedFromOtherLas 0): what a map of the region's LAs shows, in a
     * fraction of the time of asking {@link #of} for each LA. The same roles and scopes as the region's forecast.
     */
    @Transactional(readOnly = true)
    List<Result> centralOfEachLa(String regionCode, Integer years) {
        List<ReferenceData.Phase> phases = phases();
        List<Forecasts.Scope> scopes = forecasts.centralOfEachLa("sufficiency", regionCode, years, phaseCells(phases));
        List<String> codes = scopes.stream().map(Forecasts.Scope::laCode).toList();
        Map<String, List<PlaceTotal>> supply = settings.placeTotals(codes).stream()
                .collect(java.util.stream.Collectors.groupingBy(PlaceTotal::laCode));
        return scopes.stream().map(scope -> result(scope, phases, scope.localAuthorities().isEmpty() ? List.of()
                : supply.getOrDefault(scope.laCode(), List.of()), Map.of())).toList();
    }

    private List<ReferenceData.Phase> phases() {
        return reference.phases().stream().filter(p -> p.ageTo() >= Sen2History.MIN_AGE).toList();
    }

    /** Each forecast year's rows: the scope's demand by phase, kind and need against its supply. */
    private Result result(Forecasts.Scope scope, List<ReferenceData.Phase> phases, List<PlaceTotal> supply, Map<String, Integer> fromOutside) {
        ForecastFigures f = scope.figures();
        List<Year> result = new ArrayList<>();
        for (int h = 0; h < f.years(); h++) {
            int january = scope.baseJanuary() + h + 1;
            List<Row> rows = new ArrayList<>();
            for (int ph = 0; ph < phases.size(); ph++) {
                ReferenceData.Phase phase = phases.get(ph);
                for (Placement kind : SETTING_TYPES.keySet().stream().sorted().toList()) {
                    Figure demand = f.agesOfKind(h, phase.ageFrom(), phase.ageTo(), kind);
                    List<PlaceTotal> cells = supply.stream().filter(p -> p.phase().equals(phase.code()) && SETTING_TYPES.get(kind).contains(p.type()))
                            .toList();
                    int places = cells.stream().mapToInt(PlaceTotal::capacity).sum();
                    if (places == 0 && demand.central() < 0.5) {
                        continue;
                    }
                    int vacancies = cells.stream().mapToInt(p -> Math.max(0, p.capacity() - p.occupied())).sum();
                    int others = cells.stream().mapToInt(PlaceTotal::commissionedByOtherLas).sum();
                    int placedFromOthers = SETTING_TYPES.get(kind).stream().mapToInt(t -> fromOutside.getOrDefault(t + "/" + phase.code(), 0)).sum();
                    Figure shortfall = less(demand, places);
                    List<NeedRow> needs = new ArrayList<>();
                    for (int n = 0; scope.hasNeeds() && n < Sen2History.NEEDS.size(); n++) {
                        String need = needCode(Sen2History.NEEDS.get(n));
                        if (need == null) {
                            continue;
                        }
                        Figure needDemand = f.phaseKindNeed(h, ph, kind, n);
                        List<PlaceTotal> needCells = cells.stream().filter(c -> c.need().equals(need)).toList();
                        int needPlaces = needCells.stream().mapToInt(PlaceTotal::capacity).sum();
                        if (needPlaces == 0 && needDemand.central() < 0.5) {
                            continue;
                        }
                        Figure needGap = less(needDemand, needPlaces);
                        needs.add(new NeedRow(need, needDemand, needPlaces, needCells.stream().mapToInt(c -> Math.max(0, c.capacity() - c.occupied())).sum(),
                                needCells.stream().mapToInt(PlaceTotal::commissionedByOtherLas).sum(), needGap,
                                summary(phase.name() + ", " + WORDS.get(kind) + ", " + reference.needType(need).name(), january, needDemand, needPlaces, needGap)));
                    }
                    rows.add(new Row(phase.code(), kind, demand, places, vacancies, others, placedFromOthers, shortfall,
                            summary(phase.name() + ", " + WORDS.get(kind), january, demand, places, shortfall), needs));
                }
            }
            result.add(new Year(january, SufficiencyController.academicYear(january), rows));
        }
        return new Result(scope.name(), scope.laCode(), scope.regionCode(), f.years() > 0 ? scope.baseJanuary() : null, scope.missing(), result);
    }

    /**
     * Children from outside the scope placed through this service in the scope's settings, by kind of setting and phase
     * ("STATE_SPECIAL/SECONDARY").
     */
    private Map<String, Integer> fromOutside(List<String> laCodes) {
        if (laCodes.isEmpty()) {
            return Map.of();
        }
        List<PlacementCounts.Placed> placed = placements.fromOutside(laCodes);
        Map<Integer, uk.sendplan.api.settings.SettingView> where = settings.findAll(placed.stream().map(PlacementCounts.Placed::urn).distinct().toList());
        Map<String, Integer> byKind = new java.util.HashMap<>();
        for (PlacementCounts.Placed p : placed) {
            uk.sendplan.api.settings.SettingView setting = where.get(p.urn());
            if (setting != null && laCodes.contains(setting.laCode())) {
                byKind.merge(setting.type() + "/" + p.phase(), p.children(), Integer::sum);
            }
        }
        return byKind;
    }

    /** Ages of each phase as the simulation keeps plans by phase, kind and need. */
    static CohortSimulation.PhaseCells phaseCells(List<ReferenceData.Phase> phases) {
        int[][] phasesOfAge = new int[Sen2History.AGES][];
        for (int a = 0; a < Sen2History.AGES; a++) {
            int age = a + Sen2History.MIN_AGE;
            phasesOfAge[a] = java.util.stream.IntStream.range(0, phases.size())
                    .filter(p -> age >= phases.get(p).ageFrom() && age <= phases.get(p).ageTo()).toArray();
        }
        return new CohortSimulation.PhaseCells(phases.size(), phasesOfAge);
    }

    /** The register's need code of a SEN2 need column ("number_semh" is SEMH); null for the need not recorded. */
    static String needCode(String column) {
        return column.equals("number_need_unknown") ? null : column.substring("number_".length()).toUpperCase(java.util.Locale.ROOT);
    }

    private static Figure less(Figure demand, int places) {
        return new Figure(demand.central() - places, demand.lower80() - places, demand.upper80() - places, demand.lower95() - places,
                demand.upper95() - places);
    }

    /** "Secondary, state special: 412 forecast for January 2027 (95%: 380 to 440) against 350 places: short of about 62 (30 to 90)." */
    static String summary(String what, int january, Figure demand, int places, Figure gap) {
        boolean intervals = !Double.isNaN(gap.lower95());
        what = what + ": " + Math.round(demand.central()) + " forecast for January " + january
                + (intervals ? " (95%: " + Math.round(demand.lower95()) + " to " + Math.round(demand.upper95()) + ")" : "") + " against "
                + places + " place" + (places == 1 ? "" : "s") + ": ";
        long central = Math.round(gap.central());
        if (!intervals) {
            // a central figure only (centralOfEachLa): no interval to give
            return what + (central > 0 ? "short of about " + central : central < 0 ? "about " + -central + " to spare" : "about enough");
        }
        if (central > 0) {
            return what + "short of about " + central + " (" + Math.max(0, Math.round(gap.lower95())) + " to " + Math.round(gap.upper95()) + ")";
        }
        if (central < 0) {
            return what + "about " + -central + " to spare (" + Math.max(0, -Math.round(gap.upper95())) + " to " + -Math.round(gap.lower95()) + ")";
        }
        return what + "about enough";
    }
}
