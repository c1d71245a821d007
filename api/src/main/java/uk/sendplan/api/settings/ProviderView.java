package uk.sendplan.api.settings;

import uk.sendplan.db.types.ProviderKind;

public record ProviderView(long id, String name, String companyNumber, ProviderKind kind, Boolean forProfit, String laCode, boolean demo) {
}
