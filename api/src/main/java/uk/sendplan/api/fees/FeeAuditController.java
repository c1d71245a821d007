package uk.sendplan.api.fees;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.fees.FeeAuditView.ProviderFindingCount;
import uk.sendplan.api.fees.FeeAuditView.Scope;
import uk.sendplan.api.fees.FeeAuditView.Statistic;
import uk.sendplan.api.fees.FeeFindingView.Event;
import uk.sendplan.api.fees.FeeInputs.FeeAuditPayload;
import uk.sendplan.api.fees.FeeInputs.FeeFindingFilter;
import uk.sendplan.api.fees.FeeInputs.FeeFindingPayload;
import uk.sendplan.api.fees.FeeInputs.FeeScopeInput;
import uk.sendplan.api.fees.FeeInputs.SetFeeFindingStatusInput;
import uk.sendplan.api.fees.FeeInputs.VerdictCount;
import uk.sendplan.api.kernel.Ids;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.reference.ReferenceData.Region;
import uk.sendplan.api.settings.ProviderView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Batches;
import uk.sendplan.api.system.Cursors;
import uk.sendplan.api.system.Page;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@Controller
class FeeAuditController {

    record FeeAuditEdge(String cursor, FeeAuditView node) {
    }

    record FeeAuditConnection(List<FeeAuditEdge> edges, Page.Info pageInfo) {
    }

    record FeeFindingEdge(String cursor, FeeFindingView node) {
    }

    record FeeFindingConnection(List<FeeFindingEdge> edges, Page.Info pageInfo, int totalCount) {
    }

    private final FeeAudits audits;
    private final FeeSchedules schedules;
    private final RateFrameworks frameworks;
    private final SettingService settings;
    private final ReferenceData reference;

    FeeAuditController(FeeAudits audits, FeeSchedules schedules, RateFrameworks frameworks,
                       SettingService settings, ReferenceData reference) {
        this.audits = audits;
        this.schedules = schedules;
        this.frameworks = frameworks;
        this.settings = settings;
        this.reference = reference;
    }

    @QueryMapping
    FeeAuditConnection feeAudits(@Argument String financialYear, @Argument int first, @Argument String after) {
        int limit = Page.checkFirst("first", first);
        Long beforeId = after == null ? null : Cursors.decodeLong("after", after, "fee-audit");
        List<FeeAuditView> rows = audits.list(financialYear, beforeId, limit + 1);
        Page.Slice<FeeAuditEdge> page = Page.slice(rows, limit, a -> new FeeAuditEdge(Cursors.encode("fee-audit", a.id()), a), FeeAuditEdge::cursor);
        return new FeeAuditConnection(page.edges(), page.info());
    }

    @QueryMapping
    FeeAuditView feeAudit(@Argument String id) {
        return audits.find(Ids.parse("id", id)).orElse(null);
    }

    @QueryMapping
    FeeFindingConnection feeFindings(@Argument FeeFindingFilter filter, @Argument int first, @Argument String after) {
        int limit = Page.checkFirst("first", first);
        Long beforeId = after == null ? null : Cursors.decodeLong("after", after, "fee-finding");
        List<FeeFindingView> rows = audits.findings(filter, beforeId, limit + 1);
        Page.Slice<FeeFindingEdge> page = Page.slice(rows, limit, f -> new FeeFindingEdge(Cursors.encode("fee-finding", f.id()), f), FeeFindingEdge::cursor);
        return new FeeFindingConnection(page.edges(), page.info(), audits.countFindings(filter));
    }

    @QueryMapping
    FeeFindingView feeFinding(@Argument String id) {
        return audits.finding("feeFinding", id);
    }

    @QueryMapping
    String feeFindingsCsv(@Argument FeeFindingFilter filter) {
        return audits.csv(filter);
    }

    @MutationMapping
    FeeAuditPayload runFeeAudit(@Argument String financialYear, @Argument FeeScopeInput scope) {
        return new FeeAuditPayload(audits.run(financialYear, scope));
    }

    @MutationMapping
    FeeFindingPayload setFeeFindingStatus(@Argument SetFeeFindingStatusInput input) {
        return new FeeFindingPayload(audits.setStatus(input));
    }

    // ------------------------------------------------------------------ FeeAudit

