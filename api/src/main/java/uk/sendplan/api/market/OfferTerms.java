package uk.sendplan.api.market;

import org.springframework.stereotype.Component;
import uk.sendplan.api.fees.FeeService;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingService.PlanningSetting;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.RegistrationStatus;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The rules of an offer's terms, for a new offer and a revision alike: an open setting with a place free, the kind of
 * place the referral asks for, a fee within bounds whose breakdown adds up, dates that are not past, and the fee
 * checked against the framework of the start date's financial year. The verdict is the caller's to judge (Offers
 * refuses or asks for a justification); nothing here writes.
 */
@Component
class OfferTerms {

    private static final long MAX_ANNUAL_FEE_PENCE = 150_000_000L;

    /** Terms that passed every rule, with the fee check of the start date's year (whatever its verdict). */
    record Valid(ProvisionKind kind, long fee, long education, long care, long therapies, long other, long surplus, LocalDate start,
                 LocalDate validUntil, String conditions, String justification, String year, FeeService.OfferCheck check) {
    }

    private final SettingService settings;
    private final ReReferrals reReferrals;
    private final FeeService fees;

    OfferTerms(SettingService settings, ReReferrals reReferrals, FeeService fees) {
        this.settings = settings;
        this.reReferrals = reReferrals;
        this.fees = fees;
    }

    /** Every rule of the terms but the fee check's verdict, which the caller judges; writes nothing. */
    Valid validate(String field, ReferralView referral, int urn, Offers.TermsInput in, LocalDate today) {
        PlanningSetting setting = settings.planningSetting(urn).orElseThrow(() -> ApiException.notFound(field + ".urn", "no setting with URN " + urn));
        if (setting.registrationStatus() != RegistrationStatus.OPEN) {
            throw ApiException.badRequest(field + ".urn", "setting " + urn + " is " + setting.registrationStatus() + " and takes no new placements");
        }
        if (setting.vacancies(referral.primaryNeed(), referral.phase()) <= 0) {
            // the place is taken when the provider accepts an award: an offer is of a place the register shows free
            throw ApiException.badRequest(field + ".urn", "setting " + urn + " has no " + referral.primaryNeed() + " " + referral.phase()
                    + " place free in the register; update its places (setPlaces) before offering one");
        }
        ProvisionKind kind = kind(field + ".kind", in.kind(), referral);
        long fee = amount(field + ".annualFee", in.annualFee());
        if (fee <= 0 || fee > MAX_ANNUAL_FEE_PENCE) {
            throw ApiException.badRequest(field + ".annualFee", "must be more than £0 and at most " + Money.format(MAX_ANNUAL_FEE_PENCE) + " a year, got "
                    + Money.format(fee));
        }
        Offers.BreakdownInput b = in.breakdown();
        long education = part(field + ".breakdown.education", b.education());
        long care = part(field + ".breakdown.care", b.care());
        long therapies = part(field + ".breakdown.therapies", b.therapies());
        long other = part(field + ".breakdown.other", b.other());
        if (education + care + therapies + other != fee) {
            throw ApiException.badRequest(field + ".breakdown", "education + care + therapies + other come to "
                    + Money.format(education + care + therapies + other) + ", not the annual fee " + Money.format(fee)
                    + ": the breakdown must add up to the fee");
        }
        long surplus = b.surplus() == null ? 0 : part(field + ".breakdown.surplus", b.surplus());
        if (surplus > other) {
            throw ApiException.badRequest(field + ".breakdown.surplus", "the surplus " + Money.format(surplus) + " is part of other ("
                    + Money.format(other) + "), so it cannot be more than other");
        }
        LocalDate start = MarketRules.notPast(field + ".startDate", in.startDate(), today);
        reReferrals.requireStartAfter(field + ".startDate", referral, start);
        LocalDate validUntil = MarketRules.notPast(field + ".validUntil", in.validUntil(), today);
        if (validUntil.isAfter(start)) {
            throw ApiException.badRequest(field + ".validUntil", "an offer is valid until at the latest its start date " + start + ", got " + validUntil);
        }
        String conditions = MarketRules.optionalText(field + ".conditions", in.conditions(), MarketRules.MAX_CONDITIONS);
        String justification = MarketRules.optionalText(field + ".justification", in.justification(), MarketRules.MAX_CONDITIONS);

        String year = MarketRules.financialYear(start);
        FeeService.OfferCheck check = fees.checkOffer(field + ".startDate", year, urn, referral.band(), kind, fee, referral.primaryNeed(),
                justification != null, null, surplus);
        return new Valid(kind, fee, education, care, therapies, other, surplus, start, validUntil, conditions, justification, year, check);
    }

    /** DAY asks for a day place (a post-16 fee at post-16); a residential referral for the same residential kind. */
    private static ProvisionKind kind(String field, ProvisionKind kind, ReferralView referral) {
        boolean post16 = referral.phase().equals("POST_16") || referral.phase().equals("POST_19");
        boolean fits = referral.provision() == ProvisionKind.DAY ? kind == ProvisionKind.DAY || (post16 && kind == ProvisionKind.POST_16)
                : kind == referral.provision();
        if (!fits) {
            throw ApiException.badRequest(field, "referral " + referral.id() + " asks for " + referral.provision() + " provision"
                    + (referral.provision() == ProvisionKind.DAY && post16 ? " (DAY or POST_16)" : "") + ", not " + kind);
        }
        return kind;
    }

    private static long amount(String field, BigDecimal pounds) {
        if (pounds == null) {
            throw ApiException.badRequest(field, "is required");
        }
        return Money.pence(pounds);
    }

    private static long part(String field, BigDecimal pounds) {
        long pence = amount(field, pounds);
        if (pence < 0) {
            throw ApiException.badRequest(field, "must not be negative, got " + Money.format(pence));
        }
        return pence;
    }
}
