package uk.sendplan.db;

import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.sendplan.db.testing.TestDatabase;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.RecordSource;
import uk.sendplan.db.types.Sector;

import java.sql.Connection;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.sendplan.db.jooq.Tables.*;

/** The rules the database itself enforces, whatever code writes to it. */
class SchemaConstraintsTest {

    static Connection connection;
    static DSLContext db;

    @BeforeAll
    static void migrate() throws Exception {
        TestDatabase database = TestDatabase.get();
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .schemas("send").load().migrate();
        connection = DriverManager.getConnection(database.url(), database.user(), database.password());
        connection.setSchema("send");
        db = DSL.using(connection, SQLDialect.POSTGRES);
    }

    @AfterAll
    static void close() throws Exception {
        connection.close();
    }

    @BeforeEach
    void cleanRegister() {
        db.deleteFrom(PLACE_COMMISSION).execute();
        db.deleteFrom(PLACE).execute();
        db.deleteFrom(SETTING).execute();
        db.deleteFrom(PROVIDER).execute();
    }

    @Test
    void referenceDataIsLoadedFromTheRealLists() {
        assertThat(db.fetchCount(REGION)).isEqualTo(9);
        assertThat(db.fetchCount(LOCAL_AUTHORITY)).isEqualTo(153);
        assertThat(db.fetchCount(NEED_TYPE)).isEqualTo(12);
        assertThat(db.fetchCount(PHASE)).isEqualTo(5);
        assertThat(db.fetchCount(SETTING_TYPE)).isEqualTo(8);
        assertThat(db.fetchValue(LOCAL_AUTHORITY.NAME, LOCAL_AUTHORITY.CODE.eq("202"))).isEqualTo("Camden");
        assertThat(db.fetchValue(LOCAL_AUTHORITY.REGION_CODE, LOCAL_AUTHORITY.CODE.eq("202"))).isEqualTo("E12000007");
        // every LA has at least one postcode district to round homes to
        assertThat(db.fetchCount(db.selectFrom(LOCAL_AUTHORITY).whereNotExists(
                db.selectOne().from(POSTCODE_DISTRICT).where(POSTCODE_DISTRICT.LA_CODE.eq(LOCAL_AUTHORITY.CODE))))).isZero();
    }

    @Test
    void occupiedCanNeverExceedCapacity() {
        int urn = setting(140001);
        db.insertInto(PLACE).set(PLACE.SETTING_URN, urn).set(PLACE.NEED_CODE, "ASD").set(PLACE.PHASE_CODE, "PRIMARY")
                .set(PLACE.CAPACITY, 10).set(PLACE.PUPILS, 10).execute();
        assertThat(db.fetchValue(PLACE.VACANCIES, PLACE.SETTING_URN.eq(urn))).isZero();

        assertThatThrownBy(() -> db.update(PLACE).set(PLACE.PUPILS, 11).where(PLACE.SETTING_URN.eq(urn)).execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("place_occupied_within_capacity");
        assertThatThrownBy(() -> db.update(PLACE).set(PLACE.CAPACITY, -1).where(PLACE.SETTING_URN.eq(urn)).execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("place_capacity_check");
    }

    @Test
    void commissionedPlacesCannotExceedCapacity() {
        int urn = setting(140002);
        db.insertInto(PLACE).set(PLACE.SETTING_URN, urn).set(PLACE.NEED_CODE, "SEMH").set(PLACE.PHASE_CODE, "SECONDARY")
                .set(PLACE.CAPACITY, 8).execute();
        db.insertInto(PLACE_COMMISSION).set(PLACE_COMMISSION.SETTING_URN, urn).set(PLACE_COMMISSION.NEED_CODE, "SEMH")
                .set(PLACE_COMMISSION.PHASE_CODE, "SECONDARY").set(PLACE_COMMISSION.LA_CODE, "202").set(PLACE_COMMISSION.PLACES, 5).execute();

        assertThatThrownBy(() -> db.insertInto(PLACE_COMMISSION).set(PLACE_COMMISSION.SETTING_URN, urn).set(PLACE_COMMISSION.NEED_CODE, "SEMH")
                .set(PLACE_COMMISSION.PHASE_CODE, "SECONDARY").set(PLACE_COMMISSION.LA_CODE, "203").set(PLACE_COMMISSION.PLACES, 4).execute())
                .hasMessageContaining("commissioned places (9) exceed capacity (8)");
        assertThatThrownBy(() -> db.update(PLACE).set(PLACE.CAPACITY, 4).where(PLACE.SETTING_URN.eq(urn)).execute())
                .hasMessageContaining("commissioned places (5) exceed capacity (4)");
    }

    @Test
    void demoUrnsAreKeptApartFromRealOnes() {
        assertThatThrownBy(() -> setting(9000001)).hasMessageContaining("setting_check");
    }

    @Test
    void auditTrailIsAppendOnly() {
        long id = db.insertInto(AUDIT_EVENT).set(AUDIT_EVENT.ACTOR, "tester").set(AUDIT_EVENT.ACTION, "TEST")
                .set(AUDIT_EVENT.ENTITY_TYPE, "setting").set(AUDIT_EVENT.ENTITY_ID, "1").returning(AUDIT_EVENT.ID).fetchOne().getId();

        assertThatThrownBy(() -> db.update(AUDIT_EVENT).set(AUDIT_EVENT.ACTOR, "someone else").where(AUDIT_EVENT.ID.eq(id)).execute())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.deleteFrom(AUDIT_EVENT).where(AUDIT_EVENT.ID.eq(id)).execute())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.truncate(AUDIT_EVENT).execute()).hasMessageContaining("append-only");
        assertThat(db.fetchValue(AUDIT_EVENT.ACTOR, AUDIT_EVENT.ID.eq(id))).isEqualTo("tester");
    }

    private int setting(int urn) {
        long provider = db.insertInto(PROVIDER).set(PROVIDER.NAME, "Provider " + urn).set(PROVIDER.KIND, ProviderKind.INDEPENDENT)
                .set(PROVIDER.FOR_PROFIT, true).returning(PROVIDER.ID).fetchOne().getId();
        db.insertInto(SETTING).set(SETTING.URN, urn).set(SETTING.NAME, "Setting " + urn).set(SETTING.TYPE_CODE, "INDEPENDENT_SPECIAL")
                .set(SETTING.SECTOR, Sector.INDEPENDENT).set(SETTING.PROVIDER_ID, provider).set(SETTING.LA_CODE, "202")
                .set(SETTING.AGE_FROM, 5).set(SETTING.AGE_TO, 16).set(SETTING.SOURCE, RecordSource.MANUAL).execute();
        return urn;
    }
}
