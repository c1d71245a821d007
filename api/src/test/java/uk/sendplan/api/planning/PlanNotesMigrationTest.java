package uk.sendplan.api.planning;

import org.jooq.JSONB;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.db.types.PlanScope;
import uk.sendplan.db.types.PlanStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static uk.sendplan.db.jooq.Tables.PLAN;

/**
 * Plans saved before V32 hold their notes as plain text, which named every child to whoever could read the plan.
 * V32 keeps each note with its child's LA; such a plan must then read like a new one: each commissioner their own
 * children's notes, the regional planner counts.
 */
class PlanNotesMigrationTest extends GraphQlTestBase {

    @Test
    void aRegionalPlansTextNotesFromBeforeV32AreReadOnlyByEachChildsLa() throws Exception {
        for (var child : List.of(List.of("commissioner-camden", "202", "MIGRATED-202", "NW1"), List.of("commissioner-hackney", "204", "MIGRATED-204", "E8"))) {
            as(child.get(0)).document("mutation($input: PlacementRequestInput!) { createPlacementRequest(input: $input) { request { id } } }")
                    .variable("input", Map.of("laCode", child.get(1), "reference", child.get(2), "primaryNeed", "ASD", "band", 2, "age", 9,
                            "homeDistrict", child.get(3), "gender", "FEMALE", "startTerm", "2032-AUTUMN"))
                    .execute().path("createPlacementRequest.request.id").hasValue();
        }
        String camdenNote = "request MIGRATED-202: preferred setting 9202013 has no available ASD PRIMARY places in this plan";
        String hackneyNote = "request MIGRATED-204: current setting 9204010 is not available to this plan (see excluded settings), so the child can't be kept there";
        String hackneyPreference = "request MIGRATED-204: preferred setting 9204011 has no available ASD PRIMARY places in this plan";
        long plan = db.insertInto(PLAN).set(PLAN.NAME, "Stored before V32").set(PLAN.SCOPE_TYPE, PlanScope.REGION).set(PLAN.SCOPE_CODE, "E12000007")
                .set(PLAN.FINANCIAL_YEAR, "2026-27").set(PLAN.STATUS, PlanStatus.COMPLETED).set(PLAN.TIME_LIMIT_SECONDS, 1)
                .set(PLAN.WEIGHTS, JSONB.valueOf("{\"preferenceMiss\":2000,\"independentPlacement\":5000,\"outOfArea\":1000,\"moveFromCurrent\":3000}"))
                .set(PLAN.CREATED_BY, "test").set(PLAN.STARTED_AT, Instant.now()).set(PLAN.FINISHED_AT, Instant.now())
                .set(PLAN.NOTES, JSONB.valueOf(new JsonMapper().writeValueAsString(List.of(camdenNote, hackneyNote, hackneyPreference))))
                .returning(PLAN.ID).fetchOne(PLAN.ID);

        String migration = Files.readString(repository().resolve("db/src/main/resources/db/migration/V32__plan_notes_by_la.sql"));
        db.transaction(t -> {
            t.dsl().execute("SET LOCAL search_path = send");
            t.dsl().execute(migration);
        });

        String notes = "query($id: ID!) { plan(id: $id) { notes } }";
        as("commissioner-camden").document(notes).variable("id", plan).execute().path("plan.notes").entityList(String.class).containsExactly(camdenNote);
        as("commissioner-hackney").document(notes).variable("id", plan).execute().path("plan.notes").entityList(String.class)
                .containsExactly(hackneyNote, hackneyPreference);
        as("planner-london").document(notes).variable("id", plan).execute().path("plan.notes").entityList(String.class).containsExactly(
                "1 child can't be kept in their current setting: it is not available to this plan (see excluded settings)",
                "2 children had preferred settings with no available places for their need and phase in this plan (2 preferences)");
    }

    private static Path repository() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("schema.graphqls"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
