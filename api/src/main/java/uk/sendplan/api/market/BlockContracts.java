package uk.sendplan.api.market;

import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.fees.FeeService;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.Commissions;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingService.PlaceKey;
import uk.sendplan.api.settings.SettingService.PlanningSetting;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.jooq.tables.records.BlockContractRecord;
import uk.sendplan.db.types.BlockContractStatus;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.RegistrationStatus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static uk.sendplan.db.jooq.Tables.BLOCK_CONTRACT;

/**
 * Block contracts: a commissioner, for their LA alone or jointly with others (low-incidence, high-cost provision across
 * LA boundaries), proposes to commission places by need and phase at a setting for a financial year at a fee per place,
 * checked at once against that year's framework as fee schedules and offers are. The provider accepts (the places are
 * commissioned in the register for those LAs, and plans keep them for their children) or declines; the lead LA may
 * withdraw a proposal or end a contract early, which releases its empty places.
 */
@Service
class BlockContracts {

    record PartyInput(String laCode, int places) {
    }

    record ProposeBlockContractInput(int urn, String need, String phase, String financialYear, int band, ProvisionKind kind,
                                     BigDecimal annualFee, String justification, List<PartyInput> parties) {
    }

    /** Most contracts a list returns (newest first). */
    static final int MAX_LIST = 200;
    static final int MAX_PARTIES = 10;

    private final BlockContractRepository contracts;
    private final SettingService settings;
    private final Commissions commissions;
    private final FeeService fees;
    private final ReferenceData reference;
    private final AuditTrail audit;
    private final Access access;

    BlockContracts(BlockContractRepository contracts, SettingService settings, Commissions commissions, FeeService fees, ReferenceData reference,
                   AuditTrail audit, Access access) {
        this.contracts = contracts;
        this.settings = settings;
        this.commissions = commissions;
        this.fees = fees;
        this.reference = reference;
        this.audit = audit;
        this.access = access;
    }

    /** The contracts you may see, newest first: your LA's (commissioner), your own (provider), all (regulator, admin). */
    List<BlockContractView> search(List<BlockContractStatus> statuses) {
        Actor actor = access.require("blockContracts", Role.COMMISSIONER, Role.PROVIDER, Role.REGULATOR, Role.ADMIN);
        Condition condition = scope(actor);
        if (statuses != null && !statuses.isEmpty()) {
            condition = condition.and(BLOCK_CONTRACT.STATUS.in(statuses));
        }
        return contracts.search(condition, MAX_LIST);
    }

    BlockContractView get(String operation, String id) {
        Actor actor = access.require(operation, Role.COMMISSIONER, Role.PROVIDER, Role.REGULATOR, Role.ADMIN);
        return contracts.search(BLOCK_CONTRACT.ID.eq(access.idInScope(operation, id)).and(scope(actor)), 1).stream().findFirst()
                .orElseThrow(() -> access.outOfScope(operation));
    }

    private static Condition scope(Actor actor) {
        if (actor.is(Role.COMMISSIONER)) {
            return BlockContractRepository.partyOf(actor.laCode());
        }
        return actor.is(Role.PROVIDER) ? BlockContractRepository.ofProvider(actor.providerId()) : DSL.trueCondition();
    }

