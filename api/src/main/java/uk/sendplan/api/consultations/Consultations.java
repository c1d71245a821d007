package uk.sendplan.api.consultations;

import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.types.ConsultationAnswer;
import uk.sendplan.db.types.ConsultationStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The host LA's say on new independent provision: reading consultations within one's scope (a commissioner their LA's,
 * a provider its own settings', the regulator and admins all; regional planners none, as an LA's view of a provider is
 * between them and the regulator), and the host LA's commissioner's answer. An answer may be changed; each answer is
 * audited with the one before it.
 */
@Service
class Consultations {

    /** Most consultations a list gives (newest first). */
    static final int MAX_LIST = 200;
    /** The longest reason, as for every free-text reason in the service. */
    static final int MAX_REASON = 2000;

    record AnswerInput(String id, ConsultationAnswer answer, String reason) {
    }

    private final ConsultationRepository consultations;
    private final AuditTrail audit;
    private final Access access;

    Consultations(ConsultationRepository consultations, AuditTrail audit, Access access) {
        this.consultations = consultations;
        this.audit = audit;
        this.access = access;
    }

    /** The consultations you may see, newest first, optionally of one status, at most {@code first} (1-200). */
    @Transactional(readOnly = true)
    List<ConsultationView> list(String operation, ConsultationStatus status, int first) {
        Actor actor = access.require(operation, Role.COMMISSIONER, Role.PROVIDER, Role.REGULATOR, Role.ADMIN);
        if (first < 1 || first > MAX_LIST) {
            throw ApiException.badRequest("first", "must be 1 to " + MAX_LIST + ", got " + first);
        }
        return consultations.search(scope(actor).and(ConsultationRepository.withStatus(status)), first);
    }

    /**
     * A page of the consultations you may see, newest first, optionally of one status: {@code limit} after skipping
     * {@code offset} (the pages' tables, whose CSV asks for all of them from 0).
     */
    @Transactional(readOnly = true)
    List<ConsultationView> page(String operation, ConsultationStatus status, int offset, int limit) {
        Actor actor = access.require(operation, Role.COMMISSIONER, Role.PROVIDER, Role.REGULATOR, Role.ADMIN);
        return consultations.search(scope(actor).and(ConsultationRepository.withStatus(status)), offset, limit);
    }

    /** How many consultations of the status you may see there are (all of them, not only the first page). */
    @Transactional(readOnly = true)
    int count(String operation, ConsultationStatus status) {
        Actor actor = access.require(operation, Role.COMMISSIONER, Role.PROVIDER, Role.REGULATOR, Role.ADMIN);
        return consultations.count(scope(actor).and(ConsultationRepository.withStatus(status)));
    }

    @Transactional(readOnly = true)
    ConsultationView get(String operation, String id) {
        Actor actor = access.require(operation, Role.COMMISSIONER, Role.PROVIDER, Role.REGULATOR, Role.ADMIN);
        return consultations.search(scope(actor).and(ConsultationRepository.withId(access.idInScope(operation, id))), 1).stream().findFirst()
                .orElseThrow(() -> access.outOfScope(operation));
    }

    /** The settings' consultations you may see, newest first: the rest of them are filtered out. */
    @Transactional(readOnly = true)
    List<ConsultationView> ofSettings(String operation, Collection<Integer> urns) {
        Actor actor = access.require(operation, Role.COMMISSIONER, Role.PROVIDER, Role.REGULATOR, Role.ADMIN);
        return consultations.search(scope(actor).and(ConsultationRepository.ofSettings(urns)), Integer.MAX_VALUE);
    }

    private static Condition scope(Actor actor) {
        if (actor.is(Role.COMMISSIONER)) {
            return ConsultationRepository.ofLa(actor.laCode());
        }
        return actor.is(Role.PROVIDER) ? ConsultationRepository.ofProvider(actor.providerId()) : DSL.trueCondition();
    }

    /**
     * The host LA's commissioner answers: SUPPORTS or NO_VIEW with a reason if they wish, OBJECTS with one. A second
     * answer replaces the first (the trail keeps both); the same answer again changes nothing and is refused.
     */
    @Transactional
    ConsultationView answer(AnswerInput input) {
        String operation = "answerHostConsultation";
        Actor actor = access.require(operation, Role.COMMISSIONER);
        long id = access.idInScope(operation, input.id());
        ConsultationView before = consultations.lock(id).filter(c -> c.laCode().equals(actor.laCode()))
                .orElseThrow(() -> access.outOfScope(operation));
        if (input.answer() == null) {
            throw ApiException.badRequest("input.answer", "required: SUPPORTS, NO_VIEW or OBJECTS");
        }
        String reason = input.reason() == null || input.reason().isBlank() ? null : input.reason().strip();
        if (input.answer() == ConsultationAnswer.OBJECTS && reason == null) {
            throw ApiException.badRequest("input.reason", "required when the LA objects: say why (for example the places it already has "
                    + "for these needs, or concerns about the provider)");
        }
        if (reason != null && reason.length() > MAX_REASON) {
            throw ApiException.badRequest("input.reason", "must be at most " + MAX_REASON + " characters, got " + reason.length());
        }
        if (before.status() == ConsultationStatus.ANSWERED && before.answer() == input.answer() && Objects.equals(before.reason(), reason)) {
            throw ApiException.badRequest("input.answer", "the LA has already answered " + input.answer() + " with this reason; nothing changed");
        }
        consultations.answer(id, input.answer(), reason, actor.subject(), Instant.now());
        ConsultationView after = consultations.search(ConsultationRepository.withId(id), 1).getFirst();
        audit.record(ConsultationSnapshot.scope(after), before.status() == ConsultationStatus.OPEN ? "CONSULTATION_ANSWERED" : "CONSULTATION_ANSWER_CHANGED",
                "host_consultation", id, ConsultationSnapshot.of(before), ConsultationSnapshot.of(after), reason);
        return after;
    }
}
