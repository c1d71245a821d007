package uk.sendplan.db.types;

/**
 * Where a referral to the market stands (column referral.status): OPEN while providers answer, AWARDED while the
 * awarded provider has not yet accepted, PLACED once it has, WITHDRAWN by the commissioner.
 */
public enum ReferralStatus {
    OPEN, AWARDED, PLACED, WITHDRAWN
}
