package uk.sendplan.api.sufficiency;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.sendplan.api.sufficiency.Sen2Reader.Sen2Row;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static uk.sendplan.db.jooq.Tables.SEN2_FIGURE;

@Repository
class Sen2Repository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> CODES = new TypeReference<>() {
    };

    private final DSLContext db;

    Sen2Repository(DSLContext db) {
        this.db = db;
    }

    /**
     * Replaces, for this file, the figures of every period and LA the rows hold; other LAs' figures for the same
     * period stay (a file with one LA's rows replaces that LA's alone).
     */
    int replace(Sen2File file, List<Sen2Row> rows) {
        Map<Integer, Set<String>> lasByPeriod = new TreeMap<>();
        rows.forEach(r -> lasByPeriod.computeIfAbsent(r.timePeriod(), k -> new TreeSet<>()).add(r.laCode()));
        lasByPeriod.forEach((period, las) -> db.deleteFrom(SEN2_FIGURE).where(SEN2_FIGURE.DATASET.eq(file.name()))
                .and(SEN2_FIGURE.TIME_PERIOD.eq(period)).and(SEN2_FIGURE.LA_CODE.in(las)).execute());
        // one statement for the whole file: PostgreSQL unpacks the rows from one JSON array, many times faster than
        // multi-row INSERTs from jOOQ records
        List<Map<String, Object>> values = new ArrayList<>(rows.size());
        for (Sen2Row row : rows) {
            values.add(Map.of("p", row.timePeriod(), "la", row.laCode(), "t", row.topic(), "b", row.breakdown(), "f", row.figures(),
                    "s", row.suppressed()));
        }
        db.execute("INSERT INTO {0} ({1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}) SELECT {9}, (r->>'p')::integer, r->>'la', r->>'t', r->>'b',"
                        + " r->'f', r->'s', {10} FROM jsonb_array_elements({11}::jsonb) AS r",
                SEN2_FIGURE, SEN2_FIGURE.DATASET.getUnqualifiedName(), SEN2_FIGURE.TIME_PERIOD.getUnqualifiedName(),
                SEN2_FIGURE.LA_CODE.getUnqualifiedName(), SEN2_FIGURE.BREAKDOWN_TOPIC.getUnqualifiedName(), SEN2_FIGURE.BREAKDOWN.getUnqualifiedName(),
                SEN2_FIGURE.FIGURES.getUnqualifiedName(), SEN2_FIGURE.SUPPRESSED.getUnqualifiedName(), SEN2_FIGURE.IMPORTED_AT.getUnqualifiedName(),
                DSL.val(file.name(), SEN2_FIGURE.DATASET), DSL.val(Instant.now(), SEN2_FIGURE.IMPORTED_AT), DSL.val(JSON.writeValueAsString(values)));
        return rows.size();
    }

    /** Every stored row of the file, as the reader gave it (line 0). */
    List<Sen2Row> rows(Sen2File file) {
        return db.selectFrom(SEN2_FIGURE).where(SEN2_FIGURE.DATASET.eq(file.name())).fetch(r -> new Sen2Row(0, r.getTimePeriod(),
                r.getLaCode(), r.getBreakdownTopic(), r.getBreakdown(), JSON.readValue(r.getFigures().data(), COUNTS),
                JSON.readValue(r.getSuppressed().data(), CODES)));
    }

    /** When anything was last imported: forecasts computed before it are out of date. */
    Instant lastImport() {
        return db.select(DSL.max(SEN2_FIGURE.IMPORTED_AT)).from(SEN2_FIGURE).fetchOne().value1();
    }
}
