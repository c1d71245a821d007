package uk.sendplan.api.sufficiency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Camden's high needs spend by kind of placement, worked by hand from DfE's file (Section 251 budget 2021-22). */
class HighNeedsSpendTest {

    private final HighNeedsSpend spend = new HighNeedsSpend();

    @Test
    void eachKindCarriesItsPlaceFundingAndTopUpAndItsChildrenPlaced() {
        var camden = spend.of("202").orElseThrow();
        assertThat(camden).extracting(HighNeedsSpend.Line::kind).containsExactly("Mainstream, resourced provision and SEN units",
                "State special schools", "Independent and non-maintained special schools", "Alternative provision and hospital education",
                "Post-16 and further education", "SEN support, inclusion and therapy services");
        // place 406,000 + 144,000 and top-up 6,738,635 + 4,868,450 (early years 0); 612 mainstream + 79 resourced or unit
        assertThat(camden.get(0)).isEqualTo(new HighNeedsSpend.Line(camden.get(0).kind(), 1_215_708_500L, camden.get(0).outturnPence(), 691));
        // place 6,699,774 + top-up 7,910,908 for 313 children: £46,679.50 each
        assertThat(camden.get(1).budgetPence()).isEqualTo(1_461_068_200L);
        assertThat(camden.get(1).placed()).isEqualTo(313);
        assertThat(camden.get(1).budgetPerPlacedPence()).isEqualTo(4_667_950L);
        // top-up to non-maintained and independent providers only: £3,722,000 for 86 children, £43,279.07 each
        assertThat(camden.get(2).budgetPence()).isEqualTo(372_200_000L);
        assertThat(camden.get(2).budgetPerPlacedPence()).isEqualTo(4_327_907L);
        // PRU/AP place 870,000 + top-up 2,281,642 + AP services 255,000 + hospital 45,000
        assertThat(camden.get(3).budgetPence()).isEqualTo(345_164_200L);
        // services are not placements: no children, so no cost per child
        assertThat(camden.get(5).budgetPence()).isEqualTo(265_655_300L);
        assertThat(camden.get(5).placed()).isNull();
        assertThat(camden.get(5).budgetPerPlacedPence()).isNull();
    }

    @Test
    void anLaDfEsFileDoesNotHaveHasNoFigures() {
        assertThat(spend.of("878")).as("Devon is not in DfE's file").isEmpty();
        assertThat(spend.of("999")).isEmpty();
    }
}
