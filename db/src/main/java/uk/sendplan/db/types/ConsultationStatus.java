package uk.sendplan.db.types;

/** Where a host LA consultation stands (column host_consultation.status): OPEN until the LA's commissioner answers. */
public enum ConsultationStatus {
    OPEN, ANSWERED
}
