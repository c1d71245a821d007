package uk.sendplan.api.market;

import uk.sendplan.db.types.DeclineReason;
import uk.sendplan.db.types.OfferStatus;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.ReferralStatus;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The market's statuses and choices in the words its pages show, so the commissioner's and the provider's pages name a
 * referral, an offer or a decline the same way.
 */
final class MarketWords {

    private MarketWords() {
    }

    static Map<String, String> statusNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (ReferralStatus s : ReferralStatus.values()) {
            names.put(s.name(), statusName(s));
        }
        return names;
    }

    static String statusName(ReferralStatus status) {
        return switch (status) {
            case OPEN -> "Open for offers";
            case AWARDED -> "Awarded, awaiting the provider";
            case PLACED -> "Placed";
            case WITHDRAWN -> "Withdrawn";
        };
    }

    static String statusTag(ReferralStatus status) {
        return switch (status) {
            case OPEN -> "govuk-tag--blue";
            case AWARDED -> "govuk-tag--turquoise";
            case PLACED -> "govuk-tag--green";
            case WITHDRAWN -> "govuk-tag--grey";
        };
    }

    static String offerStatusName(OfferStatus status) {
        return switch (status) {
            case OPEN -> "Open";
            case WITHDRAWN -> "Withdrawn";
            case AWARDED -> "Awarded";
            case CLOSED -> "Closed";
        };
    }

    static String agreementName(AgreementView a) {
        return switch (a.status()) {
            case AWAITING_PROVIDER -> "Awarded: awaiting the provider's answer";
            case ACTIVE -> "Accepted: the child is placed";
            case DECLINED -> "Declined by the provider" + (a.statusReason() == null ? "" : ": " + a.statusReason());
            case ENDED -> "Ended";
        };
    }

    static String provisionName(ProvisionKind kind) {
        return switch (kind) {
            case DAY -> "Day place";
            case RESIDENTIAL_38_WEEK -> "Residential, 38 weeks";
            case RESIDENTIAL_52_WEEK -> "Residential, 52 weeks";
            case POST_16 -> "Post-16 place";
            case ALTERNATIVE_PROVISION -> "Alternative provision";
        };
    }

    static String declineName(DeclineReason reason) {
        return reason == null ? "no reason given" : switch (reason) {
            case NO_PLACE_AT_START -> "no place at the start date";
            case CANNOT_MEET_NEED -> "cannot meet the child's need";
            case PEER_GROUP -> "the peer group does not suit";
            case TOO_FAR -> "too far from home";
            case OUTSIDE_REGISTRATION -> "outside the setting's registration";
            case OTHER -> "another reason";
        };
    }

    static Map<String, String> declineReasons() {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (DeclineReason r : DeclineReason.values()) {
            reasons.put(r.name(), declineName(r));
        }
        return reasons;
    }

    /** An enum's name as words: SPEECH_AND_LANGUAGE is "Speech and language". */
    static String words(String name) {
        String words = name.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** A kind of setting as people read it: INDEPENDENT_SPECIAL is "Independent special", SEN_UNIT "SEN unit". */
    static String kindName(String type) {
        return words(type).replaceFirst("^Sen ", "SEN ");
    }
}
