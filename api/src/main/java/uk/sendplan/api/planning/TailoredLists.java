package uk.sendplan.api.planning;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.db.types.Sector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the market reads of a child's tailored list, with the planner's rules and costs: the state settings that could
 * take the child and what they would cost the LA, and why no state setting nearby can. The caller has checked that
 * the actor may see the child.
 */
@Service
public class TailoredLists {

    /** A state setting suitable for the child, cheapest first: what an independent offer is compared with. */
    public record StateOption(int urn, String name, long feePence, long transportPence, long annualCostPence, double distanceKm,
                              double travelMinutes, int vacancies) {
    }

    /**
     * @param stateOptions suitable state settings, a place free now first, then cheapest
     * @param whyNotState  one line per state setting nearby that can't take the child now (full, or a rule it breaks),
     *                     nearest first; a single line when there is none at all
     */
    public record StateAlternatives(String financialYear, List<StateOption> stateOptions, List<String> whyNotState) {
    }

    private static final int LIST_LIMIT = 100;

    private final SuitableSettings suitable;
    private final SettingService settings;

    TailoredLists(SuitableSettings suitable, SettingService settings) {
        this.suitable = suitable;
        this.settings = settings;
    }

    @Transactional(readOnly = true)
    public StateAlternatives stateAlternatives(PlacementRequestView child, int limit) {
        return stateAlternatives(List.of(child), limit).get(child.id());
    }

    /** The same for many children, by request id, from one read of the register and fees per LA. */
    @Transactional(readOnly = true)
    public Map<Long, StateAlternatives> stateAlternatives(List<PlacementRequestView> children, int limit) {
        Map<Long, StateAlternatives> byChild = new java.util.LinkedHashMap<>();
        suitable.listAll(children, null, LIST_LIMIT, SuitableSettings.Order.COST).forEach((id, listing) -> byChild.put(id, alternatives(
                children.stream().filter(c -> c.id() == id).findFirst().orElseThrow(), listing, limit)));
        return byChild;
    }

    private StateAlternatives alternatives(PlacementRequestView child, SuitableSettings.Listing listing, int limit) {
        Map<Integer, SettingView> views = settings.findAll(Stream.concat(listing.suitable().stream(), listing.excluded().stream())
                .map(SuitableSettings.Option::urn).toList());
        List<StateOption> options = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (SuitableSettings.Option o : listing.suitable()) {
            if (views.get(o.urn()).sector() != Sector.STATE) {
                continue;
            }
            if (o.vacancies() > 0) {
                options.add(new StateOption(o.urn(), o.name(), o.feePence(), o.transportPence(), o.annualCostPence(), o.distanceKm(),
                        o.travelMinutes(), o.vacancies()));
            } else {
                why.add(o.name() + " (URN " + o.urn() + ", " + km(o.distanceKm()) + "): suitable, but no place is free");
            }
        }
        listing.excluded().stream().filter(o -> views.get(o.urn()).sector() == Sector.STATE)
                .forEach(o -> why.add(o.name() + " (URN " + o.urn() + ", " + km(o.distanceKm()) + "): " + String.join("; ", o.reasons())));
        if (options.isEmpty() && why.isEmpty()) {
            why.add("No state setting within reach of the child's home offers " + child.primaryNeed() + " places for this age");
        }
        return new StateAlternatives(listing.financialYear(), options.stream().limit(limit).toList(), why.stream().limit(limit).toList());
    }

    private static String km(double km) {
        return String.format(java.util.Locale.ROOT, "%.1f km away", km);
    }
}
