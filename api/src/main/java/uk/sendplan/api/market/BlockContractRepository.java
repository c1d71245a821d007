package uk.sendplan.api.market;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.springframework.stereotype.Repository;
import uk.sendplan.db.jooq.tables.records.BlockContractRecord;
import uk.sendplan.db.types.BlockContractStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;
import static uk.sendplan.db.jooq.Tables.BLOCK_CONTRACT;
import static uk.sendplan.db.jooq.Tables.BLOCK_CONTRACT_PARTY;

@Repository
class BlockContractRepository {

    private final DSLContext db;

    BlockContractRepository(DSLContext db) {
        this.db = db;
    }

    long insert(BlockContractRecord contract, Map<String, Integer> parties) {
        long id = db.insertInto(BLOCK_CONTRACT).set(contract).returning(BLOCK_CONTRACT.ID).fetchOne(BLOCK_CONTRACT.ID);
        parties.forEach((la, places) -> db.insertInto(BLOCK_CONTRACT_PARTY).set(BLOCK_CONTRACT_PARTY.CONTRACT_ID, id)
                .set(BLOCK_CONTRACT_PARTY.LA_CODE, la).set(BLOCK_CONTRACT_PARTY.PLACES, places).execute());
        return id;
    }

    Optional<BlockContractView> find(long id) {
        return search(BLOCK_CONTRACT.ID.eq(id), 1).stream().findFirst();
    }

    /** The contract, its row locked: of two decisions racing, the second sees the first's. */
    Optional<BlockContractView> lock(long id) {
        db.select(BLOCK_CONTRACT.ID).from(BLOCK_CONTRACT).where(BLOCK_CONTRACT.ID.eq(id)).forUpdate().fetch();
        return find(id);
    }

    /** Newest first. */
    List<BlockContractView> search(Condition condition, int limit) {
        return db.select(BLOCK_CONTRACT.asterisk(),
                        multiset(select(BLOCK_CONTRACT_PARTY.LA_CODE, BLOCK_CONTRACT_PARTY.PLACES).from(BLOCK_CONTRACT_PARTY)
                                .where(BLOCK_CONTRACT_PARTY.CONTRACT_ID.eq(BLOCK_CONTRACT.ID)).orderBy(BLOCK_CONTRACT_PARTY.LA_CODE))
                                .as("parties").convertFrom(rows -> rows.map(Records.mapping(BlockContractView.Party::new))))
                .from(BLOCK_CONTRACT).where(condition).orderBy(BLOCK_CONTRACT.ID.desc()).limit(limit)
                .fetch(r -> {
                    BlockContractRecord c = r.into(BLOCK_CONTRACT);
                    return new BlockContractView(c.getId(), c.getSettingUrn(), c.getProviderId(), c.getNeedCode(), c.getPhaseCode(),
                            c.getFinancialYear(), c.getBand(), c.getKind(), c.getAnnualFeePence(), c.getJustification(), c.getFrameworkId(),
                            c.getFrameworkVersion(), c.getVerdict(), List.of(c.getReasons()), c.getReferencePence(), c.getCeilingPence(),
                            c.getLeadLaCode(), c.getStatus(), c.getStatusReason(), c.getProposedBy(), c.getProposedAt(), c.getDecidedBy(),
                            c.getDecidedAt(), r.get("parties", List.class));
                });
    }

    /** Contracts an LA is a party to. */
    static Condition partyOf(String laCode) {
        return BLOCK_CONTRACT.ID.in(select(BLOCK_CONTRACT_PARTY.CONTRACT_ID).from(BLOCK_CONTRACT_PARTY).where(BLOCK_CONTRACT_PARTY.LA_CODE.eq(laCode)));
    }

    static Condition ofProvider(long providerId) {
        return BLOCK_CONTRACT.PROVIDER_ID.eq(providerId);
    }

    void decide(long id, BlockContractStatus status, String reason, String by) {
        db.update(BLOCK_CONTRACT).set(BLOCK_CONTRACT.STATUS, status).set(BLOCK_CONTRACT.STATUS_REASON, reason)
                .set(BLOCK_CONTRACT.DECIDED_BY, by).set(BLOCK_CONTRACT.DECIDED_AT, Instant.now()).where(BLOCK_CONTRACT.ID.eq(id)).execute();
    }
}
