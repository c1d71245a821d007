package uk.sendplan.db.types;

/**
 * Where a provider's offer stands (column offer.status): OPEN, WITHDRAWN by the provider, AWARDED by the
 * commissioner, CLOSED when the referral went elsewhere, was withdrawn, or the awarded agreement was declined.
 */
public enum OfferStatus {
    OPEN, WITHDRAWN, AWARDED, CLOSED
}
