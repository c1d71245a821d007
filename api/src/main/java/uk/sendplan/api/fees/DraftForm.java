package uk.sendplan.api.fees;

import org.springframework.util.MultiValueMap;
import uk.sendplan.api.fees.FeeInputs.AreaAdjustmentInput;
import uk.sendplan.api.fees.FeeInputs.RateBandInput;
import uk.sendplan.api.fees.FeeInputs.StateTariffInput;
import uk.sendplan.api.fees.FeeInputs.UpdateRateFrameworkInput;
import uk.sendplan.api.fees.RateFrameworkView.Band;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.db.types.ProviderKind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The draft framework's edit form as typed: every field as text, so a page shown again after a problem keeps what the
 * regulator wrote. It turns itself into the service's input once each value reads as a number (the service then
 * applies the framework's rules), and names the form field each of the service's paths stands for.
 */
record DraftForm(String name, String description, String maxUpliftPercent, String surplusCapPercent, String breakdownTolerance,
                 List<String> breakdownRequiredFrom, List<BandRow> bands, Map<String, String> areas) {

    /** One band's amounts as typed; what a band covers (code, kind, complexity, needs) is the draft's and is not edited here. */
    record BandRow(Band band, String referenceRate, String ceiling, String tariffMin, String tariffMax) {
    }

    static DraftForm of(RateFrameworkView f) {
        Map<String, String> areas = new LinkedHashMap<>();
        f.areaAdjustments().forEach(a -> areas.put(a.regionCode(), a.multiplier().toPlainString()));
        return new DraftForm(f.name(), f.description() == null ? "" : f.description(), f.maxUpliftPercent().toPlainString(),
                f.surplusCapPercent().toPlainString(), f.breakdownTolerance().toPlainString(),
                f.breakdownRequiredFrom().stream().map(Enum::name).toList(),
                f.bands().stream().map(b -> new BandRow(b, b.referenceRate().toPlainString(), b.ceiling().toPlainString(),
                        b.stateTariff() == null ? "" : b.stateTariff().min().toPlainString(),
                        b.stateTariff() == null ? "" : b.stateTariff().max().toPlainString())).toList(),
                areas);
    }

    /** The form as posted, over the draft it edits (its bands in the draft's order, its regions). */
    static DraftForm of(RateFrameworkView draft, MultiValueMap<String, String> posted) {
        List<BandRow> bands = new ArrayList<>();
        for (int i = 0; i < draft.bands().size(); i++) {
            bands.add(new BandRow(draft.bands().get(i), text(posted, "band-" + i + "-referenceRate"), text(posted, "band-" + i + "-ceiling"),
                    text(posted, "band-" + i + "-tariffMin"), text(posted, "band-" + i + "-tariffMax")));
        }
        Map<String, String> areas = new LinkedHashMap<>();
        draft.areaAdjustments().forEach(a -> areas.put(a.regionCode(), text(posted, "area-" + a.regionCode())));
        List<String> kinds = posted.getOrDefault("breakdownRequiredFrom", List.of()).stream().filter(k -> !k.isBlank()).toList();
        return new DraftForm(text(posted, "name"), text(posted, "description"), text(posted, "maxUpliftPercent"),
                text(posted, "surplusCapPercent"), text(posted, "breakdownTolerance"), kinds, bands, areas);
    }

    /** The service's input, or null with the problems added when a value does not read as a number. */
    UpdateRateFrameworkInput input(String id, FormErrors errors) {
        Double uplift = percent(maxUpliftPercent, "maxUpliftPercent", "the uplift cap", errors);
        Double surplus = percent(surplusCapPercent, "surplusCapPercent", "the surplus cap", errors);
        BigDecimal tolerance = pounds(breakdownTolerance, "breakdownTolerance", "the rounding tolerance", errors);
        List<RateBandInput> bandInputs = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            BandRow row = bands.get(i);
            Band b = row.band();
            String at = "band-" + i + "-";
            BigDecimal reference = pounds(row.referenceRate(), at + "referenceRate", "band " + b.code() + "'s reference fee", errors);
            BigDecimal ceiling = pounds(row.ceiling(), at + "ceiling", "band " + b.code() + "'s ceiling", errors);
            StateTariffInput tariff = null;
            if (!row.tariffMin().isEmpty() || !row.tariffMax().isEmpty()) {
                // one end without the other is the service's to refuse, next to the missing end
                tariff = new StateTariffInput(row.tariffMin().isEmpty() ? null : pounds(row.tariffMin(), at + "tariffMin", "band " + b.code() + "'s lowest state fee", errors),
                        row.tariffMax().isEmpty() ? null : pounds(row.tariffMax(), at + "tariffMax", "band " + b.code() + "'s highest state fee", errors));
            }
            bandInputs.add(new RateBandInput(b.code(), b.description(), b.kind(), b.complexity(), b.needs(), reference, ceiling, tariff));
        }
        List<AreaAdjustmentInput> adjustments = new ArrayList<>();
        areas.forEach((region, typed) -> {
            Double multiplier = number(typed, "area-" + region, "the area cost adjustment", "like 1.05", errors);
            adjustments.add(new AreaAdjustmentInput(region, multiplier == null ? 0 : multiplier));
        });
        List<ProviderKind> kinds = new ArrayList<>();
        for (String kind : breakdownRequiredFrom) {
            Arrays.stream(ProviderKind.values()).filter(k -> k.name().equals(kind)).findFirst().ifPresentOrElse(kinds::add,
                    () -> errors.add("breakdownRequiredFrom", "Select kinds of provider from the list"));
        }
        if (errors.any()) {
            return null;
        }
        return new UpdateRateFrameworkInput(id, name, description, uplift, bandInputs, adjustments, surplus, kinds, tolerance);
    }

    /** The service's paths to this form's fields. */
    Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>(Map.of("input.name", "name", "input.description", "description",
                "input.maxUpliftPercent", "maxUpliftPercent", "input.surplusCapPercent", "surplusCapPercent",
                "input.breakdownTolerance", "breakdownTolerance", "input.breakdownRequiredFrom", "breakdownRequiredFrom",
                "input.bands", "band-0-referenceRate"));
        for (int i = 0; i < bands.size(); i++) {
            String band = "input.bands[" + i + "]";
            fields.put(band + ".referenceRate", "band-" + i + "-referenceRate");
            fields.put(band + ".ceiling", "band-" + i + "-ceiling");
            fields.put(band + ".stateTariff.min", "band-" + i + "-tariffMin");
            fields.put(band + ".stateTariff.max", "band-" + i + "-tariffMax");
            fields.put(band + ".stateTariff", "band-" + i + "-tariffMin");
            fields.put(band, "band-" + i + "-referenceRate");
        }
        List<String> regions = List.copyOf(areas.keySet());
        for (int i = 0; i < regions.size(); i++) {
            fields.put("input.areaAdjustments[" + i + "].multiplier", "area-" + regions.get(i));
        }
        return fields;
    }

    private static String text(MultiValueMap<String, String> posted, String field) {
        String value = posted.getFirst(field);
        return value == null ? "" : value.trim();
    }

    private static Double percent(String typed, String field, String what, FormErrors errors) {
        return number(typed, field, what, "as a percentage, like 5 or 4.5", errors);
    }

    private static Double number(String typed, String field, String what, String like, FormErrors errors) {
        try {
            return new BigDecimal(typed.replace("%", "").trim()).doubleValue();
        } catch (NumberFormatException notANumber) {
            errors.add(field, "Enter " + what + " " + like);
            return null;
        }
    }

    /** Pounds and pence as typed ("52,000" or "£52000.50"), exact; more than two decimal places is not an amount. */
    private static BigDecimal pounds(String typed, String field, String what, FormErrors errors) {
        try {
            BigDecimal amount = new BigDecimal(typed.replace("£", "").replace(",", "").trim());
            if (amount.stripTrailingZeros().scale() <= 2) {
                return amount.setScale(2, java.math.RoundingMode.UNNECESSARY);
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the amount's format
        }
        errors.add(field, "Enter " + what + " in pounds, like 52000 or 52000.50");
        return null;
    }
}
