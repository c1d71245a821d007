package uk.sendplan.api.fees;

import org.springframework.stereotype.Component;
import uk.sendplan.api.system.CurrentUser;
import uk.sendplan.api.web.BackgroundJobs;

/** Fee audits started from the regulator's pages, one at a time; a job's result is its audit's id. */
@Component
class AuditJobs extends BackgroundJobs<Long> {

    AuditJobs(CurrentUser currentUser) {
        super("fee-audit", currentUser);
    }
}
