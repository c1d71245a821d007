package uk.sendplan.api.market;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.Commissions;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.db.types.BlockContractStatus;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Block contracts: their queries, mutations and fields. */
@Controller
class BlockContractController {

    record BlockContractPayload(BlockContractView contract) {
    }

    /** One party LA's share, with how many of its places approved placements fill now. */
    record PartyRow(String laCode, int places, int filled) {
    }

    private final BlockContracts contracts;
    private final SettingService settings;
    private final Commissions commissions;
    private final ReferenceData reference;

    BlockContractController(BlockContracts contracts, SettingService settings, Commissions commissions, ReferenceData reference) {
        this.contracts = contracts;
        this.settings = settings;
        this.commissions = commissions;
        this.reference = reference;
    }

    @QueryMapping
    List<BlockContractView> blockContracts(@Argument List<BlockContractStatus> statuses) {
        return contracts.search(statuses);
    }

    @QueryMapping
    BlockContractView blockContract(@Argument String id) {
        return contracts.get("blockContract", id);
    }

    @MutationMapping
    BlockContractPayload proposeBlockContract(@Argument BlockContracts.ProposeBlockContractInput input) {
        return new BlockContractPayload(contracts.propose(input));
    }

    @MutationMapping
    BlockContractPayload acceptBlockContract(@Argument String id) {
        return new BlockContractPayload(contracts.accept(id));
    }

    @MutationMapping
    BlockContractPayload declineBlockContract(@Argument String id, @Argument String reason) {
        return new BlockContractPayload(contracts.decline(id, reason));
    }

    @MutationMapping
    BlockContractPayload withdrawBlockContract(@Argument String id, @Argument String reason) {
        return new BlockContractPayload(contracts.withdraw(id, reason));
    }

    @MutationMapping
    BlockContractPayload endBlockContract(@Argument String id, @Argument String reason) {
        return new BlockContractPayload(contracts.end(id, reason));
    }

    @BatchMapping(typeName = "BlockContract", field = "setting")
    Map<BlockContractView, SettingView> setting(List<BlockContractView> of) {
        Map<Integer, SettingView> found = settings.findAll(of.stream().map(BlockContractView::urn).collect(Collectors.toSet()));
        Map<BlockContractView, SettingView> bySetting = new LinkedHashMap<>();
        of.forEach(c -> bySetting.put(c, found.get(c.urn())));
        return bySetting;
    }

    /** The shares; places are filled only while the contract is in force (its commissions are in the register). */
    @BatchMapping(typeName = "BlockContract", field = "parties")
    Map<BlockContractView, List<PartyRow>> parties(List<BlockContractView> of) {
        Map<String, Integer> filled = new HashMap<>();
        of.stream().filter(c -> c.status() == BlockContractStatus.ACTIVE).collect(Collectors.groupingBy(BlockContractView::financialYear))
                .forEach((year, active) -> commissions.contracted(active.stream().map(BlockContractView::urn).distinct().toList(), year)
                        .values().forEach(cells -> cells.forEach(c -> filled.put(c.contractId() + "/" + c.laCode(), c.filled()))));
        Map<BlockContractView, List<PartyRow>> rows = new LinkedHashMap<>();
        of.forEach(c -> rows.put(c, c.parties().stream()
                .map(p -> new PartyRow(p.laCode(), p.places(), filled.getOrDefault(c.id() + "/" + p.laCode(), 0))).toList()));
        return rows;
    }

    @SchemaMapping(typeName = "BlockContractParty")
    LocalAuthority localAuthority(PartyRow party) {
        return reference.localAuthority(party.laCode()).orElseThrow();
    }

    @SchemaMapping(typeName = "BlockContract")
    LocalAuthority leadLocalAuthority(BlockContractView contract) {
        return reference.localAuthority(contract.leadLaCode()).orElseThrow();
    }

    @SchemaMapping(typeName = "BlockContract")
    int places(BlockContractView contract) {
        return contract.places();
    }

    @SchemaMapping(typeName = "BlockContract")
    BigDecimal annualFee(BlockContractView contract) {
        return Money.pounds(contract.annualFeePence());
    }

    @SchemaMapping(typeName = "BlockContract")
    BigDecimal annualCommitment(BlockContractView contract) {
        return Money.pounds(contract.annualCommitmentPence());
    }

    @SchemaMapping(typeName = "BlockContract")
    BigDecimal referenceFee(BlockContractView contract) {
        return Money.poundsOrNull(contract.referencePence());
    }

    @SchemaMapping(typeName = "BlockContract")
    BigDecimal ceilingFee(BlockContractView contract) {
        return Money.poundsOrNull(contract.ceilingPence());
    }
}
