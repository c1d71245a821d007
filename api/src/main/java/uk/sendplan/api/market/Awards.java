package uk.sendplan.api.market;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.planning.AgreedPlacements;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingService.PlaceKey;
import uk.sendplan.api.settings.SettingService.PlanningSetting;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.jooq.tables.records.PlacementAgreementRecord;
import uk.sendplan.db.types.AgreementStatus;
import uk.sendplan.db.types.OfferStatus;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.ReferralStatus;
import uk.sendplan.db.types.RegistrationStatus;
import uk.sendplan.db.types.RequestStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Awarding an offer and the provider's answer. An award makes a placement agreement (the offer's terms, to the close
 * of the school year) and holds the referral; the provider's acceptance takes the place under the rules of plan
 * approval (the cell locked, never over capacity, all or nothing), closes the other offers and marks the child placed.
 * The referral row is locked for the award, so of two awards racing for one referral exactly one is made; the place
 * cell is locked for the acceptance, so of two acceptances racing for one last place exactly one takes it.
 */
@Service
class Awards {

    private final ReferralRepository referrals;
    private final OfferRepository offers;
    private final AgreementRepository agreements;
    private final DemandService demand;
    private final SettingService settings;
    private final AgreedPlacements placements;
    private final AuditTrail audit;
    private final Access access;

    Awards(ReferralRepository referrals, OfferRepository offers, AgreementRepository agreements, DemandService demand, SettingService settings,
           AgreedPlacements placements, AuditTrail audit, Access access) {
        this.referrals = referrals;
        this.offers = offers;
        this.agreements = agreements;
        this.demand = demand;
        this.settings = settings;
        this.placements = placements;
        this.audit = audit;
        this.access = access;
    }

    /** An agreement the actor is party to: their LA's (commissioner) or their own (provider). */
    AgreementView get(String operation, String idText) {
        Actor actor = access.require(operation, Role.COMMISSIONER, Role.PROVIDER);
        return agreements.find(access.idInScope(operation, idText)).filter(a -> party(actor, a)).orElseThrow(() -> access.outOfScope(operation));
    }

    static boolean party(Actor actor, AgreementView a) {
        return actor.is(Role.COMMISSIONER) ? a.laCode().equals(actor.laCode()) : actor.is(Role.PROVIDER) && a.providerId() == actor.providerId();
    }

    List<AgreementView> search(List<AgreementStatus> statuses, Long beforeId, int limit) {
        Actor actor = access.require("placementAgreements", Role.COMMISSIONER, Role.PROVIDER);
        return actor.is(Role.COMMISSIONER) ? agreements.search(actor.laCode(), null, statuses, beforeId, limit)
                : agreements.search(null, actor.providerId(), statuses, beforeId, limit);
    }

    /** A numbered page of the agreements you are party to, newest first: {@code limit} after skipping {@code offset}. */
    List<AgreementView> page(List<AgreementStatus> statuses, int offset, int limit) {
        Actor actor = access.require("placementAgreements", Role.COMMISSIONER, Role.PROVIDER);
        return actor.is(Role.COMMISSIONER) ? agreements.page(actor.laCode(), null, statuses, offset, limit)
                : agreements.page(null, actor.providerId(), statuses, offset, limit);
    }

    int count(List<AgreementStatus> statuses) {
        Actor actor = access.require("placementAgreements", Role.COMMISSIONER, Role.PROVIDER);
        return actor.is(Role.COMMISSIONER) ? agreements.count(actor.laCode(), null, statuses) : agreements.count(null, actor.providerId(), statuses);
    }

    Map<Long, AgreementView> latestOfReferrals(List<Long> referralIds) {
        return agreements.latestOfReferrals(referralIds);
    }

