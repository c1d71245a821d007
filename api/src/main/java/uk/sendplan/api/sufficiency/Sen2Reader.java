package uk.sendplan.api.sufficiency;

import uk.sendplan.api.system.Csv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Reads one of DfE's SEN2 files and checks every row, writing nothing: the LA-level rows of the breakdowns the forecast
 * uses are kept; national and regional rows (sums of their LAs), other breakdowns and LAs that no longer exist are
 * skipped, each counted by reason; anything malformed is a rejection naming its row and column.
 */
final class Sen2Reader {

    /**
     * One problem; rows are line numbers in the file, the header being row 1. It answers as the GIAS import's
     * ImportRejection, whose urn is GIAS's and always null here.
     */
    record Issue(int row, Integer urn, String column, String reason) {
    }

    record Sen2Row(int line, int timePeriod, String laCode, String topic, String breakdown, Map<String, Integer> figures,
                   Map<String, String> suppressed) {
    }

    record Read(int rows, List<Sen2Row> kept, List<Issue> rejections, Map<String, Integer> skipped, TreeSet<Integer> periods) {
    }

    /**
     * DfE's symbols for a cell without a number (Explore Education Statistics conventions): x unavailable, z not
     * applicable, c confidential, low a small number rounded away, u low reliability, k rounded to zero, : not
     * available. Each is "no value", never zero.
     */
    static final Set<String> SUPPRESSION_CODES = Set.of("x", "z", "c", "low", "u", "k", ":");

    /** LA numbers of councils reorganised away, as they appear in DfE's older years: their successors carry on. */
    static final Map<String, String> FORMER_LAS = Map.of("835", "Bournemouth", "836", "Poole", "837", "Dorset (county, before 2019)",
            "909", "Cumbria", "928", "Northamptonshire");

    private static final java.util.regex.Pattern COUNT = java.util.regex.Pattern.compile("\\d{1,9}");

    static final String SKIP_NOT_LA = "national or regional row (a sum of its LAs, not stored)";
    static final String SKIP_FORMER_LA = "LA that no longer exists (reorganised into its successors)";

    private Sen2Reader() {
    }

    static Read read(Sen2File file, String text, Predicate<String> knowsLa) {
        List<Issue> rejections = new ArrayList<>();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        List<Sen2Row> kept = new ArrayList<>();
        TreeSet<Integer> periods = new TreeSet<>();
        List<Csv.Row> rows;
        try {
            rows = Csv.parse(text);
        } catch (IllegalArgumentException e) {
            return new Read(0, kept, List.of(new Issue(1, null, null, e.getMessage())), skipped, periods);
        }
        if (rows.isEmpty()) {
            return new Read(0, kept, List.of(new Issue(1, null, null, "the file is empty: expected DfE's " + file.fileName)), skipped, periods);
        }
        List<String> header = rows.getFirst().fields().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
        for (String column : file.requiredColumns()) {
            if (!index.containsKey(column)) {
                rejections.add(new Issue(1, null, column, "missing column \"" + column + "\" (expected DfE's " + file.fileName + ")"));
            }
        }
        if (!rejections.isEmpty()) {
            return new Read(rows.size() - 1, kept, rejections, skipped, periods);
        }
        Map<String, Integer> firstLineOf = new HashMap<>();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            List<String> f = row.fields();
            if (f.size() == 1 && f.getFirst().isBlank()) {
                continue;
            }
            if (f.size() != header.size()) {
                rejections.add(new Issue(row.line(), null, null, "has " + f.size() + " fields where the header has " + header.size()));
                continue;
            }
            String level = f.get(index.get("geographic_level")).trim();
            if (level.equals("National") || level.equals("Regional")) {
                skipped.merge(SKIP_NOT_LA, 1, Integer::sum);
                continue;
            }
            if (!level.equals("Local authority")) {
                rejections.add(new Issue(row.line(), null, "geographic_level", "\"" + level + "\" is not National, Regional or Local authority"));
                continue;
            }
            String topic = f.get(index.get("breakdown_topic")).trim();
            if (!file.topics.contains(topic)) {
                skipped.merge("breakdown not used by the forecast: " + topic, 1, Integer::sum);
                continue;
            }
            String laCode = f.get(index.get("old_la_code")).trim();
            if (FORMER_LAS.containsKey(laCode)) {
                skipped.merge(SKIP_FORMER_LA, 1, Integer::sum);
                continue;
            }
            int before = rejections.size();
            if (!knowsLa.test(laCode)) {
                rejections.add(new Issue(row.line(), null, "old_la_code", "\"" + laCode + "\" is not the code of an English LA"));
            }
            Integer period = period(file, f.get(index.get("time_period")).trim(), row.line(), rejections);
            String breakdown = f.get(index.get("breakdown")).trim();
            if (breakdown.isEmpty()) {
                rejections.add(new Issue(row.line(), null, "breakdown", "is empty"));
            }
            Map<String, Integer> figures = new LinkedHashMap<>();
            Map<String, String> suppressed = new LinkedHashMap<>();
            for (String column : file.countColumns) {
                String value = f.get(index.get(column)).trim();
                if (SUPPRESSION_CODES.contains(value.toLowerCase(Locale.ROOT))) {
                    suppressed.put(column, value.toLowerCase(Locale.ROOT));
                } else if (COUNT.matcher(value).matches()) {
                    figures.put(column, Integer.parseInt(value));
                } else {
                    rejections.add(new Issue(row.line(), null, column, "\"" + value + "\" is neither a count nor one of DfE's suppression codes "
                            + SUPPRESSION_CODES.stream().sorted().toList()));
                }
            }
            if (rejections.size() > before) {
                continue;
            }
            Integer earlier = firstLineOf.putIfAbsent(period + "|" + laCode + "|" + topic + "|" + breakdown, row.line());
            if (earlier != null) {
                rejections.add(new Issue(row.line(), null, "breakdown", "repeats row " + earlier + " (same LA, time_period and breakdown)"));
                continue;
            }
            periods.add(period);
            kept.add(new Sen2Row(row.line(), period, laCode, topic, breakdown, figures, suppressed));
        }
        return new Read(rows.size() - 1, kept, rejections, skipped, periods);
    }

    /** 202425 for an academic year (its two halves consecutive), 2024 for a calendar year. */
    private static Integer period(Sen2File file, String value, int line, List<Issue> rejections) {
        boolean ok = file.academicYears
                ? value.matches("20\\d{4}") && (Integer.parseInt(value.substring(2, 4)) + 1) % 100 == Integer.parseInt(value.substring(4))
                : value.matches("20\\d{2}");
        if (!ok) {
            rejections.add(new Issue(line, null, "time_period", "\"" + value + "\" is not " + (file.academicYears
                    ? "an academic year as DfE writes it (e.g. 202425)" : "a calendar year (e.g. 2024)")));
            return null;
        }
        return Integer.parseInt(value);
    }
}
