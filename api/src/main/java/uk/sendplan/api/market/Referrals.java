package uk.sendplan.api.market;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.planning.PlanService;
import uk.sendplan.api.planning.TailoredLists;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingService.PlanningSetting;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.jooq.tables.records.ReferralRecipientRecord;
import uk.sendplan.db.jooq.tables.records.ReferralRecord;
import uk.sendplan.db.types.OfferStatus;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.ReferralStatus;
import uk.sendplan.db.types.RequestStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Referrals to the market: made by a commissioner for one child of their LA or for a plan's unplaced children, matched
 * to the settings that could take the child, and sent to their providers. A provider sees a referral only when it
 * was sent one of its settings.
 */
@Service
class Referrals {

    record CreateReferralInput(String requestId, ProvisionKind provision, List<MarketRules.Therapy> therapies, String startTerm,
                               String respondBy, List<String> whyNotState, String note, List<Integer> addSettings,
                               List<Integer> excludeSettings) {
    }

    record ReferUnplacedInput(String planId, String respondBy, String note) {
    }

    /** A child of a plan left without a referral, and why. */
    record Skipped(long requestId, String reference, String reason) {
    }

    record ReferUnplacedResult(List<ReferralView> referrals, List<Skipped> skipped) {
    }

    /** A plan's unplaced children referred in one call at most (the payload's list bound counts on it). */
    static final int MAX_UNPLACED = 1000;
    private static final int WHY_NOT_STATE_LINES = 5;
    /** Matched settings plus those named: the query cost model counts on it for Referral.recipients. */
    static final int MAX_RECIPIENTS = 2 * ReferralMatching.MAX_MATCHED;

    private final ReferralRepository referrals;
    private final OfferRepository offers;
    private final ReferralMatching matching;
    private final DemandService demand;
    private final PlanService plans;
    private final TailoredLists tailoredLists;
    private final SettingService settings;
    private final ReferenceData reference;
    private final AuditTrail audit;
    private final Access access;
    private final ReReferrals reReferrals;

    Referrals(ReferralRepository referrals, OfferRepository offers, ReferralMatching matching, DemandService demand, PlanService plans,
              TailoredLists tailoredLists, SettingService settings, ReferenceData reference, AuditTrail audit, Access access,
              ReReferrals reReferrals) {
        this.reReferrals = reReferrals;
        this.referrals = referrals;
        this.offers = offers;
        this.matching = matching;
        this.demand = demand;
        this.plans = plans;
        this.tailoredLists = tailoredLists;
        this.settings = settings;
        this.reference = reference;
        this.audit = audit;
        this.access = access;
    }

    // ------------------------------------------------------------------ changes

    @Transactional
    ReferralView create(CreateReferralInput input) {
        Actor actor = access.require("createReferral", Role.COMMISSIONER);
        PlacementRequestView child = demand.find(access.idInScope("createReferral", input.requestId()))
                .filter(r -> r.laCode().equals(actor.laCode())).orElseThrow(() -> access.outOfScope("createReferral"));
        LocalDate today = MarketRules.today();
        // a placed child whose agreement the LA chose not to renew is referred again, for a place after it ends
        Optional<AgreementView> ending = reReferrals.ending(child);
        String problem = ending.isPresent() ? liveReferral(child) : referable(child);
        if (problem != null) {
            throw ApiException.badRequest("input.requestId", problem);
        }
        String startTerm = MarketRules.startTerm("input.startTerm", input.startTerm() == null ? child.startTerm() : input.startTerm(), today);
        ending.ifPresent(agreement -> ReReferrals.requireTermAfter("input.startTerm", startTerm, agreement));
        ProvisionKind provision = MarketRules.provision("input.provision", input.provision(), child);
        if (input.addSettings() != null && input.addSettings().size() > ReferralMatching.MAX_MATCHED) {
            throw ApiException.badRequest("input.addSettings", "name at most " + ReferralMatching.MAX_MATCHED + " settings, got " + input.addSettings().size());
        }
        LocalDate respondBy = MarketRules.respondBy("input.respondBy", input.respondBy(), today);
        String note = MarketRules.optionalText("input.note", input.note(), MarketRules.MAX_NOTE);
        List<String> whyNotState = input.whyNotState() == null || input.whyNotState().isEmpty() ? null : MarketRules.whyNotState(input.whyNotState());
        ReferralView made = send(actor, child, null, provision, matching.match(profile(child, provision)), input.therapies(), startTerm, respondBy,
                whyNotState, note, input.addSettings() == null ? List.of() : input.addSettings(),
                input.excludeSettings() == null ? List.of() : input.excludeSettings(), "input");
        ending.ifPresent(agreement -> referrals.replacing(made.id(), agreement.id()));
        return ending.isPresent() ? referrals.find(made.id()).orElseThrow() : made;
    }

