package uk.sendplan.api.fees;

import org.springframework.stereotype.Component;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Role;

/**
 * Who may see and change fees. Fees and their verdicts are open to commissioners, planners, regulators and admins;
 * a provider sees and states only its own settings' fees, and a fee's cost breakdown is the provider's and the
 * regulator's alone. Audits and decisions on findings are the regulator's; a provider answers its own findings.
 */
@Component
class FeeAccess {

    private final Access access;
    private final SettingService settings;

    FeeAccess(Access access, SettingService settings) {
        this.access = access;
        this.settings = settings;
    }

    /** Reading a setting's fees: any role, a provider only its own settings'. */
    Actor readFees(String operation, int urn) {
        Actor actor = access.require(operation, Role.values());
        if (actor.is(Role.PROVIDER) && !ownedBy(urn, actor)) {
            throw access.outOfScope(operation);
        }
        return actor;
    }

    /** Stating or revising a setting's fees: its own provider, or an admin. */
    Actor writeFees(String operation, int urn) {
        Actor actor = access.require(operation, Role.PROVIDER, Role.ADMIN);
        if (actor.is(Role.PROVIDER) && !ownedBy(urn, actor)) {
            throw access.outOfScope(operation);
        }
        return actor;
    }

    /** A fee's cost breakdown: its own provider, regulators and admins. */
    void readBreakdown(int urn) {
        Actor actor = access.require("Fee.breakdown", Role.PROVIDER, Role.REGULATOR, Role.ADMIN);
        if (actor.is(Role.PROVIDER) && !ownedBy(urn, actor)) {
            throw access.outOfScope("Fee.breakdown");
        }
    }

    /**
     * A check's figures from a cost breakdown (its surplus, the parts' total, and what follows from them), as
     * {@link #readBreakdown}: the fee's provider, regulators and admins.
     */
    void readBreakdownFigures(String operation, long providerId) {
        Actor actor = access.require(operation, Role.PROVIDER, Role.REGULATOR, Role.ADMIN);
        if (actor.is(Role.PROVIDER) && actor.providerId() != providerId) {
            throw access.outOfScope(operation);
        }
    }

    Actor readFrameworks(String operation) {
        return access.require(operation, Role.values());
    }

    Actor changeFrameworks(String operation) {
        return access.require(operation, Role.REGULATOR, Role.ADMIN);
    }

    Actor regulator(String operation) {
        return access.require(operation, Role.REGULATOR);
    }

    /** Reading findings: regulators all, a provider only its own (the provider id to restrict to, else null). */
    Long findingScope(String operation) {
        Actor actor = access.require(operation, Role.REGULATOR, Role.PROVIDER);
        return actor.is(Role.PROVIDER) ? actor.providerId() : null;
    }

    /** A finding the actor may see; anything else is out of scope, whether or not it exists. */
    void requireFinding(String operation, FeeFindingView finding) {
        Long provider = findingScope(operation);
        if (finding == null || (provider != null && finding.providerId() != provider)) {
            throw access.outOfScope(operation);
        }
    }

    Access access() {
        return access;
    }

    private boolean ownedBy(int urn, Actor actor) {
        return settings.find(urn).map(s -> s.providerId() == actor.providerId()).orElse(false);
    }
}
