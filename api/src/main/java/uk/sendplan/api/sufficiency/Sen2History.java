package uk.sendplan.api.sufficiency;

import uk.sendplan.api.sufficiency.Sen2File.Topics;
import uk.sendplan.api.sufficiency.Sen2Reader.Sen2Row;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each LA's SEN2 history as the forecast reads it, from the stored rows of the four files, up to a January (so a
 * back-test sees only what was published by then). Years are Januaries: DfE's 202425 is January 2025; new plans of
 * calendar 2024 are those that joined between the Januaries 2024 and 2025.
 */
final class Sen2History {

    /** Single years of age 2 ("under 3") to 25, the oldest a plan runs to. */
    static final int MIN_AGE = 2;
    static final int MAX_AGE = 25;
    static final int AGES = MAX_AGE - MIN_AGE + 1;
    static final int KINDS = Placement.values().length;
    static final List<String> NEEDS = Sen2File.Columns.NEEDS;

    /**
     * One LA: plans at each January by kind of placement; by age and kind where DfE gives ages; new plans each calendar
     * year, and by age at start where given; the latest count of each primary need at each age, and in each kind of
     * placement (each null without it).
     */
    record La(String laCode, TreeMap<Integer, double[]> totals, TreeMap<Integer, double[][]> byAge, TreeMap<Integer, Double> newPlans,
              TreeMap<Integer, double[]> newByAge, double[][] needCounts, double[][] kindNeedCounts) {

        double total(int january) {
            double sum = 0;
            for (double v : totals.get(january)) {
                sum += v;
            }
            return sum;
        }
    }

    private Sen2History() {
    }

    /** Every LA with at least one January of plans, using nothing published after lastJanuary. */
    static Map<String, La> build(Map<Sen2File, List<Sen2Row>> files, int lastJanuary) {
        Map<String, La> las = new TreeMap<>();
        for (Sen2Row row : files.getOrDefault(Sen2File.CASELOAD, List.of())) {
            int january = row.timePeriod() % 100 + 2000;
            if (january > lastJanuary) {
                continue;
            }
            La la = las.computeIfAbsent(row.laCode(), code -> new La(code, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
                    null, null));
            double[] kinds = kinds(row, Sen2File.CASELOAD.totalColumn);
            if (row.topic().equals(Topics.ALL)) {
                la.totals().put(january, kinds);
            } else {
                int age = age(row.breakdown());
                if (age >= MIN_AGE) {
                    la.byAge().computeIfAbsent(january, k -> new double[AGES][KINDS])[age - MIN_AGE] = kinds;
                }
            }
        }
        // a January with ages but no total row (it should not happen in DfE's files) is the sum of its ages
        las.values().forEach(la -> la.byAge().forEach((january, ages) -> la.totals().computeIfAbsent(january, k -> sumOver(ages))));
        for (Sen2Row row : files.getOrDefault(Sen2File.NEW_PLANS, List.of())) {
            La la = las.get(row.laCode());
            if (la == null || row.timePeriod() > lastJanuary - 1) {
                continue;
            }
            if (row.topic().equals(Topics.NEW)) {
                la.newPlans().put(row.timePeriod(), total(row, Sen2File.NEW_PLANS.totalColumn));
            } else {
                int age = age(row.breakdown());
                if (age >= MIN_AGE) {
                    la.newByAge().computeIfAbsent(row.timePeriod(), k -> new double[AGES])[age - MIN_AGE] += total(row, Sen2File.NEW_PLANS.totalColumn);
                }
            }
        }
        Map<String, double[][]> needs = needCounts(files.getOrDefault(Sen2File.NEEDS_ALL_PLANS, List.of()), lastJanuary);
        Map<String, double[][]> kindNeeds = kindNeedCounts(files.getOrDefault(Sen2File.NEEDS_ALL_PLANS, List.of()), lastJanuary);
        Map<String, La> result = new TreeMap<>();
        las.forEach((code, la) -> {
            if (!la.totals().isEmpty()) {
                result.put(code, new La(code, la.totals(), la.byAge(), la.newPlans(), la.newByAge(), needs.get(code), kindNeeds.get(code)));
            }
        });
        return result;
    }

