package uk.sendplan.api.consultations;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.ProviderView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.sufficiency.HostSufficiency;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.PageNumbers;
import uk.sendplan.api.web.Pages;
import uk.sendplan.db.types.ConsultationAnswer;
import uk.sendplan.db.types.ConsultationStatus;
import uk.sendplan.db.types.RegistrationStatus;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The host LA's say in the web application: a commissioner's consultations (/la/consultations), each opened beside
 * the LA's sufficiency for the needs and phases the setting offers, with the answer form (a problem is shown next to its
 * field and nothing is saved); the regulator's table of every LA's answers with the registrations they are about
 * (/regulation/consultations); a provider's table of what the host LAs said about its own settings
 * (/provider/consultations). Each table is in numbered pages, and its CSV has every row.
 */
@Pages
class ConsultationPages implements PageLinks {

    static final String LA = "/la/consultations";
    static final String REGULATION = "/regulation/consultations";
    static final String PROVIDER = "/provider/consultations";
    /** Rows on one page of a table. */
    static final int PAGE_SIZE = 50;
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK).withZone(ZoneId.of("Europe/London"));

    /** The answers as the form offers them. */
    static final Map<String, String> ANSWERS = answers();

    /** Who reads a table: its address, its name (also the operation refusals name) and its CSV file's name. */
    enum Side {
        LA(ConsultationPages.LA, "Consultations", "consultations"),
        PROVIDER(ConsultationPages.PROVIDER, "Host LA consultations", "host-la-consultations"),
        REGULATOR(REGULATION, "Host LA answers", "host-la-answers");

        final String path;
        final String title;
        final String file;

        Side(String path, String title, String file) {
            this.path = path;
            this.title = title;
            this.file = file;
        }
    }

    /** A consultation as a row: with the setting's and provider's names and the LA's. */
    record Row(ConsultationView consultation, String settingName, String settingType, boolean settingOpen, String providerName, String laName) {
        public String asked() {
            return day(consultation.askedAt());
        }

        public String answered() {
            return day(consultation.answeredAt());
        }

        public String answerWords() {
            return consultation.answer() == null ? "Not answered yet" : ANSWERS.get(consultation.answer().name());
        }
    }

    /**
     * A need and phase of the LA's sufficiency beside the places the change adds: an open setting's places are already
     * among the LA's places, so the gap without them is the gap the LA had before it (null when the setting is not open
     * and its places are not counted).
     */
    record FigureRow(HostSufficiency.Cell figure, int added, Integer placesWithout, Long gapWithout) {
    }

    private final Consultations consultations;
    private final SettingService settings;
    private final HostSufficiency sufficiency;
    private final ReferenceData reference;
    private final Access access;

    ConsultationPages(Consultations consultations, SettingService settings, HostSufficiency sufficiency, ReferenceData reference, Access access) {
        this.consultations = consultations;
        this.settings = settings;
        this.sufficiency = sufficiency;
        this.reference = reference;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        if (actor.is(Role.COMMISSIONER)) {
            return List.of(new Link(LA, "Consultations", "New independent provision in your LA: say whether your LA supports it, "
                    + "beside your sufficiency for the needs and phases it offers.", 45));
        }
        if (actor.is(Role.PROVIDER)) {
            return List.of(new Link(PROVIDER, Side.PROVIDER.title, "What the LA each of your settings is in said when the setting was registered "
                    + "or added places: supports, no view or objects, with the LA's reason.", 23));
        }
        return actor.is(Role.REGULATOR)
                ? List.of(new Link(REGULATION, Side.REGULATOR.title, "What each LA said about new independent provision in it, with the registration.", 63))
                : List.of();
    }

    @GetMapping(LA)
    String laList(@RequestParam(required = false) String page, Model model) {
        access.require(Side.LA.title, Role.COMMISSIONER);
        return list(Side.LA, null, page, new FormErrors(), model);
    }

    @GetMapping(PROVIDER)
    String providerList(@RequestParam(required = false) String page, Model model) {
        access.require(Side.PROVIDER.title, Role.PROVIDER);
        return list(Side.PROVIDER, null, page, new FormErrors(), model);
    }

    @GetMapping(REGULATION)
    String regulatorList(@RequestParam(required = false) String status, @RequestParam(required = false) String page, Model model) {
        access.require(Side.REGULATOR.title, Role.REGULATOR);
        FormErrors errors = new FormErrors();
        ConsultationStatus chosen = status(status, errors);
        model.addAttribute("status", status);
        return list(Side.REGULATOR, errors.any() ? null : chosen, page, errors, model);
    }

    @GetMapping(LA + ".csv")
    @ResponseBody
    ResponseEntity<String> laCsv() {
        access.require(Side.LA.title, Role.COMMISSIONER);
        return csv(Side.LA, null);
    }

    @GetMapping(PROVIDER + ".csv")
    @ResponseBody
    ResponseEntity<String> providerCsv() {
        access.require(Side.PROVIDER.title, Role.PROVIDER);
        return csv(Side.PROVIDER, null);
    }

    @GetMapping(REGULATION + ".csv")
    @ResponseBody
    ResponseEntity<String> regulatorCsv(@RequestParam(required = false) String status) {
        access.require(Side.REGULATOR.title, Role.REGULATOR);
        FormErrors errors = new FormErrors();
        ConsultationStatus chosen = status(status, errors);
        if (errors.any()) {
            throw ApiException.badRequest("status", errors.all().getFirst().message());
        }
        return csv(Side.REGULATOR, chosen);
    }

    @GetMapping(LA + "/{id}")
    String consultation(@PathVariable String id, Model model) {
        access.require("Consultation", Role.COMMISSIONER);
        ConsultationView consultation = consultations.get("Consultation", id);
        return page(consultation, consultation.answer() == null ? null : consultation.answer().name(),
                consultation.reason() == null ? "" : consultation.reason(), new FormErrors(), model);
    }

    /** The answer: a choice always, a reason when the LA objects; the service's own rules stand behind the form's. */
    @PostMapping(LA + "/{id}")
    String answer(@PathVariable String id, @RequestParam(required = false) String answer, @RequestParam(required = false) String reason,
                  Model model, RedirectAttributes redirect) {
        access.require("Consultation", Role.COMMISSIONER);
        ConsultationView consultation = consultations.get("Consultation", id);
        ConsultationAnswer chosen = Arrays.stream(ConsultationAnswer.values()).filter(a -> a.name().equals(answer)).findFirst().orElse(null);
        String typed = reason == null ? "" : reason.strip();
        FormErrors errors = new FormErrors();
        if (chosen == null) {
            errors.add("answer", "Select whether your LA supports the new provision, has no view or objects");
        }
        if (chosen == ConsultationAnswer.OBJECTS && typed.isEmpty()) {
            errors.add("reason", "Enter why your LA objects");
        }
        if (typed.length() > Consultations.MAX_REASON) {
            errors.add("reason", "Reason must be " + String.format(Locale.UK, "%,d", Consultations.MAX_REASON) + " characters or fewer");
        }
        if (!errors.any()) {
            if (errors.attemptRun(() -> consultations.answer(new Consultations.AnswerInput(id, chosen, typed)),
                    Map.of("input.answer", "answer", "input.reason", "reason"), "answer")) {
                redirect.addFlashAttribute("saved", "Your LA's answer is saved: " + ANSWERS.get(chosen.name()));
                return "redirect:" + LA + "/" + consultation.id();
            }
        }
        return page(consultation, answer, typed, errors, model);
    }

    /** A page of the side's table; the page links and the CSV keep the status chosen. */
    private String list(Side side, ConsultationStatus status, String page, FormErrors errors, Model model) {
        String filter = status == null ? "" : "status=" + status.name();
        int total = consultations.count(side.title, status);
        PageNumbers pager = PageNumbers.of(page, total, PAGE_SIZE, n -> side.path + "?" + (filter.isEmpty() ? "" : filter + "&") + "page=" + n);
        model.addAttribute("side", side.name());
        model.addAttribute("title", side.title);
        model.addAttribute("base", side.path);
        model.addAttribute("rows", errors.any() ? List.of() : rows(consultations.page(side.title, status, pager.from(), PAGE_SIZE)));
        model.addAttribute("total", total);
        model.addAttribute("open", consultations.count(side.title, ConsultationStatus.OPEN));
        model.addAttribute("pager", pager);
        model.addAttribute("csv", side.path + ".csv" + (filter.isEmpty() ? "" : "?" + filter));
        model.addAttribute("errors", errors);
        return "consultations/list";
    }

    /** Every row of the side's table, not only a page's. */
    private ResponseEntity<String> csv(Side side, ConsultationStatus status) {
        return Downloads.csv(csv(rows(consultations.page(side.title, status, 0, Integer.MAX_VALUE))), side.file);
    }

    private String page(ConsultationView consultation, String answer, String reason, FormErrors errors, Model model) {
        Row row = rows(List.of(consultation)).getFirst();
        model.addAttribute("row", row);
        model.addAttribute("typeName", reference.settingType(row.settingType()).name());
        model.addAttribute("cells", consultation.cells().stream().map(c -> Map.of("need", reference.needType(c.need()).name(),
                "phase", reference.phase(c.phase()).name(), "before", c.placesBefore(), "after", c.placesAfter(), "added", c.added())).toList());
        HostSufficiency.Figures figures = sufficiency.of(consultation.laCode(), row.settingType(),
                consultation.cells().stream().map(c -> new HostSufficiency.NeedPhase(c.need(), c.phase())).toList());
        model.addAttribute("figures", figures);
        model.addAttribute("figureRows", figures.cells().stream().map(f -> {
            int added = consultation.cells().stream().filter(c -> c.need().equals(f.need()) && c.phase().equals(f.phase()))
                    .mapToInt(ConsultationView.Cell::added).sum();
            return row.settingOpen() ? new FigureRow(f, added, f.places() - added, f.shortfall() + added) : new FigureRow(f, added, null, null);
        }).toList());
        model.addAttribute("answers", ANSWERS);
        model.addAttribute("answer", answer);
        model.addAttribute("reason", reason);
        model.addAttribute("errors", errors);
        return "consultations/consultation";
    }

    private List<Row> rows(List<ConsultationView> found) {
        Map<Integer, SettingView> byUrn = settings.findAll(found.stream().map(ConsultationView::urn).collect(Collectors.toSet()));
        Map<Long, ProviderView> providers = settings.providers(found.stream().map(ConsultationView::providerId).collect(Collectors.toSet()));
        return found.stream().map(c -> {
            SettingView setting = byUrn.get(c.urn());
            return new Row(c, setting.name(), setting.type(), setting.registrationStatus() == RegistrationStatus.OPEN, providers.get(c.providerId()).name(),
                    reference.localAuthority(c.laCode()).map(ReferenceData.LocalAuthority::name).orElse(c.laCode()));
        }).toList();
    }

    private static String csv(List<Row> rows) {
        StringBuilder csv = new StringBuilder(Csv.line(List.of("consultation_id", "asked", "urn", "setting", "provider", "la_code", "local_authority",
                "change", "places_added", "what_changed", "status", "answer", "reason", "answered"))).append("\r\n");
        for (Row r : rows) {
            ConsultationView c = r.consultation();
            csv.append(Csv.line(Arrays.asList(c.id(), r.asked(), c.urn(), r.settingName(), r.providerName(), c.laCode(), r.laName(), c.change().name(),
                    c.placesAdded(), c.summary(), c.status().name(), c.answer() == null ? "" : c.answer().name(), c.reason() == null ? "" : c.reason(),
                    r.answered()))).append("\r\n");
        }
        return csv.toString();
    }

    /** The status filter; a value that is not one of the choices is a problem with the field. */
    private static ConsultationStatus status(String status, FormErrors errors) {
        if (status == null || status.isBlank()) {
            return null;
        }
        ConsultationStatus chosen = Arrays.stream(ConsultationStatus.values()).filter(s -> s.name().equals(status)).findFirst().orElse(null);
        if (chosen == null) {
            errors.add("status", "Select open or answered");
        }
        return chosen;
    }

    static String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant);
    }

    private static Map<String, String> answers() {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put(ConsultationAnswer.SUPPORTS.name(), "Supports");
        answers.put(ConsultationAnswer.NO_VIEW.name(), "No view");
        answers.put(ConsultationAnswer.OBJECTS.name(), "Objects");
        return answers;
    }
}
