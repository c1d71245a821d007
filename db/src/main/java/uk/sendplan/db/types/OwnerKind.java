package uk.sendplan.db.types;

/** Who ultimately owns a provider's group, as the provider states it with its yearly figures (column provider_figures.owner_kind). */
public enum OwnerKind {
    CHARITY, LOCAL_AUTHORITY_OR_TRUST, FAMILY, PRIVATE_EQUITY, LISTED, OTHER
}
