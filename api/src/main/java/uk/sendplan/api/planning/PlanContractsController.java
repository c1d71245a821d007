package uk.sendplan.api.planning;

import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a plan did with the places block contracts kept for its LAs: the places are in the register for anyone to read,
 * so the counts are too; the contracts' fees are the parties' (see blockContract).
 */
@Controller
class PlanContractsController {

    /** One LA's contracted places in a setting's cell, as the plan used them, with a sentence a commissioner reads. */
    record ContractUseView(long blockContractId, String laCode, SettingView setting, String need, String phase, int placesOpen, int filled,
                           int leftEmpty, String summary) {
    }

    /** Most rows Plan.blockContractPlaces returns (the query cost model counts on it). */
    static final int MAX_ROWS = 200;

    private final PlanRepository plans;
    private final SettingService settings;
    private final ReferenceData reference;

    PlanContractsController(PlanRepository plans, SettingService settings, ReferenceData reference) {
        this.plans = plans;
        this.settings = settings;
        this.reference = reference;
    }

    @SchemaMapping(typeName = "Plan")
    List<ContractUseView> blockContractPlaces(PlanView plan) {
        List<PlanTranslator.ContractUse> uses = plans.contractUses(plan.id(), MAX_ROWS);
        Map<Integer, SettingView> byUrn = settings.findAll(uses.stream().map(PlanTranslator.ContractUse::urn).collect(Collectors.toSet()));
        return uses.stream().map(u -> {
            SettingView setting = byUrn.get(u.urn());
            int empty = u.placesOpen() - u.filled();
            String la = reference.localAuthority(u.laCode()).map(LocalAuthority::name).orElse(u.laCode());
            String places = u.need() + " " + u.phase().toLowerCase(Locale.ROOT).replace('_', '-') + " place" + (u.placesOpen() == 1 ? "" : "s");
            String summary = empty == 0
                    ? "The plan fills all " + u.placesOpen() + " of " + la + "'s free block-contracted " + places + " at " + setting.name()
                    + " (URN " + u.urn() + ")."
                    : empty + " of " + la + "'s " + u.placesOpen() + " free block-contracted " + places + " at " + setting.name() + " (URN "
                    + u.urn() + ") stay empty in this plan: no child of " + la + " it plans for fits them, and their fee is paid all the same.";
            return new ContractUseView(u.contractId(), u.laCode(), setting, u.need(), u.phase(), u.placesOpen(), u.filled(), empty, summary);
        }).toList();
    }

    @SchemaMapping(typeName = "BlockContractUse")
    LocalAuthority localAuthority(ContractUseView use) {
        return reference.localAuthority(use.laCode()).orElseThrow();
    }
}
