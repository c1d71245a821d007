package uk.sendplan.api.market;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.trueCondition;
import static org.jooq.impl.DSL.val;
import static uk.sendplan.db.jooq.Tables.OFFER;
import static uk.sendplan.db.jooq.Tables.OFFER_REFUSAL;
import static uk.sendplan.db.jooq.Tables.OFFER_REVISION;
import static uk.sendplan.db.jooq.Tables.PLACEMENT_AGREEMENT;
import static uk.sendplan.db.jooq.Tables.REFERRAL;
import static uk.sendplan.db.jooq.Tables.REFERRAL_RECIPIENT;

/**
 * The market's figures in one set-based query: referrals in scope, the settings they went to, the offers made (at
 * their current revision), the awards and the refused offers, counted and their medians taken per provider and in
 * total with grouping sets, so England's figures cost one pass over the tables whatever the number of providers.
 */
@Repository
class MarketStatisticsRepository {

    /** A provider's figures, or the totals (providerId 0). Days and percentages unrounded; the fee in pence. */
    record Figures(long providerId, int referrals, int recipients, int responses, int offers, Double medianDaysToFirstOffer,
                   Double medianDaysToAward, BigDecimal medianFeePence, BigDecimal medianFeeToReference, int awards,
                   int refusedAboveCeiling, int refusedUpliftAboveCap, int refusedSurplusAboveCap) {
    }

    /** Identity columns start at 1, so 0 marks the row of totals. */
    static final long TOTALS = 0;

    /*
     * r: the referrals in scope. rr, o, a, f: their recipients, offers (at the current revision), awards (not renewals:
     * a renewal is not a new award) and refused offers, each only the provider's own when one is given. The days to a
     * first offer and to an award are per referral in the totals (its first offer from anyone) and per referral and
     * provider in a provider's row (its own first offer). A median over no rows is null. The providers come from the
     * small per-provider aggregates, not the rows, and a provider's referrals are counted from its rows grouped by
     * referral (a hash aggregate) rather than with count(DISTINCT), which sorted England's 80,000 rows on disk.
     */
    private static final String SQL = """
            WITH r AS ({0}),
            rr AS (SELECT x.referral_id, x.provider_id, x.response FROM {1} x JOIN r ON r.id = x.referral_id WHERE {6}),
            o AS (SELECT x.referral_id, x.provider_id, x.created_at, r.created_at AS referred_at, v.annual_fee_pence, v.reference_pence
                  FROM {2} x JOIN r ON r.id = x.referral_id JOIN {3} v ON v.offer_id = x.id AND v.revision = x.revision WHERE {6}),
            a AS (SELECT x.referral_id, x.provider_id, x.awarded_at, r.created_at AS referred_at
                  FROM {4} x JOIN r ON r.id = x.referral_id WHERE x.renews_id IS NULL AND {6}),
            f AS (SELECT x.provider_id, x.verdict FROM {5} x JOIN r ON r.id = x.referral_id WHERE {6}),
            recipients AS (SELECT coalesce(provider_id, 0) AS k, count(*) AS referrals, sum(settings) AS recipients, sum(responses) AS responses
                           FROM (SELECT provider_id, count(*) AS settings, count(response) AS responses
                                 FROM rr GROUP BY referral_id, provider_id) per_referral
                           GROUP BY GROUPING SETS ((provider_id), ())),
            offers AS (SELECT coalesce(provider_id, 0) AS k, count(*) AS offers,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY annual_fee_pence) AS median_fee,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY 100 * annual_fee_pence::float8 / reference_pence)
                               FILTER (WHERE reference_pence > 0) AS median_to_reference
                       FROM o GROUP BY GROUPING SETS ((provider_id), ())),
            first_offers AS (SELECT referral_id, provider_id, extract(epoch FROM min(created_at) - referred_at)::float8 / 86400 AS days
                             FROM o GROUP BY referral_id, provider_id, referred_at),
            to_offer AS (SELECT provider_id AS k, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS days FROM first_offers GROUP BY provider_id
                         UNION ALL
                         SELECT 0, percentile_cont(0.5) WITHIN GROUP (ORDER BY days)
                         FROM (SELECT min(days) AS days FROM first_offers GROUP BY referral_id) t),
            first_awards AS (SELECT referral_id, provider_id, extract(epoch FROM min(awarded_at) - referred_at)::float8 / 86400 AS days
                             FROM a GROUP BY referral_id, provider_id, referred_at),
            to_award AS (SELECT provider_id AS k, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS days FROM first_awards GROUP BY provider_id
                         UNION ALL
                         SELECT 0, percentile_cont(0.5) WITHIN GROUP (ORDER BY days)
                         FROM (SELECT min(days) AS days FROM first_awards GROUP BY referral_id) t),
            awards AS (SELECT coalesce(provider_id, 0) AS k, count(*) AS awards FROM a GROUP BY GROUPING SETS ((provider_id), ())),
            refusals AS (SELECT coalesce(provider_id, 0) AS k, count(*) FILTER (WHERE verdict = 'ABOVE_CEILING') AS above_ceiling,
                             count(*) FILTER (WHERE verdict = 'UPLIFT_ABOVE_CAP') AS above_cap,
                             count(*) FILTER (WHERE verdict = 'SURPLUS_ABOVE_CAP') AS surplus_above_cap
                         FROM f GROUP BY GROUPING SETS ((provider_id), ())),
            keys AS (SELECT k FROM recipients UNION SELECT k FROM offers UNION SELECT k FROM awards UNION SELECT k FROM refusals
                     UNION SELECT 0)
            SELECT keys.k,
                   CASE WHEN keys.k = 0 THEN (SELECT count(*) FROM r) ELSE coalesce(recipients.referrals, 0) END,
                   coalesce(recipients.recipients, 0), coalesce(recipients.responses, 0), coalesce(offers.offers, 0),
                   to_offer.days, to_award.days, offers.median_fee, offers.median_to_reference, coalesce(awards.awards, 0),
                   coalesce(refusals.above_ceiling, 0), coalesce(refusals.above_cap, 0), coalesce(refusals.surplus_above_cap, 0)
            FROM keys
            LEFT JOIN recipients ON recipients.k = keys.k
            LEFT JOIN offers ON offers.k = keys.k
            LEFT JOIN to_offer ON to_offer.k = keys.k
            LEFT JOIN to_award ON to_award.k = keys.k
            LEFT JOIN awards ON awards.k = keys.k
            LEFT JOIN refusals ON refusals.k = keys.k
            """;

