package uk.sendplan.api.users;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.ProviderView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.users.UserService.UserScopeInput;
import uk.sendplan.api.users.UserService.UserView;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.Pages;
import uk.sendplan.api.web.RoleNames;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An admin's users and scopes (/admin/users): every user with their role, the LA, region or provider it is scoped
 * to, and whether they may sign in; a form to give a user a role and scope (the users service checks the role's
 * scope is given and exists, and audits the change) and a button to stop a user signing in.
 */
@Pages
class UserPages implements PageLinks {

    /** A user as the table shows them: the role and scope in words. */
    record UserRow(UserView user, String role, String scope) {
    }

    /** What the scope form holds, as typed, so a refused form comes back as it was. */
    record ScopeForm(String subject, String role, String laCode, String regionCode, String providerId, String displayName) {
    }

    private final UserService users;
    private final ReferenceData reference;
    private final SettingService settings;
    private final Access access;

    UserPages(UserService users, ReferenceData reference, SettingService settings, Access access) {
        this.users = users;
        this.reference = reference;
        this.settings = settings;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.ADMIN)
                ? List.of(new Link("/admin/users", "Users", "Who may sign in, with which role and for which LA, region or provider.", 90))
                : List.of();
    }

    @GetMapping("/admin/users")
    String list(Model model) {
        access.require("Users", Role.ADMIN);
        model.addAttribute("rows", rows());
        return "users/list";
    }

    @GetMapping("/admin/users.csv")
    @ResponseBody
    ResponseEntity<String> csv() {
        access.require("Users", Role.ADMIN);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("subject", "role", "la_code", "region_code", "provider_id", "scope",
                "display_name", "active"))).append("\r\n");
        for (UserRow r : rows()) {
            UserView u = r.user();
            csv.append(Csv.line(Arrays.asList(u.subject(), u.role(), u.laCode(), u.regionCode(), u.providerId(), r.scope(), u.displayName(),
                    u.active()))).append("\r\n");
        }
        return Downloads.csv(csv.toString(), "users");
    }

    @GetMapping("/admin/users/scope")
    String scopeForm(@RequestParam(required = false) String subject, Model model) {
        access.require("Give a user a role", Role.ADMIN);
        ScopeForm form = users.users().stream().filter(u -> u.subject().equals(subject)).findFirst()
                .map(u -> new ScopeForm(u.subject(), u.role(), u.laCode(), u.regionCode(), u.providerId() == null ? null : String.valueOf(u.providerId()),
                        u.displayName()))
                .orElse(new ScopeForm(subject, null, null, null, null, null));
        return scopePage(model, form, new FormErrors());
    }

    @PostMapping("/admin/users/scope")
    String setScope(ScopeForm typed, Model model, RedirectAttributes redirect) {
        access.require("Give a user a role", Role.ADMIN);
        // only the chosen role's scope is sent: the other fields may hold what was chosen before the role changed
        Role role = Arrays.stream(Role.values()).filter(r -> r.name().equals(typed.role())).findFirst().orElse(null);
        ScopeForm form = new ScopeForm(blankToNull(typed.subject()), typed.role(),
                role == Role.COMMISSIONER ? blankToNull(typed.laCode()) : null, role == Role.REGIONAL_PLANNER ? blankToNull(typed.regionCode()) : null,
                role == Role.PROVIDER ? blankToNull(typed.providerId()) : null, blankToNull(typed.displayName()));
        FormErrors errors = new FormErrors();
        if (form.subject() == null) {
            errors.add("subject", "Enter the user's sign-in name (their identity provider's subject)");
        }
        if (role == null) {
            errors.add("role", "Select the user's role");
        }
        if (!errors.any()) {
            try {
                UserView saved = users.setScope(new UserScopeInput(form.subject(), role.name(), form.laCode(), form.regionCode(), form.providerId(),
                        form.displayName()));
                redirect.addFlashAttribute("saved", saved.subject() + " is now " + RoleNames.of(role) + scopeSuffix(saved));
                return "redirect:/admin/users";
            } catch (ApiException refused) {
                if (refused.type() != ErrorType.BAD_REQUEST && refused.type() != ErrorType.NOT_FOUND) {
                    throw refused;
                }
                errors.add(refused, Map.of("input.subject", "subject", "input.role", "role", "input.laCode", "laCode",
                        "input.regionCode", "regionCode", "input.providerId", "providerId"), "subject");
            }
        }
        return scopePage(model, form, errors);
    }

    /** Stops a user signing in; their record and its history stay. */
    @PostMapping("/admin/users/deactivate")
    String deactivate(@RequestParam(required = false) String subject, Model model, RedirectAttributes redirect) {
        access.require("Stop a user signing in", Role.ADMIN);
        FormErrors errors = new FormErrors();
        if (errors.attemptRun(() -> users.deactivate(subject == null ? "" : subject), Map.of(), "deactivate")) {
            redirect.addFlashAttribute("saved", subject + " can no longer sign in");
            return "redirect:/admin/users";
        }
        model.addAttribute("errors", errors);
        model.addAttribute("rows", rows());
        return "users/list";
    }

    private String scopePage(Model model, ScopeForm form, FormErrors errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        Map<String, String> roles = new LinkedHashMap<>();
        Arrays.stream(Role.values()).forEach(r -> roles.put(r.name(), RoleNames.of(r)));
        model.addAttribute("roles", roles);
        model.addAttribute("localAuthorities", reference.localAuthorities());
        model.addAttribute("regions", reference.regions());
        return "users/scope";
    }

    private List<UserRow> rows() {
        List<UserView> all = users.users();
        Map<Long, ProviderView> providers = settings.providers(all.stream().map(UserView::providerId).filter(Objects::nonNull).collect(Collectors.toSet()));
        return all.stream().map(u -> new UserRow(u, RoleNames.of(u.role() == null ? null : Role.valueOf(u.role())), scope(u, providers))).toList();
    }

    private String scope(UserView u, Map<Long, ProviderView> providers) {
        if (u.laCode() != null) {
            return reference.localAuthority(u.laCode()).map(ReferenceData.LocalAuthority::name).orElse(u.laCode());
        }
        if (u.regionCode() != null) {
            return reference.regions().stream().filter(r -> r.code().equals(u.regionCode())).map(ReferenceData.Region::name).findFirst().orElse(u.regionCode());
        }
        if (u.providerId() != null) {
            ProviderView p = providers.get(u.providerId());
            return p == null ? "Provider " + u.providerId() : p.name();
        }
        return "England";
    }

    private String scopeSuffix(UserView saved) {
        String scope = scope(saved, saved.providerId() == null ? Map.of() : settings.providers(List.of(saved.providerId())));
        return "England".equals(scope) ? "" : ", " + scope;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
