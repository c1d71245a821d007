package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.APP_USER;
import static uk.sendplan.db.jooq.Tables.HOST_CONSULTATION;

/**
 * The host LA's say in headless Chromium: a new independent school in Camden is registered, Camden's commissioner
 * opens the consultation beside Camden's sufficiency for its needs and phases, is shown each problem with the answer
 * next to its field with nothing saved, objects with a reason; the regulator then reads the objection with the
 * registration in the table of host LA answers and its CSV; another LA's commissioner and the other roles are refused.
 * A provider reads the host LAs' answers on its own settings, and no other provider's.
 */
class ConsultationBrowserTest extends BrowserTestBase {

    @Test
    @SuppressWarnings("unchecked")
    void aCommissionerObjectsBesideTheirSufficiencyAndTheRegulatorReadsTheObjection() throws IOException {
        long provider = Long.parseLong(graphQl.document("mutation { registerProvider(input: {name: \"Browser Host Say Ltd\", kind: INDEPENDENT, "
                + "forProfit: true}) { provider { id } } }").execute().path("registerProvider.provider.id").entity(String.class).get());
        // clear of every test's URNs: GiasImportTest 150,000-156,999, AdminBrowserTest 158,001-158,002, SuspensionsBrowserTest 159,101,
        // InputRulesTest 870,000 up
        int urn = 159_201;
        graphQl.document("mutation($input: RegisterSettingInput!) { registerSetting(input: $input) { setting { urn } } }")
                .variable("input", Map.of("urn", urn, "name", "Browser Heath School", "type", "INDEPENDENT_SPECIAL", "providerId", String.valueOf(provider),
                        "laCode", "202", "ageFrom", 7, "ageTo", 16, "places", List.of(Map.of("need", "ASD", "phase", "SECONDARY", "capacity", 24, "occupied", 0),
                                Map.of("need", "SEMH", "phase", "PRIMARY", "capacity", 8, "occupied", 0))))
                .execute().path("registerSetting.setting.urn").entity(Integer.class).isEqualTo(urn);
        long id = db.select(HOST_CONSULTATION.ID).from(HOST_CONSULTATION).where(HOST_CONSULTATION.SETTING_URN.eq(urn)).fetchOne().value1();

        browser.signIn("commissioner-camden", PASSWORD);
        browser.clickLink("Consultations");
        browser.checkPage("commissioner-consultations");
        assertThat(browser.text("h1")).isEqualTo("Consultations");
        browser.click("[data-id='" + id + "'] a");
        browser.checkPage("commissioner-consultation");
        assertThat(browser.text("[data-test=summary]")).isEqualTo("New registration: +8 SEMH primary, +24 ASD secondary");
        assertThat(browser.findAll("[data-test=cells] tbody tr")).hasSize(2);
        // Camden's sufficiency for the school's needs and phases, in the same words as its sufficiency page
        assertThat(browser.findAll("[data-test=sufficiency] tbody tr")).hasSize(2);
        assertThat(browser.findAll("[data-test=gap]").stream().map(e -> e.getText()).toList())
                .allSatisfy(gap -> assertThat(gap).matches("Short of \\d+|\\d+ to spare|About enough"));
        // the school's own places are counted among Camden's today; without them, 24 fewer ASD secondary places
        assertThat(browser.findAll("[data-test=without]").get(1).getText()).matches("\\d+ places: (short of \\d+|\\d+ to spare|about enough)");
        int places = Integer.parseInt(browser.findAll("[data-test=sufficiency] tbody tr").get(1).findElements(org.openqa.selenium.By.tagName("td")).get(2).getText());
        assertThat(browser.findAll("[data-test=without]").get(1).getText()).startsWith((places - 24) + " places: ");
        // the same figures as Camden's own sufficiency: its ASD secondary independent or non-maintained special row
        Map<String, Object> asd = as("commissioner-camden").document("{ sufficiency(years: 1) { years { rows { phase placement "
                        + "needs { need places shortfall { central } } } } } }").execute().path("sufficiency.years[0].rows").entityList(Map.class).get().stream()
                .filter(r -> "SECONDARY".equals(r.get("phase")) && "INDEPENDENT_OR_NON_MAINTAINED_SPECIAL".equals(r.get("placement")))
                .flatMap(r -> ((List<Map<String, Object>>) r.get("needs")).stream()).filter(n -> "ASD".equals(n.get("need"))).findFirst().orElseThrow();
        assertThat(places).isEqualTo(((Number) asd.get("places")).intValue());
        long gap = Math.round(((Number) map(asd.get("shortfall")).get("central")).doubleValue());
        assertThat(browser.findAll("[data-test=gap]").get(1).getText()).isEqualTo(gap > 0 ? "Short of " + gap : gap < 0 ? -gap + " to spare" : "About enough");

        // no answer, then an objection without a reason: each problem next to its field, nothing saved
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("commissioner-consultation-error");
        assertThat(browser.driver.getTitle()).startsWith("Error: ");
        assertThat(browser.text("#answer-error")).contains("Select whether your LA supports the new provision");
        browser.find("#answer-OBJECTS").click();
        browser.click("#main-content form[method=post] button[type=submit]");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList()).containsExactly("#reason");
        assertThat(browser.text("#reason-error")).contains("Enter why your LA objects");
        assertThat(db.fetchValue(HOST_CONSULTATION.STATUS, HOST_CONSULTATION.ID.eq(id)).name()).isEqualTo("OPEN");

