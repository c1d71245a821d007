package uk.sendplan.api.sufficiency;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.reference.AreaScopes;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.reference.ReferenceData.Region;
import uk.sendplan.api.sufficiency.CohortFit.Fitted;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The EHC plan forecast of an LA, a region or England, for the roles that plan: a commissioner their LA, a regional
 * planner their region (or an LA in it), regulators and admins anywhere. Counts only, never a child.
 */
@Service
class Forecasts {

    static final int MAX_YEARS = 5;
    static final int SIMULATIONS = 1000;
    /** One fixed seed: the same statistics give the same intervals every time. */
    static final long SEED = 13L;

    /** The summed paths of a scope, before they are read as figures. */
    record Scope(String name, String laCode, String regionCode, int baseJanuary, List<String> localAuthorities, List<String> missing,
                 boolean hasNeeds, ForecastFigures figures) {
    }

    private final ForecastModel model;
    private final ReferenceData reference;
    private final Access access;
    private final AreaScopes areas;

    Forecasts(ForecastModel model, ReferenceData reference, Access access, AreaScopes areas) {
        this.model = model;
        this.reference = reference;
        this.access = access;
        this.areas = areas;
    }

    @Transactional(readOnly = true)
    Scope forecast(String laCode, String regionCode, Integer years) {
        return forecast("ehcpForecast", laCode, regionCode, years);
    }

    /** As {@link #forecast(String, String, Integer)}, for an operation built on the forecast (refusals name it). */
    @Transactional(readOnly = true)
    Scope forecast(String operation, String laCode, String regionCode, Integer years) {
        return forecast(operation, laCode, regionCode, years, null);
    }

    /** As {@link #forecast(String, String, String, Integer)}, also by phase, kind and need when phases is given. */
    @Transactional(readOnly = true)
    Scope forecast(String operation, String laCode, String regionCode, Integer years, CohortSimulation.PhaseCells phases) {
        access.require(operation, Role.COMMISSIONER, Role.REGIONAL_PLANNER, Role.REGULATOR, Role.ADMIN);
        int horizon = years == null ? MAX_YEARS : years;
        if (horizon < 1 || horizon > MAX_YEARS) {
            throw ApiException.badRequest("years", "must be 1 to " + MAX_YEARS + " (was " + horizon + ")");
        }
        AreaScopes.Area area = areas.resolve(operation, laCode, regionCode);
        LocalAuthority la = area.la();
        Region region = area.region();
        List<String> codes = (la != null ? List.of(la) : region != null ? reference.localAuthoritiesOf(region.code()) : reference.localAuthorities())
                .stream().map(LocalAuthority::code).toList();
        String name = la != null ? la.name() : region != null ? region.name() : "England";
        return sum(name, la == null ? null : la.code(), region == null ? null : region.code(), codes, model.current().byLa(), horizon, phases,
                SIMULATIONS);
    }

    /**
     * Each LA of a region on its own, central paths only: no simulations, so every figure's interval is NaN. A page
     * that maps a region's LAs reads only their central figures, and simulating each LA a thousand times would take it
     * seconds. A regional planner their own region; regulators and admins any; a commissioner reads no other LA.
     */
    @Transactional(readOnly = true)
    List<Scope> centralOfEachLa(String operation, String regionCode, Integer years, CohortSimulation.PhaseCells phases) {
        Actor actor = access.require(operation, Role.REGIONAL_PLANNER, Role.REGULATOR, Role.ADMIN);
        int horizon = years == null ? MAX_YEARS : years;
        if (horizon < 1 || horizon > MAX_YEARS) {
            throw ApiException.badRequest("years", "must be 1 to " + MAX_YEARS + " (was " + horizon + ")");
        }
        Region region = reference.requireRegion("regionCode", regionCode);
        if (actor.is(Role.REGIONAL_PLANNER) && !region.code().equals(actor.regionCode())) {
            throw access.outOfScope(operation);
        }
        Map<String, Fitted> fits = model.current().byLa();
        return reference.localAuthoritiesOf(region.code()).stream()
                .map(la -> sum(la.name(), la.code(), null, List.of(la.code()), fits, horizon, phases, 0)).toList();
    }

    /**
     * Adds up the LAs' central paths and, simulation by simulation, their simulated paths. An LA whose latest
     * statistics are older than the others' is run on from its own January to the same years.
     */
    static Scope sum(String name, String laCode, String regionCode, List<String> codes, Map<String, Fitted> fits, int horizon,
                     CohortSimulation.PhaseCells phases, int simulationCount) {
        int cells = phases == null ? CohortSimulation.CELLS : phases.cells();
        List<Fitted> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        codes.forEach(code -> {
            Fitted f = fits.get(code);
            if (f == null) {
                missing.add(code);
            } else {
                found.add(f);
            }
        });
        int base = found.stream().mapToInt(Fitted::baseJanuary).max().orElse(0);
        double[][] central = new double[found.isEmpty() ? 0 : horizon][cells];
        double[][][] simulations = new double[simulationCount][central.length][cells];
        for (Fitted f : found) {
            int lag = base - f.baseJanuary();
            if (lag == 0) {
                CohortSimulation.project(f, central, phases);
                CohortSimulation.simulate(f, SEED, simulations, phases);
                continue;
            }
            double[][] ownCentral = new double[horizon + lag][cells];
            double[][][] ownSimulations = new double[simulationCount][horizon + lag][cells];
            CohortSimulation.project(f, ownCentral, phases);
            CohortSimulation.simulate(f, SEED, ownSimulations, phases);
            for (int h = 0; h < central.length; h++) {
                add(central[h], ownCentral[h + lag]);
                for (int s = 0; s < simulationCount; s++) {
                    add(simulations[s][h], ownSimulations[s][h + lag]);
                }
            }
        }
        return new Scope(name, laCode, regionCode, base, found.stream().map(Fitted::laCode).toList(), missing,
                found.stream().anyMatch(f -> f.needShare() != null), new ForecastFigures(central, simulations));
    }

    private static void add(double[] into, double[] values) {
        for (int i = 0; i < into.length; i++) {
            into[i] += values[i];
        }
    }
}
