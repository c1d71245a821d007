package uk.sendplan.api.web;

import uk.sendplan.api.system.Actor;

import java.util.List;

/**
 * What a feature's pages offer a signed-in user: the navigation and the home page list every feature's links for the
 * user's role, so the shared layout knows no feature and each feature says who may use its pages.
 */
public interface PageLinks {

    /** A page of the application: where it is, its name in the navigation, one sentence on the home page, its place in the menu. */
    record Link(String href, String label, String description, int order) {
    }

    /** The links this feature offers the actor (none for a role its pages are not for). */
    List<Link> linksFor(Actor actor);
}
