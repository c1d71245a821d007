package uk.sendplan.api.settings;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.SettingInputs.PlaceCommissionInput;
import uk.sendplan.api.settings.SettingInputs.PlaceInput;
import uk.sendplan.api.settings.SettingInputs.SetPlacesInput;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.Pages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A provider's own settings (/provider): each with its places and vacancies by need and phase, and a form to change
 * the places (capacity and the provider's own pupils per cell), checked by the register's rules with each problem
 * next to its field and nothing saved. Another provider's setting is refused with the same words as one that does
 * not exist.
 */
@Pages
class SettingPages implements PageLinks {

    /** One need and phase of a setting as the pages show it; {@code ownPupils} excludes placements approved through this service. */
    record Cell(String id, String need, String needName, String phase, String phaseName, int capacity, int occupied, int vacancies,
                int approvedPlacements, int ownPupils) {
    }

    private final SettingService settings;
    private final SettingRegistration registration;
    private final ReferenceData reference;
    private final Access access;

    SettingPages(SettingService settings, SettingRegistration registration, ReferenceData reference, Access access) {
        this.settings = settings;
        this.registration = registration;
        this.reference = reference;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.PROVIDER)
                ? List.of(new Link("/provider", "Your settings", "Your settings' places and vacancies by need and phase, and changes to your places.", 10))
                : List.of();
    }

    @GetMapping("/provider")
    String provider(Model model) {
        Actor actor = access.require("Your settings", Role.PROVIDER);
        model.addAttribute("provider", settings.provider(actor.providerId()).orElseThrow(() -> access.outOfScope("Your settings")));
        model.addAttribute("settings", settings.settingsOf(actor.providerId()));
        model.addAttribute("types", types());
        return "settings/provider";
    }

    @GetMapping("/provider/settings.csv")
    @ResponseBody
    ResponseEntity<String> providerCsv() {
        Actor actor = access.require("Your settings", Role.PROVIDER);
        ProviderView provider = settings.provider(actor.providerId()).orElseThrow(() -> access.outOfScope("Your settings"));
        StringBuilder csv = new StringBuilder(Csv.line(List.of("urn", "name", "type", "la_code", "capacity", "occupied", "vacancies", "status")))
                .append("\r\n");
        for (SettingView s : settings.settingsOf(actor.providerId())) {
            csv.append(Csv.line(List.of(s.urn(), s.name(), s.type(), s.laCode(), s.capacity(), s.occupied(), s.vacancies(),
                    s.registrationStatus().name()))).append("\r\n");
        }
        return Downloads.csv(csv.toString(), "settings", provider.name());
    }

    @GetMapping("/provider/settings/{urn}")
    String setting(@PathVariable String urn, Model model) {
        SettingView setting = own("Setting", urn);
        model.addAttribute("setting", setting);
        model.addAttribute("type", types().getOrDefault(setting.type(), setting.type()));
        model.addAttribute("la", reference.localAuthority(setting.laCode()).map(ReferenceData.LocalAuthority::name).orElse(setting.laCode()));
        model.addAttribute("cells", cells(setting.urn()));
        return "settings/setting";
    }

    @GetMapping("/provider/settings/{urn}/places")
    String placesForm(@PathVariable String urn, Model model) {
        SettingView setting = own("Change places", urn);
        List<Cell> cells = cells(setting.urn());
        Map<String, String> values = new HashMap<>();
        for (Cell c : cells) {
            values.put("capacity-" + c.id(), String.valueOf(c.capacity()));
            values.put("pupils-" + c.id(), String.valueOf(c.ownPupils()));
        }
        return placesForm(model, setting, cells, values, new FormErrors());
    }

    @PostMapping("/provider/settings/{urn}/places")
    String changePlaces(@PathVariable String urn, @RequestParam Map<String, String> values, Model model, RedirectAttributes redirect) {
        SettingView setting = own("Change places", urn);
        List<PlaceView> current = settings.places(List.of(setting.urn())).getOrDefault(setting.urn(), List.of());
        List<Cell> cells = cells(current);
        FormErrors errors = new FormErrors();
        List<PlaceInput> places = new ArrayList<>();
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            Integer capacity = whole(values.get("capacity-" + c.id()));
            Integer pupils = whole(values.get("pupils-" + c.id()));
            if (capacity == null) {
                errors.add("capacity-" + c.id(), c.needName() + ", " + c.phaseName() + ": enter the places as a whole number, like 12");
            }
            if (pupils == null) {
                errors.add("pupils-" + c.id(), c.needName() + ", " + c.phaseName() + ": enter the pupils as a whole number, like 10");
            }
            // the provider's declared commissions stay as they are: this form changes places and pupils only
            List<PlaceCommissionInput> commissions = current.get(i).commissions().stream().filter(cv -> cv.contractId() == null)
                    .map(cv -> new PlaceCommissionInput(cv.laCode(), cv.places())).toList();
            places.add(new PlaceInput(c.need(), c.phase(), capacity == null ? 0 : capacity, pupils == null ? 0 : pupils, commissions));
            String at = "input.places[" + i + "]";
            fields.put(at, "capacity-" + c.id());
            fields.put(at + ".capacity", "capacity-" + c.id());
            fields.put(at + ".phase", "capacity-" + c.id());
            fields.put(at + ".occupied", "pupils-" + c.id());
        }
        if (!errors.any()) {
            String first = cells.isEmpty() ? "places" : "capacity-" + cells.getFirst().id();
            fields.put("input.places", first);
            if (errors.attemptRun(() -> registration.setPlaces(new SetPlacesInput(setting.urn(), places)), fields, first)) {
                redirect.addFlashAttribute("changed", true);
                return "redirect:/provider/settings/" + setting.urn();
            }
        }
        return placesForm(model, setting, cells, values, errors);
    }

    private String placesForm(Model model, SettingView setting, List<Cell> cells, Map<String, String> values, FormErrors errors) {
        model.addAttribute("setting", setting);
        model.addAttribute("cells", cells);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "settings/places";
    }

    /** The provider's own setting; anyone else's, or one that does not exist, is refused in the same words. */
    private SettingView own(String operation, String urnText) {
        Actor actor = access.require(operation, Role.PROVIDER);
        Integer urn = whole(urnText);
        return (urn == null ? java.util.Optional.<SettingView>empty() : settings.find(urn))
                .filter(s -> s.providerId() == actor.providerId())
                .orElseThrow(() -> access.outOfScope(operation));
    }

    private List<Cell> cells(int urn) {
        return cells(settings.places(List.of(urn)).getOrDefault(urn, List.of()));
    }

    private List<Cell> cells(List<PlaceView> places) {
        List<Cell> cells = new ArrayList<>();
        for (PlaceView p : places) {
            cells.add(new Cell(p.need() + "-" + p.phase(), p.need(), reference.needName(p.need()), p.phase(), reference.phase(p.phase()).name(), p.capacity(),
                    p.occupied(), p.vacancies(), p.approvedPlacements(), p.occupied() - p.approvedPlacements()));
        }
        return cells;
    }

    private Map<String, String> types() {
        Map<String, String> names = new HashMap<>();
        reference.settingTypes().forEach(t -> names.put(t.code(), t.name()));
        return names;
    }

    private static Integer whole(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
