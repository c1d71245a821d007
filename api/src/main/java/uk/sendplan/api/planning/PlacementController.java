package uk.sendplan.api.planning;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.planning.PlanApproval.PlacementView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Batches;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static uk.sendplan.api.planning.PlanController.money;

/** The fields of approved placements: a setting's placements and each placement's child, setting and money. */
@Controller
class PlacementController {

    private final PlanApproval approval;
    private final DemandService demand;
    private final SettingService settings;

    PlacementController(PlanApproval approval, DemandService demand, SettingService settings) {
        this.approval = approval;
        this.demand = demand;
        this.settings = settings;
    }

    @SchemaMapping(typeName = "Setting")
    List<PlacementView> placements(SettingView setting) {
        return approval.placementsIn(setting.urn());
    }

    @BatchMapping(typeName = "Placement", field = "request")
    Map<PlacementView, PlacementRequestView> placementRequest(List<PlacementView> placements) {
        Map<Long, PlacementRequestView> byId = demand.findAll(placements.stream().map(PlacementView::requestId).collect(Collectors.toSet()));
        return Batches.byKey(placements, p -> p.requestId(), byId);
    }

    @BatchMapping(typeName = "Placement", field = "setting")
    Map<PlacementView, SettingView> placementSetting(List<PlacementView> placements) {
        Map<Integer, SettingView> byUrn = settings.findAll(placements.stream().map(PlacementView::urn).collect(Collectors.toSet()));
        return Batches.byKey(placements, p -> p.urn(), byUrn);
    }

    @SchemaMapping(typeName = "Placement")
    BigDecimal annualFee(PlacementView p) {
        return money(p.annualFeePence());
    }

    @SchemaMapping(typeName = "Placement")
    BigDecimal annualCost(PlacementView p) {
        return money(p.annualCostPence());
    }
}
