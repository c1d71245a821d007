package uk.sendplan.db.types;

/** A setting's latest Ofsted overall judgement (column setting.ofsted_rating; null when not inspected). */
public enum OfstedRating {
    OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT, INADEQUATE
}
