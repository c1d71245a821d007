package uk.sendplan.api.fees;

import uk.sendplan.api.fees.FeeInputs.RateBandInput;
import uk.sendplan.api.fees.FeeInputs.StateTariffInput;
import uk.sendplan.api.fees.RateFrameworkView.Band;
import uk.sendplan.api.fees.RateFrameworkView.StateTariff;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.kernel.Texts;
import uk.sendplan.api.system.ApiException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of a framework's bands as given: codes, amounts, state tariffs, and no two bands for the same fee. */
final class RateBandRules {

    private static final Pattern BAND_CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,19}");

    private RateBandRules() {
    }

    /** Valid bands with no two covering the same kind, complexity and need. */
    static List<Band> bands(String field, List<RateBandInput> inputs) {
        if (inputs.isEmpty()) {
            throw ApiException.badRequest(field, "a framework needs at least one band");
        }
        List<Band> bands = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            RateBandInput in = inputs.get(i);
            String at = field + "[" + i + "]";
            if (in.code() == null || !BAND_CODE.matcher(in.code()).matches()) {
                throw ApiException.badRequest(at + ".code", "1 to 20 capital letters, digits, '-' or '_', starting with a letter or digit, got \"" + in.code() + "\"");
            }
            if (!codes.add(in.code())) {
                throw ApiException.badRequest(at + ".code", "band " + in.code() + " is given twice");
            }
            int complexity = FeeRules.band(at + ".complexity", in.complexity());
            long referencePence = FeeRules.annualAmount(at + ".referenceRate", in.referenceRate());
            long ceilingPence = FeeRules.annualAmount(at + ".ceiling", in.ceiling());
            if (ceilingPence < referencePence) {
                throw ApiException.badRequest(at + ".ceiling", "must not be below the reference rate (" + Money.format(ceilingPence)
                        + " < " + Money.format(referencePence) + ")");
            }
            List<String> needs = in.needs() == null ? List.of() : in.needs().stream().distinct().toList();
            Band band = new Band(in.code(), Texts.required(at + ".description", in.description()), in.kind(), complexity,
                    needs, referencePence, ceilingPence, stateTariff(at + ".stateTariff", in.stateTariff()));
            for (Band other : bands) {
                String overlap = overlap(band, other);
                if (overlap != null) {
                    throw ApiException.badRequest(at, "bands " + other.code() + " and " + band.code() + " both cover " + band.kind()
                            + " complexity " + complexity + " " + overlap + "; a fee must have one band");
                }
            }
            bands.add(band);
        }
        return bands;
    }

    /**
     * A state tariff: null when not given; else a minimum of £0 or more (a top-up may be nil) and a maximum above £0, at
     * most the largest annual fee, with the minimum not above the maximum.
     */
    static StateTariff stateTariff(String field, StateTariffInput input) {
        if (input == null) {
            return null;
        }
        if (input.min() == null || input.max() == null) {
            throw ApiException.badRequest(field + (input.min() == null ? ".min" : ".max"), "is required: a state tariff is a range from min to max");
        }
        long min = FeeRules.costPart(field + ".min", input.min());
        long max = FeeRules.annualAmount(field + ".max", input.max());
        if (min > max) {
            throw ApiException.badRequest(field + ".min", "must not be above the maximum (" + Money.format(min) + " > " + Money.format(max) + ")");
        }
        return new StateTariff(min, max);
    }

    /** What two bands both cover ("for every need", "for ASD"), or null if they never apply to the same fee. */
    private static String overlap(Band a, Band b) {
        if (!a.kind().equals(b.kind()) || a.complexity() != b.complexity()) {
            return null;
        }
        if (a.needs().isEmpty() && b.needs().isEmpty()) {
            return "for every need";
        }
        return a.needs().stream().filter(b.needs()::contains).findFirst().map(need -> "for " + need).orElse(null);
    }
}
