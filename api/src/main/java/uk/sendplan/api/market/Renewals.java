package uk.sendplan.api.market;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.fees.FeeService;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.jooq.tables.records.AgreementRenewalRecord;
import uk.sendplan.db.jooq.tables.records.PlacementAgreementRecord;
import uk.sendplan.db.types.AgreementStatus;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.RenewalStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static uk.sendplan.db.jooq.Tables.AGREEMENT_RENEWAL;
import static uk.sendplan.db.jooq.Tables.PLACEMENT_AGREEMENT;

/**
 * Renewing a placement agreement for the next school year: in the agreement's last term the provider proposes the
 * next year's fee, checked against the next year's published framework as an uplift over the agreement's fee (above
 * the cap, or the ceiling, it is refused with the numbers); the commissioner renews, which makes the next year's
 * agreement on that fee for the same place, or rejects it, and the agreement ends on its end date.
 */
@Service
class Renewals {

    record ProposeRenewalInput(String agreementId, BigDecimal annualFee, String justification) {
    }

    /** A renewal may be proposed from this many days before the agreement ends (its summer term). */
    static final int WINDOW_DAYS = 120;

    private final DSLContext db;
    private final AgreementRepository agreements;
    private final ReferralRepository referrals;
    private final FeeService fees;
    private final AuditTrail audit;
    private final Access access;

    Renewals(DSLContext db, AgreementRepository agreements, ReferralRepository referrals, FeeService fees, AuditTrail audit, Access access) {
        this.db = db;
        this.agreements = agreements;
        this.referrals = referrals;
        this.fees = fees;
        this.audit = audit;
        this.access = access;
    }

    /** The proposals on agreements, newest first (an agreement has one a year at most, kept with its decision). */
    Map<Long, List<RenewalView>> ofAgreements(List<Long> agreementIds) {
        Map<Long, List<RenewalView>> byAgreement = new LinkedHashMap<>();
        agreementIds.forEach(id -> byAgreement.put(id, new java.util.ArrayList<>()));
        db.selectFrom(AGREEMENT_RENEWAL).where(AGREEMENT_RENEWAL.AGREEMENT_ID.in(agreementIds)).orderBy(AGREEMENT_RENEWAL.ID.desc())
                .fetch(Renewals::view).forEach(r -> byAgreement.get(r.agreementId()).add(r));
        return byAgreement;
    }

