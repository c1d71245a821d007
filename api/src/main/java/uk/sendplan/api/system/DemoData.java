package uk.sendplan.api.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import uk.sendplan.api.settings.SettingService;

/**
 * On the first start against an empty register, loads the demo register so a newcomer has something to explore.
 * Off with {@code send.demo.enabled=false} (SEND_DEMO_ENABLED=false); never touches a register that already has settings.
 */
@Component
@Order(1)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final boolean enabled;
    private final SettingService settings;
    private final DemoRegister register;
    private final CurrentUser currentUser;

    DemoData(@Value("${send.demo.enabled:true}") boolean enabled, SettingService settings, DemoRegister register, CurrentUser currentUser) {
        this.enabled = enabled;
        this.settings = settings;
        this.register = register;
        this.currentUser = currentUser;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || !settings.registerIsEmpty()) {
            return;
        }
        long start = System.nanoTime();
        currentUser.asSystem("demo-data", () -> {
            int count = register.load();
            log.info("Loaded the demo register: {} generated settings (URNs 9,000,000+, marked demo) in {} ms",
                    count, (System.nanoTime() - start) / 1_000_000);
        });
    }
}
