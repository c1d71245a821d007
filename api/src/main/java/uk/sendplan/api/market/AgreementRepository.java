package uk.sendplan.api.market;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import uk.sendplan.db.jooq.tables.records.PlacementAgreementRecord;
import uk.sendplan.db.types.AgreementStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static uk.sendplan.db.jooq.Tables.PLACEMENT_AGREEMENT;

/** Placement agreements. */
@Repository
class AgreementRepository {

    private final DSLContext db;

    AgreementRepository(DSLContext db) {
        this.db = db;
    }

    long insert(PlacementAgreementRecord agreement) {
        return db.insertInto(PLACEMENT_AGREEMENT).set(agreement).returning(PLACEMENT_AGREEMENT.ID).fetchOne(PLACEMENT_AGREEMENT.ID);
    }

    Optional<AgreementView> find(long id) {
        return db.selectFrom(PLACEMENT_AGREEMENT).where(PLACEMENT_AGREEMENT.ID.eq(id)).fetchOptional(AgreementRepository::view);
    }

    Optional<AgreementView> lock(long id) {
        return db.selectFrom(PLACEMENT_AGREEMENT).where(PLACEMENT_AGREEMENT.ID.eq(id)).forUpdate().fetchOptional(AgreementRepository::view);
    }

    /** The newest agreement of each referral (awaiting, in force, declined or ended). */
    Map<Long, AgreementView> latestOfReferrals(Collection<Long> referralIds) {
        Map<Long, AgreementView> byReferral = new LinkedHashMap<>();
        db.selectFrom(PLACEMENT_AGREEMENT).where(PLACEMENT_AGREEMENT.REFERRAL_ID.in(referralIds)).orderBy(PLACEMENT_AGREEMENT.ID)
                .fetch(AgreementRepository::view).forEach(a -> byReferral.put(a.referralId(), a));
        return byReferral;
    }

    /** An LA's agreements, or a provider's; newest first, after a keyset cursor. */
    List<AgreementView> search(String laCode, Long providerId, List<AgreementStatus> statuses, Long beforeId, int limit) {
        return db.selectFrom(PLACEMENT_AGREEMENT).where(scope(laCode, providerId, statuses))
                .and(beforeId == null ? PLACEMENT_AGREEMENT.ID.isNotNull() : PLACEMENT_AGREEMENT.ID.lt(beforeId))
                .orderBy(PLACEMENT_AGREEMENT.ID.desc()).limit(limit).fetch(AgreementRepository::view);
    }

    /** An LA's agreements, or a provider's; newest first, {@code limit} after skipping {@code offset}: a numbered page of a table. */
    List<AgreementView> page(String laCode, Long providerId, List<AgreementStatus> statuses, int offset, int limit) {
        return db.selectFrom(PLACEMENT_AGREEMENT).where(scope(laCode, providerId, statuses))
                .orderBy(PLACEMENT_AGREEMENT.ID.desc()).offset(offset).limit(limit).fetch(AgreementRepository::view);
    }

    int count(String laCode, Long providerId, List<AgreementStatus> statuses) {
        return db.fetchCount(PLACEMENT_AGREEMENT, scope(laCode, providerId, statuses));
    }

    private static Condition scope(String laCode, Long providerId, List<AgreementStatus> statuses) {
        Condition condition = laCode != null ? PLACEMENT_AGREEMENT.LA_CODE.eq(laCode) : PLACEMENT_AGREEMENT.PROVIDER_ID.eq(providerId);
        return statuses == null || statuses.isEmpty() ? condition : condition.and(PLACEMENT_AGREEMENT.STATUS.in(statuses));
    }

    void respond(long id, AgreementStatus status, String reason, Long placementId, String by, Instant at) {
        db.update(PLACEMENT_AGREEMENT).set(PLACEMENT_AGREEMENT.STATUS, status).set(PLACEMENT_AGREEMENT.STATUS_REASON, reason)
                .set(PLACEMENT_AGREEMENT.PLACEMENT_ID, placementId).set(PLACEMENT_AGREEMENT.RESPONDED_BY, by)
                .set(PLACEMENT_AGREEMENT.RESPONDED_AT, at).where(PLACEMENT_AGREEMENT.ID.eq(id)).execute();
    }

    static AgreementView view(PlacementAgreementRecord r) {
        return new AgreementView(r.getId(), r.getReferralId(), r.getOfferId(), r.getOfferRevision(), r.getRequestId(), r.getLaCode(),
                r.getProviderId(), r.getSettingUrn(), r.getNeedCode(), r.getPhaseCode(), r.getKind(), r.getStartDate(), r.getEndDate(),
                r.getAnnualFeePence(), r.getFrameworkId(), r.getFrameworkVersion(), r.getStatus(), r.getStatusReason(), r.getPlacementId(), r.getRenewsId(),
                r.getAwardedBy(), r.getAwardedAt(), r.getRespondedAt());
    }
}
