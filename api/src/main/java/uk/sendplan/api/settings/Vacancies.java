package uk.sendplan.api.settings;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.springframework.stereotype.Component;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.types.RegistrationStatus;

import java.util.List;

import static org.jooq.impl.DSL.*;
import static uk.sendplan.db.jooq.Tables.*;

/** Places, occupancy and vacancies in open settings, by need type × phase, for an LA, a region or England. */
@Component
public class Vacancies {

    public record VacancyRow(String need, String phase, int capacity, int occupied, int settings, int settingsWithVacancy) {
        public int vacancies() {
            return capacity - occupied;
        }
    }

    public record VacancySummary(String scope, List<VacancyRow> rows) {
        public int capacity() {
            return rows.stream().mapToInt(VacancyRow::capacity).sum();
        }

        public int occupied() {
            return rows.stream().mapToInt(VacancyRow::occupied).sum();
        }

        public int vacancies() {
            return capacity() - occupied();
        }
    }

    private final DSLContext db;
    private final ReferenceData reference;
    private final Access access;

    Vacancies(DSLContext db, ReferenceData reference, Access access) {
        this.db = db;
        this.reference = reference;
        this.access = access;
    }

    public VacancySummary summarise(String laCode, String regionCode, String need, String phase) {
        access.require("vacancies", Role.values());
        if (laCode != null && regionCode != null) {
            throw ApiException.badRequest("laCode", "give either laCode or regionCode, not both");
        }
        Condition condition = SETTING.REGISTRATION_STATUS.eq(RegistrationStatus.OPEN);
        String scope = "ENGLAND";
        if (laCode != null) {
            scope = reference.requireLocalAuthority("laCode", laCode).code();
            condition = condition.and(SETTING.LA_CODE.eq(laCode));
        }
        if (regionCode != null) {
            scope = reference.requireRegion("regionCode", regionCode).code();
            condition = condition.and(SETTING.LA_CODE.in(select(LOCAL_AUTHORITY.CODE).from(LOCAL_AUTHORITY).where(LOCAL_AUTHORITY.REGION_CODE.eq(regionCode))));
        }
        if (need != null) {
            condition = condition.and(PLACE.NEED_CODE.eq(need));
        }
        if (phase != null) {
            condition = condition.and(PLACE.PHASE_CODE.eq(phase));
        }
        List<VacancyRow> rows = db.select(PLACE.NEED_CODE, PLACE.PHASE_CODE,
                        sum(PLACE.CAPACITY).cast(Integer.class), sum(PLACE.OCCUPIED).cast(Integer.class),
                        countDistinct(PLACE.SETTING_URN), countDistinct(PLACE.SETTING_URN).filterWhere(PLACE.VACANCIES.gt(0)))
                .from(PLACE).join(SETTING).on(SETTING.URN.eq(PLACE.SETTING_URN))
                .join(NEED_TYPE).on(NEED_TYPE.CODE.eq(PLACE.NEED_CODE)).join(PHASE).on(PHASE.CODE.eq(PLACE.PHASE_CODE))
                .where(condition)
                .groupBy(PLACE.NEED_CODE, PLACE.PHASE_CODE, NEED_TYPE.SORT_ORDER, PHASE.SORT_ORDER)
                .orderBy(NEED_TYPE.SORT_ORDER, PHASE.SORT_ORDER)
                .fetch(Records.mapping(VacancyRow::new));
        return new VacancySummary(scope, rows);
    }
}