    @Transactional
    RenewalView propose(ProposeRenewalInput input) {
        Actor actor = access.require("proposeRenewal", Role.PROVIDER);
        AgreementView agreement = agreements.lock(access.idInScope("proposeRenewal", input.agreementId()))
                .filter(a -> a.providerId() == actor.providerId()).orElseThrow(() -> access.outOfScope("proposeRenewal"));
        LocalDate today = MarketRules.today();
        if (agreement.status() != AgreementStatus.ACTIVE) {
            throw ApiException.badRequest("input.agreementId", "agreement " + agreement.id() + " is " + agreement.status()
                    + "; only an agreement in force can be renewed");
        }
        LocalDate opens = agreement.endDate().minusDays(WINDOW_DAYS);
        if (today.isBefore(opens) || today.isAfter(agreement.endDate())) {
            throw ApiException.badRequest("input.agreementId", "agreement " + agreement.id() + " runs to " + agreement.endDate()
                    + "; a renewal can be proposed from " + opens + " until then");
        }
        if (open(agreement.id()).isPresent()) {
            throw ApiException.badRequest("input.agreementId", "agreement " + agreement.id() + " already has a proposed renewal waiting for the commissioner");
        }
        long fee = Money.pence(input.annualFee());
        if (fee <= 0 || fee > 150_000_000L) {
            throw ApiException.badRequest("input.annualFee", "must be more than £0 and at most £1,500,000.00 a year, got " + Money.format(fee));
        }
        String justification = MarketRules.optionalText("input.justification", input.justification(), MarketRules.MAX_CONDITIONS);
        LocalDate nextStart = agreement.endDate().plusDays(1);
        String year = MarketRules.financialYear(nextStart);
        ReferralView referral = referrals.find(agreement.referralId()).orElseThrow();
        FeeService.OfferCheck check = fees.checkOffer("input.annualFee", year, agreement.urn(), referral.band(), agreement.kind(), fee,
                agreement.need(), justification != null, agreement.annualFeePence(), null);
        if (check.nonCompliant()) {
            throw ApiException.badRequest("input.annualFee: the fee check refused this renewal (" + check.verdict() + "): "
                    + String.join(" ", check.reasons()), Map.of("field", "input.annualFee", "verdict", check.verdict().name(), "reasons", check.reasons()));
        }
        if (check.verdict() == FeeVerdict.ABOVE_REFERENCE && justification == null) {
            throw ApiException.badRequest("input.justification", "the fee " + Money.format(fee) + " is above the adjusted reference "
                    + Money.format(check.adjustedReferencePence()) + " of " + year + "'s framework: give a justification");
        }
        long id = db.insertInto(AGREEMENT_RENEWAL).set(new AgreementRenewalRecord().setAgreementId(agreement.id()).setFinancialYear(year)
                        .setAnnualFeePence(fee).setUpliftPercent(check.upliftPercent()).setMaxUpliftPercent(check.maxUpliftPercent())
                        .setFrameworkId(check.frameworkId()).setFrameworkVersion(check.frameworkVersion()).setVerdict(check.verdict())
                        .setJustification(justification).setReasons(check.reasons().toArray(String[]::new)).setProposedBy(actor.subject()))
                .returning(AGREEMENT_RENEWAL.ID).fetchOne(AGREEMENT_RENEWAL.ID);
        RenewalView renewal = find(id).orElseThrow();
        audit.record(AuditTrail.Scope.between(agreement.laCode(), agreement.providerId()), "RENEWAL_PROPOSED", "placement_agreement", agreement.id(),
                null, snapshot(renewal), "proposed " + Money.format(fee) + " for " + year + " (" + Money.percent(check.upliftPercent()) + " uplift)");
        return renewal;
    }

    @Transactional
    AgreementView renew(String renewalId) {
        Actor actor = access.require("renewAgreement", Role.COMMISSIONER);
        RenewalView renewal = proposal("renewAgreement", renewalId, actor);
        AgreementView before = agreements.lock(renewal.agreementId()).orElseThrow();
        if (before.status() != AgreementStatus.ACTIVE) {
            throw ApiException.badRequest("renewalId", "agreement " + before.id() + " is " + before.status() + "; only an agreement in force is renewed");
        }
        LocalDate start = before.endDate().plusDays(1);
        long id = agreements.insert(new PlacementAgreementRecord().setReferralId(before.referralId()).setOfferId(before.offerId())
                .setOfferRevision(before.offerRevision()).setRequestId(before.requestId()).setLaCode(before.laCode()).setProviderId(before.providerId())
                .setSettingUrn(before.urn()).setNeedCode(before.need()).setPhaseCode(before.phase()).setKind(before.kind()).setStartDate(start)
                .setEndDate(MarketRules.endOfSchoolYear(start)).setAnnualFeePence(renewal.annualFeePence()).setFrameworkId(renewal.frameworkId())
                .setFrameworkVersion(renewal.frameworkVersion()).setStatus(AgreementStatus.ACTIVE).setPlacementId(before.placementId())
                .setRenewsId(before.id()).setAwardedBy(actor.subject()).setRespondedBy(actor.subject()).setRespondedAt(Instant.now()));
        db.update(PLACEMENT_AGREEMENT).set(PLACEMENT_AGREEMENT.STATUS, AgreementStatus.ENDED)
                .set(PLACEMENT_AGREEMENT.STATUS_REASON, "renewed as agreement " + id).where(PLACEMENT_AGREEMENT.ID.eq(before.id())).execute();
        decide(renewal.id(), RenewalStatus.RENEWED, actor, id);
        AgreementView after = agreements.find(id).orElseThrow();
        AuditTrail.Scope scope = AuditTrail.Scope.between(before.laCode(), before.providerId());
        audit.recordAll(List.of(
                new AuditTrail.Change("AGREEMENT_RENEWED", "placement_agreement", String.valueOf(id), null, MarketSnapshots.Agreement.of(after),
                        "renews agreement " + before.id() + " for " + renewal.financialYear(), scope),
                new AuditTrail.Change("AGREEMENT_ENDED", "placement_agreement", String.valueOf(before.id()), MarketSnapshots.Agreement.of(before),
                        MarketSnapshots.Agreement.of(agreements.find(before.id()).orElseThrow()), "renewed as agreement " + id, scope)));
        return after;
    }

