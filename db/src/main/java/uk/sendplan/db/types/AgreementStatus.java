package uk.sendplan.db.types;

/**
 * Where a placement agreement stands (column placement_agreement.status): AWAITING_PROVIDER after the award,
 * ACTIVE once accepted (the place is taken), DECLINED by the provider, ENDED at its end date or when renewed.
 */
public enum AgreementStatus {
    AWAITING_PROVIDER, ACTIVE, DECLINED, ENDED
}
