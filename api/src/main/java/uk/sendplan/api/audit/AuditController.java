package uk.sendplan.api.audit;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.audit.AuditTrail.Event;
import uk.sendplan.api.system.Cursors;
import uk.sendplan.api.system.Page;

import java.util.List;

@Controller
class AuditController {

    record AuditEventEdge(String cursor, Event node) {
    }

    record AuditEventConnection(List<AuditEventEdge> edges, Page.Info pageInfo) {
    }

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @QueryMapping
    AuditEventConnection auditTrail(@Argument String entityType, @Argument String entityId, @Argument int first, @Argument String after) {
        int limit = Page.checkFirst("first", first);
        Long beforeId = after == null ? null : Cursors.decodeLong("after", after, "audit");
        List<Event> events = trail.events(entityType, entityId, beforeId, limit + 1);
        Page.Slice<AuditEventEdge> page = Page.slice(events, limit, e -> new AuditEventEdge(Cursors.encode("audit", e.id()), e),
                AuditEventEdge::cursor);
        return new AuditEventConnection(page.edges(), page.info());
    }
}
