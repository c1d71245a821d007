package uk.sendplan.api.system;

import org.springframework.stereotype.Component;

/**
 * Who is making the current request, for the audit trail. Work the service does on its own behalf
 * (demo data at first start) runs {@link #asSystem}.
 */
@Component
public class CurrentUser {

    private static final ThreadLocal<String> SYSTEM = new ThreadLocal<>();

    public String name() {
        String system = SYSTEM.get();
        return system != null ? system : "anonymous";
    }

    /** Runs work attributed to the service itself, e.g. "system:demo-data". */
    public void asSystem(String name, Runnable work) {
        SYSTEM.set("system:" + name);
        try {
            work.run();
        } finally {
            SYSTEM.remove();
        }
    }
}
