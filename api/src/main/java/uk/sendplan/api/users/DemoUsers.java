package uk.sendplan.api.users;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.system.DemoSignIn;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.types.ProviderKind;

import java.time.Instant;

import static uk.sendplan.db.jooq.Tables.APP_USER;

/**
 * The demo profile's named users, one per role (and a second commissioner to show LA boundaries). Created or
 * reset at every start in the demo profile only; they sign in with HTTP Basic and the demo password.
 */
@Component
@Profile("demo")
@Order(2)
class DemoUsers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final DSLContext db;
    private final SettingService settings;

    DemoUsers(DSLContext db, SettingService settings) {
        this.db = db;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        upsert("commissioner-camden", Role.COMMISSIONER, "202", null, null, "Camden SEND commissioner (demo)");
        upsert("commissioner-hackney", Role.COMMISSIONER, "204", null, null, "Hackney SEND commissioner (demo)");
        upsert("planner-london", Role.REGIONAL_PLANNER, null, "E12000007", null, "London regional sufficiency planner (demo)");
        upsert("regulator", Role.REGULATOR, null, null, null, "Regulator (demo)");
        upsert("admin", Role.ADMIN, null, null, null, "Administrator (demo)");
        // the largest demo independent group, so the provider user has settings, fees and findings to see
        settings.firstDemoProvider(ProviderKind.INDEPENDENT).ifPresent(provider ->
                upsert("provider-demo", Role.PROVIDER, null, null, provider, "Demo Independent Education Group 01 (demo)"));
        log.info("Demo users: {} (HTTP Basic, demo password)", String.join(", ", DemoSignIn.SUBJECTS));
    }

    private void upsert(String subject, Role role, String laCode, String regionCode, Long providerId, String name) {
        Instant now = Instant.now();
        db.insertInto(APP_USER).set(APP_USER.SUBJECT, subject).set(APP_USER.ROLE, role.name()).set(APP_USER.LA_CODE, laCode)
                .set(APP_USER.REGION_CODE, regionCode).set(APP_USER.PROVIDER_ID, providerId).set(APP_USER.DISPLAY_NAME, name)
                .set(APP_USER.ACTIVE, true).set(APP_USER.CREATED_AT, now).set(APP_USER.UPDATED_AT, now)
                .onConflict(APP_USER.SUBJECT).doUpdate()
                .set(APP_USER.ROLE, role.name()).set(APP_USER.LA_CODE, laCode).set(APP_USER.REGION_CODE, regionCode)
                .set(APP_USER.PROVIDER_ID, providerId).set(APP_USER.DISPLAY_NAME, name).set(APP_USER.ACTIVE, true).set(APP_USER.UPDATED_AT, now)
                .execute();
    }
}
