package uk.sendplan.api.settings;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.kernel.Ids;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.settings.PlaceView.CommissionView;
import uk.sendplan.api.settings.SettingInputs.ProviderPayload;
import uk.sendplan.api.settings.SettingInputs.RegisterProviderInput;
import uk.sendplan.api.settings.SettingInputs.RegisterSettingInput;
import uk.sendplan.api.settings.SettingInputs.SetPlacesInput;
import uk.sendplan.api.settings.SettingInputs.SetRegistrationStatusInput;
import uk.sendplan.api.settings.SettingInputs.SettingPayload;
import uk.sendplan.api.settings.SettingInputs.SettingsStatusInput;
import uk.sendplan.api.settings.SettingInputs.SettingsStatusPayload;
import uk.sendplan.api.settings.SettingInputs.UpdateSettingInput;
import uk.sendplan.api.settings.SettingSearch.SettingHit;
import uk.sendplan.api.settings.SettingSearch.SettingPage;
import uk.sendplan.api.system.Batches;
import uk.sendplan.api.system.Cursors;
import uk.sendplan.api.system.Page;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@Controller
class SettingController {

    record SettingEdge(String cursor, SettingView node, Double distanceKm) {
    }

    record SettingConnection(List<SettingEdge> edges, Page.Info pageInfo, int totalCount) {
    }

    record ProviderEdge(String cursor, ProviderView node) {
    }

    record ProviderConnection(List<ProviderEdge> edges, Page.Info pageInfo, int totalCount) {
    }

    private final SettingService settings;
    private final SettingSearch search;
    private final SettingRegistration registration;
    private final Suspensions suspensions;
    private final Vacancies vacancies;
    private final GiasImport giasImport;
    private final ReferenceData reference;

    SettingController(SettingService settings, SettingSearch search, SettingRegistration registration, Suspensions suspensions,
                      Vacancies vacancies, GiasImport giasImport, ReferenceData reference) {
        this.settings = settings;
        this.search = search;
        this.registration = registration;
        this.suspensions = suspensions;
        this.vacancies = vacancies;
        this.giasImport = giasImport;
        this.reference = reference;
    }

    @QueryMapping
    Vacancies.VacancySummary vacancies(@Argument String laCode, @Argument String regionCode, @Argument String need, @Argument String phase) {
        return vacancies.summarise(laCode, regionCode, need, phase);
    }

    @QueryMapping
    SettingView setting(@Argument int urn) {
        return settings.find(urn).orElse(null);
    }

    @QueryMapping
    SettingConnection settings(@Argument SettingFilter filter, @Argument int first, @Argument String after) {
        SettingPage page = search.search(filter, Page.checkFirst("first", first), after);
        List<SettingEdge> edges = page.hits().stream().map((SettingHit h) -> new SettingEdge(h.cursor(), h.setting(), h.distanceKm())).toList();
        return new SettingConnection(edges, Page.info(edges, SettingEdge::cursor, page.hasNext()), page.totalCount());
    }

    @QueryMapping
    ProviderView provider(@Argument String id) {
        return settings.provider(Ids.parse("id", id)).orElse(null);
    }

    @QueryMapping
    ProviderConnection providers(@Argument String nameContains, @Argument int first, @Argument String after) {
        int limit = Page.checkFirst("first", first);
        Long afterId = after == null ? null : Cursors.decodeLong("after", after, "provider");
        List<ProviderView> rows = search.providers(nameContains, afterId, limit + 1);
        Page.Slice<ProviderEdge> page = Page.slice(rows, limit, p -> new ProviderEdge(Cursors.encode("provider", p.id()), p), ProviderEdge::cursor);
        return new ProviderConnection(page.edges(), page.info(), search.countProviders(nameContains));
    }

    @MutationMapping
    SettingPayload registerSetting(@Argument RegisterSettingInput input) {
        return new SettingPayload(registration.register(input));
    }

    @MutationMapping
    SettingPayload updateSetting(@Argument UpdateSettingInput input) {
        return new SettingPayload(registration.update(input));
    }

    @MutationMapping
    SettingPayload setPlaces(@Argument SetPlacesInput input) {
        return new SettingPayload(registration.setPlaces(input));
    }

    @MutationMapping
    SettingPayload setRegistrationStatus(@Argument SetRegistrationStatusInput input) {
        return new SettingPayload(registration.setRegistrationStatus(input));
    }

    @MutationMapping
    GiasImport.ImportSettingsPayload importSettings(@Argument String csv, @Argument String csvBase64, @Argument boolean dryRun) {
        return giasImport.importFile(GiasImport.fileText(csv, csvBase64), dryRun);
    }

    @MutationMapping
    SettingsStatusPayload suspendSettings(@Argument SettingsStatusInput input) {
        return new SettingsStatusPayload(suspensions.suspend(input));
    }

    @MutationMapping
    SettingsStatusPayload reinstateSettings(@Argument SettingsStatusInput input) {
        return new SettingsStatusPayload(suspensions.reinstate(input));
    }

    @MutationMapping
    ProviderPayload registerProvider(@Argument RegisterProviderInput input) {
        return new ProviderPayload(registration.registerProvider(input));
    }

    @BatchMapping(typeName = "Setting")
    Map<SettingView, List<PlaceView>> places(List<SettingView> parents) {
        Map<Integer, List<PlaceView>> byUrn = settings.places(parents.stream().map(SettingView::urn).collect(Collectors.toSet()));
        return Batches.each(parents, s -> byUrn.getOrDefault(s.urn(), List.of()));
    }

    @BatchMapping(typeName = "Setting")
    Map<SettingView, ProviderView> provider(List<SettingView> parents) {
        Set<Long> ids = parents.stream().map(SettingView::providerId).collect(Collectors.toSet());
        Map<Long, ProviderView> byId = settings.providers(ids);
        return Batches.byKey(parents, s -> s.providerId(), byId);
    }

    @SchemaMapping(typeName = "Setting")
    LocalAuthority localAuthority(SettingView setting) {
        return reference.localAuthority(setting.laCode()).orElseThrow();
    }

    @SchemaMapping(typeName = "Provider")
    List<SettingView> settings(ProviderView provider) {
        return settings.firstSettingsOf(provider.id());
    }

    @SchemaMapping(typeName = "Provider")
    LocalAuthority localAuthority(ProviderView provider) {
        return provider.laCode() == null ? null : reference.localAuthority(provider.laCode()).orElseThrow();
    }

    @SchemaMapping(typeName = "PlaceCommission")
    LocalAuthority localAuthority(CommissionView commission) {
        return reference.localAuthority(commission.laCode()).orElseThrow();
    }

    @SchemaMapping(typeName = "PlaceCommission")
    Long blockContractId(CommissionView commission) {
        return commission.contractId();
    }
}
