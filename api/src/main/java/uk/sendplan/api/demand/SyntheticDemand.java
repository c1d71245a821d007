package uk.sendplan.api.demand;

import org.springframework.stereotype.Component;
import uk.sendplan.api.kernel.GridPoints;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.GridPoint;
import uk.sendplan.api.reference.ReferenceData.PostcodeDistrict;
import uk.sendplan.db.types.ChildGender;
import uk.sendplan.db.types.RequestStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Children made up to stand for a forecast's counts, held in memory and never stored: what a scenario on forecast
 * demand plans. Each gets its cohort's LA, need and phase, an age in the phase, a home in one of the LA's postcode
 * districts weighted by population (rounded to 100 m, as the demo's), and a band and gender drawn as the demo demand
 * draws them. Seeded, so the same counts give the same children.
 */
@Component
public class SyntheticDemand {

    /** Children of one LA, need and phase (ages ageFrom to ageTo). */
    public record Cohort(String laCode, String need, String phase, int ageFrom, int ageTo, int children) {
    }

    private final ReferenceData reference;

    SyntheticDemand(ReferenceData reference) {
        this.reference = reference;
    }

    /** The children, with ids -1, -2, … (never a stored request's) and references "FORECAST-<la>-<n>". */
    public List<PlacementRequestView> children(List<Cohort> cohorts, long seed) {
        Random random = new Random(seed);
        List<PlacementRequestView> children = new ArrayList<>();
        long id = 0;
        for (Cohort cohort : cohorts) {
            List<PostcodeDistrict> districts = reference.districtsOf(cohort.laCode());
            long population = districts.stream().mapToLong(PostcodeDistrict::population).sum();
            for (int i = 0; i < cohort.children(); i++) {
                PostcodeDistrict district = DemoDemand.district(districts, population, random);
                int easting = GridPoints.round100(GridPoints.clampEasting(district.centroid().easting() + (int) (random.nextGaussian() * 1500)));
                int northing = GridPoints.round100(GridPoints.clampNorthing(district.centroid().northing() + (int) (random.nextGaussian() * 1500)));
                int age = cohort.ageFrom() + random.nextInt(cohort.ageTo() - cohort.ageFrom() + 1);
                id--;
                children.add(new PlacementRequestView(id, cohort.laCode(), "FORECAST-" + cohort.laCode() + "-" + (-id), cohort.need(), null,
                        DemoDemand.band(cohort.need(), random), age, cohort.phase(), new GridPoint(easting, northing),
                        random.nextDouble() < 0.72 ? ChildGender.MALE : ChildGender.FEMALE, false, null, false, List.of(), null,
                        RequestStatus.OPEN, null, true, null, null, null));
            }
        }
        return children;
    }
}
