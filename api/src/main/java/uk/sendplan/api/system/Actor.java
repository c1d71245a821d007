package uk.sendplan.api.system;

/**
 * The authenticated user and their scope: a commissioner's LA, a planner's region, a provider's organisation.
 * {@code role} is null for someone who has signed in but been given no role yet.
 */
public record Actor(String subject, Role role, String laCode, String regionCode, Long providerId) {

    public static final Actor SYSTEM = new Actor("system", Role.ADMIN, null, null, null);

    public boolean is(Role... roles) {
        for (Role r : roles) {
            if (r == role) {
                return true;
            }
        }
        return false;
    }

    public String describe() {
        return switch (role == null ? "NONE" : role.name()) {
            case "COMMISSIONER" -> "commissioner for LA " + laCode;
            case "REGIONAL_PLANNER" -> "regional planner for " + regionCode;
            case "PROVIDER" -> "provider " + providerId;
            case "NONE" -> "user without a role";
            default -> role.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
