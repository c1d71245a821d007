package uk.sendplan.api.sufficiency;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * DfE's four "Education, health and care plans" files the forecast learns from, each with the count columns it reads
 * and the breakdowns it keeps. Columns are found by name, so a later release with more columns still reads.
 */
enum Sen2File {
    /** All plans at January, by placement type, 2018/19 on; by single year of age from 2023/24. */
    CASELOAD("caseload.csv", "ehcplans", Columns.PLACEMENTS, Set.of(Topics.ALL, Topics.AGE), true),
    /** All plans at January 2025 by primary need: in all, by type of placement and by age. */
    NEEDS_ALL_PLANS("sen_needs_all_plans.csv", "ehc_plans", Columns.NEEDS, Set.of(Topics.ALL, Topics.PLACEMENT, Topics.AGE), true),
    /** New plans in a calendar year by placement type, 2019 on; by age when the plan started from 2022. */
    NEW_PLANS("newplans.csv", "new_ehc_plans", Columns.PLACEMENTS, Set.of(Topics.NEW, Topics.AGE_AT_START), false),
    /** New plans in a calendar year by primary need. */
    NEEDS_NEW_PLANS("sen_need_newplans.csv", "ehc_plans", Columns.NEEDS, Set.of(Topics.ALL, Topics.PLACEMENT, Topics.AGE), false);

    /** DfE's breakdown_topic values the forecast reads. */
    static final class Topics {
        static final String ALL = "All EHC plans";
        static final String NEW = "New EHC plans";
        static final String AGE = "Child or young persons age";
        static final String AGE_AT_START = "Age when plan started";
        static final String PLACEMENT = "Type of placement";

        private Topics() {
        }
    }

    static final class Columns {
        /** Placement-type counts, each in exactly one kind of placement (see {@link Placement}). */
        static final List<String> PLACEMENTS = List.of("mainstream_la_maintained", "mainstream_la_maintained_resourced_provision",
                "mainstream_la_maintained_senunit", "mainstream_academy", "mainstream_academy_resourced_provision", "mainstream_academy_senunit",
                "mainstream_free_school", "mainstream_free_school_resourced_provision", "mainstream_free_school_senunit", "mainstream_independent",
                "special_la_maintained", "special_academy_free", "special_independent", "special_non_maintained", "ap_pru_academy",
                "ap_pru_free_school", "ap_pru_la_maintained", "general_fe_tertiary_colleges", "specialist_post_16_institutions", "ukrlp_provider");
        /** Primary-need counts; need_unknown is the plans whose need was not recorded. */
        static final List<String> NEEDS = List.of("number_asd", "number_hi", "number_mld", "number_msi", "number_oth", "number_pd",
                "number_pmld", "number_semh", "number_slcn", "number_sld", "number_spld", "number_vi", "number_need_unknown");
        static final List<String> IDENTITY = List.of("time_period", "geographic_level", "old_la_code", "breakdown_topic", "breakdown");

        private Columns() {
        }
    }

    final String fileName;
    final String totalColumn;
    final List<String> countColumns;
    final Set<String> topics;
    /** Academic years (time_period 202425) or calendar years (2024). */
    final boolean academicYears;

    Sen2File(String fileName, String totalColumn, List<String> columns, Set<String> topics, boolean academicYears) {
        this.fileName = fileName;
        this.totalColumn = totalColumn;
        List<String> all = new ArrayList<>();
        all.add(totalColumn);
        all.addAll(columns);
        this.countColumns = List.copyOf(all);
        this.topics = topics;
        this.academicYears = academicYears;
    }

    /** Every column the file must have. */
    List<String> requiredColumns() {
        List<String> required = new ArrayList<>(Columns.IDENTITY);
        required.addAll(countColumns);
        return required;
    }

    /** DfE's time_period as people read it: 202425 as "2024/25", 2024 as "2024". */
    static String periodLabel(int timePeriod) {
        return timePeriod >= 100_000 ? (timePeriod / 100) + "/" + String.format("%02d", timePeriod % 100) : String.valueOf(timePeriod);
    }
}
