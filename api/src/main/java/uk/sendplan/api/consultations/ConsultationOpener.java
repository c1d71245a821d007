package uk.sendplan.api.consultations;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.settings.NewProvision;
import uk.sendplan.db.types.ConsultationChange;
import uk.sendplan.db.types.ConsultationStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asks the host LA about new independent provision, in the transaction that registered it: one open consultation
 * per setting registered or grown, audited as opened.
 */
@Component
class ConsultationOpener {

    private final ConsultationRepository consultations;
    private final AuditTrail audit;

    ConsultationOpener(ConsultationRepository consultations, AuditTrail audit) {
        this.consultations = consultations;
        this.audit = audit;
    }

    @EventListener
    void open(NewProvision provision) {
        Map<Integer, Long> ids = consultations.open(provision.openings());
        List<AuditTrail.Change> changes = new ArrayList<>();
        for (NewProvision.Opening o : provision.openings()) {
            ConsultationView opened = new ConsultationView(ids.get(o.urn()), o.urn(), o.laCode(), o.providerId(),
                    o.registered() ? ConsultationChange.NEW_REGISTRATION : ConsultationChange.MORE_PLACES,
                    o.cells().stream().map(c -> new ConsultationView.Cell(c.need(), c.phase(), c.before(), c.after())).toList(), null,
                    ConsultationStatus.OPEN, null, null, null, null);
            changes.add(new AuditTrail.Change("CONSULTATION_OPENED", "host_consultation", String.valueOf(opened.id()), null,
                    ConsultationSnapshot.of(opened), "new independent provision: the host LA is asked", ConsultationSnapshot.scope(opened)));
        }
        audit.recordAll(changes);
    }
}
