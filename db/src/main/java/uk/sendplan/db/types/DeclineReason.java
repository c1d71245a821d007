package uk.sendplan.db.types;

/** Why a provider declines a referral (column referral_recipient.decline_reason). */
public enum DeclineReason {
    NO_PLACE_AT_START, CANNOT_MEET_NEED, PEER_GROUP, TOO_FAR, OUTSIDE_REGISTRATION, OTHER
}
