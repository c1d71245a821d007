package uk.sendplan.api.settings;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.SettingInputs.SettingsStatusInput;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.Pages;
import uk.sendplan.db.types.RegistrationStatus;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The regulator's suspensions (/regulation/suspensions): the settings suspended now, with why and since when (CSV too);
 * suspend settings by URN with a reason; reinstate the ticked ones with a reason. Both go through {@link Suspensions},
 * as GraphQL's suspendSettings and reinstateSettings do: all or nothing, audited, and a refusal is shown by its field.
 */
@Pages
class SuspensionPages implements PageLinks {

    /** More than a regulator suspends at once; the page says when there are more. */
    static final int SHOWN = 500;
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK).withZone(ZoneId.of("Europe/London"));
    private static final Map<String, String> SUSPEND_FIELDS = Map.of("input.urns", "urns", "input.reason", "reason", "input", "urns");
    private static final Map<String, String> REINSTATE_FIELDS = Map.of("input.urns", "reinstate", "input.reason", "reinstateReason",
            "input", "reinstate");

    record Suspended(int urn, String name, String provider, String la, String reason, String since) {
    }

    /** The forms as typed, so a refused form shows what was entered. */
    record Typed(String urns, String reason, String reinstateReason, Set<String> ticked) {
        static final Typed EMPTY = new Typed("", "", "", Set.of());
    }

    private final Suspensions suspensions;
    private final SettingSearch search;
    private final SettingService settings;
    private final ReferenceData reference;
    private final Access access;

    SuspensionPages(Suspensions suspensions, SettingSearch search, SettingService settings, ReferenceData reference, Access access) {
        this.suspensions = suspensions;
        this.search = search;
        this.settings = settings;
        this.reference = reference;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.REGULATOR)
                ? List.of(new Link("/regulation/suspensions", "Suspensions", "Suspend settings, with a reason, and reinstate them.", 66))
                : List.of();
    }

    @GetMapping("/regulation/suspensions")
    String list(Model model) {
        access.require("Suspensions", Role.REGULATOR);
        return page(model, Typed.EMPTY, new FormErrors());
    }

    @PostMapping("/regulation/suspensions/suspend")
    String suspend(@RequestParam(defaultValue = "") String urns, @RequestParam(defaultValue = "") String reason, Model model,
                   RedirectAttributes redirect) {
        access.require("Suspend settings", Role.REGULATOR);
        Typed typed = new Typed(urns.trim(), reason.trim(), "", Set.of());
        FormErrors errors = new FormErrors();
        List<Integer> numbers = new ArrayList<>();
        for (String token : typed.urns().split("[,\\s]+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (!token.matches("[0-9]{1,9}")) {
                errors.add("urns", "Enter URNs as numbers separated by commas, like 100001, 100002; \"" + token + "\" is not one");
                return page(model, typed, errors);
            }
            numbers.add(Integer.parseInt(token));
        }
        if (numbers.isEmpty()) {
            errors.add("urns", "Enter the URN of at least one setting to suspend");
        }
        if (typed.reason().isEmpty()) {
            errors.add("reason", "Enter the reason for suspending: the provider sees it");
        }
        if (errors.any()) {
            return page(model, typed, errors);
        }
        try {
            int changed = suspensions.suspend(new SettingsStatusInput(numbers, null, typed.reason())).size();
            redirect.addFlashAttribute("done", changed + (changed == 1 ? " setting" : " settings") + " suspended");
            return "redirect:/regulation/suspensions";
        } catch (ApiException refused) {
            return refused(refused, SUSPEND_FIELDS, "urns", model, typed);
        }
    }

    @PostMapping("/regulation/suspensions/reinstate")
    String reinstate(@RequestParam(name = "urn", required = false) List<Integer> urns, @RequestParam(defaultValue = "") String reinstateReason,
                     Model model, RedirectAttributes redirect) {
        access.require("Reinstate settings", Role.REGULATOR);
        List<Integer> ticked = urns == null ? List.of() : urns;
        Typed typed = new Typed("", "", reinstateReason.trim(), ticked.stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet()));
        FormErrors errors = new FormErrors();
        if (ticked.isEmpty()) {
            errors.add("reinstate", "Select at least one setting to reinstate");
        }
        if (typed.reinstateReason().isEmpty()) {
            errors.add("reinstateReason", "Enter the reason for reinstating: the provider sees it");
        }
        if (errors.any()) {
            return page(model, typed, errors);
        }
        try {
            int changed = suspensions.reinstate(new SettingsStatusInput(ticked, null, typed.reinstateReason())).size();
            redirect.addFlashAttribute("done", changed + (changed == 1 ? " setting" : " settings") + " reinstated");
            return "redirect:/regulation/suspensions";
        } catch (ApiException refused) {
            return refused(refused, REINSTATE_FIELDS, "reinstate", model, typed);
        }
    }

    @GetMapping("/regulation/suspensions.csv")
    @ResponseBody
    ResponseEntity<String> csv() {
        access.require("Suspensions", Role.REGULATOR);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("urn", "setting", "provider", "la", "reason", "suspended_since"))).append("\r\n");
        for (Suspended s : suspended()) {
            csv.append(Csv.line(Arrays.asList(s.urn(), s.name(), s.provider(), s.la(), s.reason(), s.since()))).append("\r\n");
        }
        return Downloads.csv(csv.toString(), "suspended-settings");
    }

    /** A refusal the user can act on goes by its field; anything else (say, a lost permission) is the error page's. */
    private String refused(ApiException refused, Map<String, String> fields, String fallback, Model model, Typed typed) {
        if (refused.type() != ErrorType.BAD_REQUEST && refused.type() != ErrorType.NOT_FOUND) {
            throw refused;
        }
        FormErrors errors = new FormErrors();
        errors.add(refused, fields, fallback);
        return page(model, typed, errors);
    }

    private String page(Model model, Typed typed, FormErrors errors) {
        List<Suspended> rows = suspended();
        model.addAttribute("rows", rows);
        model.addAttribute("more", rows.size() >= SHOWN);
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        return "settings/suspensions";
    }

    /** Suspended settings, most recently changed first (the register's updated time is the suspension's). */
    private List<Suspended> suspended() {
        SettingFilter filter = new SettingFilter(null, null, null, null, null, null, null, null, List.of(RegistrationStatus.SUSPENDED), null);
        List<SettingView> found = search.search(filter, SHOWN, null).hits().stream().map(SettingSearch.SettingHit::setting).toList();
        var providers = settings.providers(found.stream().map(SettingView::providerId).distinct().toList());
        return found.stream().sorted((a, b) -> b.updatedAt().compareTo(a.updatedAt()))
                .map(s -> new Suspended(s.urn(), s.name(), providers.get(s.providerId()) == null ? "" : providers.get(s.providerId()).name(),
                        reference.localAuthority(s.laCode()).map(ReferenceData.LocalAuthority::name).orElse(s.laCode()),
                        s.statusReason() == null ? "" : s.statusReason(), SINCE.format(s.updatedAt()))).toList();
    }
}