    /** "under 3" and "age 2 and under" are 2, "age 20 and over" (age at start) 20, "age 14" 14; anything else -1. */
    static int age(String breakdown) {
        if (breakdown.equals("under 3") || breakdown.equals("age 2 and under")) {
            return MIN_AGE;
        }
        if (breakdown.equals("age 20 and over")) {
            return 20;
        }
        if (breakdown.matches("age \\d{1,2}")) {
            int age = Integer.parseInt(breakdown.substring(4));
            return age >= MIN_AGE && age <= MAX_AGE ? age : -1;
        }
        return -1;
    }

    /** Counts by kind of placement; a column without a number counts in none, so it falls to ELSEWHERE with the rest. */
    private static double[] kinds(Sen2Row row, String totalColumn) {
        double[] kinds = new double[KINDS];
        double placed = 0;
        for (Placement kind : Placement.values()) {
            for (String column : kind.columns) {
                kinds[kind.ordinal()] += row.figures().getOrDefault(column, 0);
            }
            placed += kinds[kind.ordinal()];
        }
        Integer total = row.figures().get(totalColumn);
        kinds[Placement.ELSEWHERE.ordinal()] = Math.max(0, (total == null ? placed : total) - placed);
        return kinds;
    }

    private static double total(Sen2Row row, String totalColumn) {
        Integer total = row.figures().get(totalColumn);
        if (total != null) {
            return total;
        }
        double sum = 0;
        for (double v : kinds(row, totalColumn)) {
            sum += v;
        }
        return sum;
    }

    private static double[] sumOver(double[][] ages) {
        double[] sum = new double[KINDS];
        for (double[] age : ages) {
            for (int k = 0; k < KINDS; k++) {
                sum[k] += age[k];
            }
        }
        return sum;
    }

    /** Each LA's count of each need at each age, from the latest January of the need file by age up to lastJanuary. */
    private static Map<String, double[][]> needCounts(List<Sen2Row> rows, int lastJanuary) {
        int latest = latestJanuary(rows, Topics.AGE, lastJanuary);
        Map<String, double[][]> counts = new TreeMap<>();
        for (Sen2Row row : rows) {
            int age = age(row.breakdown());
            if (!row.topic().equals(Topics.AGE) || row.timePeriod() % 100 + 2000 != latest || age < MIN_AGE) {
                continue;
            }
            double[] needs = counts.computeIfAbsent(row.laCode(), k -> new double[AGES][NEEDS.size()])[age - MIN_AGE];
            for (int n = 0; n < NEEDS.size(); n++) {
                needs[n] = row.figures().getOrDefault(NEEDS.get(n), 0);
            }
        }
        return counts;
    }

    /**
     * Each LA's count of each need in each kind of placement, from the latest January of the need file by type of
     * placement up to lastJanuary (a suppressed count is none).
     */
    private static Map<String, double[][]> kindNeedCounts(List<Sen2Row> rows, int lastJanuary) {
        int latest = latestJanuary(rows, Topics.PLACEMENT, lastJanuary);
        Map<String, double[][]> counts = new TreeMap<>();
        for (Sen2Row row : rows) {
            Placement kind = Placement.ofBreakdown(row.breakdown());
            if (!row.topic().equals(Topics.PLACEMENT) || row.timePeriod() % 100 + 2000 != latest || kind == null) {
                continue;
            }
            double[] needs = counts.computeIfAbsent(row.laCode(), k -> new double[KINDS][NEEDS.size()])[kind.ordinal()];
            for (int n = 0; n < NEEDS.size(); n++) {
                needs[n] += row.figures().getOrDefault(NEEDS.get(n), 0);
            }
        }
        return counts;
    }

    private static int latestJanuary(List<Sen2Row> rows, String topic, int lastJanuary) {
        return rows.stream().filter(r -> r.topic().equals(topic)).mapToInt(r -> r.timePeriod() % 100 + 2000).filter(j -> j <= lastJanuary).max().orElse(-1);
    }
}
