package uk.sendplan.api.sufficiency;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.sufficiency.ForecastFigures.Figure;

import java.util.ArrayList;
import java.util.List;

/** The SEN2 import and the EHC plan forecast over GraphQL. */
@Controller
class SufficiencyController {

    record AgeFigure(int age, Figure plans) {
    }

    record PhaseFigure(String phase, Figure plans) {
    }

    record PlacementFigure(Placement placement, Figure plans) {
    }

    /** need is null for plans whose primary need DfE has as not recorded. */
    record NeedFigure(String need, Figure plans) {
    }

    record ForecastYear(int january, String year, Figure total, Figure specialSchools, List<AgeFigure> byAge, List<PhaseFigure> byPhase,
                        List<PlacementFigure> byPlacement, List<NeedFigure> byNeed) {
    }

    record EhcpForecast(String scope, String laCode, String regionCode, Integer baseJanuary, String baseYear, int simulations,
                        List<String> localAuthorities, List<String> missingLocalAuthorities, List<ForecastYear> years) {
    }

    private final Sen2Import imports;
    private final Forecasts forecasts;
    private final ReferenceData reference;
    private final Sufficiency sufficiency;

    SufficiencyController(Sen2Import imports, Forecasts forecasts, ReferenceData reference, Sufficiency sufficiency) {
        this.sufficiency = sufficiency;
        this.imports = imports;
        this.forecasts = forecasts;
        this.reference = reference;
    }

    @MutationMapping
    Sen2Import.ImportSen2Payload importSen2(@Argument Sen2File file, @Argument String csv, @Argument String csvBase64, @Argument Boolean dryRun) {
        return imports.importFile(file, csv, csvBase64, Boolean.TRUE.equals(dryRun));
    }

    @QueryMapping
    EhcpForecast ehcpForecast(@Argument String laCode, @Argument String regionCode, @Argument Integer years) {
        Forecasts.Scope scope = forecasts.forecast(laCode, regionCode, years);
        ForecastFigures f = scope.figures();
        List<ForecastYear> result = new ArrayList<>();
        for (int h = 0; h < f.years(); h++) {
            int january = scope.baseJanuary() + h + 1;
            List<AgeFigure> ages = new ArrayList<>();
            for (int a = 0; a < Sen2History.AGES; a++) {
                ages.add(new AgeFigure(a + Sen2History.MIN_AGE, f.age(h, a)));
            }
            int year = h;
            List<PhaseFigure> phases = reference.phases().stream().filter(p -> p.ageTo() >= Sen2History.MIN_AGE)
                    .map(p -> new PhaseFigure(p.code(), f.ages(year, p.ageFrom(), p.ageTo()))).toList();
            List<PlacementFigure> placements = java.util.Arrays.stream(Placement.values()).map(k -> new PlacementFigure(k, f.kind(year, k))).toList();
            List<NeedFigure> needs = new ArrayList<>();
            for (int n = 0; scope.hasNeeds() && n < Sen2History.NEEDS.size(); n++) {
                String column = Sen2History.NEEDS.get(n);
                needs.add(new NeedFigure(Sufficiency.needCode(column), f.need(h, n)));
            }
            result.add(new ForecastYear(january, academicYear(january), f.total(h), f.special(h), ages, phases, placements, needs));
        }
        boolean any = f.years() > 0;
        return new EhcpForecast(scope.name(), scope.laCode(), scope.regionCode(), any ? scope.baseJanuary() : null,
                any ? academicYear(scope.baseJanuary()) : null, Forecasts.SIMULATIONS, scope.localAuthorities(), scope.missing(), result);
    }

    @QueryMapping
    Sufficiency.Result sufficiency(@Argument String laCode, @Argument String regionCode, @Argument Integer years) {
        return sufficiency.of(laCode, regionCode, years);
    }

    /** January 2026 falls in the school year DfE calls 2025/26. */
    static String academicYear(int january) {
        return (january - 1) + "/" + String.format("%02d", january % 100);
    }
}