    /**
     * The settings createReferral would match for the child with this provision (null: as the request asks), before any
     * named or excluded: the pages refer only to the settings a commissioner ticked by excluding the rest.
     */
    List<Integer> matched(PlacementRequestView child, ProvisionKind provision) {
        return matching.match(profile(child, MarketRules.provision("input.provision", provision, child))).stream()
                .map(ReferralMatching.Match::urn).toList();
    }

    /** Refers every child of the commissioner's LA that a plan could not place and that has no live referral yet. */
    @Transactional
    ReferUnplacedResult referUnplaced(ReferUnplacedInput input) {
        access.require("referUnplaced", Role.COMMISSIONER);
        List<Long> unplaced = plans.unplacedRequestIds("referUnplaced", input.planId());
        if (unplaced.size() > MAX_UNPLACED) {
            throw ApiException.badRequest("input.planId", "the plan left " + unplaced.size() + " of your children unplaced; at most "
                    + MAX_UNPLACED + " are referred in one call: refer the rest one by one with createReferral");
        }
        LocalDate respondBy = MarketRules.respondBy("input.respondBy", input.respondBy(), MarketRules.today());
        String note = MarketRules.optionalText("input.note", input.note(), MarketRules.MAX_NOTE);
        return referAll(List.copyOf(demand.findAll(unplaced).values()), Long.parseLong(input.planId()), respondBy, note);
    }

    /**
     * Refers children of the commissioner's LA, each for its own start term and the provision its boarding need asks
     * for, filling in why no state place fits from one read of the register for them all; children that can't be
     * referred, or that nothing matches, are skipped with why.
     */
    @Transactional
    ReferUnplacedResult referAll(List<PlacementRequestView> children, Long planId, LocalDate respondBy, String note) {
        Actor actor = access.require("referUnplaced", Role.COMMISSIONER);
        LocalDate today = MarketRules.today();
        List<ReferralView> made = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<PlacementRequestView> referable = new ArrayList<>();
        Map<Long, List<ReferralMatching.Match>> matches = new java.util.HashMap<>();
        List<PlanningSetting> candidates = children.isEmpty() ? List.of()
                : matching.candidatesNear(actor.laCode(), children.stream().anyMatch(PlacementRequestView::needsBoarding));
        for (PlacementRequestView child : children) {
            if (!child.laCode().equals(actor.laCode())) {
                throw access.outOfScope("referUnplaced");
            }
            String problem = referable(child);
            if (problem == null && MarketRules.termStart(child.startTerm()).isBefore(today)) {
                problem = "its start term " + child.startTerm() + " has begun; refer it with createReferral and a term to come";
            }
            if (problem != null) {
                skipped.add(new Skipped(child.id(), child.reference(), problem));
                continue;
            }
            List<ReferralMatching.Match> matched = matching.match(profile(child, MarketRules.provision(child)), candidates);
            if (matched.isEmpty()) {
                skipped.add(new Skipped(child.id(), child.reference(), "no independent or non-maintained setting within reach has "
                        + child.primaryNeed() + " " + child.phase() + " places for this child; name settings with createReferral"));
                continue;
            }
            matches.put(child.id(), matched);
            referable.add(child);
        }
        Map<Long, TailoredLists.StateAlternatives> alternatives = referable.isEmpty() ? Map.of()
                : tailoredLists.stateAlternatives(referable, WHY_NOT_STATE_LINES);
        for (PlacementRequestView child : referable) {
            made.add(send(actor, child, planId, MarketRules.provision(child), matches.get(child.id()), List.of(), child.startTerm(), respondBy,
                    alternatives.get(child.id()).whyNotState(), note, List.of(), List.of(), "input"));
        }
        return new ReferUnplacedResult(made, skipped);
    }

