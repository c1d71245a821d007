package uk.sendplan.api.consultations;

import uk.sendplan.db.types.ConsultationAnswer;
import uk.sendplan.db.types.ConsultationChange;
import uk.sendplan.db.types.ConsultationStatus;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** A host LA consultation as the API and the pages show it: what changed at which setting, and the LA's answer. */
record ConsultationView(long id, int urn, String laCode, long providerId, ConsultationChange change, List<Cell> cells, Instant askedAt,
                        ConsultationStatus status, ConsultationAnswer answer, String reason, String answeredBy, Instant answeredAt) {

    /** A need and phase whose places grow: from {@code placesBefore} (0 at a new registration) to {@code placesAfter}. */
    record Cell(String need, String phase, int placesBefore, int placesAfter) {
        public int added() {
            return placesAfter - placesBefore;
        }
    }

    /** What the LA is asked about, in a line: "New registration: +20 ASD secondary" or "More places: +8 SEMH primary (12 to 20)". */
    public String summary() {
        String cellWords = cells.stream().map(c -> "+" + c.added() + " " + c.need() + " " + c.phase().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                        + (c.placesBefore() > 0 ? " (" + c.placesBefore() + " to " + c.placesAfter() + ")" : ""))
                .collect(Collectors.joining(", "));
        return (change == ConsultationChange.NEW_REGISTRATION ? "New registration" : "More places")
                + (cellWords.isEmpty() ? " (no places given yet)" : ": " + cellWords);
    }

    /** The change in a few words for a table: "New registration, 51 places" or "More places, +11". */
    public String headline() {
        int added = placesAdded();
        return change == ConsultationChange.NEW_REGISTRATION ? "New registration, " + added + " place" + (added == 1 ? "" : "s") : "More places, +" + added;
    }

    /** Places the change adds in all. */
    public int placesAdded() {
        return cells.stream().mapToInt(Cell::added).sum();
    }
}
