package uk.sendplan.api.market;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.sendplan.api.system.Downloads;

import java.util.List;

/** referralsCsv as a file: GET /exports/referrals.csv (every status). */
@RestController
@Downloads.Download
class ReferralsDownload {

    private final ReferralsExport export;

    ReferralsDownload(ReferralsExport export) {
        this.export = export;
    }

    @GetMapping("/exports/referrals.csv")
    ResponseEntity<String> referrals() {
        return Downloads.csv(export.csv(List.of()), "referrals");
    }
}
