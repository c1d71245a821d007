package uk.sendplan.api.market;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.system.Cursors;
import uk.sendplan.api.system.Page;
import uk.sendplan.db.types.AgreementStatus;
import uk.sendplan.db.types.ReferralStatus;

import java.util.List;

/** The market's queries and mutations: referrals, offers and placement agreements. */
@Controller
class MarketController {

    record ReferralEdge(String cursor, ReferralView node) {
    }

    record ReferralConnection(List<ReferralEdge> edges, Page.Info pageInfo, int totalCount) {
    }

    record AgreementEdge(String cursor, AgreementView node) {
    }

    record PlacementAgreementConnection(List<AgreementEdge> edges, Page.Info pageInfo, int totalCount) {
    }

    record ReferralPayload(ReferralView referral) {
    }

    record ReferUnplacedPayload(List<ReferralView> referrals, List<Referrals.Skipped> skipped) {
    }

    record OfferPayload(OfferView offer) {
    }

    record PlacementAgreementPayload(AgreementView agreement) {
    }

    record AgreementRenewalPayload(RenewalView renewal) {
    }

    private final Referrals referrals;
    private final ReferralReads reads;
    private final Offers offers;
    private final Awards awards;
    private final Renewals renewals;
    private final ReferralsExport export;

    MarketController(Referrals referrals, ReferralReads reads, Offers offers, Awards awards, Renewals renewals, ReferralsExport export) {
        this.reads = reads;
        this.export = export;
        this.referrals = referrals;
        this.offers = offers;
        this.awards = awards;
        this.renewals = renewals;
    }

    @QueryMapping
    ReferralConnection referrals(@Argument List<ReferralStatus> statuses, @Argument int first, @Argument String after) {
        int limit = Page.checkFirst("first", first);
        Long before = after == null ? null : Cursors.decodeLong("after", after, "referral");
        Page.Slice<ReferralEdge> page = Page.slice(reads.search(statuses, before, limit + 1), limit,
                r -> new ReferralEdge(Cursors.encode("referral", r.id()), r), ReferralEdge::cursor);
        return new ReferralConnection(page.edges(), page.info(), reads.count(statuses));
    }

    @QueryMapping
    ReferralView referral(@Argument String id) {
        return reads.get("referral", id);
    }

    @QueryMapping
    OfferView offer(@Argument String id) {
        return offers.get("offer", id);
    }

    @QueryMapping
    PlacementAgreementConnection placementAgreements(@Argument List<AgreementStatus> statuses, @Argument int first, @Argument String after) {
        int limit = Page.checkFirst("first", first);
        Long before = after == null ? null : Cursors.decodeLong("after", after, "agreement");
        Page.Slice<AgreementEdge> page = Page.slice(awards.search(statuses, before, limit + 1), limit,
                a -> new AgreementEdge(Cursors.encode("agreement", a.id()), a), AgreementEdge::cursor);
        return new PlacementAgreementConnection(page.edges(), page.info(), awards.count(statuses));
    }

    @QueryMapping
    AgreementView placementAgreement(@Argument String id) {
        return awards.get("placementAgreement", id);
    }

    @QueryMapping
    String referralsCsv(@Argument List<ReferralStatus> statuses) {
        return export.csv(statuses);
    }

    @MutationMapping
    ReferralPayload createReferral(@Argument Referrals.CreateReferralInput input) {
        return new ReferralPayload(referrals.create(input));
    }

    @MutationMapping
    ReferUnplacedPayload referUnplaced(@Argument Referrals.ReferUnplacedInput input) {
        Referrals.ReferUnplacedResult result = referrals.referUnplaced(input);
        return new ReferUnplacedPayload(result.referrals(), result.skipped());
    }

    @MutationMapping
    ReferralPayload addReferralSetting(@Argument String referralId, @Argument int urn) {
        return new ReferralPayload(referrals.addSetting(referralId, urn));
    }

    @MutationMapping
    ReferralPayload removeReferralSetting(@Argument String referralId, @Argument int urn) {
        return new ReferralPayload(referrals.removeSetting(referralId, urn));
    }

    @MutationMapping
    ReferralPayload withdrawReferral(@Argument String id, @Argument String reason) {
        return new ReferralPayload(referrals.withdraw(id, reason));
    }

    @MutationMapping
    ReferralPayload declineReferral(@Argument Offers.DeclineReferralInput input) {
        return new ReferralPayload(offers.decline(input));
    }

    @MutationMapping
    OfferPayload makeOffer(@Argument Offers.MakeOfferInput input) {
        return new OfferPayload(offers.make(input));
    }

    @MutationMapping
    OfferPayload reviseOffer(@Argument Offers.ReviseOfferInput input) {
        return new OfferPayload(offers.revise(input));
    }

    @MutationMapping
    OfferPayload withdrawOffer(@Argument String id, @Argument String reason) {
        return new OfferPayload(offers.withdraw(id, reason));
    }

    @MutationMapping
    PlacementAgreementPayload awardOffer(@Argument String offerId) {
        return new PlacementAgreementPayload(awards.award(offerId));
    }

    @MutationMapping
    PlacementAgreementPayload acceptPlacementAgreement(@Argument String id) {
        return new PlacementAgreementPayload(awards.accept(id));
    }

    @MutationMapping
    PlacementAgreementPayload declinePlacementAgreement(@Argument String id, @Argument String reason) {
        return new PlacementAgreementPayload(awards.decline(id, reason));
    }

    @MutationMapping
    AgreementRenewalPayload proposeRenewal(@Argument Renewals.ProposeRenewalInput input) {
        return new AgreementRenewalPayload(renewals.propose(input));
    }

    @MutationMapping
    PlacementAgreementPayload renewAgreement(@Argument String renewalId) {
        return new PlacementAgreementPayload(renewals.renew(renewalId));
    }

    @MutationMapping
    AgreementRenewalPayload rejectRenewal(@Argument String renewalId, @Argument String reason) {
        return new AgreementRenewalPayload(renewals.reject(renewalId, reason));
    }
}