    @Transactional
    RenewalView reject(String renewalId, String reason) {
        Actor actor = access.require("rejectRenewal", Role.COMMISSIONER);
        RenewalView before = proposal("rejectRenewal", renewalId, actor);
        String why = MarketRules.requiredText("reason", reason, MarketRules.MAX_REASON);
        decide(before.id(), RenewalStatus.REJECTED, actor, null);
        RenewalView after = find(before.id()).orElseThrow();
        AgreementView agreement = agreements.find(before.agreementId()).orElseThrow();
        audit.record(AuditTrail.Scope.between(agreement.laCode(), agreement.providerId()), "RENEWAL_REJECTED", "placement_agreement",
                agreement.id(), snapshot(before), snapshot(after), why + "; the agreement ends on " + agreement.endDate());
        return after;
    }

    /** An open proposal on an agreement of the commissioner's LA. */
    private RenewalView proposal(String operation, String renewalId, Actor actor) {
        RenewalView renewal = db.selectFrom(AGREEMENT_RENEWAL).where(AGREEMENT_RENEWAL.ID.eq(access.idInScope(operation, renewalId))).forUpdate()
                .fetchOptional(Renewals::view).orElseThrow(() -> access.outOfScope(operation));
        if (!agreements.find(renewal.agreementId()).orElseThrow().laCode().equals(actor.laCode())) {
            throw access.outOfScope(operation);
        }
        if (renewal.status() != RenewalStatus.PROPOSED) {
            throw ApiException.badRequest("renewalId", "renewal " + renewal.id() + " is " + renewal.status() + " already");
        }
        return renewal;
    }

    private void decide(long id, RenewalStatus status, Actor actor, Long renewedAgreementId) {
        db.update(AGREEMENT_RENEWAL).set(AGREEMENT_RENEWAL.STATUS, status).set(AGREEMENT_RENEWAL.DECIDED_BY, actor.subject())
                .set(AGREEMENT_RENEWAL.DECIDED_AT, Instant.now()).set(AGREEMENT_RENEWAL.RENEWED_AGREEMENT_ID, renewedAgreementId)
                .where(AGREEMENT_RENEWAL.ID.eq(id)).execute();
    }

    private Optional<RenewalView> open(long agreementId) {
        return db.selectFrom(AGREEMENT_RENEWAL).where(AGREEMENT_RENEWAL.AGREEMENT_ID.eq(agreementId))
                .and(AGREEMENT_RENEWAL.STATUS.eq(RenewalStatus.PROPOSED)).fetchOptional(Renewals::view);
    }

    private Optional<RenewalView> find(long id) {
        return db.selectFrom(AGREEMENT_RENEWAL).where(AGREEMENT_RENEWAL.ID.eq(id)).fetchOptional(Renewals::view);
    }

    private static MarketSnapshots.Renewal snapshot(RenewalView r) {
        return new MarketSnapshots.Renewal(r.id(), r.agreementId(), r.financialYear(), r.annualFeePence(), r.upliftPercent().toPlainString(),
                r.maxUpliftPercent().toPlainString(), r.verdict(), r.status());
    }

    private static RenewalView view(AgreementRenewalRecord r) {
        return new RenewalView(r.getId(), r.getAgreementId(), r.getFinancialYear(), r.getAnnualFeePence(), r.getUpliftPercent(), r.getMaxUpliftPercent(),
                r.getFrameworkId(), r.getFrameworkVersion(), r.getVerdict(), r.getJustification(), List.of(r.getReasons()), r.getStatus(),
                r.getProposedAt(), r.getDecidedAt(), r.getRenewedAgreementId());
    }
}
