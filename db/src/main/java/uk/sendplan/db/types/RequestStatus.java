package uk.sendplan.db.types;

/** Where a placement request stands (column placement_request.status). */
public enum RequestStatus {
    OPEN, PROPOSED, PLACED, WITHDRAWN
}
