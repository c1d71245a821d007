package uk.sendplan.api.market;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import uk.sendplan.api.GraphQlTestBase;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.*;

/**
 * Block contracts over GraphQL on the real schema: proposed jointly by two LAs and fee-checked (refused above the
 * ceiling, justified above the reference), accepted by the provider into the register, kept there against the
 * provider's own edits, filled first by a plan at no fee for the contracting LA's child, and released when ended.
 * Northumberland's band 3 day reference is £60,000 and its ceiling £72,000.
 */
class BlockContractTest extends GraphQlTestBase {

    /** Newcastle upon Tyne: Northumberland's partner in the joint contract. */
    private static final String PARTNER = "391";
    private static final String YEAR = MarketRules.financialYear(MarketRules.today());

    private static Map<String, Object> contract(int urn, String fee, int ownPlaces, int partnerPlaces) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("urn", urn);
        input.put("need", "ASD");
        input.put("phase", "SECONDARY");
        input.put("financialYear", YEAR);
        input.put("band", 3);
        input.put("kind", "DAY");
        input.put("annualFee", fee);
        input.put("parties", List.of(Map.of("laCode", MarketWorld.LA, "places", ownPlaces), Map.of("laCode", PARTNER, "places", partnerPlaces)));
        return input;
    }

    @Test
    void aJointContractIsCheckedAcceptedKeptFilledFirstByAPlanAndReleased() throws Exception {
        HttpGraphQlTester commissioner = asCommissioner(MarketWorld.LA);
        MarketWorld world = new MarketWorld(graphQl, commissioner, 4, 4);
        HttpGraphQlTester providerA = asProvider(Long.parseLong(world.providerA));
        HttpGraphQlTester providerB = asProvider(Long.parseLong(world.providerB));
        int contracts = db.fetchCount(BLOCK_CONTRACT);

        // bad input: nothing written
        commissioner.documentName("proposeBlockContract").fragmentName("blockContractFields")
                .variable("input", contract(world.settingA, "90000.00", 2, 1)).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST
                        && e.getMessage().startsWith("input.annualFee: the fee check refused this contract (ABOVE_CEILING)")
                        && e.getMessage().contains("£18,000.00")).verify();
        commissioner.documentName("proposeBlockContract").fragmentName("blockContractFields")
                .variable("input", contract(world.settingA, "66000.00", 2, 1)).execute().errors()
                .expect(e -> e.getMessage().startsWith("input.justification: the fee £66,000.00 a place is above the adjusted reference £60,000.00")).verify();
        commissioner.documentName("proposeBlockContract").fragmentName("blockContractFields")
                .variable("input", contract(world.settingA, "58000.00", 3, 2)).execute().errors()
                .expect(e -> e.getMessage().equals("input.parties: 5 places asked, but setting " + world.settingA
                        + " has 4 ASD SECONDARY places in all")).verify();
        Map<String, Object> notOurs = new LinkedHashMap<>(contract(world.settingA, "58000.00", 1, 1));
        notOurs.put("parties", List.of(Map.of("laCode", PARTNER, "places", 2)));
        commissioner.documentName("proposeBlockContract").fragmentName("blockContractFields").variable("input", notOurs).execute().errors()
                .expect(e -> e.getMessage().equals("input.parties: your LA (929) must be a party to a contract it proposes")).verify();
        assertThat(db.fetchCount(BLOCK_CONTRACT)).isEqualTo(contracts);

        // proposed jointly, checked within the reference
        String id = commissioner.documentName("proposeBlockContract").fragmentName("blockContractFields")
                .variable("input", contract(world.settingA, "58000.00", 2, 1)).execute()
                .path("proposeBlockContract.contract.status").entity(String.class).isEqualTo("PROPOSED")
                .path("proposeBlockContract.contract.verdict").entity(String.class).isEqualTo("WITHIN_REFERENCE")
                .path("proposeBlockContract.contract.places").entity(Integer.class).isEqualTo(3)
                .path("proposeBlockContract.contract.annualCommitment").entity(String.class).isEqualTo("174000.00")
                .path("proposeBlockContract.contract.referenceFee").entity(String.class).isEqualTo("60000.00")
                .path("proposeBlockContract.contract.id").entity(String.class).get();

        // only the setting's provider answers; acceptance commissions the places for both LAs
        providerB.documentName("acceptBlockContract").fragmentName("blockContractFields").variable("id", id).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();
        providerA.documentName("acceptBlockContract").fragmentName("blockContractFields").variable("id", id).execute()
                .path("acceptBlockContract.contract.status").entity(String.class).isEqualTo("ACTIVE");
        graphQl.documentName("setting").variable("urn", world.settingA).execute()
                .path("setting.places[0].commissions[*].localAuthority.code").entityList(String.class).containsExactly(PARTNER, MarketWorld.LA)
                .path("setting.places[0].commissions[*].blockContractId").entityList(String.class).containsExactly(id, id)
                .path("setting.places[0].commissions[*].financialYear").entityList(String.class).containsExactly(YEAR, YEAR);

        // the provider can't drop the contracted places, nor shrink the cell below them
        providerA.documentName("setPlaces").variable("input", Map.of("urn", world.settingA, "places", List.of())).execute().errors()
                .expect(e -> e.getMessage().startsWith("setPlaces: places under a block contract in force stay in the register")).verify();
        providerA.documentName("setPlaces").variable("input", Map.of("urn", world.settingA, "places",
                        List.of(Map.of("need", "ASD", "phase", "SECONDARY", "capacity", 2, "occupied", 0)))).execute().errors()
                .expect(e -> e.getMessage().startsWith("setPlaces: commissioned places must not exceed capacity")).verify();
        assertThat(db.fetchCount(PLACE_COMMISSION, PLACE_COMMISSION.CONTRACT_ID.eq(Long.parseLong(id)))).isEqualTo(2);
        assertThat(db.fetchValue(PLACE.CAPACITY, PLACE.SETTING_URN.eq(world.settingA))).isEqualTo(4);

        // a plan fills the contracted place before B's cheaper spot place: its fee is paid already
        graphQl.documentName("submitFees").fragmentName("feeFields").variable("input", Map.of("urn", world.settingA, "financialYear", YEAR,
                "fees", List.of(Map.of("band", 3, "kind", "DAY", "annualFee", "59000.00")))).execute().path("submitFees.fees").hasValue();
        graphQl.documentName("submitFees").fragmentName("feeFields").variable("input", Map.of("urn", world.settingB, "financialYear", YEAR,
                "fees", List.of(Map.of("band", 3, "kind", "DAY", "annualFee", "45000.00")))).execute().path("submitFees.fees").hasValue();
        String term = "2034-SPRING";
        String child = commissioner.documentName("createPlacementRequest").variable("input", Map.of("laCode", MarketWorld.LA,
                        "reference", "BLOCK-" + id, "primaryNeed", "ASD", "band", 3, "age", 12, "homeDistrict", world.district, "gender", "MALE",
                        "startTerm", term))
                .execute().path("createPlacementRequest.request.id").entity(String.class).get();
        String planId = commissioner.documentName("startPlan").variable("input", Map.of("scope", "LOCAL_AUTHORITY", "code", MarketWorld.LA,
                "financialYear", YEAR, "startTerm", term, "timeLimitSeconds", 1)).execute().path("startPlan.plan.id").entity(String.class).get();
        awaitFinished(commissioner, planId);
        commissioner.documentName("planAssignments").variable("id", planId).execute()
                .path("plan.assignments.edges[0].node.request.id").entity(String.class).isEqualTo(child)
                .path("plan.assignments.edges[0].node.setting.urn").entity(Integer.class).isEqualTo(world.settingA)
                .path("plan.assignments.edges[0].node.blockContractId").entity(String.class).isEqualTo(id)
                .path("plan.assignments.edges[0].node.fee").entity(String.class).isEqualTo("0.00")
                // Northumberland's share only (Newcastle's is kept from this plan, not offered to it): one filled, one left empty
                .path("plan.blockContractPlaces[*].localAuthority.code").entityList(String.class).containsExactly(MarketWorld.LA)
                .path("plan.blockContractPlaces[0].placesOpen").entity(Integer.class).isEqualTo(2)
                .path("plan.blockContractPlaces[0].filled").entity(Integer.class).isEqualTo(1)
                .path("plan.blockContractPlaces[0].leftEmpty").entity(Integer.class).isEqualTo(1)
                .path("plan.blockContractPlaces[0].summary").entity(String.class).satisfies(text -> assertThat(text)
                        .startsWith("1 of Northumberland's 2 free block-contracted ASD secondary places at Market Test School A ")
                        .endsWith("(URN " + world.settingA + ") stay empty in this plan: no child of Northumberland it plans for fits them, "
                                + "and their fee is paid all the same."));
        commissioner.documentName("approvePlan").variable("input", Map.of("planId", planId)).execute()
                .path("approvePlan.approved").entity(Integer.class).isEqualTo(1);
        assertThat(db.fetchValue(PLACEMENT.CONTRACT_ID, PLACEMENT.REQUEST_ID.eq(Long.parseLong(child)))).isEqualTo(Long.parseLong(id));
        commissioner.documentName("blockContract").fragmentName("blockContractFields").variable("id", id).execute()
                .path("blockContract.parties[*].filled").entityList(Integer.class).containsExactly(0, 1);

        // ended early: the places leave the register, the child keeps theirs, each party's trail shows it
        commissioner.documentName("endBlockContract").fragmentName("blockContractFields").variable("id", id).variable("reason", "Provision moved in-house")
                .execute().path("endBlockContract.contract.status").entity(String.class).isEqualTo("ENDED");
        assertThat(db.fetchCount(PLACE_COMMISSION, PLACE_COMMISSION.CONTRACT_ID.eq(Long.parseLong(id)))).isZero();
        assertThat(db.fetchValue(PLACE.PLACED, PLACE.SETTING_URN.eq(world.settingA))).isEqualTo(1);
        assertThat(db.select(AUDIT_EVENT.ACTION, AUDIT_EVENT.LA_CODE).from(AUDIT_EVENT).where(AUDIT_EVENT.ENTITY_TYPE.eq("block_contract"))
                .and(AUDIT_EVENT.ENTITY_ID.eq(id)).fetch(r -> r.value1() + "/" + r.value2()))
                .containsExactlyInAnyOrder("BLOCK_CONTRACT_PROPOSED/929", "BLOCK_CONTRACT_PROPOSED/391", "BLOCK_CONTRACT_ACCEPTED/929",
                        "BLOCK_CONTRACT_ACCEPTED/391", "BLOCK_CONTRACT_ENDED/929", "BLOCK_CONTRACT_ENDED/391");
    }
}
