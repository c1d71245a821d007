package uk.sendplan.api.oversight;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import uk.sendplan.db.jooq.tables.records.ProviderFiguresRecord;
import uk.sendplan.db.types.OwnerKind;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static uk.sendplan.db.jooq.Tables.PROVIDER_FIGURES;

/** Reads and writes of providers' stated figures: one row per provider and year, replaced when restated. */
@Repository
class FiguresRepository {

    /** Figures to store; the provider's name is the register's, added by the service. */
    record NewFigures(long providerId, String financialYear, long turnoverPence, long operatingSurplusPence, long netDebtPence,
                      OwnerKind ownerKind, boolean forProfit, String statedBy) {
    }

    private final DSLContext db;

    FiguresRepository(DSLContext db) {
        this.db = db;
    }

    /** A provider's figures for a year, locked until the transaction ends, so two restatements replace one another in turn. */
    Optional<ProviderFiguresRecord> lock(long providerId, String financialYear) {
        return db.selectFrom(PROVIDER_FIGURES).where(PROVIDER_FIGURES.PROVIDER_ID.eq(providerId))
                .and(PROVIDER_FIGURES.FINANCIAL_YEAR.eq(financialYear)).forUpdate().fetchOptional();
    }

    /** Stores the year's figures, replacing any stated before; returns the row as stored. */
    ProviderFiguresRecord upsert(NewFigures f) {
        return db.insertInto(PROVIDER_FIGURES)
                .set(PROVIDER_FIGURES.PROVIDER_ID, f.providerId()).set(PROVIDER_FIGURES.FINANCIAL_YEAR, f.financialYear())
                .set(PROVIDER_FIGURES.TURNOVER_PENCE, f.turnoverPence()).set(PROVIDER_FIGURES.OPERATING_SURPLUS_PENCE, f.operatingSurplusPence())
                .set(PROVIDER_FIGURES.NET_DEBT_PENCE, f.netDebtPence()).set(PROVIDER_FIGURES.OWNER_KIND, f.ownerKind())
                .set(PROVIDER_FIGURES.FOR_PROFIT, f.forProfit()).set(PROVIDER_FIGURES.STATED_BY, f.statedBy())
                .onConflict(PROVIDER_FIGURES.PROVIDER_ID, PROVIDER_FIGURES.FINANCIAL_YEAR).doUpdate()
                .set(PROVIDER_FIGURES.TURNOVER_PENCE, f.turnoverPence()).set(PROVIDER_FIGURES.OPERATING_SURPLUS_PENCE, f.operatingSurplusPence())
                .set(PROVIDER_FIGURES.NET_DEBT_PENCE, f.netDebtPence()).set(PROVIDER_FIGURES.OWNER_KIND, f.ownerKind())
                .set(PROVIDER_FIGURES.FOR_PROFIT, f.forProfit()).set(PROVIDER_FIGURES.STATED_BY, f.statedBy())
                .set(PROVIDER_FIGURES.STATED_AT, Instant.now())
                .returning().fetchOne();
    }

    /** A provider's figures, newest year first. */
    List<ProviderFiguresRecord> ofProvider(long providerId) {
        return db.selectFrom(PROVIDER_FIGURES).where(PROVIDER_FIGURES.PROVIDER_ID.eq(providerId))
                .orderBy(PROVIDER_FIGURES.FINANCIAL_YEAR.desc()).fetch();
    }

    /** Every provider's figures for a year, by provider id. */
    List<ProviderFiguresRecord> ofYear(String financialYear) {
        return db.selectFrom(PROVIDER_FIGURES).where(PROVIDER_FIGURES.FINANCIAL_YEAR.eq(financialYear))
                .orderBy(PROVIDER_FIGURES.PROVIDER_ID).fetch();
    }

    static FiguresView view(ProviderFiguresRecord r, Map<Long, String> names) {
        return new FiguresView(r.getId(), r.getProviderId(), names.getOrDefault(r.getProviderId(), "Provider " + r.getProviderId()),
                r.getFinancialYear(), r.getTurnoverPence(), r.getOperatingSurplusPence(), r.getNetDebtPence(), r.getOwnerKind(),
                r.getForProfit(), r.getStatedAt(), r.getStatedBy());
    }
}