    private final DSLContext db;

    MarketStatisticsRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * The totals and every provider's figures over the referrals of these LAs (null: England) made in [from, to) (either
     * end null: open), or, for one provider, only the referrals sent to it and its own dealings with them.
     */
    List<Figures> figures(Collection<String> laCodes, Instant from, Instant to, Long providerId) {
        return query(laCodes, from, to, providerId)
                .fetch(r -> new Figures(r.get(0, Long.class), r.get(1, Integer.class), r.get(2, Integer.class), r.get(3, Integer.class),
                        r.get(4, Integer.class), r.get(5, Double.class), r.get(6, Double.class), r.get(7, BigDecimal.class),
                        r.get(8, BigDecimal.class), r.get(9, Integer.class), r.get(10, Integer.class), r.get(11, Integer.class),
                        r.get(12, Integer.class)));
    }

    /** The query itself (the benchmark explains its plan). */
    ResultQuery<Record> query(Collection<String> laCodes, Instant from, Instant to, Long providerId) {
        Condition scope = (laCodes == null ? noCondition() : REFERRAL.LA_CODE.in(laCodes))
                .and(from == null ? noCondition() : REFERRAL.CREATED_AT.ge(from))
                .and(to == null ? noCondition() : REFERRAL.CREATED_AT.lt(to))
                .and(providerId == null ? noCondition() : exists(selectOne().from(REFERRAL_RECIPIENT)
                        .where(REFERRAL_RECIPIENT.REFERRAL_ID.eq(REFERRAL.ID)).and(REFERRAL_RECIPIENT.PROVIDER_ID.eq(providerId))));
        Condition own = providerId == null ? trueCondition() : condition("x.provider_id = {0}", val(providerId, SQLDataType.BIGINT));
        return db.resultQuery(SQL, select(REFERRAL.ID, REFERRAL.CREATED_AT).from(REFERRAL).where(scope), REFERRAL_RECIPIENT, OFFER,
                OFFER_REVISION, PLACEMENT_AGREEMENT, OFFER_REFUSAL, own);
    }
}
