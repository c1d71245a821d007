package uk.sendplan.api.sufficiency;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.system.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The children and young people a forecast year will have in the kinds of place the register holds and planning
 * fills (state and independent special schools, resourced provision and SEN units, alternative provision, further
 * education and specialist post-16), by LA, phase and primary need: the central forecast, rounded to whole children.
 * What a scenario on forecast demand re-plans. Counts only; the caller checks who may ask.
 */
@Service
public class ForecastDemand {

    /** Children of one LA, phase and need in a forecast year. */
    public record Cohort(String laCode, String phase, String need, int children) {
    }

    /** The kinds of placement that a plan places children in. */
    static final Set<Placement> PLANNED = Set.of(Placement.STATE_SPECIAL, Placement.INDEPENDENT_OR_NON_MAINTAINED_SPECIAL,
            Placement.RESOURCED_PROVISION_OR_SEN_UNIT, Placement.ALTERNATIVE_PROVISION, Placement.POST_16);

    private final ForecastModel model;
    private final ReferenceData reference;

    ForecastDemand(ForecastModel model, ReferenceData reference) {
        this.model = model;
        this.reference = reference;
    }

    /** Every LA's cohorts for the January given, 1 to 5 years after its latest statistics; BAD_REQUEST on {@code field} otherwise. */
    @Transactional(readOnly = true)
    public List<Cohort> cohorts(List<String> laCodes, int january, String field) {
        List<ReferenceData.Phase> phases = reference.phases().stream().filter(p -> p.ageTo() >= Sen2History.MIN_AGE).toList();
        CohortSimulation.PhaseCells cells = Sufficiency.phaseCells(phases);
        List<Cohort> cohorts = new ArrayList<>();
        var fits = model.current().byLa();
        for (String laCode : laCodes) {
            CohortFit.Fitted f = fits.get(laCode);
            if (f == null || f.needShareByKind() == null) {
                throw ApiException.badRequest(field, "no EHC plan statistics by need have been imported for LA " + laCode
                        + ", so it has no forecast to plan");
            }
            int ahead = january - f.baseJanuary();
            if (ahead < 1 || ahead > Forecasts.MAX_YEARS) {
                throw ApiException.badRequest(field, "January " + january + " is not forecast for LA " + laCode + ": its statistics are for January "
                        + f.baseJanuary() + ", so January " + (f.baseJanuary() + 1) + " to " + (f.baseJanuary() + Forecasts.MAX_YEARS));
            }
            double[][] central = new double[ahead][cells.cells()];
            CohortSimulation.project(f, central, cells);
            for (int p = 0; p < phases.size(); p++) {
                for (int n = 0; n < Sen2History.NEEDS.size(); n++) {
                    String need = Sufficiency.needCode(Sen2History.NEEDS.get(n));
                    if (need == null) {
                        continue;
                    }
                    double children = 0;
                    for (Placement kind : PLANNED) {
                        children += central[ahead - 1][CohortSimulation.PhaseCells.cell(p, kind.ordinal(), n)];
                    }
                    int count = (int) Math.round(children);
                    if (count > 0) {
                        cohorts.add(new Cohort(laCode, phases.get(p).code(), need, count));
                    }
                }
            }
        }
        return cohorts;
    }
}
