package uk.sendplan.api.sufficiency;

import java.util.List;

/**
 * The kinds of placement the forecast gives, each a set of DfE's placement-type columns. {@link #ELSEWHERE} is what is
 * left of the total: educated elsewhere (home education, other arrangements, NEET), non-maintained early years,
 * awaiting provision and not recorded, and any column DfE left without a number.
 */
enum Placement {
    MAINSTREAM(List.of("mainstream_la_maintained", "mainstream_academy", "mainstream_free_school", "mainstream_independent"),
            List.of("Mainstream - LA maintained", "Mainstream - academy", "Mainstream - free school", "Mainstream - independent")),
    RESOURCED_PROVISION_OR_SEN_UNIT(List.of("mainstream_la_maintained_resourced_provision", "mainstream_la_maintained_senunit",
            "mainstream_academy_resourced_provision", "mainstream_academy_senunit", "mainstream_free_school_resourced_provision",
            "mainstream_free_school_senunit"),
            List.of("Mainstream - LA maintained (resourced provision)", "Mainstream - LA maintained (SEN unit)",
                    "Mainstream - academy (resourced provision)", "Mainstream - academy (SEN unit)",
                    "Mainstream - free school (resourced provision)", "Mainstream - free school (SEN unit)")),
    STATE_SPECIAL(List.of("special_la_maintained", "special_academy_free"), List.of("Special - LA maintained", "Special - Academy/free schools")),
    INDEPENDENT_OR_NON_MAINTAINED_SPECIAL(List.of("special_independent", "special_non_maintained"),
            List.of("Special - independent", "Special - non-maintained")),
    ALTERNATIVE_PROVISION(List.of("ap_pru_academy", "ap_pru_free_school", "ap_pru_la_maintained"),
            List.of("AP/PRU - LA maintained", "AP/PRU - academy", "AP/PRU - free school")),
    POST_16(List.of("general_fe_tertiary_colleges", "specialist_post_16_institutions", "ukrlp_provider"),
            List.of("FE - general FE and tertiary colleges", "FE - specialist post-16 institutions", "FE - UKRLP provider")),
    ELSEWHERE(List.of(), List.of());

    /** Count columns of the caseload and new-plan files. */
    final List<String> columns;
    /** The "Type of placement" breakdowns of the need files (each kind's parts; DfE's "- total" rows are left out). */
    final List<String> breakdowns;

    Placement(List<String> columns, List<String> breakdowns) {
        this.columns = columns;
        this.breakdowns = breakdowns;
    }

    /**
     * The kind a need file's "Type of placement" breakdown counts in: a part of a kind, or ELSEWHERE for educated
     * elsewhere, non-maintained early years and not recorded; null for DfE's sub-totals ("Special - total").
     */
    static Placement ofBreakdown(String breakdown) {
        if (breakdown.endsWith(" - total")) {
            return null;
        }
        for (Placement kind : values()) {
            if (kind.breakdowns.contains(breakdown)) {
                return kind;
            }
        }
        return ELSEWHERE;
    }

    boolean special() {
        return this == STATE_SPECIAL || this == INDEPENDENT_OR_NON_MAINTAINED_SPECIAL;
    }
}
