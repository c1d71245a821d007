package uk.sendplan.api.planning;

import org.springframework.stereotype.Component;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.GridPoint;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.web.SvgMap;
import uk.sendplan.api.web.SvgMaps;
import uk.sendplan.db.types.PlanScope;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A finished plan on a map: the plan's LAs, each child's home rounded to the nearest kilometre (children are
 * pseudonymous: a map must not point at a house), the settings the plan uses, and the placements as lines from home
 * to setting coloured by the kind of setting (one line for the children of a square kilometre placed at the same
 * setting). The plan page's placements table gives the same placements in words.
 */
@Component
class PlanMaps {

    /** Beyond this many placements (a region's plan) the lines would hide each other and weigh down the page: settings only. */
    static final int MAX_LINES = 2_000;
    private static final int ROUND_HOME_METRES = 1_000;

    /** Kinds of setting as the map's key names them, in key order; each is a class suffix in app.css. */
    private static final Map<String, String> KINDS = kinds();

    private final SvgMaps maps;
    private final ReferenceData reference;

    PlanMaps(SvgMaps maps, ReferenceData reference) {
        this.maps = maps;
        this.reference = reference;
    }

    SvgMap of(PlanView plan, List<PlanRepository.AssignmentView> assignments, Map<Long, PlacementRequestView> requests,
              Map<Integer, SettingView> settings) {
        boolean lines = assignments.size() <= MAX_LINES;
        SvgMaps.Builder map = maps.map("Where the plan places " + scopeName(plan) + "'s children",
                (lines ? "Each child's home, to the nearest kilometre, joined to the setting the plan places them in by a line coloured by the kind of setting. "
                        : "The settings the plan places children in, by kind (too many placements to draw each one). ")
                        + "The placements table below gives each child's setting, distance and journey.");
        map.shades(List.of(plan.scopeType() == PlanScope.LOCAL_AUTHORITY ? "The LA" : "The region's LAs"));
        for (String laCode : laCodes(plan)) {
            map.area(laCode, reference.localAuthority(laCode).map(ReferenceData.LocalAuthority::name).orElse(laCode), 0, null);
        }
        Set<String> used = new LinkedHashSet<>();
        assignments.forEach(a -> used.add(kind(settings.get(a.urn()).type())));
        KINDS.forEach((kind, label) -> {
            if (used.contains(kind)) {
                map.kind(kind, label);
            }
        });
        if (lines) {
            map.kind("home", "Children's homes (to the nearest kilometre)");
            // children from the same kilometre square placed at the same setting share one line, so the page stays light
            Map<Line, Integer> children = new LinkedHashMap<>();
            for (PlanRepository.AssignmentView a : assignments) {
                GridPoint home = requests.get(a.requestId()).home();
                children.merge(new Line(new Square(rounded(home.easting()), rounded(home.northing())), a.urn()), 1, Integer::sum);
            }
            Set<Square> homes = new LinkedHashSet<>();
            children.forEach((line, count) -> {
                double e = line.home().easting();
                double n = line.home().northing();
                SettingView s = settings.get(line.urn());
                map.line(e, n, s.location().easting(), s.location().northing(), kind(s.type()),
                        (count == 1 ? "1 child" : count + " children") + " placed at " + s.name());
                if (homes.add(line.home())) {
                    map.point(e, n, "home", "Children's homes in this square kilometre");
                }
            });
        }
        Set<Integer> drawn = new LinkedHashSet<>();
        for (PlanRepository.AssignmentView a : assignments) {
            SettingView s = settings.get(a.urn());
            if (drawn.add(s.urn())) {
                map.point(s.location().easting(), s.location().northing(), kind(s.type()), s.name());
            }
        }
        return map.draw();
    }

    private List<String> laCodes(PlanView plan) {
        return plan.scopeType() == PlanScope.LOCAL_AUTHORITY ? List.of(plan.scopeCode())
                : reference.localAuthoritiesOf(plan.scopeCode()).stream().map(ReferenceData.LocalAuthority::code).toList();
    }

    private String scopeName(PlanView plan) {
        return plan.scopeType() == PlanScope.LOCAL_AUTHORITY
                ? reference.localAuthority(plan.scopeCode()).map(ReferenceData.LocalAuthority::name).orElse(plan.scopeCode())
                : reference.region(plan.scopeCode()).map(ReferenceData.Region::name).orElse(plan.scopeCode());
    }

    /** A square kilometre of homes, by its centre rounded to the kilometre. */
    private record Square(double easting, double northing) {
    }

    /** The children of one square kilometre placed at one setting: one line on the map. */
    private record Line(Square home, int urn) {
    }

    private static double rounded(int metres) {
        return Math.round(metres / (double) ROUND_HOME_METRES) * (double) ROUND_HOME_METRES;
    }

    static String kind(String settingType) {
        return switch (settingType) {
            case "STATE_SPECIAL" -> "state-special";
            case "INDEPENDENT_SPECIAL", "NON_MAINTAINED_SPECIAL" -> "independent";
            case "ALTERNATIVE_PROVISION" -> "alternative";
            case "SPECIALIST_POST_16" -> "post-16";
            default -> "resourced";
        };
    }

    private static Map<String, String> kinds() {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("state-special", "State special school");
        kinds.put("resourced", "Mainstream school, resourced provision or SEN unit");
        kinds.put("independent", "Independent or non-maintained special school");
        kinds.put("alternative", "Alternative provision");
        kinds.put("post-16", "Specialist post-16 institution");
        return kinds;
    }
}
