package uk.sendplan.api.planning;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.InputRules;

/** planCsv as a file: GET /exports/plans/{id}.csv, named like plan-12-camden-2026-11-30.csv after the reader's LA. */
@RestController
@Downloads.Download
class PlanDownload {

    private final PlanExport export;
    private final Access access;
    private final ReferenceData reference;

    PlanDownload(PlanExport export, Access access, ReferenceData reference) {
        this.export = export;
        this.access = access;
        this.reference = reference;
    }

    @GetMapping("/exports/plans/{id}.csv")
    ResponseEntity<String> plan(@PathVariable String id) {
        String csv = export.csv(InputRules.require("id", id, InputRules.LINE));
        // only a commissioner reads a plan's children, and only their own LA's: the file is named after that LA
        String la = reference.localAuthority(access.actor().laCode()).map(ReferenceData.LocalAuthority::name).orElse("");
        return Downloads.csv(csv, "plan", id, la);
    }
}
