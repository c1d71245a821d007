package uk.sendplan.api.market;

import uk.sendplan.api.fees.FeeService;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.system.InputRules;
import uk.sendplan.api.web.FeeVerdicts;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.ProvisionKind;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A provider's offer form as typed (kept through the check step and shown again when refused), read into makeOffer's
 * input: a number or choice that is not one is a problem with its field, and the market is asked nothing.
 */
record OfferForm(String urn, String kind, String annualFee, String education, String care, String therapies, String other, String surplus,
                 String startDate, String validUntil, String conditions, String justification) {

    /** The fee check shown before sending: the verdict in words, the reasons with their numbers, whether it may be sent. */
    record Check(String verdict, String tag, List<String> reasons, String framework, String reference, String ceiling, boolean sendable,
                 String advice) {
    }

    /** makeOffer's field paths and the form's field ids they stand for. */
    static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("input.urn", "urn"), Map.entry("input.kind", "kind"),
            Map.entry("input.annualFee", "annualFee"), Map.entry("input.breakdown.education", "education"),
            Map.entry("input.breakdown.care", "care"), Map.entry("input.breakdown.therapies", "therapies"),
            Map.entry("input.breakdown.other", "other"), Map.entry("input.breakdown.surplus", "surplus"), Map.entry("input.breakdown", "education"), Map.entry("input.startDate", "startDate"),
            Map.entry("input.validUntil", "validUntil"), Map.entry("input.conditions", "conditions"),
            Map.entry("input.justification", "justification"), Map.entry("input.referralId", "urn"));

    /** The form as posted, each field trimmed, a missing one blank. */
    static OfferForm typed(Map<String, String> values) {
        return new OfferForm(value(values, "urn"), value(values, "kind"), value(values, "annualFee"), value(values, "education"),
                value(values, "care"), value(values, "therapies"), value(values, "other"), value(values, "surplus"), value(values, "startDate"),
                value(values, "validUntil"), value(values, "conditions"), value(values, "justification"));
    }

    /** A blank form, the kind of place preset to the one the referral asks for. */
    static OfferForm empty(ReferralView referral) {
        return new OfferForm("", referral.provision().name(), "", "", "", "", "", "", "", "", "", "");
    }

    /** The form's text as makeOffer's input, or null with the problems added to errors. */
    Offers.MakeOfferInput input(ReferralView referral, FormErrors errors) {
        for (var field : List.of(Map.entry("annualFee", annualFee), Map.entry("education", education), Map.entry("care", care),
                Map.entry("therapies", therapies), Map.entry("other", other), Map.entry("surplus", surplus), Map.entry("startDate", startDate),
                Map.entry("validUntil", validUntil))) {
            String breach = InputRules.breach(field.getValue(), InputRules.LINE);
            if (breach != null) {
                errors.add(field.getKey(), "This field " + breach);
            }
        }
        for (var field : List.of(Map.entry("conditions", conditions), Map.entry("justification", justification))) {
            String breach = InputRules.breach(field.getValue(), InputRules.TEXT);
            if (breach != null) {
                errors.add(field.getKey(), "This field " + breach);
            }
        }
        Integer setting = whole(urn);
        if (setting == null) {
            errors.add("urn", "Select the setting that offers the place");
        }
        ProvisionKind provision = Arrays.stream(ProvisionKind.values()).filter(k -> k.name().equals(kind)).findFirst().orElse(null);
        if (provision == null) {
            errors.add("kind", "Select the kind of place offered");
        }
        BigDecimal fee = pounds(annualFee, "annualFee", "Enter the annual fee in pounds, like 58000 or 58,000.00", errors, true);
        BigDecimal educationPart = pounds(education, "education", "Enter the education part of the fee in pounds, like 50000", errors, true);
        BigDecimal carePart = pounds(care, "care", "Enter the care part in pounds, or 0", errors, false);
        BigDecimal therapiesPart = pounds(therapies, "therapies", "Enter the therapies part in pounds, or 0", errors, false);
        BigDecimal otherPart = pounds(other, "other", "Enter any other part in pounds, or 0", errors, false);
        BigDecimal surplusPart = pounds(surplus, "surplus", "Enter the surplus in pounds, or 0", errors, false);
        if (startDate.isEmpty()) {
            errors.add("startDate", "Enter the date the place starts, like 2027-01-04");
        }
        if (validUntil.isEmpty()) {
            errors.add("validUntil", "Enter the last day the offer stands, like 2026-12-18");
        }
        if (errors.any()) {
            return null;
        }
        return new Offers.MakeOfferInput(String.valueOf(referral.id()), setting, provision, fee,
                new Offers.BreakdownInput(educationPart, carePart, therapiesPart, otherPart, surplusPart), startDate, validUntil,
                blankToNull(conditions), blankToNull(justification));
    }

    /** The market's fee check in words, with the advice for what to do next. */
    Check check(FeeService.OfferCheck check) {
        boolean refused = check.nonCompliant();
        boolean needsJustification = check.verdict() == FeeVerdict.ABOVE_REFERENCE && blankToNull(justification) == null;
        String advice = refused ? "The framework does not allow this fee: an offer at it would be refused. Lower the fee and check again."
                : needsJustification ? "The fee is above the reference: give a justification (what the child's provision needs that the reference does not pay for), then check again."
                : "The fee may be offered. Send the offer, or change it and check again.";
        return new Check(FeeVerdicts.name(check.verdict()), FeeVerdicts.tag(check.verdict()), check.reasons(),
                check.financialYear() + ", version " + check.frameworkVersion(),
                check.adjustedReferencePence() == null ? null : Money.format(check.adjustedReferencePence()),
                check.adjustedCeilingPence() == null ? null : Money.format(check.adjustedCeilingPence()), !refused && !needsJustification, advice);
    }

    /** Pounds as people type them (£, commas, pence optional); blank is 0 where the part may be left out. */
    private static BigDecimal pounds(String text, String field, String message, FormErrors errors, boolean required) {
        String plain = text.replace("£", "").replace(",", "").trim();
        if (plain.isEmpty() && !required) {
            return BigDecimal.ZERO;
        }
        if (!plain.matches("[0-9]{1,9}(\\.[0-9]{1,2})?")) {
            errors.add(field, message);
            return null;
        }
        return new BigDecimal(plain);
    }

    /** A whole number as typed, or null when it is not one. */
    static Integer whole(String text) {
        try {
            return text == null ? null : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String value(Map<String, String> values, String name) {
        return Objects.requireNonNullElse(values.get(name), "").trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
