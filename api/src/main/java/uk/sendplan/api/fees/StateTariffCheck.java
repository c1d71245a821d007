package uk.sendplan.api.fees;

import uk.sendplan.api.fees.RateFrameworkView.Band;
import uk.sendplan.api.fees.RateFrameworkView.StateTariff;
import uk.sendplan.api.kernel.Money;

import java.util.Optional;

/**
 * A state setting's fee against the national tariff of its band, without a database. The band is the one of the fee's
 * kind and complexity that covers every need (state fees are banded by kind and complexity alone: the register does
 * not say which need a state fee pays for). The tariff is national: no area cost adjustment.
 */
final class StateTariffCheck {

    /**
     * The result with its numbers: {@code differencePence} is how far outside the range the fee is (positive above the
     * maximum, negative below the minimum, 0 within or without a tariff).
     */
    record Result(NationalBanding banding, String bandCode, StateTariff tariff, long differencePence, String explanation) {

        Long abovePence() {
            return differencePence > 0 ? differencePence : null;
        }

        Long belowPence() {
            return differencePence < 0 ? -differencePence : null;
        }
    }

    private StateTariffCheck() {
    }

    static Result check(RateFrameworkView framework, FeeView fee) {
        Optional<Band> band = FeeChecker.applicableBand(framework, fee.kind(), fee.band(), null).filter(b -> b.stateTariff() != null);
        String what = "Fee " + Money.format(fee.annualFeePence());
        if (band.isEmpty()) {
            return new Result(NationalBanding.NO_NATIONAL_TARIFF, null, null, 0, "No band of " + framework.label() + " gives a national tariff for "
                    + fee.kind().name().toLowerCase().replace('_', ' ') + " places at complexity " + fee.band() + ".");
        }
        Band b = band.get();
        StateTariff t = b.stateTariff();
        String range = "band " + b.code() + "'s national tariff of " + Money.format(t.minPence()) + " to " + Money.format(t.maxPence())
                + " (" + framework.label() + ")";
        long amount = fee.annualFeePence();
        if (amount > t.maxPence()) {
            return new Result(NationalBanding.OUTSIDE_NATIONAL_BANDING, b.code(), t, amount - t.maxPence(),
                    what + " is " + Money.format(amount - t.maxPence()) + " above " + range + ".");
        }
        if (amount < t.minPence()) {
            return new Result(NationalBanding.OUTSIDE_NATIONAL_BANDING, b.code(), t, amount - t.minPence(),
                    what + " is " + Money.format(t.minPence() - amount) + " below " + range + ".");
        }
        return new Result(NationalBanding.WITHIN_NATIONAL_BANDING, b.code(), t, 0, what + " is within " + range + ".");
    }
}
