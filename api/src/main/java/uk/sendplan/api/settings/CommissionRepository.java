package uk.sendplan.api.settings;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import uk.sendplan.api.settings.Commissions.ContractedPlaces;
import uk.sendplan.api.settings.SettingService.PlaceKey;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.jooq.impl.DSL.currentLocalDate;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.sum;
import static uk.sendplan.db.jooq.Tables.PLACE_COMMISSION;

/** The register's commissions that block contracts made. */
@Repository
class CommissionRepository {

    /** A declared commission, or a contract's whose financial year (to 31 March) is not over: what the register shows. */
    static final Condition IN_FORCE = PLACE_COMMISSION.CONTRACT_ID.isNull().or(field("make_date(left({0}, 4)::integer + 1, 3, 31)",
            LocalDate.class, PLACE_COMMISSION.FINANCIAL_YEAR).ge(currentLocalDate()));

    private final DSLContext db;

    CommissionRepository(DSLContext db) {
        this.db = db;
    }

    /** Contracted places of a financial year in these cells, by cell, ordered by contract and LA. */
    Map<PlaceKey, List<ContractedPlaces>> contracted(Condition cells, String financialYear) {
        Map<PlaceKey, List<ContractedPlaces>> byCell = new LinkedHashMap<>();
        db.selectFrom(PLACE_COMMISSION).where(cells).and(PLACE_COMMISSION.CONTRACT_ID.isNotNull())
                .and(PLACE_COMMISSION.FINANCIAL_YEAR.eq(financialYear))
                .orderBy(PLACE_COMMISSION.SETTING_URN, PLACE_COMMISSION.NEED_CODE, PLACE_COMMISSION.PHASE_CODE, PLACE_COMMISSION.CONTRACT_ID,
                        PLACE_COMMISSION.LA_CODE)
                .forEach(r -> byCell.computeIfAbsent(new PlaceKey(r.getSettingUrn(), r.getNeedCode(), r.getPhaseCode()), k -> new ArrayList<>())
                        .add(new ContractedPlaces(r.getContractId(), r.getLaCode(), r.getFinancialYear(), r.getPlaces(), r.getFilled(),
                                r.getAnnualFeePence())));
        return byCell;
    }

    Map<PlaceKey, List<ContractedPlaces>> contractedIn(Collection<Integer> urns, String financialYear) {
        return contracted(PLACE_COMMISSION.SETTING_URN.in(urns), financialYear);
    }

    Map<PlaceKey, List<ContractedPlaces>> contractedInCells(Collection<PlaceKey> cells, String financialYear) {
        if (cells.isEmpty()) {
            return Map.of();
        }
        return contracted(row(PLACE_COMMISSION.SETTING_URN, PLACE_COMMISSION.NEED_CODE, PLACE_COMMISSION.PHASE_CODE)
                .in(cells.stream().map(k -> row(k.urn(), k.need(), k.phase())).toList()), financialYear);
    }

    /** Places in this cell commissioned and in force for the year: the declared ones and the year's contracts. */
    int commissioned(PlaceKey cell, String financialYear) {
        Integer places = db.select(sum(PLACE_COMMISSION.PLACES).cast(Integer.class)).from(PLACE_COMMISSION)
                .where(PLACE_COMMISSION.SETTING_URN.eq(cell.urn())).and(PLACE_COMMISSION.NEED_CODE.eq(cell.need()))
                .and(PLACE_COMMISSION.PHASE_CODE.eq(cell.phase()))
                .and(PLACE_COMMISSION.CONTRACT_ID.isNull().or(PLACE_COMMISSION.FINANCIAL_YEAR.eq(financialYear)))
                .fetchOne(0, Integer.class);
        return places == null ? 0 : places;
    }

    void insert(long contractId, PlaceKey cell, String financialYear, long annualFeePence, Map<String, Integer> places) {
        places.forEach((la, n) -> db.insertInto(PLACE_COMMISSION).set(PLACE_COMMISSION.SETTING_URN, cell.urn())
                .set(PLACE_COMMISSION.NEED_CODE, cell.need()).set(PLACE_COMMISSION.PHASE_CODE, cell.phase())
                .set(PLACE_COMMISSION.LA_CODE, la).set(PLACE_COMMISSION.PLACES, n).set(PLACE_COMMISSION.CONTRACT_ID, contractId)
                .set(PLACE_COMMISSION.FINANCIAL_YEAR, financialYear).set(PLACE_COMMISSION.ANNUAL_FEE_PENCE, annualFeePence).execute());
    }

    void delete(long contractId) {
        db.deleteFrom(PLACE_COMMISSION).where(PLACE_COMMISSION.CONTRACT_ID.eq(contractId)).execute();
    }
}
