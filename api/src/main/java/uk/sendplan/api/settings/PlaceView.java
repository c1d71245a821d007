package uk.sendplan.api.settings;

import java.util.List;

/**
 * A need × phase cell of a setting. Read from the register, {@code occupied} is every pupil (the provider's own plus
 * {@code approvedPlacements}); written, it is the provider's own pupils, and the database adds the approved placements.
 */
public record PlaceView(int urn, String need, String phase, int capacity, int occupied, List<CommissionView> commissions,
                        int approvedPlacements) {

    /** A cell as written: the approved placements in it are the database's to count. */
    public PlaceView(int urn, String need, String phase, int capacity, int occupied, List<CommissionView> commissions) {
        this(urn, need, phase, capacity, occupied, commissions, 0);
    }

    /**
     * Places commissioned by an LA: declared by the provider ({@code contractId} null), or by a block contract in force
     * for {@code financialYear}.
     */
    public record CommissionView(String laCode, int places, Long contractId, String financialYear) {

        /** A commission the provider declares. */
        public CommissionView(String laCode, int places) {
            this(laCode, places, null, null);
        }
    }

    public int vacancies() {
        return capacity - occupied;
    }
}
