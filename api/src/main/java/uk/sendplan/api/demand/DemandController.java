package uk.sendplan.api.demand;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.demand.DemandSummaries.DemandCount;
import uk.sendplan.api.demand.DemandService.PlacementRequestFilter;
import uk.sendplan.api.demand.DemandService.PlacementRequestInput;
import uk.sendplan.api.demand.DemandService.UpdatePlacementRequestInput;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Batches;
import uk.sendplan.api.system.Cursors;
import uk.sendplan.api.system.Page;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@Controller
class DemandController {

    record PlacementRequestEdge(String cursor, PlacementRequestView node) {
    }

    record PlacementRequestConnection(List<PlacementRequestEdge> edges, Page.Info pageInfo, int totalCount) {
    }

    record PlacementRequestPayload(PlacementRequestView request) {
    }

    private final DemandService demand;
    private final DemandSummaries summaries;
    private final DemandImport demandImport;
    private final DemoDemand demoDemand;
    private final SettingService settings;
    private final ReferenceData reference;

    DemandController(DemandService demand, DemandSummaries summaries, DemandImport demandImport, DemoDemand demoDemand,
                     SettingService settings, ReferenceData reference) {
        this.summaries = summaries;
        this.demand = demand;
        this.demandImport = demandImport;
        this.demoDemand = demoDemand;
        this.settings = settings;
        this.reference = reference;
    }

    @QueryMapping
    PlacementRequestView placementRequest(@Argument String id) {
        return demand.get("placementRequest", id);
    }

    @QueryMapping
    PlacementRequestConnection placementRequests(@Argument PlacementRequestFilter filter, @Argument int first, @Argument String after) {
        int limit = Page.checkFirst("first", first);
        Long afterId = after == null ? null : Cursors.decodeLong("after", after, "request");
        List<PlacementRequestView> rows = demand.search(filter, afterId, limit + 1);
        Page.Slice<PlacementRequestEdge> page = Page.slice(rows, limit, r -> new PlacementRequestEdge(Cursors.encode("request", r.id()), r), PlacementRequestEdge::cursor);
        return new PlacementRequestConnection(page.edges(), page.info(), demand.count(filter));
    }

    @QueryMapping
    List<DemandCount> demandSummary(@Argument String laCode, @Argument String regionCode) {
        return summaries.summaryFor(laCode, regionCode);
    }

    @MutationMapping
    PlacementRequestPayload createPlacementRequest(@Argument PlacementRequestInput input) {
        return new PlacementRequestPayload(demand.create(input));
    }

    @MutationMapping
    PlacementRequestPayload updatePlacementRequest(@Argument UpdatePlacementRequestInput input) {
        return new PlacementRequestPayload(demand.update(input));
    }

    @MutationMapping
    PlacementRequestPayload withdrawPlacementRequest(@Argument String id, @Argument String reason) {
        return new PlacementRequestPayload(demand.withdraw(id, reason));
    }

    @MutationMapping
    DemandImport.ImportPlacementRequestsPayload importPlacementRequests(@Argument String laCode, @Argument String csv, @Argument boolean dryRun) {
        return demandImport.importFile(laCode, csv, dryRun);
    }

    @MutationMapping
    DemoDemand.GenerateDemoDemandPayload generateDemoDemand(@Argument String laCode, @Argument int count, @Argument String startTerm, @Argument int seed) {
        return demoDemand.generate(laCode, count, startTerm, seed);
    }

    @SchemaMapping(typeName = "PlacementRequest")
    LocalAuthority localAuthority(PlacementRequestView request) {
        return reference.localAuthority(request.laCode()).orElseThrow();
    }

    @BatchMapping(typeName = "PlacementRequest")
    Map<PlacementRequestView, SettingView> currentSetting(List<PlacementRequestView> requests) {
        Set<Integer> urns = requests.stream().map(PlacementRequestView::currentSettingUrn).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        Map<Integer, SettingView> byUrn = urns.isEmpty() ? Map.of() : settings.findAll(urns);
        return requests.stream().distinct().filter(r -> r.currentSettingUrn() != null)
                .collect(Collectors.toMap(r -> r, r -> byUrn.get(r.currentSettingUrn())));
    }

    @BatchMapping(typeName = "PlacementRequest")
    Map<PlacementRequestView, List<SettingView>> preferences(List<PlacementRequestView> requests) {
        Set<Integer> urns = new HashSet<>();
        requests.forEach(r -> urns.addAll(r.preferences()));
        Map<Integer, SettingView> byUrn = urns.isEmpty() ? Map.of() : settings.findAll(urns);
        return Batches.each(requests, r -> r.preferences().stream().map(byUrn::get).toList());
    }
}
