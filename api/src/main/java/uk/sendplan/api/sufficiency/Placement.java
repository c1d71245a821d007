package uk.sendplan.api.sufficiency;

import java.util.List;

/**
 * The kinds of placement the forecast gives, each a set of DfE's placement-type columns. {@link #ELSEWHERE} is what is
 * left of the total: educated elsewhere (home education, other arrangements, NEET), non-maintained early years,
 * awaiting provision and not recorded, and any column DfE left without a number.
 */
enum Placement {
    MAINSTREAM(List.of("mainstream_la_maintained", "mainstream_academy", "mainstream_free_school", "mainstream_independent")),
    RESOURCED_PROVISION_OR_SEN_UNIT(List.of("mainstream_la_maintained_resourced_provision", "mainstream_la_maintained_senunit",
            "mainstream_academy_resourced_provision", "mainstream_academy_senunit", "mainstream_free_school_resourced_provision",
            "mainstream_free_school_senunit")),
    STATE_SPECIAL(List.of("special_la_maintained", "special_academy_free")),
    INDEPENDENT_OR_NON_MAINTAINED_SPECIAL(List.of("special_independent", "special_non_maintained")),
    ALTERNATIVE_PROVISION(List.of("ap_pru_academy", "ap_pru_free_school", "ap_pru_la_maintained")),
    POST_16(List.of("general_fe_tertiary_colleges", "specialist_post_16_institutions", "ukrlp_provider")),
    ELSEWHERE(List.of());

    final List<String> columns;

    Placement(List<String> columns) {
        this.columns = columns;
    }

    boolean special() {
        return this == STATE_SPECIAL || this == INDEPENDENT_OR_NON_MAINTAINED_SPECIAL;
    }
}
