package uk.sendplan.api.market;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.fees.FeeService;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.jooq.tables.records.OfferRefusalRecord;
import uk.sendplan.db.jooq.tables.records.OfferRevisionRecord;
import uk.sendplan.db.types.DeclineReason;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.OfferStatus;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.RecipientResponse;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Providers' answers to referrals: a decline with a reason, or an offer whose fee is checked against the published
 * framework the moment it is made. A fee above the ceiling (or an uplift above the cap) is refused with the numbers and
 * nothing is offered, though the refusal is kept for the regulator; a fee above the reference needs a justification.
 * An offer can be revised (every revision kept) or withdrawn until it is awarded.
 */
@Service
class Offers {

    /** {@code surplus}: the part of {@code other} that is surplus; left out, none. */
    record BreakdownInput(BigDecimal education, BigDecimal care, BigDecimal therapies, BigDecimal other, BigDecimal surplus) {
    }

    record TermsInput(ProvisionKind kind, BigDecimal annualFee, BreakdownInput breakdown, String startDate, String validUntil,
                      String conditions, String justification) {
    }

    record MakeOfferInput(String referralId, int urn, ProvisionKind kind, BigDecimal annualFee, BreakdownInput breakdown, String startDate,
                          String validUntil, String conditions, String justification) {
        TermsInput terms() {
            return new TermsInput(kind, annualFee, breakdown, startDate, validUntil, conditions, justification);
        }
    }

    record ReviseOfferInput(String offerId, ProvisionKind kind, BigDecimal annualFee, BreakdownInput breakdown, String startDate,
                            String validUntil, String conditions, String justification) {
        TermsInput terms() {
            return new TermsInput(kind, annualFee, breakdown, startDate, validUntil, conditions, justification);
        }
    }

    record DeclineReferralInput(String referralId, int urn, DeclineReason reason) {
    }

    /** Revisions an offer may have (Offer.revisions returns them all; the query cost model counts on it). */
    static final int MAX_REVISIONS = 20;
    /** Offers a referral shows, newest first (one live per setting, but withdrawn ones stay on record). */
    static final int MAX_OFFERS_SHOWN = 100;

    private final ReferralRepository referrals;
    private final OfferRepository offers;
    private final AuditTrail audit;
    private final Access access;
    private final TransactionTemplate separately;
    private final OfferTerms terms;

