package uk.sendplan.api.demand;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.sendplan.api.demand.DemandService.PlacementRequestFilter;
import uk.sendplan.api.demand.DemandService.PlacementRequestInput;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.InputRules;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.Pages;
import uk.sendplan.db.types.ChildGender;
import uk.sendplan.db.types.RequestStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A commissioner's children waiting (/demand): the LA's placement requests filtered by need, phase and status, a page
 * at a time, as CSV too; and the form to add one child (/demand/new), checked by the demand service's own rules, with
 * each problem shown next to its field and nothing saved.
 */
@Pages
class DemandPages implements PageLinks {

    static final int PAGE_SIZE = 25;

    /** The most rows one CSV download holds (an LA's demand is a few thousand children at most). */
    static final int CSV_MAX = 50_000;

    /** The add-a-child form as typed, so a refused form shows what was entered. */
    record ChildForm(String reference, String primaryNeed, String secondaryNeed, String band, String age, String homeDistrict,
                     String gender, boolean needsBoarding, String startTerm) {
    }

    /** The demand service's field paths and the form's field ids they stand for. */
    private static final Map<String, String> FIELDS = Map.of("input.reference", "reference", "input.primaryNeed", "primaryNeed",
            "input.secondaryNeed", "secondaryNeed", "input.band", "band", "input.age", "age", "input.home", "homeDistrict",
            "input.homeDistrict", "homeDistrict", "input.gender", "gender", "input.startTerm", "startTerm");

    private final DemandService demand;
    private final ReferenceData reference;
    private final Access access;

