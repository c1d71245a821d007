package uk.sendplan.api.sufficiency;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.sendplan.api.sufficiency.Sen2Reader.Sen2Row;
import uk.sendplan.db.jooq.tables.records.Sen2FigureRecord;

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
    private static final int CHUNK = 2_000;

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
        Instant now = Instant.now();
        List<Sen2FigureRecord> records = new ArrayList<>(rows.size());
        for (Sen2Row row : rows) {
            records.add(new Sen2FigureRecord(file.name(), row.timePeriod(), row.laCode(), row.topic(), row.breakdown(),
                    JSONB.valueOf(JSON.writeValueAsString(row.figures())), JSONB.valueOf(JSON.writeValueAsString(row.suppressed())), now));
        }
        for (int from = 0; from < records.size(); from += CHUNK) {
            var insert = db.insertInto(SEN2_FIGURE).set(records.get(from));
            for (Sen2FigureRecord record : records.subList(from + 1, Math.min(records.size(), from + CHUNK))) {
                insert = insert.newRecord().set(record);
            }
            insert.execute();
        }
        return records.size();
    }

    /** Every stored row of the file, as the reader gave it (line 0). */
    List<Sen2Row> rows(Sen2File file) {
        return db.selectFrom(SEN2_FIGURE).where(SEN2_FIGURE.DATASET.eq(file.name())).fetch(r -> new Sen2Row(0, r.getTimePeriod(),
                r.getLaCode(), r.getBreakdownTopic(), r.getBreakdown(), JSON.readValue(r.getFigures().data(), COUNTS),
                JSON.readValue(r.getSuppressed().data(), CODES)));
    }

    /** When anything was last imported: forecasts computed before it are out of date. */
    Instant lastImport() {
        return db.select(org.jooq.impl.DSL.max(SEN2_FIGURE.IMPORTED_AT)).from(SEN2_FIGURE).fetchOne().value1();
    }
}