    @Transactional
    BlockContractView propose(ProposeBlockContractInput input) {
        Actor actor = access.require("proposeBlockContract", Role.COMMISSIONER);
        String year = MarketRules.financialYearNotOver("input.financialYear", input.financialYear(), MarketRules.today());
        PlanningSetting setting = settings.planningSetting(input.urn())
                .orElseThrow(() -> ApiException.badRequest("input.urn", "no setting with URN " + input.urn() + " is registered"));
        if (setting.registrationStatus() != RegistrationStatus.OPEN) {
            throw ApiException.badRequest("input.urn", "setting " + input.urn() + " is " + setting.registrationStatus()
                    + "; places are commissioned only at an open setting");
        }
        SettingService.PlaceCell cell = setting.places().stream()
                .filter(p -> p.need().equals(input.need()) && p.phase().equals(input.phase())).findFirst()
                .orElseThrow(() -> ApiException.badRequest("input.need", "setting " + input.urn() + " has no " + input.need() + " "
                        + input.phase() + " places to commission"));
        Map<String, Integer> parties = parties(input.parties(), actor.laCode());
        int places = parties.values().stream().mapToInt(Integer::intValue).sum();
        if (places > cell.capacity()) {
            throw ApiException.badRequest("input.parties", places + " places asked, but setting " + input.urn() + " has "
                    + cell.capacity() + " " + input.need() + " " + input.phase() + " places in all");
        }
        if (input.band() < 1 || input.band() > 5) {
            throw ApiException.badRequest("input.band", "must be a funding band from 1 to 5, got " + input.band());
        }
        long fee = Money.pence(input.annualFee());
        if (fee <= 0 || fee > 150_000_000L) {
            throw ApiException.badRequest("input.annualFee", "must be more than £0 and at most £1,500,000.00 a place a year, got "
                    + Money.format(fee));
        }
        String justification = MarketRules.optionalText("input.justification", input.justification(), MarketRules.MAX_CONDITIONS);
        FeeService.OfferCheck check = fees.checkOffer("input.annualFee", year, input.urn(), input.band(), input.kind(), fee, input.need(),
                justification != null, null, null);
        if (check.nonCompliant()) {
            throw ApiException.badRequest("input.annualFee: the fee check refused this contract (" + check.verdict() + "): "
                    + String.join(" ", check.reasons()), Map.of("field", "input.annualFee", "verdict", check.verdict().name(), "reasons", check.reasons()));
        }
        if (check.verdict() == FeeVerdict.ABOVE_REFERENCE && justification == null) {
            throw ApiException.badRequest("input.justification", "the fee " + Money.format(fee) + " a place is above the adjusted reference "
                    + Money.format(check.adjustedReferencePence()) + " of " + year + "'s framework: give a justification");
        }
        long id = contracts.insert(new BlockContractRecord().setSettingUrn(input.urn()).setProviderId(setting.providerId())
                .setNeedCode(input.need()).setPhaseCode(input.phase()).setFinancialYear(year).setBand(input.band()).setKind(input.kind())
                .setAnnualFeePence(fee).setJustification(justification).setFrameworkId(check.frameworkId())
                .setFrameworkVersion(check.frameworkVersion()).setVerdict(check.verdict()).setReasons(check.reasons().toArray(String[]::new))
                .setReferencePence(check.adjustedReferencePence()).setCeilingPence(check.adjustedCeilingPence()).setLeadLaCode(actor.laCode())
                .setProposedBy(actor.subject()), parties);
        BlockContractView contract = contracts.find(id).orElseThrow();
        record("BLOCK_CONTRACT_PROPOSED", null, contract, places + " " + input.need() + " " + input.phase() + " places at "
                + Money.format(fee) + " a place for " + year);
        return contract;
    }

    /** Each party once, a known LA, 1-1,000 places; the proposer's LA among them. */
    private Map<String, Integer> parties(List<PartyInput> given, String ownLa) {
        if (given == null || given.isEmpty() || given.size() > MAX_PARTIES) {
            throw ApiException.badRequest("input.parties", "name 1 to " + MAX_PARTIES + " local authorities with their places");
        }
        Map<String, Integer> parties = new LinkedHashMap<>();
        for (int i = 0; i < given.size(); i++) {
            String field = "input.parties[" + i + "]";
            PartyInput party = given.get(i);
            reference.requireLocalAuthority(field + ".laCode", party.laCode());
            if (parties.containsKey(party.laCode())) {
                throw ApiException.badRequest(field + ".laCode", "LA " + party.laCode() + " is given twice");
            }
            if (party.places() < 1 || party.places() > 1000) {
                throw ApiException.badRequest(field + ".places", "must be 1 to 1,000, got " + party.places());
            }
            parties.put(party.laCode(), party.places());
        }
        if (!parties.containsKey(ownLa)) {
            throw ApiException.badRequest("input.parties", "your LA (" + ownLa + ") must be a party to a contract it proposes");
        }
        return parties;
    }

