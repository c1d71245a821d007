package uk.sendplan.api.market;

import org.springframework.stereotype.Component;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingService.PlanningSetting;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.db.types.ChildGender;
import uk.sendplan.db.types.Gender;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.RegistrationStatus;
import uk.sendplan.db.types.Sector;
import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.Parameters;
import uk.sendplan.planner.domain.Phase;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which settings a referral goes to: independent and non-maintained settings (the market the framework regulates)
 * that are open, have places for the child's need and phase, take the child's age and gender, board when a
 * residential placement is asked for, and are within the planner's reach of the child's home district (the day
 * travel limit of the phase, or the boarding reach). Nearest first, at most {@link #MAX_MATCHED}.
 */
@Component
class ReferralMatching {

    /** A referral to more settings than this is a circular, not a referral; the commissioner can add more by name. */
    static final int MAX_MATCHED = 25;
    /** A child's home (rounded to 100 m) lies within this of its district's centre. */
    private static final int HOME_MARGIN_METRES = 10_000;

    /** What matching needs of a referral. */
    record Profile(String need, String phase, int age, ChildGender gender, ProvisionKind provision, boolean alternativeProvisionAllowed,
                   int easting, int northing) {
    }

    record Match(int urn, long providerId, double distanceKm) {
    }

    private final SettingService settings;
    private final ReferenceData reference;
    private final CostModel costModel = new CostModel(Parameters.DEFAULTS);

    ReferralMatching(SettingService settings, ReferenceData reference) {
        this.settings = settings;
        this.reference = reference;
    }

    List<Match> match(Profile child) {
        return match(child, settings.settingsAround(child.easting(), child.northing(), (int) Math.ceil(reachMetres(child))));
    }

    /**
     * The same, among settings already read (every setting within reach of the child among them): many children of
     * one LA are matched from one read of the register.
     */
    List<Match> match(Profile child, List<PlanningSetting> candidates) {
        double reachMetres = reachMetres(child);
        List<Match> matches = new ArrayList<>();
        for (PlanningSetting s : candidates) {
            double metres = Math.hypot(s.easting() - child.easting(), s.northing() - child.northing());
            if (metres <= reachMetres && whyNot(s, child) == null) {
                matches.add(new Match(s.urn(), s.providerId(), metres / 1000 * Parameters.DEFAULTS.roadFactor()));
            }
        }
        matches.sort(Comparator.comparingDouble(Match::distanceKm).thenComparingInt(Match::urn));
        return matches.stream().limit(MAX_MATCHED).toList();
    }

    /** Settings near an LA that every child at home in it could be matched with (homes lie near its districts). */
    List<PlanningSetting> candidatesNear(String laCode, boolean residential) {
        double reach = residential ? costModel.maxBoardingStraightLineMetres() : 0;
        for (Phase phase : Phase.values()) {
            reach = Math.max(reach, costModel.maxStraightLineMetres(phase));
        }
        return settings.settingsNear(List.of(laCode), (int) Math.ceil(reach) + HOME_MARGIN_METRES, false);
    }

    private double reachMetres(Profile child) {
        return child.provision() != ProvisionKind.DAY ? costModel.maxBoardingStraightLineMetres()
                : costModel.maxStraightLineMetres(Phase.valueOf(child.phase()));
    }

    /**
     * Why a setting can't take the child, or null when it can: the rules of matching but reach, which a commissioner
     * naming a setting by hand may go beyond.
     */
    String whyNot(PlanningSetting s, Profile child) {
        boolean residential = child.provision() != ProvisionKind.DAY;
        if (s.registrationStatus() != RegistrationStatus.OPEN) {
            return "it is " + s.registrationStatus() + (s.statusReason() == null ? "" : " (" + s.statusReason() + ")");
        }
        if (!regulated(s)) {
            return "it is a state setting: consult its LA, don't refer to the market";
        }
        if (!hasPlaces(s, child)) {
            return "it has no " + child.need() + " places for the " + child.phase() + " phase";
        }
        if (child.age() < s.ageFrom() || child.age() > s.ageTo()) {
            return "it takes ages " + s.ageFrom() + " to " + s.ageTo() + ", the child is " + child.age();
        }
        if (!gender(s.gender(), child.gender())) {
            return "it takes " + s.gender() + " only";
        }
        if (residential && !s.boarding()) {
            return "it has no residential places, and " + child.provision() + " provision is asked for";
        }
        if (isAlternativeProvision(s) && !child.alternativeProvisionAllowed()) {
            return "it is alternative provision, which this child's request does not allow";
        }
        return null;
    }

    private boolean regulated(PlanningSetting s) {
        return s.sector() != Sector.STATE || reference.settingType(s.type()).independent();
    }

    private static boolean hasPlaces(PlanningSetting s, Profile child) {
        return s.places().stream().anyMatch(p -> p.need().equals(child.need()) && p.phase().equals(child.phase()) && p.capacity() > 0);
    }

    private static boolean isAlternativeProvision(PlanningSetting s) {
        return s.type().equals("ALTERNATIVE_PROVISION");
    }

    private static boolean gender(Gender setting, ChildGender child) {
        return setting == Gender.MIXED || (setting == Gender.BOYS) == (child == ChildGender.MALE);
    }

    /** A setting the commissioner names by URN, if it can take the child (reach aside); else why not, naming the field. */
    PlanningSetting named(String field, int urn, Profile profile) {
        PlanningSetting s = settings.planningSetting(urn).orElse(null);
        if (s == null) {
            throw ApiException.notFound(field, "no located setting with URN " + urn);
        }
        String why = whyNot(s, profile);
        if (why != null) {
            throw ApiException.badRequest(field, "setting " + urn + " can't take this child: " + why);
        }
        return s;
    }
}
