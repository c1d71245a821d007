package uk.sendplan.api.settings;

import java.util.List;

public record PlaceView(int urn, String need, String phase, int capacity, int occupied, List<CommissionView> commissions) {

    public record CommissionView(String laCode, int places) {
    }

    public int vacancies() {
        return capacity - occupied;
    }
}