    @Transactional
    AgreementView award(String offerId) {
        Actor actor = access.require("awardOffer", Role.COMMISSIONER);
        long id = access.idInScope("awardOffer", offerId);
        OfferView unlocked = offers.find(id).orElseThrow(() -> access.outOfScope("awardOffer"));
        ReferralView referral = referrals.lock(unlocked.referralId()).filter(r -> r.laCode().equals(actor.laCode()))
                .orElseThrow(() -> access.outOfScope("awardOffer"));
        OfferView offer = offers.lock(id).orElseThrow();
        LocalDate today = MarketRules.today();
        if (referral.status() != ReferralStatus.OPEN) {
            throw ApiException.badRequest("offerId", "referral " + referral.id() + " is " + referral.status()
                    + (referral.status() == ReferralStatus.AWARDED ? " to another offer, awaiting the provider's answer; nothing was awarded" : "; nothing was awarded"));
        }
        if (offer.status() != OfferStatus.OPEN) {
            throw ApiException.badRequest("offerId", "offer " + offer.id() + " is " + offer.status()
                    + (offer.statusReason() == null ? "" : " (" + offer.statusReason() + ")") + "; only an open offer can be awarded");
        }
        OfferView.Terms terms = offer.terms();
        if (terms.validUntil().isBefore(today)) {
            throw ApiException.badRequest("offerId", "offer " + offer.id() + " was valid until " + terms.validUntil() + "; ask the provider to revise it");
        }
        PlacementRequestView child = demand.find(referral.requestId()).orElseThrow();
        String problem = placeProblem(child, offer.urn(), referral, "award");
        if (problem != null) {
            throw ApiException.badRequest("offerId", problem);
        }
        long agreementId = agreements.insert(new PlacementAgreementRecord().setReferralId(referral.id()).setOfferId(offer.id())
                .setOfferRevision(terms.revision()).setRequestId(child.id()).setLaCode(referral.laCode()).setProviderId(offer.providerId())
                .setSettingUrn(offer.urn()).setNeedCode(referral.primaryNeed()).setPhaseCode(referral.phase()).setKind(terms.kind())
                .setStartDate(terms.startDate()).setEndDate(MarketRules.endOfSchoolYear(terms.startDate())).setAnnualFeePence(terms.annualFeePence())
                .setFrameworkId(terms.frameworkId()).setFrameworkVersion(terms.frameworkVersion()).setAwardedBy(actor.subject()));
        offers.setStatus(offer.id(), OfferStatus.AWARDED, "awarded as agreement " + agreementId);
        referrals.setStatus(referral.id(), ReferralStatus.AWARDED, "offer " + offer.id() + " awarded; awaiting the provider");
        AgreementView agreement = agreements.find(agreementId).orElseThrow();
        AuditTrail.Scope scope = Offers.scope(referral, offer.providerId());
        audit.recordAll(List.of(
                new AuditTrail.Change("OFFER_AWARDED", "offer", String.valueOf(offer.id()), MarketSnapshots.Offer.of(offer),
                        MarketSnapshots.Offer.of(offers.find(offer.id()).orElseThrow()), "awarded", scope),
                new AuditTrail.Change("AGREEMENT_AWARDED", "placement_agreement", String.valueOf(agreementId), null,
                        MarketSnapshots.Agreement.of(agreement), "awarded from offer " + offer.id() + " on referral " + referral.id(), scope)));
        return agreement;
    }

    @Transactional
    AgreementView accept(String agreementId) {
        Actor actor = access.require("acceptAgreement", Role.PROVIDER);
        AgreementView before = awaiting("acceptAgreement", agreementId, actor);
        ReferralView referral = referrals.lock(before.referralId()).orElseThrow();
        PlacementRequestView child = demand.find(before.requestId()).orElseThrow();
        String problem = placeProblem(child, before.urn(), referral, "accept");
        if (problem != null) {
            throw ApiException.badRequest("id", problem);
        }
        Map<PlaceKey, String> full = settings.occupy(Map.of(new PlaceKey(before.urn(), before.need(), before.phase()), 1), Map.of(),
                MarketRules.financialYear(before.startDate()));
        if (!full.isEmpty()) {
            throw ApiException.badRequest("id", "agreement " + before.id() + " can't be accepted: " + String.join("; ", full.values())
                    + "; nothing was written (add places with setPlaces, or decline the agreement)");
        }
        PlanningSetting setting = settings.planningSetting(before.urn()).orElseThrow();
        boolean residential = before.kind() == ProvisionKind.RESIDENTIAL_38_WEEK || before.kind() == ProvisionKind.RESIDENTIAL_52_WEEK;
        long transport = Journeys.between(referral.homeEasting(), referral.homeNorthing(), setting.easting(), setting.northing(), residential)
                .transportPence();
        Instant now = Instant.now();
        AgreementView replaced = referral.replacesAgreementId() == null ? null : agreements.lock(referral.replacesAgreementId()).orElseThrow();
        if (replaced != null) {
            // the child keeps the place the LA chose not to renew until that agreement ends, and is placed here from then
            placements.endOn(replaced.placementId(), replaced.endDate());
        }
        long placementId = placements.place(child.id(), child.laCode(), before.urn(), before.need(), before.phase(), before.id(),
                before.annualFeePence(), before.annualFeePence() + transport, actor.subject(), now);
        agreements.respond(before.id(), AgreementStatus.ACTIVE, "accepted", placementId, actor.subject(), now);
        referrals.setStatus(referral.id(), ReferralStatus.PLACED, "placed by agreement " + before.id());
        demand.markPlaced(List.of(child.id()));
        AgreementView after = agreements.find(before.id()).orElseThrow();
        List<AuditTrail.Change> changes = new ArrayList<>();
        changes.add(new AuditTrail.Change("AGREEMENT_ACCEPTED", "placement_agreement", String.valueOf(after.id()), MarketSnapshots.Agreement.of(before),
                MarketSnapshots.Agreement.of(after), "accepted; placement " + placementId + " takes a place (" + before.need() + ", "
                + before.phase() + ") at setting " + before.urn(), Offers.scope(referral, after.providerId())));
        changes.add(new AuditTrail.Change("REFERRAL_PLACED", "referral", String.valueOf(referral.id()),
                new MarketSnapshots.ReferralStatusChange(referral.status(), referral.statusReason()),
                new MarketSnapshots.ReferralStatusChange(ReferralStatus.PLACED, "placed by agreement " + before.id()), "placed",
                AuditTrail.Scope.children(referral.laCode())));
        for (OfferView other : offers.ofReferrals(List.of(referral.id()), null).get(referral.id())) {
            if (other.status() == OfferStatus.OPEN) {
                String reason = "the child was placed elsewhere";
                offers.setStatus(other.id(), OfferStatus.CLOSED, reason);
                changes.add(new AuditTrail.Change("OFFER_CLOSED", "offer", String.valueOf(other.id()), MarketSnapshots.Offer.of(other),
                        MarketSnapshots.Offer.of(offers.find(other.id()).orElseThrow()), reason, Offers.scope(referral, other.providerId())));
            }
        }
        if (replaced != null) {
            changes.add(new AuditTrail.Change("PLACEMENT_ENDING", "placement", String.valueOf(replaced.placementId()), null,
                    new MarketSnapshots.PlacementEnd(replaced.placementId(), replaced.id(), replaced.endDate().toString()),
                    "agreement " + replaced.id() + " was not renewed; the child moves to agreement " + after.id() + " from " + after.startDate(),
                    AuditTrail.Scope.children(referral.laCode())));
        }
        audit.recordAll(changes);
        return after;
    }

