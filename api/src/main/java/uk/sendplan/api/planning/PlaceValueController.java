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
import java.util.Locale;
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

    PlaceValueController(PlaceValueRepository values, SettingService settings, ReferenceData reference) {
        this.values = values;
        this.settings = settings;
        this.reference = reference;
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
        String place = "One more " + cell.need() + " " + phase(cell.phase()) + " place at " + cell.settingName() + " (URN " + cell.urn() + ")"
                + (cell.contractId() == null ? "" : " under block contract " + cell.contractId() + " for "
                + reference.localAuthority(cell.contractLaCode()).orElseThrow().name());
        String moved = cell.childrenMoved() == 0 ? "" : cell.childrenMoved() == 1 ? " (1 child would move)"
                : " (" + cell.childrenMoved() + " children would move)";
        if (cell.childrenPlaced() == 1) {
            return place + " would place a child who has none, " + (cell.annualSavingPence() <= 0
                    ? "at " + pounds(-cell.annualSavingPence()) + " a year" : "and save " + pounds(cell.annualSavingPence()) + " a year") + moved;
        }
        if (cell.annualSavingPence() > 0) {
            return place + " would save " + pounds(cell.annualSavingPence()) + " a year" + moved;
        }
        // the saving is in the plan's weighed penalties (a preference met, a child nearer home), at some cost
        return place + " would cost " + pounds(-cell.annualSavingPence()) + " a year more but save "
                + pounds(cell.scoreSavingPence() - cell.annualSavingPence()) + " a year in the plan's weighed penalties" + moved;
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
        String place = "One more " + value.need() + " " + phase(value.phase()) + " place in "
                + reference.localAuthority(value.laCode()).orElseThrow().name();
        String where = value.cells() == 1 ? "1 setting" : value.cells() + " settings";
        if (value.childrenPlaced() > 0) {
            String at = value.childrenPlaced() == value.cells() ? (value.cells() == 1 ? "at 1 setting" : "at any of " + where)
                    : "at " + value.childrenPlaced() + " of the " + where + " where one more place has a value";
            return place + " would place a child who has none (" + at + ")";
        }
        if (value.annualSavingPence() > 0) {
            return place + " would save money at " + where + ": " + pounds(value.annualSavingPence())
                    + " a year between them, each place valued alone";
        }
        return place + " would meet the plan's priorities better at " + where + ": " + pounds(value.scoreSavingPence())
                + " a year in cost and weighed penalties between them, each place valued alone";
    }

    /** "secondary", "post-16", "early years": as a phase reads in a sentence. */
    static String phase(String code) {
        return code.toLowerCase(Locale.ROOT).replace("post_", "post-").replace('_', ' ');
    }

    /** Pounds for people: to the nearest £100 from £1,000 (a place's value is an estimate), else to the pound. */
    static String pounds(long pence) {
        long whole = Math.round(pence / 100.0);
        long shown = Math.abs(whole) >= 1_000 ? Math.round(whole / 100.0) * 100 : whole;
        return String.format(Locale.UK, "£%,d", shown);
    }
}
