package uk.sendplan.db.types;

/** A referred setting's answer (column referral_recipient.response; NULL while it has not answered). */
public enum RecipientResponse {
    OFFERED, DECLINED
}
