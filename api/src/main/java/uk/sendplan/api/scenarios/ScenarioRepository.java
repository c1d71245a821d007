package uk.sendplan.api.scenarios;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import uk.sendplan.api.planning.WhatIf;
import uk.sendplan.db.jooq.tables.records.ScenarioRecord;

import java.util.List;
import java.util.Optional;

import static uk.sendplan.db.jooq.Tables.SCENARIO;

@Repository
class ScenarioRepository {

    private final DSLContext db;
    private final JsonMapper json;

    ScenarioRepository(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    long insert(ScenarioRecord scenario, Object changes, WhatIf.Outcome base, WhatIf.Outcome outcome) {
        return db.insertInto(SCENARIO).set(scenario.setChanges(JSONB.valueOf(json.writeValueAsString(changes)))
                        .setBase(JSONB.valueOf(json.writeValueAsString(base))).setOutcome(JSONB.valueOf(json.writeValueAsString(outcome))))
                .returning(SCENARIO.ID).fetchOne(SCENARIO.ID);
    }

    Optional<ScenarioView> find(long id) {
        return search(SCENARIO.ID.eq(id), 1).stream().findFirst();
    }

    /** Newest first. */
    List<ScenarioView> search(Condition condition, int limit) {
        return db.selectFrom(SCENARIO).where(condition).orderBy(SCENARIO.ID.desc()).limit(limit).fetch(this::view);
    }

    private ScenarioView view(ScenarioRecord r) {
        return new ScenarioView(r.getId(), r.getName(), r.getPlanId(), r.getForecastJanuary(), r.getScopeType(), r.getScopeCode(), r.getRegionCode(), r.getFinancialYear(),
                List.of(r.getChangesText()), json.readValue(r.getBase().data(), WhatIf.Outcome.class),
                json.readValue(r.getOutcome().data(), WhatIf.Outcome.class), r.getCreatedBy(), r.getCreatedAt());
    }
}