    Offers(ReferralRepository referrals, OfferRepository offers, OfferTerms terms, AuditTrail audit, Access access,
           PlatformTransactionManager transactions) {
        this.referrals = referrals;
        this.offers = offers;
        this.terms = terms;
        this.audit = audit;
        this.access = access;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Offers on referrals, as the actor may see them: every offer for the referral's commissioner, its own for a provider. */
    Map<Long, List<OfferView>> ofReferrals(List<ReferralView> of) {
        Actor actor = access.require("Referral.offers", Role.COMMISSIONER, Role.PROVIDER);
        Map<Long, List<OfferView>> byReferral = offers.ofReferrals(of.stream().map(ReferralView::id).toList(),
                actor.is(Role.PROVIDER) ? actor.providerId() : null);
        byReferral.replaceAll((id, list) -> list.stream().limit(MAX_OFFERS_SHOWN).toList());
        return byReferral;
    }

    Map<Long, List<OfferView.Terms>> revisions(List<OfferView> of) {
        return offers.revisions(of.stream().map(OfferView::id).toList());
    }

    /** An offer the actor may see: on their LA's referral (commissioner) or their own (provider). */
    OfferView get(String operation, String idText) {
        Actor actor = access.require(operation, Role.COMMISSIONER, Role.PROVIDER);
        OfferView offer = offers.find(access.idInScope(operation, idText)).orElseThrow(() -> access.outOfScope(operation));
        boolean visible = actor.is(Role.PROVIDER) ? offer.providerId() == actor.providerId()
                : referrals.find(offer.referralId()).orElseThrow().laCode().equals(actor.laCode());
        if (!visible) {
            throw access.outOfScope(operation);
        }
        return offer;
    }

    @Transactional
    OfferView make(MakeOfferInput input) {
        Actor actor = access.require("makeOffer", Role.PROVIDER);
        LocalDate today = MarketRules.today();
        ReferralView referral = offerable("makeOffer", input, actor, today);
        OfferRevisionRecord terms = checkedTerms("input", referral, input.urn(), actor, input.terms(), today);
        long id = offers.insert(referral.id(), input.urn(), actor.providerId(), terms);
        referrals.respond(referral.id(), input.urn(), RecipientResponse.OFFERED, null);
        OfferView offer = offers.find(id).orElseThrow();
        audit.record(scope(referral, offer.providerId()), "OFFER_MADE", "offer", id, null, MarketSnapshots.Offer.of(offer),
                "offered " + Money.format(offer.terms().annualFeePence()) + " a year on referral " + referral.id());
        return offer;
    }

    /**
     * What makeOffer would make of these terms, writing nothing: every rule makeOffer applies, each refusing with its
     * field as makeOffer would, and the fee check of the start date's year, returned whatever its verdict (an offer
     * above the ceiling is refused only when it is made, and only then kept for the regulator). The provider's pages
     * show it before the offer is sent.
     */
    @Transactional
    FeeService.OfferCheck check(MakeOfferInput input) {
        Actor actor = access.require("makeOffer", Role.PROVIDER);
        LocalDate today = MarketRules.today();
        ReferralView referral = offerable("makeOffer", input, actor, today);
        return terms.validate("input", referral, input.urn(), input.terms(), today).check();
    }

    /** The referral an offer from the setting may be made on: sent to it, still taking answers, and no live offer from it. */
    private ReferralView offerable(String operation, MakeOfferInput input, Actor actor, LocalDate today) {
        ReferralView referral = sentToProvider(operation, input.referralId(), actor);
        openForResponses(referral, today);
        RecipientView recipient = referrals.recipient(referral.id(), input.urn()).orElseThrow(() -> ApiException.badRequest("input.urn",
                "referral " + referral.id() + " was not sent to setting " + input.urn() + "; offer from a setting it was sent to"));
        if (recipient.providerId() != actor.providerId()) {
            throw ApiException.badRequest("input.urn", "setting " + input.urn() + " is not run by your organisation; offer only places at your own settings");
        }
        offers.liveOffer(referral.id(), input.urn()).ifPresent(o -> {
            throw ApiException.badRequest("input.urn", "setting " + input.urn() + " already has offer " + o.id() + " on referral "
                    + referral.id() + "; revise that offer instead");
        });
        return referral;
    }

    @Transactional
    OfferView revise(ReviseOfferInput input) {
        Actor actor = access.require("reviseOffer", Role.PROVIDER);
        OfferView before = ownOffer("reviseOffer", input.offerId(), actor);
        if (before.status() != OfferStatus.OPEN) {
            throw ApiException.badRequest("input.offerId", "offer " + before.id() + " is " + before.status() + "; only an open offer can be revised");
        }
        if (before.terms().revision() >= MAX_REVISIONS) {
            throw ApiException.badRequest("input.offerId", "offer " + before.id() + " has been revised " + (MAX_REVISIONS - 1)
                    + " times, the most allowed; withdraw it and make a new offer");
        }
        ReferralView referral = referrals.find(before.referralId()).orElseThrow();
        LocalDate today = MarketRules.today();
        openForResponses(referral, today);
        OfferRevisionRecord terms = checkedTerms("input", referral, before.urn(), actor, input.terms(), today);
        offers.revise(before.id(), before.terms().revision() + 1, terms);
        OfferView after = offers.find(before.id()).orElseThrow();
        audit.record(scope(referral, after.providerId()), "OFFER_REVISED", "offer", after.id(), MarketSnapshots.Offer.of(before),
                MarketSnapshots.Offer.of(after), "revision " + after.terms().revision());
        return after;
    }

    @Transactional
    OfferView withdraw(String offerId, String reason) {
        Actor actor = access.require("withdrawOffer", Role.PROVIDER);
        OfferView before = ownOffer("withdrawOffer", offerId, actor);
        String why = MarketRules.requiredText("reason", reason, MarketRules.MAX_REASON);
        if (before.status() != OfferStatus.OPEN) {
            throw ApiException.badRequest("id", "offer " + before.id() + " is " + before.status() + "; only an open offer can be withdrawn"
                    + (before.status() == OfferStatus.AWARDED ? " (an awarded offer is declined through its placement agreement)" : ""));
        }
        offers.setStatus(before.id(), OfferStatus.WITHDRAWN, why);
        OfferView after = offers.find(before.id()).orElseThrow();
        audit.record(scope(referrals.find(before.referralId()).orElseThrow(), after.providerId()), "OFFER_WITHDRAWN", "offer", after.id(),
                MarketSnapshots.Offer.of(before), MarketSnapshots.Offer.of(after), why);
        return after;
    }

    @Transactional
    ReferralView decline(DeclineReferralInput input) {
        Actor actor = access.require("declineReferral", Role.PROVIDER);
        ReferralView referral = sentToProvider("declineReferral", input.referralId(), actor);
        RecipientView before = referrals.recipient(referral.id(), input.urn()).filter(r -> r.providerId() == actor.providerId())
                .orElseThrow(() -> ApiException.badRequest("input.urn", "referral " + referral.id() + " was not sent to your setting " + input.urn()));
        offers.liveOffer(referral.id(), input.urn()).ifPresent(o -> {
            throw ApiException.badRequest("input.urn", "setting " + input.urn() + " has offer " + o.id() + " on this referral; withdraw it instead");
        });
        referrals.respond(referral.id(), input.urn(), RecipientResponse.DECLINED, input.reason());
        audit.record(scope(referral, actor.providerId()), "REFERRAL_DECLINED", "referral", referral.id(), MarketSnapshots.Recipient.of(before),
                MarketSnapshots.Recipient.of(referrals.recipient(referral.id(), input.urn()).orElseThrow()), "declined: " + input.reason());
        return referral;
    }

    // ------------------------------------------------------------------ rules

    /**
     * The referral, read under a share lock so an award (which locks it for update) can't slip between the checks and
     * the offer; out of scope unless it was sent to one of the provider's settings.
     */
    private ReferralView sentToProvider(String operation, String referralId, Actor actor) {
        ReferralView referral = referrals.lockShared(access.idInScope(operation, referralId)).orElseThrow(() -> access.outOfScope(operation));
        if (referrals.recipients(List.of(referral.id()), actor.providerId()).get(referral.id()).isEmpty()) {
            throw access.outOfScope(operation);
        }
        return referral;
    }

    private OfferView ownOffer(String operation, String offerId, Actor actor) {
        return offers.lock(access.idInScope(operation, offerId)).filter(o -> o.providerId() == actor.providerId())
                .orElseThrow(() -> access.outOfScope(operation));
    }

    private static void openForResponses(ReferralView referral, LocalDate today) {
        if (!referral.openForResponses(today)) {
            throw ApiException.badRequest("input.referralId", referral.status() != uk.sendplan.db.types.ReferralStatus.OPEN
                    ? "referral " + referral.id() + " is " + referral.status() + "; it takes no more offers"
                    : "referral " + referral.id() + " closed for responses on " + referral.respondBy() + " (today is " + today + ")");
        }
    }

    /** The terms, each checked, and the fee checked against the framework of the start date's financial year. */
    private OfferRevisionRecord checkedTerms(String field, ReferralView referral, int urn, Actor actor, TermsInput in, LocalDate today) {
        OfferTerms.Valid t = terms.validate(field, referral, urn, in, today);
        FeeService.OfferCheck check = t.check();
        long fee = t.fee();
        if (check.nonCompliant()) {
            refuse(referral, urn, actor, t.kind(), fee, check);
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("field", field + ".annualFee");
            extensions.put("verdict", check.verdict().name());
            extensions.put("reasons", check.reasons());
            if (check.adjustedCeilingPence() != null) {
                extensions.put("adjustedCeiling", Money.pounds(check.adjustedCeilingPence()).toPlainString());
            }
            throw ApiException.badRequest(field + ".annualFee: the fee check refused this offer (" + check.verdict() + "): "
                    + String.join(" ", check.reasons()), extensions);
        }
        if (check.verdict() == FeeVerdict.ABOVE_REFERENCE && t.justification() == null) {
            throw ApiException.badRequest(field + ".justification", "the fee " + Money.format(fee) + " is "
                    + Money.format(fee - check.adjustedReferencePence()) + " above the adjusted reference " + Money.format(check.adjustedReferencePence())
                    + " of " + t.year() + "'s framework: give a justification (what the child's provision needs that the reference does not pay for)");
        }
        return new OfferRevisionRecord().setKind(t.kind()).setAnnualFeePence(fee).setEducationPence(t.education()).setCarePence(t.care())
                .setTherapiesPence(t.therapies()).setOtherPence(t.other()).setSurplusPence(t.surplus()).setStartDate(t.start()).setValidUntil(t.validUntil())
                .setConditions(t.conditions()).setJustification(t.justification()).setFinancialYear(t.year()).setFrameworkId(check.frameworkId())
                .setFrameworkVersion(check.frameworkVersion()).setVerdict(check.verdict())
                .setReasons(check.reasons().toArray(String[]::new)).setReferencePence(check.adjustedReferencePence())
                .setCeilingPence(check.adjustedCeilingPence()).setCreatedBy(actor.subject());
    }

    /** Keeps a refused offer for the regulator's figures, in its own transaction: the offer itself is rolled back. */
    private void refuse(ReferralView referral, int urn, Actor actor, ProvisionKind kind, long fee, FeeService.OfferCheck check) {
        separately.executeWithoutResult(status -> {
            offers.refuse(new OfferRefusalRecord().setReferralId(referral.id()).setSettingUrn(urn).setProviderId(actor.providerId())
                    .setKind(kind).setAnnualFeePence(fee).setVerdict(check.verdict()).setCeilingPence(check.adjustedCeilingPence())
                    .setFrameworkId(check.frameworkId()));
            audit.record(scope(referral, actor.providerId()), "OFFER_REFUSED", "referral", referral.id(), null,
                    new MarketSnapshots.RefusedOffer(referral.id(), urn, actor.providerId(), kind, fee, check.verdict(), check.adjustedCeilingPence(),
                            check.frameworkId()), "refused by the fee check: " + check.verdict());
        });
    }

    static AuditTrail.Scope scope(ReferralView referral, long providerId) {
        return AuditTrail.Scope.between(referral.laCode(), providerId);
    }
}