    @Transactional
    BlockContractView accept(String id) {
        Actor actor = access.require("acceptBlockContract", Role.PROVIDER);
        BlockContractView before = proposed("acceptBlockContract", id, actor, false);
        MarketRules.financialYearNotOver("id", before.financialYear(), MarketRules.today());
        Map<String, Integer> places = new LinkedHashMap<>();
        before.parties().forEach(p -> places.put(p.laCode(), p.places()));
        commissions.commission("id", before.id(), new PlaceKey(before.urn(), before.need(), before.phase()), before.financialYear(),
                before.annualFeePence(), places);
        contracts.decide(before.id(), BlockContractStatus.ACTIVE, null, actor.subject());
        BlockContractView after = contracts.find(before.id()).orElseThrow();
        record("BLOCK_CONTRACT_ACCEPTED", before, after, before.places() + " places commissioned for " + before.financialYear());
        return after;
    }

    @Transactional
    BlockContractView decline(String id, String reason) {
        Actor actor = access.require("declineBlockContract", Role.PROVIDER);
        return close("declineBlockContract", proposed("declineBlockContract", id, actor, false), BlockContractStatus.DECLINED, reason, actor);
    }

    @Transactional
    BlockContractView withdraw(String id, String reason) {
        Actor actor = access.require("withdrawBlockContract", Role.COMMISSIONER);
        return close("withdrawBlockContract", proposed("withdrawBlockContract", id, actor, true), BlockContractStatus.WITHDRAWN, reason, actor);
    }

    /** Ends a contract in force early: its places leave the register (children placed on it keep their places). */
    @Transactional
    BlockContractView end(String id, String reason) {
        Actor actor = access.require("endBlockContract", Role.COMMISSIONER);
        BlockContractView before = lockOwn("endBlockContract", id, actor, true);
        if (before.status() != BlockContractStatus.ACTIVE) {
            throw ApiException.badRequest("id", "block contract " + before.id() + " is " + before.status() + "; only a contract in force can be ended");
        }
        String why = MarketRules.requiredText("reason", reason, MarketRules.MAX_REASON);
        contracts.decide(before.id(), BlockContractStatus.ENDED, why, actor.subject());
        commissions.release(before.id());
        BlockContractView after = contracts.find(before.id()).orElseThrow();
        record("BLOCK_CONTRACT_ENDED", before, after, why);
        return after;
    }

    private BlockContractView close(String operation, BlockContractView before, BlockContractStatus status, String reason, Actor actor) {
        String why = MarketRules.requiredText("reason", reason, MarketRules.MAX_REASON);
        contracts.decide(before.id(), status, why, actor.subject());
        BlockContractView after = contracts.find(before.id()).orElseThrow();
        record("BLOCK_CONTRACT_" + status.name(), before, after, operation + ": " + why);
        return after;
    }

    /** A proposal still waiting for the provider, locked. */
    private BlockContractView proposed(String operation, String id, Actor actor, boolean asLead) {
        BlockContractView contract = lockOwn(operation, id, actor, asLead);
        if (contract.status() != BlockContractStatus.PROPOSED) {
            throw ApiException.badRequest("id", "block contract " + contract.id() + " is " + contract.status() + " already");
        }
        return contract;
    }

    /** The contract locked, if it is the provider's own or (asLead) the commissioner's LA proposed it. */
    private BlockContractView lockOwn(String operation, String id, Actor actor, boolean asLead) {
        BlockContractView contract = contracts.lock(access.idInScope(operation, id)).orElseThrow(() -> access.outOfScope(operation));
        boolean own = asLead ? contract.leadLaCode().equals(actor.laCode()) : contract.providerId() == actor.providerId();
        if (!own) {
            throw access.outOfScope(operation);
        }
        return contract;
    }

    /** One event per party LA, each between that LA and the provider: every party reads its contract's history. */
    private void record(String action, BlockContractView before, BlockContractView after, String reason) {
        List<AuditTrail.Change> changes = new ArrayList<>();
        for (BlockContractView.Party party : after.parties()) {
            changes.add(new AuditTrail.Change(action, "block_contract", String.valueOf(after.id()),
                    before == null ? null : MarketSnapshots.Contract.of(before), MarketSnapshots.Contract.of(after), reason,
                    AuditTrail.Scope.between(party.laCode(), after.providerId())));
        }
        audit.recordAll(changes);
    }
}
