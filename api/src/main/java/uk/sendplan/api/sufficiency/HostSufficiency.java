package uk.sendplan.api.sufficiency;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.reference.ReferenceData;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An LA's standing sufficiency for the needs and phases of one kind of setting, as {@link Sufficiency} works it out for
 * the LA's own page (the first forecast year, the same rows and words): what a host LA reads beside a request to say
 * what it thinks of new independent provision. The same roles and scopes as the LA's sufficiency.
 */
@Service
public class HostSufficiency {

    /** A need and phase of the setting: the LA's forecast children, its places of that kind, and the gap (negative: to spare). */
    public record Cell(String need, String phase, String kindOfPlace, long forecast, int places, long shortfall, String summary) {
    }

    /** The figures, for the academic year {@code year}; {@code planned} false where the LA has no forecast (no SEN2 figures). */
    public record Figures(String laCode, boolean planned, String year, List<Cell> cells) {
    }

    /** A need and phase asked about. */
    public record NeedPhase(String need, String phase) {
    }

    private final Sufficiency sufficiency;
    private final ReferenceData reference;

    HostSufficiency(Sufficiency sufficiency, ReferenceData reference) {
        this.sufficiency = sufficiency;
        this.reference = reference;
    }

    @Transactional(readOnly = true)
    public Figures of(String laCode, String settingType, Collection<NeedPhase> cells) {
        Sufficiency.Result result = sufficiency.of(laCode, null, 1);
        Placement kind = Sufficiency.SETTING_TYPES.entrySet().stream().filter(e -> e.getValue().contains(settingType))
                .map(java.util.Map.Entry::getKey).findFirst().orElse(Placement.INDEPENDENT_OR_NON_MAINTAINED_SPECIAL);
        if (result.years().isEmpty()) {
            return new Figures(laCode, false, null, List.of());
        }
        Sufficiency.Year year = result.years().getFirst();
        List<Cell> figures = new ArrayList<>();
        for (NeedPhase asked : cells) {
            Sufficiency.NeedRow row = year.rows().stream().filter(r -> r.phase().equals(asked.phase()) && r.placement() == kind)
                    .flatMap(r -> r.needs().stream()).filter(n -> n.need().equals(asked.need())).findFirst().orElse(null);
            String words = Sufficiency.WORDS.get(kind);
            if (row == null) {
                // the rows leave out cells with no places and under half a child forecast: nothing either way
                figures.add(new Cell(asked.need(), asked.phase(), words, 0, 0, 0, reference.phase(asked.phase()).name() + ", " + words + ", "
                        + reference.needType(asked.need()).name() + ": no children forecast for January " + year.january() + " and no places"));
            } else {
                figures.add(new Cell(asked.need(), asked.phase(), words, Math.round(row.demand().central()), row.places(),
                        Math.round(row.shortfall().central()), row.summary()));
            }
        }
        return new Figures(laCode, true, year.year(), figures);
    }
}
