package uk.sendplan.api.market;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;
import uk.sendplan.db.jooq.tables.records.OfferRefusalRecord;
import uk.sendplan.db.jooq.tables.records.OfferRevisionRecord;
import uk.sendplan.db.types.OfferStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static uk.sendplan.db.jooq.Tables.OFFER;
import static uk.sendplan.db.jooq.Tables.OFFER_REFUSAL;
import static uk.sendplan.db.jooq.Tables.OFFER_REVISION;

/** Offers, every revision of their terms, and the offers the fee check refused. */
@Repository
class OfferRepository {

    private final DSLContext db;

    OfferRepository(DSLContext db) {
        this.db = db;
    }

    /** A new offer with its first terms; returns its id. */
    long insert(long referralId, int urn, long providerId, OfferRevisionRecord terms) {
        long id = db.insertInto(OFFER).set(OFFER.REFERRAL_ID, referralId).set(OFFER.SETTING_URN, urn).set(OFFER.PROVIDER_ID, providerId)
                .returning(OFFER.ID).fetchOne(OFFER.ID);
        db.insertInto(OFFER_REVISION).set(terms.setOfferId(id).setRevision(1)).execute();
        return id;
    }

    /** New terms for an offer: the next revision, which becomes current; the old ones are kept. */
    void revise(long offerId, int revision, OfferRevisionRecord terms) {
        db.insertInto(OFFER_REVISION).set(terms.setOfferId(offerId).setRevision(revision)).execute();
        db.update(OFFER).set(OFFER.REVISION, revision).set(OFFER.UPDATED_AT, Instant.now()).where(OFFER.ID.eq(offerId)).execute();
    }

    void refuse(OfferRefusalRecord refusal) {
        db.insertInto(OFFER_REFUSAL).set(refusal).execute();
    }

    Optional<OfferView> find(long id) {
        return select(OFFER.ID.eq(id), false).stream().findFirst();
    }

    /** The offer locked for this transaction, so a withdrawal and an award can't both happen. */
    Optional<OfferView> lock(long id) {
        return select(OFFER.ID.eq(id), true).stream().findFirst();
    }

    /** Offers on many referrals, newest first; narrowed to one provider's when {@code providerId} is given. */
    Map<Long, List<OfferView>> ofReferrals(Collection<Long> referralIds, Long providerId) {
        Condition condition = OFFER.REFERRAL_ID.in(referralIds);
        if (providerId != null) {
            condition = condition.and(OFFER.PROVIDER_ID.eq(providerId));
        }
        Map<Long, List<OfferView>> byReferral = select(condition, false).stream()
                .collect(Collectors.groupingBy(OfferView::referralId, LinkedHashMap::new, Collectors.toList()));
        referralIds.forEach(id -> byReferral.putIfAbsent(id, List.of()));
        return byReferral;
    }

    Optional<OfferView> liveOffer(long referralId, int urn) {
        return select(OFFER.REFERRAL_ID.eq(referralId).and(OFFER.SETTING_URN.eq(urn))
                .and(OFFER.STATUS.in(OfferStatus.OPEN, OfferStatus.AWARDED)), false).stream().findFirst();
    }

    Map<Long, List<OfferView.Terms>> revisions(Collection<Long> offerIds) {
        return db.selectFrom(OFFER_REVISION).where(OFFER_REVISION.OFFER_ID.in(offerIds))
                .orderBy(OFFER_REVISION.OFFER_ID, OFFER_REVISION.REVISION.desc()).fetch(OfferRepository::terms).stream()
                .collect(Collectors.groupingBy(OfferView.Terms::offerId, LinkedHashMap::new, Collectors.toList()));
    }

    void setStatus(long id, OfferStatus status, String reason) {
        db.update(OFFER).set(OFFER.STATUS, status).set(OFFER.STATUS_REASON, reason).set(OFFER.UPDATED_AT, Instant.now())
                .where(OFFER.ID.eq(id)).execute();
    }

    private List<OfferView> select(Condition condition, boolean lock) {
        var query = db.select(OFFER.asterisk(), OFFER_REVISION.asterisk()).from(OFFER).join(OFFER_REVISION)
                .on(OFFER_REVISION.OFFER_ID.eq(OFFER.ID)).and(OFFER_REVISION.REVISION.eq(OFFER.REVISION))
                .where(condition).orderBy(OFFER.ID.desc());
        return (lock ? query.forUpdate().of(OFFER) : query).fetch(OfferRepository::view);
    }

    private static OfferView view(Record r) {
        return new OfferView(r.get(OFFER.ID), r.get(OFFER.REFERRAL_ID), r.get(OFFER.SETTING_URN), r.get(OFFER.PROVIDER_ID), r.get(OFFER.STATUS),
                r.get(OFFER.STATUS_REASON), r.get(OFFER.CREATED_AT), r.get(OFFER.UPDATED_AT), terms(r.into(OFFER_REVISION)));
    }

    private static OfferView.Terms terms(OfferRevisionRecord t) {
        return new OfferView.Terms(t.getOfferId(), t.getRevision(), t.getKind(), t.getAnnualFeePence(), t.getEducationPence(), t.getCarePence(),
                t.getTherapiesPence(), t.getOtherPence(), t.getSurplusPence(), t.getStartDate(), t.getValidUntil(), t.getConditions(), t.getJustification(),
                t.getFinancialYear(), t.getFrameworkId(), t.getFrameworkVersion(), t.getVerdict(), List.of(t.getReasons()), t.getReferencePence(), t.getCeilingPence(),
                t.getCreatedAt());
    }
}
