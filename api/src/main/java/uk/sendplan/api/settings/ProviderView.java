package uk.sendplan.api.settings;

public record ProviderView(long id, String name, String companyNumber, String kind, Boolean forProfit, String laCode, boolean demo) {
}
