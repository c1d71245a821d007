package uk.sendplan.api.web;

import uk.sendplan.api.system.Role;

/** Roles in the words the pages use. */
public final class RoleNames {

    private RoleNames() {
    }

    public static String of(Role role) {
        return role == null ? "No role yet" : switch (role) {
            case COMMISSIONER -> "Commissioner";
            case REGIONAL_PLANNER -> "Regional planner";
            case PROVIDER -> "Provider";
            case REGULATOR -> "Regulator";
            case ADMIN -> "Administrator";
        };
    }
}