    private ReferralView send(Actor actor, PlacementRequestView child, Long planId, ProvisionKind provision, List<ReferralMatching.Match> matched,
                              List<MarketRules.Therapy> therapies,
                              String startTerm, LocalDate respondBy, List<String> whyNotState, String note, List<Integer> add,
                              List<Integer> exclude, String field) {
        ReferralMatching.Profile profile = profile(child, provision);
        Map<Integer, ReferralRecipientRecord> recipients = new LinkedHashMap<>();
        for (ReferralMatching.Match m : matched) {
            if (!exclude.contains(m.urn())) {
                recipients.put(m.urn(), new ReferralRecipientRecord().setSettingUrn(m.urn()).setProviderId(m.providerId()).setMatched(true));
            }
        }
        for (int i = 0; i < add.size(); i++) {
            PlanningSetting s = matching.named(field + ".addSettings[" + i + "]", add.get(i), profile);
            recipients.putIfAbsent(s.urn(), new ReferralRecipientRecord().setSettingUrn(s.urn()).setProviderId(s.providerId()).setMatched(false));
        }
        if (recipients.isEmpty()) {
            throw ApiException.badRequest(field + ".requestId", "no independent or non-maintained setting within reach takes this child ("
                    + child.primaryNeed() + ", " + child.phase() + ", " + provision + "); name settings in addSettings");
        }
        var district = reference.nearestDistrict(child.laCode(), child.home().easting(), child.home().northing());
        List<String> why = whyNotState != null ? whyNotState
                : tailoredLists.stateAlternatives(child, WHY_NOT_STATE_LINES).whyNotState();
        ReferralRecord record = new ReferralRecord().setRequestId(child.id()).setLaCode(child.laCode()).setPlanId(planId)
                .setPrimaryNeed(child.primaryNeed()).setSecondaryNeed(child.secondaryNeed()).setBand(child.band()).setAge(child.age())
                .setNcYear(MarketRules.ncYear(child.age())).setPhaseCode(child.phase()).setGender(child.gender())
                .setNeedsBoarding(child.needsBoarding()).setHomeDistrict(district.outcode()).setHomeEasting(district.centroid().easting())
                .setHomeNorthing(district.centroid().northing()).setProvision(provision)
                .setTherapies((therapies == null ? List.<MarketRules.Therapy>of() : therapies).stream().distinct().map(Enum::name).toArray(String[]::new))
                .setStartTerm(startTerm).setRespondBy(respondBy).setWhyNotState(why.toArray(String[]::new)).setNote(note)
                .setDemo(child.demo()).setCreatedBy(actor.subject());
        long id = referrals.insert(record);
        recipients.values().forEach(r -> r.setReferralId(id));
        referrals.insertRecipients(List.copyOf(recipients.values()));
        ReferralView referral = referrals.find(id).orElseThrow();
        audit.record(AuditTrail.Scope.children(child.laCode()), "REFERRAL_SENT", "referral", id, null,
                MarketSnapshots.Referral.of(referral, List.copyOf(recipients.keySet())),
                planId == null ? "referred to " + recipients.size() + " setting(s)" : "referred from plan " + planId);
        return referral;
    }

    @Transactional
    ReferralView addSetting(String referralId, int urn) {
        ReferralView referral = ownOpenReferral("addReferralSetting", referralId);
        if (referrals.recipients(List.of(referral.id()), null).get(referral.id()).size() >= MAX_RECIPIENTS) {
            throw ApiException.badRequest("urn", "referral " + referral.id() + " has been sent to " + MAX_RECIPIENTS
                    + " settings, the most one referral goes to");
        }
        if (referrals.recipient(referral.id(), urn).isPresent()) {
            throw ApiException.badRequest("urn", "referral " + referral.id() + " was already sent to setting " + urn);
        }
        PlanningSetting s = matching.named("urn", urn, profile(referral));
        ReferralRecipientRecord recipient = new ReferralRecipientRecord().setReferralId(referral.id()).setSettingUrn(urn)
                .setProviderId(s.providerId()).setMatched(false);
        referrals.insertRecipients(List.of(recipient));
        audit.record(AuditTrail.Scope.children(referral.laCode()), "REFERRAL_SETTING_ADDED", "referral", referral.id(), null,
                MarketSnapshots.Recipient.of(referrals.recipient(referral.id(), urn).orElseThrow()), "sent to setting " + urn + " by name");
        return referral;
    }

    @Transactional
    ReferralView removeSetting(String referralId, int urn) {
        ReferralView referral = ownOpenReferral("removeReferralSetting", referralId);
        RecipientView recipient = referrals.recipient(referral.id(), urn)
                .orElseThrow(() -> ApiException.badRequest("urn", "referral " + referral.id() + " was not sent to setting " + urn));
        if (offers.liveOffer(referral.id(), urn).isPresent() || recipient.response() != null) {
            throw ApiException.badRequest("urn", "setting " + urn + " has answered referral " + referral.id()
                    + "; a setting that has answered stays on the referral's record");
        }
        referrals.removeRecipient(referral.id(), urn);
        audit.record(AuditTrail.Scope.children(referral.laCode()), "REFERRAL_SETTING_REMOVED", "referral", referral.id(),
                MarketSnapshots.Recipient.of(recipient), null, "setting " + urn + " taken off the referral");
        return referral;
    }

