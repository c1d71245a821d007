package uk.sendplan.api.planning;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.ZoneId;

import static uk.sendplan.db.jooq.Tables.PLACEMENT;

/**
 * Placements with an end date (a child moving to next year's agreement elsewhere) release their places the day after
 * they end: at start-up, and every night just after midnight in England. The database recounts each cell as a
 * placement is marked ended.
 */
@Component
class PlacementEnds {

    private static final Logger log = LoggerFactory.getLogger(PlacementEnds.class);
    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    private final DSLContext db;

    PlacementEnds(DSLContext db) {
        this.db = db;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(cron = "0 5 0 * * *", zone = "Europe/London")
    @Transactional
    public void releaseEnded() {
        LocalDate today = LocalDate.now(ENGLAND);
        int ended = db.update(PLACEMENT).set(PLACEMENT.ENDED, true).where(PLACEMENT.ENDS_ON.lt(today)).and(PLACEMENT.ENDED.isFalse()).execute();
        if (ended > 0) {
            log.info("Released the places of {} placement(s) that ended before {}", ended, today);
        }
    }
}
