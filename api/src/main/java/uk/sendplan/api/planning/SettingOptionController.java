package uk.sendplan.api.planning;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Batches;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static uk.sendplan.api.planning.PlanController.money;

/** The fields of a tailored list's options: the setting, its money, journey and penalties. */
@Controller
class SettingOptionController {

    private final SettingService settings;

    SettingOptionController(SettingService settings) {
        this.settings = settings;
    }

    @SchemaMapping(typeName = "SettingOption")
    double distanceKm(SuitableSettings.Option o) {
        return RuleTexts.roundKm(o.distanceKm());
    }

    @SchemaMapping(typeName = "SettingOption")
    double travelMinutes(SuitableSettings.Option o) {
        return RuleTexts.roundMinutes(o.travelMinutes());
    }

    @SchemaMapping(typeName = "SettingOption")
    List<PlanController.Penalty> penalties(SuitableSettings.Option o) {
        return PlanController.penalties(o.penalties());
    }

    @BatchMapping(typeName = "SettingOption", field = "setting")
    Map<SuitableSettings.Option, SettingView> optionSetting(List<SuitableSettings.Option> options) {
        Map<Integer, SettingView> byUrn = settings.findAll(options.stream().map(SuitableSettings.Option::urn).collect(Collectors.toSet()));
        return Batches.byKey(options, o -> o.urn(), byUrn);
    }

    @SchemaMapping(typeName = "SettingOption")
    BigDecimal fee(SuitableSettings.Option o) {
        return money(o.feePence());
    }

    @SchemaMapping(typeName = "SettingOption")
    BigDecimal transportCost(SuitableSettings.Option o) {
        return money(o.transportPence());
    }

    @SchemaMapping(typeName = "SettingOption")
    BigDecimal annualCost(SuitableSettings.Option o) {
        return money(o.annualCostPence());
    }
}
