package uk.sendplan.api.planning;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.planning.PlaceValueRepository.CellValue;
import uk.sendplan.api.planning.PlaceValueRepository.LocalAuthorityValue;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Batches;
import uk.sendplan.api.system.Page;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a new place saves most: a plan's place values, best first, by cell and summed by LA, need and phase. They are
 * aggregates about settings, read by whoever may read the plan (the plan query checks that), as its summary is.
 */
@Controller
class PlaceValueController {

    private final PlaceValueRepository values;
    private final SettingService settings;
    private final ReferenceData reference;
    private final PlaceValueTexts texts;

    PlaceValueController(PlaceValueRepository values, SettingService settings, ReferenceData reference, PlaceValueTexts texts) {
        this.values = values;
        this.settings = settings;
        this.reference = reference;
        this.texts = texts;
    }

    /** Null when the plan has no values (not the exact optimum of a flow, or made before they existed). */
    @SchemaMapping(typeName = "Plan")
    List<CellValue> placeValues(PlanView plan, @Argument int first) {
        int limit = Page.checkFirst("first", first);
        if (!values.known(plan.id())) {
            return null;
        }
        List<CellValue> cells = values.best(plan.id(), limit);
        Map<Integer, SettingView> byUrn = settings.findAll(cells.stream().map(CellValue::urn).collect(Collectors.toSet()));
        return cells.stream().map(c -> c.named(byUrn.get(c.urn()).name())).toList();
    }

    @SchemaMapping(typeName = "Plan")
    List<LocalAuthorityValue> placeValuesByLocalAuthority(PlanView plan, @Argument int first) {
        int limit = Page.checkFirst("first", first);
        return values.known(plan.id()) ? values.byLocalAuthority(plan.id(), limit) : null;
    }

    @BatchMapping(typeName = "PlaceValue", field = "setting")
    Map<CellValue, SettingView> setting(List<CellValue> cells) {
        Map<Integer, SettingView> byUrn = settings.findAll(cells.stream().map(CellValue::urn).collect(Collectors.toSet()));
        return Batches.byKey(cells, CellValue::urn, byUrn);
    }

    @SchemaMapping(typeName = "PlaceValue")
    String contractId(CellValue cell) {
        return cell.contractId() == null ? null : String.valueOf(cell.contractId());
    }

    @SchemaMapping(typeName = "PlaceValue")
    LocalAuthority contractLocalAuthority(CellValue cell) {
        return cell.contractLaCode() == null ? null : reference.localAuthority(cell.contractLaCode()).orElseThrow();
    }

    @SchemaMapping(typeName = "PlaceValue")
    BigDecimal annualSaving(CellValue cell) {
        return Money.pounds(cell.annualSavingPence());
    }

    @SchemaMapping(typeName = "PlaceValue")
    BigDecimal scoreSaving(CellValue cell) {
        return Money.pounds(cell.scoreSavingPence());
    }

    @SchemaMapping(typeName = "PlaceValue")
    String summary(CellValue cell) {
        return texts.summary(cell);
    }

    @SchemaMapping(typeName = "LocalAuthorityPlaceValue")
    LocalAuthority localAuthority(LocalAuthorityValue value) {
        return reference.localAuthority(value.laCode()).orElseThrow();
    }

    @SchemaMapping(typeName = "LocalAuthorityPlaceValue")
    BigDecimal annualSaving(LocalAuthorityValue value) {
        return Money.pounds(value.annualSavingPence());
    }

    @SchemaMapping(typeName = "LocalAuthorityPlaceValue")
    BigDecimal scoreSaving(LocalAuthorityValue value) {
        return Money.pounds(value.scoreSavingPence());
    }

    @SchemaMapping(typeName = "LocalAuthorityPlaceValue")
    String summary(LocalAuthorityValue value) {
        return texts.summary(value);
    }
}