    @Transactional
    ReferralView withdraw(String referralId, String reason) {
        Actor actor = access.require("withdrawReferral", Role.COMMISSIONER);
        ReferralView referral = referrals.lock(access.idInScope("withdrawReferral", referralId))
                .filter(r -> r.laCode().equals(actor.laCode())).orElseThrow(() -> access.outOfScope("withdrawReferral"));
        String why = MarketRules.requiredText("reason", reason, MarketRules.MAX_REASON);
        if (referral.status() != ReferralStatus.OPEN) {
            throw ApiException.badRequest("id", "referral " + referral.id() + " is " + referral.status()
                    + "; only an open referral can be withdrawn (an awarded one waits for the provider's answer)");
        }
        close(referral, why, "REFERRAL_WITHDRAWN", "the referral was withdrawn");
        return referrals.find(referral.id()).orElseThrow();
    }

    /**
     * Closes an open referral (locked by the caller) as WITHDRAWN with its open offers, each change audited: the
     * commissioner withdrew it, or the child was placed another way.
     */
    void close(ReferralView referral, String why, String action, String offerReason) {
        referrals.setStatus(referral.id(), ReferralStatus.WITHDRAWN, why);
        List<AuditTrail.Change> changes = new ArrayList<>();
        changes.add(new AuditTrail.Change(action, "referral", String.valueOf(referral.id()),
                new MarketSnapshots.ReferralStatusChange(referral.status(), referral.statusReason()),
                new MarketSnapshots.ReferralStatusChange(ReferralStatus.WITHDRAWN, why), why, AuditTrail.Scope.children(referral.laCode())));
        for (OfferView offer : offers.ofReferrals(List.of(referral.id()), null).get(referral.id())) {
            if (offer.status() == OfferStatus.OPEN) {
                offers.setStatus(offer.id(), OfferStatus.CLOSED, offerReason);
                changes.add(new AuditTrail.Change("OFFER_CLOSED", "offer", String.valueOf(offer.id()), MarketSnapshots.Offer.of(offer),
                        MarketSnapshots.Offer.of(offers.find(offer.id()).orElseThrow()), offerReason,
                        AuditTrail.Scope.between(referral.laCode(), offer.providerId())));
            }
        }
        audit.recordAll(changes);
    }

    // ------------------------------------------------------------------ rules

    private ReferralView ownOpenReferral(String operation, String referralId) {
        Actor actor = access.require(operation, Role.COMMISSIONER);
        ReferralView referral = referrals.lock(access.idInScope(operation, referralId))
                .filter(r -> r.laCode().equals(actor.laCode())).orElseThrow(() -> access.outOfScope(operation));
        if (referral.status() != ReferralStatus.OPEN) {
            throw ApiException.badRequest("referralId", "referral " + referral.id() + " is " + referral.status() + "; only an open referral's settings can change");
        }
        return referral;
    }

    /** Why a request can't be referred now, or null. */
    private String referable(PlacementRequestView child) {
        if (child.status() != RequestStatus.OPEN && child.status() != RequestStatus.PROPOSED) {
            return "request " + child.reference() + " is " + child.status() + "; only a child still waiting for a place, or one whose "
                    + "agreement's renewal you rejected, can be referred";
        }
        return liveReferral(child);
    }

    private String liveReferral(PlacementRequestView child) {
        return referrals.liveReferralOf(child.id()).map(id -> "request " + child.reference() + " already has referral " + id
                + " open; withdraw it first or award one of its offers").orElse(null);
    }

    private static ReferralMatching.Profile profile(PlacementRequestView child, ProvisionKind provision) {
        return new ReferralMatching.Profile(child.primaryNeed(), child.phase(), child.age(), child.gender(), provision,
                alternativeProvisionAllowed(child, child.primaryNeed()), child.home().easting(), child.home().northing());
    }

    ReferralMatching.Profile profile(ReferralView referral) {
        PlacementRequestView child = demand.find(referral.requestId()).orElseThrow();
        return new ReferralMatching.Profile(referral.primaryNeed(), referral.phase(), referral.age(), referral.gender(), referral.provision(),
                alternativeProvisionAllowed(child, referral.primaryNeed()),
                referral.homeEasting(), referral.homeNorthing());
    }

    /** As the request says, or by default only for social, emotional and mental health needs (the planner's rule too). */
    private static boolean alternativeProvisionAllowed(PlacementRequestView child, String need) {
        return child.alternativeProvisionAllowed() != null ? child.alternativeProvisionAllowed() : "SEMH".equals(need);
    }
}
