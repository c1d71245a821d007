package uk.sendplan.db.types;

/** A placement request's child's gender, matched against a setting's admissions (column placement_request.gender). */
public enum ChildGender {
    MALE, FEMALE
}
