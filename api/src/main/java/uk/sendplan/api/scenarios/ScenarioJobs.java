package uk.sendplan.api.scenarios;

import org.springframework.stereotype.Component;
import uk.sendplan.api.system.CurrentUser;
import uk.sendplan.api.web.BackgroundJobs;

/** Scenarios started from the planner's pages, one at a time (each plans its children twice); a job's result is its scenario's id. */
@Component
class ScenarioJobs extends BackgroundJobs<Long> {

    ScenarioJobs(CurrentUser currentUser) {
        super("scenario", currentUser);
    }
}
