package uk.sendplan.db.types;

/** What the host LA is asked about (column host_consultation.change): a NEW_REGISTRATION, or MORE_PLACES at a registered setting. */
public enum ConsultationChange {
    NEW_REGISTRATION, MORE_PLACES
}
