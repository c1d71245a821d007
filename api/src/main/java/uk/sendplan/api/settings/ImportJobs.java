package uk.sendplan.api.settings;

import org.springframework.stereotype.Component;
import uk.sendplan.api.settings.GiasImport.ImportSettingsPayload;
import uk.sendplan.api.system.CurrentUser;
import uk.sendplan.api.web.BackgroundJobs;

/** Register imports confirmed on the admin's pages, one at a time (a national extract takes seconds); a job's result is its report. */
@Component
class ImportJobs extends BackgroundJobs<ImportSettingsPayload> {

    ImportJobs(CurrentUser currentUser) {
        super("register-import", currentUser);
    }
}
