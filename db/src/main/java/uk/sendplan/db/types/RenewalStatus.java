package uk.sendplan.db.types;

/** A proposed renewal of a placement agreement (column agreement_renewal.status). */
public enum RenewalStatus {
    PROPOSED, RENEWED, REJECTED
}
