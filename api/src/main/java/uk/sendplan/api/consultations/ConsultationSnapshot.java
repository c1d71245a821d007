package uk.sendplan.api.consultations;

import uk.sendplan.api.audit.AuditSnapshot;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.db.types.ConsultationAnswer;
import uk.sendplan.db.types.ConsultationChange;
import uk.sendplan.db.types.ConsultationStatus;

import java.util.List;

/** A host LA consultation as the audit trail keeps it before and after it is opened or answered. */
record ConsultationSnapshot(int urn, String laCode, ConsultationChange change, List<ConsultationView.Cell> cells, ConsultationStatus status,
                            ConsultationAnswer answer, String reason) implements AuditSnapshot {

    static ConsultationSnapshot of(ConsultationView c) {
        return new ConsultationSnapshot(c.urn(), c.laCode(), c.change(), c.cells(), c.status(), c.answer(), c.reason());
    }

    /** The host LA's and the provider's: both read what was asked and answered; nothing in it is about a child. */
    static AuditTrail.Scope scope(ConsultationView c) {
        return new AuditTrail.Scope(c.laCode(), c.providerId(), false);
    }
}
