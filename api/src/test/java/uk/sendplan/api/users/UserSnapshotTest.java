package uk.sendplan.api.users;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.db.jooq.tables.records.AppUserRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's audit snapshot writes the JSON the trail has always stored (an event written before snapshots were
 * records), nulls included for the scopes a role has not. Key order is not compared: PostgreSQL's jsonb keeps none.
 */
class UserSnapshotTest extends GraphQlTestBase {

    @Autowired
    JsonMapper json;

    @Test
    void aUsersRoleAndScopeKeepTheirKeys() {
        AppUserRecord user = new AppUserRecord();
        user.setSubject("someone");
        user.setRole("REGULATOR");
        user.setActive(true);
        assertThat(json.readTree(json.writeValueAsString(UserSnapshot.of(user)))).isEqualTo(json.readTree("""
                {"role":"REGULATOR","laCode":null,"regionCode":null,"providerId":null,"active":true}"""));
    }
}