    @Transactional
    AgreementView decline(String agreementId, String reason) {
        Actor actor = access.require("declineAgreement", Role.PROVIDER);
        AgreementView before = awaiting("declineAgreement", agreementId, actor);
        String why = MarketRules.requiredText("reason", reason, MarketRules.MAX_REASON);
        ReferralView referral = referrals.lock(before.referralId()).orElseThrow();
        OfferView offer = offers.lock(before.offerId()).orElseThrow();
        agreements.respond(before.id(), AgreementStatus.DECLINED, why, null, actor.subject(), Instant.now());
        offers.setStatus(offer.id(), OfferStatus.CLOSED, "the provider declined the placement agreement");
        referrals.setStatus(referral.id(), ReferralStatus.OPEN, "agreement " + before.id() + " declined by the provider");
        AgreementView after = agreements.find(before.id()).orElseThrow();
        AuditTrail.Scope scope = Offers.scope(referral, before.providerId());
        audit.recordAll(List.of(
                new AuditTrail.Change("AGREEMENT_DECLINED", "placement_agreement", String.valueOf(after.id()), MarketSnapshots.Agreement.of(before),
                        MarketSnapshots.Agreement.of(after), why, scope),
                new AuditTrail.Change("OFFER_CLOSED", "offer", String.valueOf(offer.id()), MarketSnapshots.Offer.of(offer),
                        MarketSnapshots.Offer.of(offers.find(offer.id()).orElseThrow()), "the provider declined the placement agreement", scope)));
        return after;
    }

    private AgreementView awaiting(String operation, String agreementId, Actor actor) {
        AgreementView agreement = agreements.lock(access.idInScope(operation, agreementId)).filter(a -> a.providerId() == actor.providerId())
                .orElseThrow(() -> access.outOfScope(operation));
        if (agreement.status() != AgreementStatus.AWAITING_PROVIDER) {
            throw ApiException.badRequest("id", "agreement " + agreement.id() + " is " + agreement.status() + "; only an agreement awaiting your answer can be "
                    + (operation.startsWith("accept") ? "accepted" : "declined"));
        }
        return agreement;
    }

    /** Why the child can't be placed at the setting now, or null: the request, the setting's status and a free place. */
    private String placeProblem(PlacementRequestView child, int urn, ReferralView referral, String step) {
        // a re-referred child is placed (until the agreement not renewed ends); any other must still be waiting
        boolean waiting = referral.replacesAgreementId() != null ? child.status() == RequestStatus.PLACED
                : child.status() == RequestStatus.OPEN || child.status() == RequestStatus.PROPOSED;
        if (!waiting) {
            return "request " + child.reference() + " is " + child.status() + " (placed or withdrawn since the referral); withdraw referral "
                    + referral.id() + " instead";
        }
        PlanningSetting setting = settings.planningSetting(urn).orElseThrow();
        if (setting.registrationStatus() != RegistrationStatus.OPEN) {
            return "setting " + urn + " is " + setting.registrationStatus() + " and takes no new placements";
        }
        if (setting.vacancies(referral.primaryNeed(), referral.phase()) <= 0) {
            return "setting " + urn + " has no " + referral.primaryNeed() + " " + referral.phase() + " place free, so the " + step
                    + " can't take one; the provider must add places first";
        }
        return null;
    }
}