    DemandPages(DemandService demand, ReferenceData reference, Access access) {
        this.demand = demand;
        this.reference = reference;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.COMMISSIONER)
                ? List.of(new Link("/demand", "Children waiting", "Your LA's placement requests: filter by need, phase and status, and add a child.", 20))
                : List.of();
    }

    @GetMapping("/demand")
    String list(@RequestParam(required = false) String need, @RequestParam(required = false) String phase,
                @RequestParam(required = false) String status, @RequestParam(required = false) String after, Model model) {
        Actor actor = access.require("Children waiting", Role.COMMISSIONER);
        FormErrors errors = new FormErrors();
        PlacementRequestFilter filter = filter(actor, need, phase, status, errors);
        Long afterId = null;
        if (after != null && !after.isBlank()) {
            try {
                afterId = Long.parseLong(after);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("after", "the page to show follows a child's number, got \"" + after + "\"");
            }
        }
        addChoices(model);
        model.addAttribute("need", need);
        model.addAttribute("phase", phase);
        model.addAttribute("status", status);
        model.addAttribute("errors", errors);
        if (errors.any()) {
            model.addAttribute("rows", List.of());
            model.addAttribute("total", 0);
            return "demand/list";
        }
        List<PlacementRequestView> rows = demand.search(filter, afterId, PAGE_SIZE + 1);
        model.addAttribute("rows", rows.stream().limit(PAGE_SIZE).toList());
        model.addAttribute("total", demand.count(filter));
        model.addAttribute("next", rows.size() > PAGE_SIZE ? query(need, phase, status) + "after=" + rows.get(PAGE_SIZE - 1).id() : null);
        model.addAttribute("first", afterId == null ? null : query(need, phase, status));
        model.addAttribute("csv", ("/demand/children.csv" + query(need, phase, status)).replaceFirst("[?&]$", ""));
        return "demand/list";
    }

    @GetMapping("/demand/children.csv")
    @ResponseBody
    ResponseEntity<String> csv(@RequestParam(required = false) String need, @RequestParam(required = false) String phase,
                               @RequestParam(required = false) String status) {
        Actor actor = access.require("Children waiting", Role.COMMISSIONER);
        FormErrors errors = new FormErrors();
        PlacementRequestFilter filter = filter(actor, need, phase, status, errors);
        if (errors.any()) {
            throw ApiException.badRequest(errors.all().getFirst().field(), errors.all().getFirst().message());
        }
        StringBuilder csv = new StringBuilder(Csv.line(List.of("reference", "primary_need", "secondary_need", "band", "age", "phase",
                "start_term", "status"))).append("\r\n");
        for (PlacementRequestView r : demand.search(filter, null, CSV_MAX)) {
            csv.append(Csv.line(Arrays.asList(r.reference(), r.primaryNeed(), r.secondaryNeed(), r.band(), r.age(), r.phase(), r.startTerm(),
                    r.status().name()))).append("\r\n");
        }
        return Downloads.csv(csv.toString(), "children-waiting", reference.requireLocalAuthority("laCode", actor.laCode()).name());
    }

    @GetMapping("/demand/new")
    String newChild(Model model) {
        access.require("Add a child", Role.COMMISSIONER);
        return form(model, new ChildForm("", "", "", "", "", "", "", false, ""), new FormErrors());
    }

    @PostMapping("/demand/new")
    String addChild(@RequestParam Map<String, String> values, Model model, RedirectAttributes redirect) {
        Actor actor = access.require("Add a child", Role.COMMISSIONER);
        ChildForm typed = new ChildForm(values.getOrDefault("reference", "").trim(), values.getOrDefault("primaryNeed", ""),
                values.getOrDefault("secondaryNeed", ""), values.getOrDefault("band", ""), values.getOrDefault("age", "").trim(),
                values.getOrDefault("homeDistrict", "").trim(), values.getOrDefault("gender", ""), values.containsKey("needsBoarding"),
                values.getOrDefault("startTerm", "").trim());
        FormErrors errors = new FormErrors();
        for (var field : List.of(Map.entry("reference", typed.reference()), Map.entry("age", typed.age()), Map.entry("homeDistrict", typed.homeDistrict()),
                Map.entry("startTerm", typed.startTerm()), Map.entry("primaryNeed", typed.primaryNeed()), Map.entry("secondaryNeed", typed.secondaryNeed()))) {
            String breach = InputRules.breach(field.getValue(), InputRules.LINE);
            if (breach != null) {
                errors.add(field.getKey(), "This field " + breach);
            }
        }
        if (!reference.isNeedCode(typed.primaryNeed())) {
            errors.add("primaryNeed", "Select the child's primary need");
        }
        if (!typed.secondaryNeed().isEmpty() && !reference.isNeedCode(typed.secondaryNeed())) {
            errors.add("secondaryNeed", "Select a secondary need from the list, or none");
        }
        Integer band = whole(typed.band());
        if (band == null) {
            errors.add("band", "Select the complexity band, 1 to 5");
        }
        Integer age = whole(typed.age());
        if (age == null) {
            errors.add("age", "Enter the child's age in the coming school year as a whole number, like 11");
        }
        ChildGender gender = Arrays.stream(ChildGender.values()).filter(g -> g.name().equals(typed.gender())).findFirst().orElse(null);
        if (gender == null) {
            errors.add("gender", "Select the child's sex");
        }
        if (typed.homeDistrict().isEmpty()) {
            errors.add("homeDistrict", "Enter the postcode district the child lives in, like NW1");
        }
        if (!errors.any()) {
            PlacementRequestInput input = new PlacementRequestInput(actor.laCode(), typed.reference(), typed.primaryNeed(),
                    typed.secondaryNeed().isEmpty() ? null : typed.secondaryNeed(), band, age, null, typed.homeDistrict(), gender,
                    typed.needsBoarding(), null, false, List.of(), typed.startTerm(), null, null);
            Optional<PlacementRequestView> created = errors.attempt(() -> demand.create(input), FIELDS, "reference");
            if (created.isPresent()) {
                redirect.addFlashAttribute("added", created.get().reference());
                return "redirect:/demand";
            }
        }
        return form(model, typed, errors);
    }

    private String form(Model model, ChildForm child, FormErrors errors) {
        addChoices(model);
        model.addAttribute("child", child);
        model.addAttribute("errors", errors);
        model.addAttribute("bands", List.of("1", "2", "3", "4", "5"));
        Map<String, String> genders = new LinkedHashMap<>();
        genders.put("FEMALE", "Female");
        genders.put("MALE", "Male");
        model.addAttribute("genders", genders);
        return "demand/new";
    }

    private void addChoices(Model model) {
        model.addAttribute("needs", reference.needTypes());
        model.addAttribute("phases", reference.phases());
        Map<String, String> statuses = new LinkedHashMap<>();
        statuses.put("OPEN", "Waiting, no place proposed");
        statuses.put("PROPOSED", "A plan proposes a place");
        statuses.put("PLACED", "Placed");
        statuses.put("WITHDRAWN", "Withdrawn");
        model.addAttribute("statuses", statuses);
    }

    /** The filter for the commissioner's own LA; a value that is not one of the choices is a problem with its field. */
    private PlacementRequestFilter filter(Actor actor, String need, String phase, String status, FormErrors errors) {
        String needCode = blankToNull(need);
        if (needCode != null && !reference.isNeedCode(needCode)) {
            errors.add("need", "Select a need from the list");
            needCode = null;
        }
        String phaseCode = blankToNull(phase);
        if (phaseCode != null && reference.phase(phaseCode) == null) {
            errors.add("phase", "Select a phase from the list");
            phaseCode = null;
        }
        List<RequestStatus> statuses = List.of();
        if (blankToNull(status) != null) {
            RequestStatus chosen = Arrays.stream(RequestStatus.values()).filter(s -> s.name().equals(status)).findFirst().orElse(null);
            if (chosen == null) {
                errors.add("status", "Select a status from the list");
            } else {
                statuses = List.of(chosen);
            }
        }
        return new PlacementRequestFilter(actor.laCode(), statuses, needCode, phaseCode, null);
    }

    /** The query string for the filters (ending so another parameter can follow). */
    private static String query(String need, String phase, String status) {
        StringBuilder q = new StringBuilder("?");
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("need", need);
        filters.put("phase", phase);
        filters.put("status", status);
        filters.forEach((name, value) -> {
            if (blankToNull(value) != null) {
                q.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
            }
        });
        return q.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Integer whole(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
