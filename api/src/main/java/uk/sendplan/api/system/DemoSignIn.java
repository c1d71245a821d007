package uk.sendplan.api.system;

import java.util.List;

/** The demo profile's named users: the only subjects that sign in with the demo password. */
public final class DemoSignIn {

    /** Everyone else in the user table signs in with a JWT, as in production. */
    public static final List<String> SUBJECTS = List.of("commissioner-camden", "commissioner-hackney", "planner-london", "provider-demo",
            "regulator", "admin");

    private DemoSignIn() {
    }
}