    @SchemaMapping(typeName = "FeeAudit")
    RateFrameworkView framework(FeeAuditView audit) {
        return frameworks.find(audit.frameworkId()).orElseThrow();
    }

    @SchemaMapping(typeName = "FeeAudit")
    List<VerdictCount> verdicts(FeeAuditView audit) {
        return audits.verdicts(audit.id());
    }

    @SchemaMapping(typeName = "FeeAudit")
    List<Statistic> statistics(FeeAuditView audit) {
        return audits.statistics(audit.id());
    }

    @SchemaMapping(typeName = "FeeAudit")
    List<ProviderFindingCount> providersWithMostFindings(FeeAuditView audit, @Argument int first) {
        return audits.providersWithMostFindings(audit.id(), first);
    }

    @SchemaMapping(typeName = "FeeScope")
    Region region(Scope scope) {
        return scope.regionCode() == null ? null : reference.region(scope.regionCode()).orElseThrow();
    }

    @SchemaMapping(typeName = "FeeScope")
    LocalAuthority localAuthority(Scope scope) {
        return scope.laCode() == null ? null : reference.localAuthority(scope.laCode()).orElseThrow();
    }

    @SchemaMapping(typeName = "FeeScope")
    ProviderView provider(Scope scope) {
        return scope.providerId() == null ? null : settings.provider(scope.providerId()).orElseThrow();
    }

    @SchemaMapping(typeName = "FeeStatistic")
    Region region(Statistic statistic) {
        return statistic.regionCode() == null ? null : reference.region(statistic.regionCode()).orElseThrow();
    }

    @BatchMapping(typeName = "ProviderFindingCount", field = "provider")
    Map<ProviderFindingCount, ProviderView> providerOfCount(List<ProviderFindingCount> counts) {
        Map<Long, ProviderView> byId = settings.providers(counts.stream().map(ProviderFindingCount::providerId).collect(Collectors.toSet()));
        return Batches.byKey(counts, c -> c.providerId(), byId);
    }

    // ------------------------------------------------------------------ FeeFinding

    @BatchMapping(typeName = "FeeFinding")
    Map<FeeFindingView, FeeView> fee(List<FeeFindingView> findings) {
        Map<Long, FeeView> byId = schedules.fees(findings.stream().map(FeeFindingView::feeId).collect(Collectors.toSet()));
        return Batches.byKey(findings, f -> f.feeId(), byId);
    }

    @BatchMapping(typeName = "FeeFinding")
    Map<FeeFindingView, SettingView> setting(List<FeeFindingView> findings) {
        Map<Integer, SettingView> byUrn = settings.findAll(findings.stream().map(FeeFindingView::urn).collect(Collectors.toSet()));
        return Batches.byKey(findings, f -> f.urn(), byUrn);
    }

    @BatchMapping(typeName = "FeeFinding", field = "provider")
    Map<FeeFindingView, ProviderView> providerOfFinding(List<FeeFindingView> findings) {
        Map<Long, ProviderView> byId = settings.providers(findings.stream().map(FeeFindingView::providerId).collect(Collectors.toSet()));
        return Batches.byKey(findings, f -> f.providerId(), byId);
    }

    @BatchMapping(typeName = "FeeFinding")
    Map<FeeFindingView, FeeCheckView> check(List<FeeFindingView> findings) {
        Map<Long, FeeCheckView> byId = schedules.checksById(findings.stream().map(FeeFindingView::checkId).collect(Collectors.toSet()));
        return Batches.byKey(findings, f -> f.checkId(), byId);
    }

    /** An audit is the regulator's, as feeAudit is, wherever a client reaches it: a provider sees its finding, not the audit's figures. */
    @BatchMapping(typeName = "FeeFinding")
    Map<FeeFindingView, FeeAuditView> audit(List<FeeFindingView> findings) {
        Map<Long, FeeAuditView> byId = audits.findAllFor("FeeFinding.audit", findings.stream().map(FeeFindingView::auditId).collect(Collectors.toSet()));
        return Batches.byKey(findings, f -> f.auditId(), byId);
    }

    @BatchMapping(typeName = "FeeFinding")
    Map<FeeFindingView, List<Event>> events(List<FeeFindingView> findings) {
        Map<Long, List<Event>> byId = audits.events(findings.stream().map(FeeFindingView::id).collect(Collectors.toSet()));
        return Batches.byKey(findings, f -> f.id(), byId);
    }
}
