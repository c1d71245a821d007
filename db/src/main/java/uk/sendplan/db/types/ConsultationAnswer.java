package uk.sendplan.db.types;

/**
 * The host LA's answer on new independent provision (column host_consultation.answer): it SUPPORTS it, has NO_VIEW,
 * or OBJECTS (with a reason).
 */
public enum ConsultationAnswer {
    SUPPORTS, NO_VIEW, OBJECTS
}