        String why = "Camden's own special schools have ASD secondary places to spare";
        browser.find("#reason").sendKeys(why);
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("commissioner-consultation-answered");
        assertThat(browser.text("[data-test=saved]")).isEqualTo("Your LA's answer is saved: Objects");
        assertThat(browser.text("[data-test=answer]")).startsWith("Objects, ");
        assertThat(db.fetchValue(HOST_CONSULTATION.ANSWER, HOST_CONSULTATION.ID.eq(id)).name()).isEqualTo("OBJECTS");
        List<String> laCsv = lines(download("/la/consultations.csv"));
        assertThat(laCsv.getFirst()).startsWith("consultation_id,asked,urn,setting,provider,la_code");
        assertThat(laCsv).anySatisfy(line -> assertThat(line).startsWith(id + ",").contains("OBJECTS").contains(why));
        browser.signOut();

        browser.signIn("regulator", PASSWORD);
        browser.clickLink("Host LA answers");
        browser.checkPage("regulator-host-la-answers");
        String row = "[data-id='" + id + "'] ";
        assertThat(browser.text(row + "[data-test=answer]")).isEqualTo("Objects");
        assertThat(browser.text(row + "[data-test=reason]")).isEqualTo(why);
        assertThat(browser.text(row + "td")).isEqualTo("Browser Heath School, URN " + urn);
        List<String> csv = lines(download("/regulation/consultations.csv?status=ANSWERED"));
        assertThat(csv).anySatisfy(line -> assertThat(line).startsWith(id + ",").contains("Camden").contains("OBJECTS").contains(why));
        assertThat(csv.subList(1, csv.size())).allSatisfy(line -> assertThat(line).contains(",ANSWERED,"));
        browser.openRefused("/la/consultations/" + id, "regulator-consultation-refused");
        browser.signOut();

        browser.signIn("commissioner-hackney", PASSWORD);
        browser.openRefused("/la/consultations/" + id, "other-commissioner-consultation-refused");
        browser.signOut();

