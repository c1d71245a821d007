package uk.sendplan.api.demand;

import org.springframework.stereotype.Component;
import uk.sendplan.api.demand.DemandImport.ImportPlacementRequestsPayload;
import uk.sendplan.api.system.CurrentUser;
import uk.sendplan.api.web.BackgroundJobs;
import uk.sendplan.api.web.HeldUploads.Checked;

/**
 * Dry runs of commissioners' CSV files of children waiting, one at a time (every row is checked against the LA's list
 * and the register); a job's result is the dry run's report with the held file's token.
 */
@Component
class DemandCheckJobs extends BackgroundJobs<Checked<ImportPlacementRequestsPayload>> {

    DemandCheckJobs(CurrentUser currentUser) {
        super("demand-check", currentUser);
    }
}
