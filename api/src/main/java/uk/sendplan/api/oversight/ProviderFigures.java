package uk.sendplan.api.oversight;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.oversight.FiguresInputs.StateProviderFiguresInput;
import uk.sendplan.api.settings.ProviderView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.jooq.tables.records.ProviderFiguresRecord;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Providers' yearly group figures: a provider states (and restates) its own, an admin any provider's; a provider
 * reads only its own, regulators and admins any. A restatement replaces the year's figures and the audit trail keeps
 * both. Another provider's figures are refused with the same words whether or not it exists.
 */
@Service
class ProviderFigures {

    private final FiguresRepository figures;
    private final SettingService settings;
    private final Access access;
    private final AuditTrail audit;

    ProviderFigures(FiguresRepository figures, SettingService settings, Access access, AuditTrail audit) {
        this.figures = figures;
        this.settings = settings;
        this.access = access;
        this.audit = audit;
    }

    @Transactional
    FiguresView state(StateProviderFiguresInput input) {
        long providerId = access.idInScope("stateProviderFigures", input.providerId());
        Actor actor = access.requireProviderOrAdmin("stateProviderFigures", providerId);
        ProviderView provider = settings.provider(providerId).orElseThrow(() -> access.outOfScope("stateProviderFigures"));
        String year = FiguresRules.financialYear("input.financialYear", input.financialYear());
        long turnover = FiguresRules.turnover("input.turnover", input.turnover());
        long surplus = FiguresRules.signedAmount("input.operatingSurplus", input.operatingSurplus());
        long netDebt = FiguresRules.signedAmount("input.netDebt", input.netDebt());
        if (input.ownerKind() == null) {
            throw ApiException.badRequest("input.ownerKind", "say who ultimately owns the group");
        }
        boolean forProfit = FiguresRules.forProfit("input.forProfit", input.ownerKind(), input.forProfit());
        Map<Long, String> names = Map.of(providerId, provider.name());
        FiguresView before = figures.lock(providerId, year).map(r -> FiguresRepository.view(r, names)).orElse(null);
        FiguresView after = FiguresRepository.view(figures.upsert(new FiguresRepository.NewFigures(providerId, year, turnover, surplus, netDebt,
                input.ownerKind(), forProfit, actor.subject())), names);
        audit.record(new AuditTrail.Scope(null, providerId, false), before == null ? "PROVIDER_FIGURES_STATED" : "PROVIDER_FIGURES_RESTATED",
                "provider_figures", after.id(), FiguresSnapshot.of(before), FiguresSnapshot.of(after), null);
        return after;
    }

    /** A provider's figures, newest year first: the provider's own, or any for a regulator or admin. */
    @Transactional(readOnly = true)
    List<FiguresView> ofProvider(String operation, String id) {
        long providerId = access.idInScope(operation, id);
        Actor actor = access.require(operation, Role.PROVIDER, Role.REGULATOR, Role.ADMIN);
        if (actor.is(Role.PROVIDER) && actor.providerId() != providerId) {
            throw access.outOfScope(operation);
        }
        ProviderView provider = settings.provider(providerId).orElseThrow(() -> access.outOfScope(operation));
        Map<Long, String> names = Map.of(providerId, provider.name());
        return figures.ofProvider(providerId).stream().map(r -> FiguresRepository.view(r, names)).toList();
    }

    /** Every provider's figures for a year, for the oversight (the caller has checked the role). */
    List<FiguresView> ofYear(String financialYear) {
        List<ProviderFiguresRecord> rows = figures.ofYear(financialYear);
        Map<Long, String> names = names(rows.stream().map(ProviderFiguresRecord::getProviderId).collect(Collectors.toSet()));
        return rows.stream().map(r -> FiguresRepository.view(r, names)).toList();
    }

    Map<Long, String> names(Collection<Long> providerIds) {
        Map<Long, String> names = new HashMap<>();
        settings.providers(providerIds).forEach((id, p) -> names.put(id, p.name()));
        return names;
    }
}
