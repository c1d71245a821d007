package uk.sendplan.api.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.CurrentUser;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What every page's layout shows: the service, who is signed in (role and organisation), the navigation for their
 * role and the phase banner; and a refusal from a feature's service as an error page with the matching status
 * (FORBIDDEN 403 with the same words whether or not the record exists, NOT_FOUND 404, BAD_REQUEST 400).
 */
@ControllerAdvice(annotations = Pages.class)
class Layout {

    /** The signed-in user as the header shows them. */
    record SignedIn(String subject, String role, String organisation) {
    }

    private final CurrentUser currentUser;
    private final List<PageLinks> links;
    private final List<ScopeNames> scopeNames;
    private final boolean demo;

    Layout(CurrentUser currentUser, List<PageLinks> links, List<ScopeNames> scopeNames, Environment environment) {
        this.currentUser = currentUser;
        this.links = links;
        this.scopeNames = scopeNames;
        this.demo = environment.acceptsProfiles(Profiles.of("demo"));
    }

    @ModelAttribute
    void layout(Model model, HttpServletRequest request) {
        Actor actor = currentUser.actor();
        model.addAttribute("demo", demo);
        model.addAttribute("currentPath", request.getRequestURI());
        model.addAttribute("signedIn", actor == null ? null : new SignedIn(actor.subject(), RoleNames.of(actor.role()), organisation(actor).orElse(null)));
        List<PageLinks.Link> navigation = actor == null ? List.of() : linksFor(actor);
        model.addAttribute("navigation", navigation);
        model.addAttribute("activeHref", activeHref(navigation, request.getRequestURI()));
    }

    /** The menu link a page sits under: the longest that is the page or a folder of it (/region/forecast is under Forecast, not Your region). */
    static String activeHref(List<PageLinks.Link> navigation, String path) {
        return navigation.stream().map(PageLinks.Link::href).filter(href -> path.equals(href) || path.startsWith(href + "/"))
                .max(Comparator.comparingInt(String::length)).orElse(null);
    }

    /** Every feature's links for the actor's role, in menu order. */
    List<PageLinks.Link> linksFor(Actor actor) {
        return links.stream().flatMap(l -> l.linksFor(actor).stream()).sorted(Comparator.comparingInt(PageLinks.Link::order)).toList();
    }

    private Optional<String> organisation(Actor actor) {
        return scopeNames.stream().map(s -> s.organisationOf(actor)).flatMap(Optional::stream).findFirst();
    }

    @ExceptionHandler(ApiException.class)
    ModelAndView refused(ApiException refusal, HttpServletRequest request) {
        HttpStatus status = switch (refusal.type()) {
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
        ModelAndView page = new ModelAndView("web/problem", status);
        page.addObject("title", switch (status) {
            case FORBIDDEN -> "You cannot see this page";
            case NOT_FOUND -> "Page not found";
            case BAD_REQUEST -> "There is a problem with the address";
            default -> "Sorry, there is a problem with the service";
        });
        page.addObject("message", refusal.getMessage());
        Model model = new org.springframework.ui.ExtendedModelMap();
        layout(model, request);
        page.addAllObjects(model.asMap());
        return page;
    }
}
