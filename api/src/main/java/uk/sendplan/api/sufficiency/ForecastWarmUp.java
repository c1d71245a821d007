package uk.sendplan.api.sufficiency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fits every LA's forecast model once the service is ready (the demo's SEN2 statistics are loaded by then), on a
 * thread of its own, so that the first person to open a page with a forecast (a commissioner's LA at a glance) does
 * not wait the seconds the first fit takes; the first view was 5-9 s on a 2-core machine without it.
 */
@Component
class ForecastWarmUp {

    private static final Logger log = LoggerFactory.getLogger(ForecastWarmUp.class);

    private final ForecastModel model;

    ForecastWarmUp(ForecastModel model) {
        this.model = model;
    }

    @EventListener(ApplicationReadyEvent.class)
    void fitInTheBackground() {
        Thread.ofVirtual().name("forecast-warm-up").start(() -> {
            long start = System.nanoTime();
            try {
                int las = model.current().byLa().size();
                log.info("Forecast models fitted for {} LAs in {} ms", las, (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                // the first forecast asked for fits them instead, and reports the problem to whoever asked
                log.warn("Forecast models could not be fitted in advance: {}", e.toString());
            }
        });
    }
}
