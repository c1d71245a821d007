package uk.sendplan.api.market;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.settings.ProviderView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Batches;
import uk.sendplan.api.system.Role;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The fields of referrals, offers, comparisons and agreements, each within its reader's scope. */
@Controller
class MarketFieldsController {

    record Breakdown(BigDecimal education, BigDecimal care, BigDecimal therapies, BigDecimal other, BigDecimal surplus) {
        static Breakdown of(OfferView.Terms t) {
            return new Breakdown(Money.pounds(t.educationPence()), Money.pounds(t.carePence()), Money.pounds(t.therapiesPence()),
                    Money.pounds(t.otherPence()), Money.pounds(t.surplusPence()));
        }
    }

    record Check(uk.sendplan.db.types.FeeVerdict verdict, List<String> reasons, String financialYear, long frameworkId, int frameworkVersion,
                 BigDecimal adjustedReference, BigDecimal adjustedCeiling, BigDecimal excessOverReference) {
        static Check of(OfferView.Terms t) {
            return new Check(t.verdict(), t.reasons(), t.financialYear(), t.frameworkId(), t.frameworkVersion(), Money.poundsOrNull(t.referencePence()),
                    Money.poundsOrNull(t.ceilingPence()), Money.poundsOrNull(t.excessOverReferencePence()));
        }
    }

    private final ReferralReads referrals;
    private final Offers offers;
    private final Awards awards;
    private final Comparisons comparisons;
    private final Renewals renewals;
    private final DemandService demand;
    private final SettingService settings;
    private final ReferenceData reference;
    private final Access access;

    MarketFieldsController(ReferralReads referrals, Offers offers, Awards awards, Comparisons comparisons, Renewals renewals, DemandService demand,
                           SettingService settings, ReferenceData reference, Access access) {
        this.referrals = referrals;
        this.offers = offers;
        this.awards = awards;
        this.comparisons = comparisons;
        this.renewals = renewals;
        this.demand = demand;
        this.settings = settings;
        this.reference = reference;
        this.access = access;
    }

    // ------------------------------------------------------------------ Referral

    /** The request behind a referral: its LA's commissioner's alone; a provider reads the profile the referral carries. */
    @BatchMapping(typeName = "Referral", field = "request")
    Map<ReferralView, PlacementRequestView> referralRequest(List<ReferralView> of) {
        Actor actor = access.actor();
        List<ReferralView> own = of.stream().filter(r -> actor.is(Role.COMMISSIONER) && r.laCode().equals(actor.laCode())).toList();
        Map<Long, PlacementRequestView> byId = own.isEmpty() ? Map.of() : demand.findAll(own.stream().map(ReferralView::requestId).toList());
        return Batches.each(own, r -> byId.get(r.requestId()));
    }

    @SchemaMapping(typeName = "Referral")
    LocalAuthority localAuthority(ReferralView referral) {
        return reference.localAuthority(referral.laCode()).orElseThrow();
    }

    @SchemaMapping(typeName = "Referral")
    String nationalCurriculumYear(ReferralView referral) {
        return referral.nationalCurriculumYear();
    }

    @BatchMapping(typeName = "Referral")
    Map<ReferralView, List<RecipientView>> recipients(List<ReferralView> of) {
        Map<Long, List<RecipientView>> byId = referrals.recipients(of);
        return Batches.each(of, r -> byId.get(r.id()));
    }

    @BatchMapping(typeName = "Referral")
    Map<ReferralView, List<OfferView>> offers(List<ReferralView> of) {
        Map<Long, List<OfferView>> byId = offers.ofReferrals(of);
        return Batches.each(of, r -> byId.get(r.id()));
    }

    @SchemaMapping(typeName = "Referral")
    List<Comparisons.Row> comparison(ReferralView referral) {
        return comparisons.compare(referral);
    }

    @BatchMapping(typeName = "Referral")
    Map<ReferralView, AgreementView> agreement(List<ReferralView> of) {
        Actor actor = access.actor();
        Map<Long, AgreementView> byId = awards.latestOfReferrals(of.stream().map(ReferralView::id).toList());
        return Batches.each(of, r -> {
            AgreementView a = byId.get(r.id());
            return a != null && Awards.party(actor, a) ? a : null;
        });
    }

    @BatchMapping(typeName = "SkippedReferral", field = "request")
    Map<Referrals.Skipped, PlacementRequestView> skippedRequest(List<Referrals.Skipped> of) {
        Map<Long, PlacementRequestView> byId = demand.findAll(of.stream().map(Referrals.Skipped::requestId).collect(Collectors.toSet()));
        return Batches.byKey(of, Referrals.Skipped::requestId, byId);
    }

    @BatchMapping(typeName = "ReferralRecipient", field = "setting")
    Map<RecipientView, SettingView> recipientSetting(List<RecipientView> of) {
        Map<Integer, SettingView> byUrn = settings.findAll(of.stream().map(RecipientView::urn).collect(Collectors.toSet()));
        return Batches.byKey(of, RecipientView::urn, byUrn);
    }

    // ------------------------------------------------------------------ Offer and its revisions

    @BatchMapping(typeName = "Offer", field = "setting")
    Map<OfferView, SettingView> offerSetting(List<OfferView> of) {
        Map<Integer, SettingView> byUrn = settings.findAll(of.stream().map(OfferView::urn).collect(Collectors.toSet()));
        return Batches.byKey(of, OfferView::urn, byUrn);
    }

    @SchemaMapping(typeName = "Offer")
    int revision(OfferView offer) {
        return offer.terms().revision();
    }

