package uk.sendplan.db.types;

/** What kind of body a provider is (column provider.kind). */
public enum ProviderKind {
    LOCAL_AUTHORITY, ACADEMY_TRUST, INDEPENDENT, NON_MAINTAINED, FURTHER_EDUCATION
}
