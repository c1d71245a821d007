package uk.sendplan.api.sufficiency;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The fitted models of every LA, refitted when an import has changed the statistics since (so every instance of the
 * service, whichever imported, answers from the same figures).
 */
@Component
class ForecastModel {

    /** Every LA's fit as of one import. */
    record Fits(Instant importedAt, Map<String, CohortFit.Fitted> byLa) {
    }

    private final Sen2Repository repository;
    private volatile Fits fits;

    ForecastModel(Sen2Repository repository) {
        this.repository = repository;
    }

    Fits current() {
        Instant importedAt = repository.lastImport();
        Fits known = fits;
        if (known != null && java.util.Objects.equals(known.importedAt(), importedAt)) {
            return known;
        }
        synchronized (this) {
            if (fits == null || !java.util.Objects.equals(fits.importedAt(), importedAt)) {
                Map<Sen2File, List<Sen2Reader.Sen2Row>> files = new EnumMap<>(Sen2File.class);
                for (Sen2File file : Sen2File.values()) {
                    files.put(file, repository.rows(file));
                }
                fits = new Fits(importedAt, CohortFit.fit(Sen2History.build(files, Integer.MAX_VALUE)));
            }
            return fits;
        }
    }
}
