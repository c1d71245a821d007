package uk.sendplan.api.market;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import uk.sendplan.db.jooq.tables.records.ReferralRecipientRecord;
import uk.sendplan.db.jooq.tables.records.ReferralRecord;
import uk.sendplan.db.types.DeclineReason;
import uk.sendplan.db.types.RecipientResponse;
import uk.sendplan.db.types.ReferralStatus;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.selectOne;
import static uk.sendplan.db.jooq.Tables.REFERRAL;
import static uk.sendplan.db.jooq.Tables.REFERRAL_RECIPIENT;

/** Referrals and the settings they were sent to. */
@Repository
class ReferralRepository {

    private final DSLContext db;

    ReferralRepository(DSLContext db) {
        this.db = db;
    }

    long insert(ReferralRecord referral) {
        return db.insertInto(REFERRAL).set(referral).returning(REFERRAL.ID).fetchOne(REFERRAL.ID);
    }

    void insertRecipients(List<ReferralRecipientRecord> recipients) {
        if (!recipients.isEmpty()) {
            db.batchInsert(recipients).execute();
        }
    }

    Optional<ReferralView> find(long id) {
        return db.selectFrom(REFERRAL).where(REFERRAL.ID.eq(id)).fetchOptional(ReferralRepository::view);
    }

    /** The referral row locked for this transaction: awards and status changes of one referral queue behind each other. */
    Optional<ReferralView> lock(long id) {
        return db.selectFrom(REFERRAL).where(REFERRAL.ID.eq(id)).forUpdate().fetchOptional(ReferralRepository::view);
    }

    /** The referral under a share lock: offers may be made side by side, but not while an award holds it. */
    Optional<ReferralView> lockShared(long id) {
        return db.selectFrom(REFERRAL).where(REFERRAL.ID.eq(id)).forShare().fetchOptional(ReferralRepository::view);
    }

    /** A commissioner's LA's referrals, or those sent to a provider's settings; newest first, after a keyset cursor. */
    List<ReferralView> search(String laCode, Long providerId, List<ReferralStatus> statuses, Long beforeId, int limit) {
        return db.selectFrom(REFERRAL).where(scope(laCode, providerId, statuses)).and(beforeId == null ? REFERRAL.ID.isNotNull() : REFERRAL.ID.lt(beforeId))
                .orderBy(REFERRAL.ID.desc()).limit(limit).fetch(ReferralRepository::view);
    }

    int count(String laCode, Long providerId, List<ReferralStatus> statuses) {
        return db.fetchCount(REFERRAL, scope(laCode, providerId, statuses));
    }

    private static Condition scope(String laCode, Long providerId, List<ReferralStatus> statuses) {
        Condition condition = laCode != null ? REFERRAL.LA_CODE.eq(laCode)
                : exists(selectOne().from(REFERRAL_RECIPIENT).where(REFERRAL_RECIPIENT.REFERRAL_ID.eq(REFERRAL.ID))
                .and(REFERRAL_RECIPIENT.PROVIDER_ID.eq(providerId)));
        return statuses == null || statuses.isEmpty() ? condition : condition.and(REFERRAL.STATUS.in(statuses));
    }

    /** The request's live (open or awarded) referral, if any. */
    Optional<Long> liveReferralOf(long requestId) {
        return db.select(REFERRAL.ID).from(REFERRAL).where(REFERRAL.REQUEST_ID.eq(requestId))
                .and(REFERRAL.STATUS.in(ReferralStatus.OPEN, ReferralStatus.AWARDED)).fetchOptional(REFERRAL.ID);
    }

    /** The live referrals of these requests, their rows locked in id order (as other lockers take them). */
    List<ReferralView> lockLive(Collection<Long> requestIds) {
        return db.selectFrom(REFERRAL).where(REFERRAL.REQUEST_ID.in(requestIds)).and(REFERRAL.STATUS.in(ReferralStatus.OPEN, ReferralStatus.AWARDED))
                .orderBy(REFERRAL.ID).forUpdate().fetch(ReferralRepository::view);
    }