        browser.signIn("provider-demo", PASSWORD);
        browser.openRefused("/regulation/consultations", "provider-host-la-answers-refused");
    }

    /**
     * provider-demo's group registers a school in Camden and another provider one beside it; Camden objects to the
     * first. provider-demo reads Camden's objection and reason among its own settings' consultations, and neither on the
     * page nor in its CSV is the other provider's; a commissioner is refused the page.
     */
    @Test
    void aProviderReadsWhatTheHostLasSaidAboutItsOwnSettingsOnly() throws IOException {
        long demo = db.fetchValue(APP_USER.PROVIDER_ID, APP_USER.SUBJECT.eq("provider-demo"));
        long other = Long.parseLong(graphQl.document("mutation { registerProvider(input: {name: \"Browser Other Host Ltd\", kind: INDEPENDENT, "
                + "forProfit: true}) { provider { id } } }").execute().path("registerProvider.provider.id").entity(String.class).get());
        // beside aCommissionerObjects...'s 159,201
        long own = consultationOn(159_202, "Browser Demo Group Camden School", demo);
        long others = consultationOn(159_203, "Browser Other Camden School", other);
        String why = "Camden has SEMH primary places to spare";
        asCommissioner("202").document("mutation($id: ID!, $reason: String) { answerHostConsultation(input: {id: $id, answer: OBJECTS, reason: $reason}) "
                + "{ consultation { status } } }").variable("id", String.valueOf(own)).variable("reason", why).execute()
                .path("answerHostConsultation.consultation.status").entity(String.class).isEqualTo("ANSWERED");

        browser.signIn("provider-demo", PASSWORD);
        browser.clickLink("Host LA consultations");
        browser.checkPage("provider-consultations");
        assertThat(browser.text("h1")).isEqualTo("Host LA consultations");
        String row = "[data-id='" + own + "'] ";
        assertThat(browser.text(row + "[data-test=setting]")).isEqualTo("Browser Demo Group Camden School, URN 159202");
        assertThat(browser.text(row + "[data-test=la]")).isEqualTo("Camden");
        assertThat(browser.text(row + "[data-test=asked-about]")).isEqualTo("New registration, 8 places");
        assertThat(browser.text(row + "[data-test=answer]")).isEqualTo("Objects");
        assertThat(browser.text(row + "[data-test=reason]")).isEqualTo(why);
        assertThat(browser.text(row + "[data-test=answered]")).isNotEmpty();
        assertThat(browser.findAll("[data-id='" + others + "']")).as("another provider's consultation").isEmpty();
        List<Long> ownIds = db.select(HOST_CONSULTATION.ID).from(HOST_CONSULTATION).where(HOST_CONSULTATION.PROVIDER_ID.eq(demo)).fetch().map(r -> r.value1());
        assertThat(browser.findAll("[data-test=consultations] tbody tr").stream().map(r -> Long.parseLong(r.getDomAttribute("data-id"))).toList())
                .isNotEmpty().allSatisfy(id -> assertThat(ownIds).contains(id));
        assertThat(browser.text("[data-test=total]")).startsWith(count(ownIds.size()) + " consultation");

        // the CSV: every one of the group's consultations, whatever page, and nobody else's
        List<String> csv = lines(download("/provider/consultations.csv"));
        assertThat(csv.getFirst()).startsWith("consultation_id,asked,urn,setting,provider,la_code");
        assertThat(csv.subList(1, csv.size()).stream().map(line -> Long.parseLong(line.substring(0, line.indexOf(',')))).toList())
                .containsExactlyInAnyOrderElementsOf(ownIds);
        assertThat(csv).anySatisfy(line -> assertThat(line).startsWith(own + ",").contains("OBJECTS").contains(why));
        browser.signOut();

        browser.signIn("commissioner-hackney", PASSWORD);
        browser.openRefused("/provider/consultations", "commissioner-provider-consultations-refused");
    }

    /** Registers an independent special school in Camden with 8 SEMH primary places for the provider; returns the consultation it opened. */
    private long consultationOn(int urn, String name, long provider) {
        graphQl.document("mutation($input: RegisterSettingInput!) { registerSetting(input: $input) { setting { urn } } }")
                .variable("input", Map.of("urn", urn, "name", name, "type", "INDEPENDENT_SPECIAL", "providerId", String.valueOf(provider),
                        "laCode", "202", "ageFrom", 5, "ageTo", 11, "places", List.of(Map.of("need", "SEMH", "phase", "PRIMARY", "capacity", 8, "occupied", 0))))
                .execute().path("registerSetting.setting.urn").entity(Integer.class).isEqualTo(urn);
        return db.select(HOST_CONSULTATION.ID).from(HOST_CONSULTATION).where(HOST_CONSULTATION.SETTING_URN.eq(urn)).fetchOne().value1();
    }
}
