package uk.sendplan.api.settings;

import org.springframework.stereotype.Component;
import uk.sendplan.api.settings.GiasImport.ImportSettingsPayload;
import uk.sendplan.api.system.CurrentUser;
import uk.sendplan.api.web.BackgroundJobs;
import uk.sendplan.api.web.HeldUploads.Checked;

/**
 * Dry runs of GIAS files on the admin's pages, one at a time (a national extract takes seconds to check against the
 * register); a job's result is the dry run's report with the held file's token.
 */
@Component
class GiasCheckJobs extends BackgroundJobs<Checked<ImportSettingsPayload>> {

    GiasCheckJobs(CurrentUser currentUser) {
        super("register-check", currentUser);
    }
}