    /** Marks a referral as one for the child's next place when their agreement ends unrenewed. */
    void replacing(long id, long agreementId) {
        db.update(REFERRAL).set(REFERRAL.REPLACES_AGREEMENT_ID, agreementId).where(REFERRAL.ID.eq(id)).execute();
    }

    void setStatus(long id, ReferralStatus status, String reason) {
        db.update(REFERRAL).set(REFERRAL.STATUS, status).set(REFERRAL.STATUS_REASON, reason).set(REFERRAL.UPDATED_AT, Instant.now())
                .where(REFERRAL.ID.eq(id)).execute();
    }

    // ------------------------------------------------------------------ recipients

    /** Recipients of many referrals; a provider's view is narrowed to its own settings by {@code providerId}. */
    Map<Long, List<RecipientView>> recipients(Collection<Long> referralIds, Long providerId) {
        Condition condition = REFERRAL_RECIPIENT.REFERRAL_ID.in(referralIds);
        if (providerId != null) {
            condition = condition.and(REFERRAL_RECIPIENT.PROVIDER_ID.eq(providerId));
        }
        Map<Long, List<RecipientView>> byReferral = db.selectFrom(REFERRAL_RECIPIENT).where(condition)
                .orderBy(REFERRAL_RECIPIENT.REFERRAL_ID, REFERRAL_RECIPIENT.SETTING_URN).fetch(ReferralRepository::recipient).stream()
                .collect(Collectors.groupingBy(RecipientView::referralId, LinkedHashMap::new, Collectors.toList()));
        referralIds.forEach(id -> byReferral.putIfAbsent(id, List.of()));
        return byReferral;
    }

    Optional<RecipientView> recipient(long referralId, int urn) {
        return db.selectFrom(REFERRAL_RECIPIENT).where(REFERRAL_RECIPIENT.REFERRAL_ID.eq(referralId))
                .and(REFERRAL_RECIPIENT.SETTING_URN.eq(urn)).fetchOptional(ReferralRepository::recipient);
    }

    boolean removeRecipient(long referralId, int urn) {
        return db.deleteFrom(REFERRAL_RECIPIENT).where(REFERRAL_RECIPIENT.REFERRAL_ID.eq(referralId))
                .and(REFERRAL_RECIPIENT.SETTING_URN.eq(urn)).execute() == 1;
    }

    void respond(long referralId, int urn, RecipientResponse response, DeclineReason reason) {
        db.update(REFERRAL_RECIPIENT).set(REFERRAL_RECIPIENT.RESPONSE, response).set(REFERRAL_RECIPIENT.DECLINE_REASON, reason)
                .set(REFERRAL_RECIPIENT.RESPONDED_AT, Instant.now())
                .where(REFERRAL_RECIPIENT.REFERRAL_ID.eq(referralId)).and(REFERRAL_RECIPIENT.SETTING_URN.eq(urn)).execute();
    }

    private static RecipientView recipient(ReferralRecipientRecord r) {
        return new RecipientView(r.getReferralId(), r.getSettingUrn(), r.getProviderId(), r.getMatched(), r.getSentAt(), r.getResponse(),
                r.getDeclineReason(), r.getRespondedAt());
    }

    static ReferralView view(ReferralRecord r) {
        return new ReferralView(r.getId(), r.getRequestId(), r.getLaCode(), r.getPlanId(), r.getPrimaryNeed(), r.getSecondaryNeed(), r.getBand(),
                r.getAge(), r.getNcYear(), r.getPhaseCode(), r.getGender(), r.getNeedsBoarding(), r.getHomeDistrict(), r.getHomeEasting(),
                r.getHomeNorthing(), r.getProvision(), Arrays.stream(r.getTherapies()).map(MarketRules.Therapy::valueOf).toList(),
                r.getStartTerm(), r.getRespondBy(), List.of(r.getWhyNotState()), r.getNote(), r.getStatus(), r.getStatusReason(), r.getDemo(),
                r.getCreatedBy(), r.getCreatedAt(), r.getUpdatedAt(), r.getReplacesAgreementId());
    }
}
