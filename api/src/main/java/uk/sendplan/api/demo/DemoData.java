package uk.sendplan.api.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import uk.sendplan.api.fees.DemoFees;
import uk.sendplan.api.oversight.DemoFigures;
import uk.sendplan.api.market.DemoMarket;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.sufficiency.DemoSen2;
import uk.sendplan.api.system.CurrentUser;
import uk.sendplan.api.system.StartupGate;

/**
 * On the first start against an empty register, loads the demo register, fees and market so a newcomer has something
 * to explore.
 * Off with {@code send.demo.enabled=false} (SEND_DEMO_ENABLED=false); never touches a register that already has settings.
 */
@Component
@Order(1)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final boolean enabled;
    private final SettingService settings;
    private final DemoRegister register;
    private final DemoFees fees;
    private final DemoMarket market;
    private final CurrentUser currentUser;
    private final StartupGate gate;
    private final DemoSen2 sen2;
    private final DemoFigures figures;

    DemoData(@Value("${send.demo.enabled:true}") boolean enabled, SettingService settings, DemoRegister register, DemoFees fees,
             DemoMarket market, CurrentUser currentUser, StartupGate gate, DemoSen2 sen2,
             DemoFigures figures) {
        this.enabled = enabled;
        this.settings = settings;
        this.register = register;
        this.fees = fees;
        this.market = market;
        this.currentUser = currentUser;
        this.gate = gate;
        this.sen2 = sen2;
        this.figures = figures;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || !settings.registerIsEmpty()) {
            return;
        }
        long start = System.nanoTime();
        gate.loadingDemoData(true);
        try {
            load(start);
        } finally {
            gate.loadingDemoData(false);
        }
    }

    private void load(long start) {
        currentUser.asSystem("demo-data", () -> {
            int count = register.load();
            log.info("Loaded the demo register: {} generated settings (URNs 9,000,000+, marked demo) in {} ms",
                    count, (System.nanoTime() - start) / 1_000_000);
            long feesStart = System.nanoTime();
            int feeCount = fees.load();
            log.info("Loaded demo fees: an illustrative rates framework and {} fees (2025-26 and 2026-27) in {} ms",
                    feeCount, (System.nanoTime() - feesStart) / 1_000_000);
            long figuresStart = System.nanoTime();
            int stated = figures.load();
            log.info("Loaded demo group figures: {} providers stated illustrative 2026-27 figures in {} ms", stated,
                    (System.nanoTime() - figuresStart) / 1_000_000);
            long sen2Start = System.nanoTime();
            int sen2Rows = sen2.load();
            log.info("Imported DfE's SEN2 2025 statistics for the forecast: {} LA rows in {} ms", sen2Rows, (System.nanoTime() - sen2Start) / 1_000_000);
        });
        long marketStart = System.nanoTime();
        DemoMarket.Loaded loaded = market.load();
        log.info("Loaded the demo market: {} referrals, {} offers ({} refused above the ceiling), {} declines, {} awards accepted and {}"
                        + " awaiting the provider, a joint Camden and Hackney block contract for {}, in {} ms", loaded.referrals(), loaded.offers(),
                loaded.refused(), loaded.declined(), loaded.accepted(), loaded.awaiting(), loaded.blockContract(), (System.nanoTime() - marketStart) / 1_000_000);
    }
}