    @SchemaMapping(typeName = "Offer")
    uk.sendplan.db.types.ProvisionKind kind(OfferView offer) {
        return offer.terms().kind();
    }

    @SchemaMapping(typeName = "Offer")
    BigDecimal annualFee(OfferView offer) {
        return offer.terms().annualFee();
    }

    @SchemaMapping(typeName = "Offer")
    Breakdown breakdown(OfferView offer) {
        return Breakdown.of(offer.terms());
    }

    @SchemaMapping(typeName = "Offer")
    String startDate(OfferView offer) {
        return offer.terms().startDate().toString();
    }

    @SchemaMapping(typeName = "Offer")
    String validUntil(OfferView offer) {
        return offer.terms().validUntil().toString();
    }

    @SchemaMapping(typeName = "Offer")
    String conditions(OfferView offer) {
        return offer.terms().conditions();
    }

    @SchemaMapping(typeName = "Offer")
    String justification(OfferView offer) {
        return offer.terms().justification();
    }

    @SchemaMapping(typeName = "Offer")
    Check check(OfferView offer) {
        return Check.of(offer.terms());
    }

    @BatchMapping(typeName = "Offer")
    Map<OfferView, List<OfferView.Terms>> revisions(List<OfferView> of) {
        Map<Long, List<OfferView.Terms>> byId = offers.revisions(of);
        return Batches.each(of, o -> byId.get(o.id()));
    }

    @SchemaMapping(typeName = "OfferRevision")
    BigDecimal annualFee(OfferView.Terms terms) {
        return terms.annualFee();
    }

    @SchemaMapping(typeName = "OfferRevision")
    Breakdown breakdown(OfferView.Terms terms) {
        return Breakdown.of(terms);
    }

    @SchemaMapping(typeName = "OfferRevision")
    Check check(OfferView.Terms terms) {
        return Check.of(terms);
    }

    // ------------------------------------------------------------------ comparison rows

    @SchemaMapping(typeName = "ComparisonRow")
    BigDecimal annualFee(Comparisons.Row row) {
        return Money.pounds(row.annualFeePence());
    }

    @SchemaMapping(typeName = "ComparisonRow")
    BigDecimal transportCost(Comparisons.Row row) {
        return Money.pounds(row.transportPence());
    }

    @SchemaMapping(typeName = "ComparisonRow")
    BigDecimal totalAnnualCost(Comparisons.Row row) {
        return Money.pounds(row.totalAnnualCostPence());
    }

    @SchemaMapping(typeName = "ComparisonRow")
    BigDecimal excessOverReference(Comparisons.Row row) {
        return Money.poundsOrNull(row.excessOverReferencePence());
    }

    @SchemaMapping(typeName = "ComparisonRow")
    double distanceKm(Comparisons.Row row) {
        return Math.round(row.distanceKm() * 10) / 10.0;
    }

    @SchemaMapping(typeName = "ComparisonRow")
    double travelMinutes(Comparisons.Row row) {
        return Math.round(row.travelMinutes());
    }

    @SchemaMapping(typeName = "ComparisonRow")
    uk.sendplan.db.types.OfstedRating ofstedRating(Comparisons.Row row) {
        return row.setting().ofstedRating();
    }

    // ------------------------------------------------------------------ agreements

    /** The LA's case reference of the child: the commissioner's; a provider knows the child by the referral. */
    @BatchMapping(typeName = "PlacementAgreement", field = "childReference")
    Map<AgreementView, String> childReference(List<AgreementView> of) {
        Actor actor = access.actor();
        List<AgreementView> own = of.stream().filter(a -> actor.is(Role.COMMISSIONER) && a.laCode().equals(actor.laCode())).toList();
        Map<Long, PlacementRequestView> byId = own.isEmpty() ? Map.of() : demand.findAll(own.stream().map(AgreementView::requestId).collect(Collectors.toSet()));
        return Batches.each(own, a -> byId.get(a.requestId()).reference());
    }

    @SchemaMapping(typeName = "PlacementAgreement")
    LocalAuthority localAuthority(AgreementView agreement) {
        return reference.localAuthority(agreement.laCode()).orElseThrow();
    }

    @BatchMapping(typeName = "PlacementAgreement", field = "provider")
    Map<AgreementView, ProviderView> agreementProvider(List<AgreementView> of) {
        Set<Long> ids = of.stream().map(AgreementView::providerId).collect(Collectors.toSet());
        Map<Long, ProviderView> byId = settings.providers(ids);
        return Batches.byKey(of, AgreementView::providerId, byId);
    }

    @BatchMapping(typeName = "PlacementAgreement", field = "setting")
    Map<AgreementView, SettingView> agreementSetting(List<AgreementView> of) {
        Map<Integer, SettingView> byUrn = settings.findAll(of.stream().map(AgreementView::urn).collect(Collectors.toSet()));
        return Batches.byKey(of, AgreementView::urn, byUrn);
    }

    @SchemaMapping(typeName = "PlacementAgreement")
    BigDecimal annualFee(AgreementView agreement) {
        return Money.pounds(agreement.annualFeePence());
    }

    @BatchMapping(typeName = "PlacementAgreement")
    Map<AgreementView, List<RenewalView>> renewals(List<AgreementView> of) {
        Map<Long, List<RenewalView>> byId = renewals.ofAgreements(of.stream().map(AgreementView::id).toList());
        return Batches.each(of, a -> byId.get(a.id()).stream().limit(20).toList());
    }

    @SchemaMapping(typeName = "AgreementRenewal")
    BigDecimal annualFee(RenewalView renewal) {
        return Money.pounds(renewal.annualFeePence());
    }
}
