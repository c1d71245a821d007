package uk.sendplan.db.types;

/** A setting's registration: open, suspended by a regulator, or closed (column setting.registration_status). */
public enum RegistrationStatus {
    OPEN, SUSPENDED, CLOSED
}
