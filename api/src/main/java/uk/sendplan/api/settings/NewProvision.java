package uk.sendplan.api.settings;

import java.util.List;

/**
 * Published inside the register's transaction when independent or non-maintained provision is new: settings
 * registered (by hand, by GIAS import or in bulk), or registered settings whose places grew for a need and phase. The
 * host LA's say is asked on each; a listener that fails rolls the change back with it.
 */
public record NewProvision(List<Opening> openings) {

    /** One setting's new provision: a registration ({@code registered}) or more places, with the cells that grew. */
    public record Opening(int urn, String laCode, long providerId, boolean registered, List<Cell> cells) {
    }

    /** A need and phase whose places grew, from {@code before} (0 when new) to {@code after}. */
    public record Cell(String need, String phase, int before, int after) {
    }
}
