package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import uk.sendplan.db.types.AgreementStatus;
import uk.sendplan.db.types.ReferralStatus;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.APP_USER;
import static uk.sendplan.db.jooq.Tables.OFFER;
import static uk.sendplan.db.jooq.Tables.OFFER_REFUSAL;
import static uk.sendplan.db.jooq.Tables.PLACEMENT_AGREEMENT;
import static uk.sendplan.db.jooq.Tables.REFERRAL;
import static uk.sendplan.db.jooq.Tables.REFERRAL_RECIPIENT;

/**
 * The marketplace pages in headless Chromium on the demo data, end to end: Camden's commissioner opens a child's
 * tailored list from the children waiting, ticks a setting of the demo provider and refers the child to it alone; the
 * demo provider finds the referral, is stopped next to the field for a fee that is not a number and told by the check
 * step that a fee above the ceiling would be refused (nothing saved either time), checks a fee at the reference and
 * sends the offer; the commissioner compares it with the state settings and awards it after a confirmation; the
 * provider accepts the placement and the child is placed. Another LA's referral and a referral not sent to the
 * provider are refused as ones that do not exist. The child is the test's own (a new Camden request), so no other
 * test's demo referrals, offers or places change but the one place taken at the chosen setting.
 */
class MarketBrowserTest extends BrowserTestBase {

    private static final String CAMDEN = "202";
    private static final String HACKNEY = "204";
    /** Central Camden (the README's example). */
    private static final int CAMDEN_EASTING = 527_719;
    private static final int CAMDEN_NORTHING = 183_862;
    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    /** A setting of the demo provider near Camden with a free place in one cell, and the child that cell suits. */
    private record Choice(int urn, String need, String phase, int age, String gender) {
    }

    @Test
    void aChildIsReferredOfferedAwardedAndPlacedThroughThePages() throws IOException {
        long provider = db.fetchValue(APP_USER.PROVIDER_ID, APP_USER.SUBJECT.eq("provider-demo"));
        Choice choice = choose(provider);
        String reference = "WEBMKT-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "1";
        String requestId = as("commissioner-camden").document("mutation($input: PlacementRequestInput!) { createPlacementRequest(input: $input) "
                        + "{ request { id } } }")
                .variable("input", Map.of("laCode", CAMDEN, "reference", reference, "primaryNeed", choice.need(), "band", 3, "age", choice.age(),
                        "homeDistrict", "NW1", "gender", choice.gender(), "startTerm", nextTerm()))
                .execute().path("createPlacementRequest.request.id").entity(String.class).get();

        // the commissioner: children waiting, the child's tailored list, in both orders
        browser.signIn("commissioner-camden", PASSWORD);
        browser.open("/demand?need=" + choice.need() + "&status=OPEN", "market-commissioner-children-waiting");
        List<WebElement> link = browser.driver.findElements(By.linkText(reference));
        if (!link.isEmpty()) {
            browser.click(link.getFirst());
        } else {
            // a need with more than a page of children: the list links every child the same way
            assertThat(browser.findAll("[data-test=requests] tbody tr td:first-child a")).first()
                    .satisfies(a -> assertThat(a.getDomAttribute("href")).matches("/demand/[0-9]+/settings"));
            browser.driver.get(browser.url("/demand/" + requestId + "/settings"));
        }
        browser.checkPage("market-commissioner-tailored-list");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/demand/" + requestId + "/settings");
        assertThat(browser.text("[data-test=reference]")).isEqualTo(reference);
        assertThat(browser.findAll("#order:checked")).as("family order by default").hasSize(1);
        List<WebElement> rows = browser.findAll("[data-test=suitable] tbody tr");
        assertThat(rows).isNotEmpty();
        assertThat(browser.findAll("[data-test=suitable] tbody tr td:nth-child(3)")).allSatisfy(d -> assertThat(d.getText()).matches("[0-9]+\\.[0-9] km"));
        assertThat(browser.findAll("[data-test=suitable] tbody tr td:nth-child(4)")).allSatisfy(d -> assertThat(d.getText()).matches("[0-9]+ minutes?"));
        assertThat(browser.findAll("[data-test=annual-cost]")).allSatisfy(d -> assertThat(d.getText()).matches("£[0-9,]+"));
        // the same list as GraphQL's suitableSettings, in the same order
        List<Integer> listed = rows.stream().map(r -> Integer.parseInt(r.getDomAttribute("data-urn"))).toList();
        assertThat(listed).isEqualTo(suitable(requestId, "FAMILY"));
        assertThat(listed).as("the demo provider's setting suits the child").contains(choice.urn());
        // a shortlist of 20, which says so when more settings suit the child (GraphQL's list, asked for up to 100, has them)
        int allSuitable = as("commissioner-camden").document("query($id: ID!) { suitableSettings(requestId: $id, limit: 100) { suitable { setting { urn } } } }")
                .variable("id", requestId).execute().path("suitableSettings.suitable").entityList(Object.class).get().size();
        assertThat(browser.text("[data-test=suitable-caption]")).isEqualTo(allSuitable > listed.size()
                ? "The first " + listed.size() + " of " + allSuitable + " settings that suit the child, in the order chosen" : "Settings that suit the child");
        List<String> listCsv = List.of(download("/demand/" + requestId + "/settings.csv?order=FAMILY").split("\\R"));
        assertThat(listCsv.getFirst()).startsWith("urn,name,kind,suitable,fit_or_why_not,distance_km");
        assertThat(listCsv.stream().skip(1).filter(l -> l.contains(",yes,")).map(l -> Integer.parseInt(l.substring(0, l.indexOf(',')))).toList())
                .isEqualTo(listed);

        browser.find("#order-COST").click();
        browser.click("#main-content form[method=get] button[type=submit]");
        browser.checkPage("market-commissioner-tailored-list-cost");
        List<Integer> byCost = browser.findAll("[data-test=suitable] tbody tr").stream().map(r -> Integer.parseInt(r.getDomAttribute("data-urn"))).toList();
        assertThat(byCost).isEqualTo(suitable(requestId, "COST"));
        browser.find("#order").click();
        browser.click("#main-content form[method=get] button[type=submit]");

        // refer to the one setting ticked, and no other
        browser.find("#refer-" + choice.urn()).click();
        browser.click("#refer");
        browser.checkPage("market-commissioner-refer");
        assertThat(browser.findAll("input[name=urn]:checked")).hasSize(1);
        browser.click("#send-referral");
        browser.checkPage("market-commissioner-referral-sent");
        assertThat(browser.text("[data-test=sent]")).isEqualTo("Referral sent to 1 setting");
        String referralId = browser.driver.getCurrentUrl().substring(browser.url("/referrals/").length());
        assertThat(db.select(REFERRAL_RECIPIENT.SETTING_URN).from(REFERRAL_RECIPIENT)
                .where(REFERRAL_RECIPIENT.REFERRAL_ID.eq(Long.parseLong(referralId))).fetch(REFERRAL_RECIPIENT.SETTING_URN)).containsExactly(choice.urn());
        assertThat(browser.text("[data-test=status]")).isEqualTo("Open for offers");
        assertThat(browser.findAll("[data-test=comparison] tr[data-offer]")).as("no offer yet").isEmpty();

        // the list of referrals, filtered, and as CSV
        browser.open("/referrals?status=OPEN", "market-commissioner-referrals");
        assertThat(browser.findAll("[data-test=referrals] tr[data-referral='" + referralId + "']")).hasSize(1);
        assertThat(download("/referrals/referrals.csv?status=OPEN")).startsWith("referral_id,reference,need").contains("\n" + referralId + "," + reference + ",");
        browser.signOut();

        // the provider: the referral to answer; a fee that is not a number, then one above the ceiling; nothing saved
        browser.signIn("provider-demo", PASSWORD);
        browser.clickLink("Referrals");
        browser.checkPage("market-provider-referrals");
        assertThat(browser.text("[data-test=referrals] tr[data-referral='" + referralId + "'] [data-test=answer]")).isEqualTo("To answer");
        assertThat(download("/provider/referrals/referrals.csv")).startsWith("referral_id,la_code,need").contains("\n" + referralId + ",202,");
        browser.click("[data-test=referrals] tr[data-referral='" + referralId + "'] a");
        browser.checkPage("market-provider-referral");
        assertThat(browser.find("main").getText()).doesNotContain(reference);
        LocalDate today = LocalDate.now(ENGLAND);
        LocalDate start = today.plusWeeks(3).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        fillOffer("lots", start, today.plusWeeks(2));
        browser.click("#check-fee");
        browser.checkPage("market-provider-offer-error");
        assertThat(browser.driver.getTitle()).startsWith("Error: ");
        assertThat(summaryLinks()).containsExactly("#annualFee", "#education");
        assertThat(browser.text("#annualFee-error")).contains("Enter the annual fee in pounds");
        assertThat(browser.find("#annualFee").getDomProperty("value")).as("what was typed is kept").isEqualTo("lots");
        assertThat(offersOn(referralId)).isZero();

        fillOffer("400000", start, today.plusWeeks(2));
        browser.click("#check-fee");
        browser.checkPage("market-provider-check-above-ceiling");
        assertThat(browser.text("[data-test=verdict]")).isEqualTo("Above the ceiling");
        assertThat(browser.text("[data-test=advice]")).contains("would be refused");
        assertThat(browser.findAll("#send-offer")).as("no way to send a refused fee").isEmpty();
        assertThat(offersOn(referralId)).isZero();
        assertThat(db.fetchCount(OFFER_REFUSAL, OFFER_REFUSAL.REFERRAL_ID.eq(Long.parseLong(referralId)))).as("a check is not an offer").isZero();

        // a fee within the reference and within the uplift cap: the setting's own fee in force for the year, or the
        // adjusted reference the check names if that is lower; checked, then sent
        Matcher referenceFee = Pattern.compile("adjusted reference £([0-9,]+\\.[0-9]{2})").matcher(browser.text("[data-test=check]"));
        assertThat(referenceFee.find()).as("the check names the adjusted reference: %s", browser.text("[data-test=check]")).isTrue();
        // (and at most 5% over last year's, the demo framework's cap on uplifts, should this year's fee be one the audits find)
        BigDecimal fee = scheduleFee(choice.urn(), financialYear(start)).min(new BigDecimal(referenceFee.group(1).replace(",", "")))
                .min(scheduleFee(choice.urn(), financialYear(start.minusYears(1))).multiply(new BigDecimal("1.05")).setScale(0, java.math.RoundingMode.FLOOR));
        fillOffer(fee.toPlainString(), start, today.plusWeeks(2));
        browser.find("#conditions").sendKeys("A transition visit in the first week");
        browser.click("#check-fee");
        browser.checkPage("market-provider-check-within-reference");
        assertThat(browser.text("[data-test=verdict]")).isEqualTo("Within the reference");
        assertThat(offersOn(referralId)).isZero();
        browser.click("#send-offer");
        browser.checkPage("market-provider-offer-sent");
        assertThat(browser.text("[data-test=offered]")).startsWith("Offer of £");
        assertThat(offersOn(referralId)).isOne();
        assertThat(browser.text("[data-test=own-settings] [data-test=answer]")).startsWith("Offered £");
        browser.signOut();

        // the commissioner compares the offer with the state settings, and awards it after a confirmation
        browser.signIn("commissioner-camden", PASSWORD);
        browser.clickLink("Referrals");
        browser.checkPage("market-commissioner-referrals-list");
        browser.click("[data-test=referrals] tr[data-referral='" + referralId + "'] a");
        browser.checkPage("market-commissioner-comparison");
        long offerId = db.fetchValue(OFFER.ID, OFFER.REFERRAL_ID.eq(Long.parseLong(referralId)));
        WebElement offered = browser.find("[data-test=comparison] tr[data-offer='" + offerId + "']");
        assertThat(offered.findElement(By.cssSelector("[data-test=verdict]")).getText()).isEqualTo("Within the reference");
        assertThat(offered.getText()).contains("A transition visit in the first week").contains("Starts " + start);
        List<Long> totals = browser.findAll("[data-test=comparison] [data-test=total]").stream()
                .map(t -> Long.parseLong(t.getText().replaceAll("[£,.]", ""))).toList();
        assertThat(totals).as("cheapest first").isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(browser.findAll("[data-test=comparison] tbody tr")).as("the offer beside the state settings of the child's list").hasSizeGreaterThan(1);
        assertThat(download("/referrals/" + referralId + "/comparison.csv")).startsWith("option,offer_id,offer_status,urn,setting")
                .contains("\nOFFER," + offerId + ",OPEN," + choice.urn() + ",").contains("\nSTATE_SETTING,,,");
        browser.click(offered.findElement(By.linkText("Award")));
        browser.checkPage("market-commissioner-award-confirm");
        assertThat(db.fetchCount(PLACEMENT_AGREEMENT, PLACEMENT_AGREEMENT.REFERRAL_ID.eq(Long.parseLong(referralId)))).as("not before the confirmation").isZero();
        browser.click("#award");
        browser.checkPage("market-commissioner-awarded");
        assertThat(browser.text("[data-test=awarded]")).startsWith("Offer awarded: placement agreement");
        assertThat(browser.text("[data-test=status]")).isEqualTo("Awarded, awaiting the provider");
        long agreementId = db.fetchValue(PLACEMENT_AGREEMENT.ID, PLACEMENT_AGREEMENT.REFERRAL_ID.eq(Long.parseLong(referralId)));
        browser.signOut();

        // the provider accepts the placement: the place is taken and the child placed
        browser.signIn("provider-demo", PASSWORD);
        browser.clickLink("Placement agreements");
        browser.checkPage("market-provider-agreements");
        browser.click("[data-test=awaiting] tr[data-agreement='" + agreementId + "'] a");
        browser.checkPage("market-provider-agreement");
        browser.click("#accept");
        browser.checkPage("market-provider-accepted");
        assertThat(browser.text("[data-test=accepted]")).isEqualTo("Placement accepted: the child is placed");
        assertThat(db.fetchValue(PLACEMENT_AGREEMENT.STATUS, PLACEMENT_AGREEMENT.ID.eq(agreementId))).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(db.fetchValue(REFERRAL.STATUS, REFERRAL.ID.eq(Long.parseLong(referralId)))).isEqualTo(ReferralStatus.PLACED);
        assertThat(as("commissioner-camden").document("query($id: ID!) { placementRequest(id: $id) { status } }").variable("id", requestId).execute()
                .path("placementRequest.status").entity(String.class).get()).isEqualTo("PLACED");

        // the agreements page's tables as CSV: every agreement awarded to this provider, this one accepted, no one else's
        browser.clickLink("Placement agreements");
        assertThat(browser.find("[data-test=agreements-csv]").getDomAttribute("href")).isEqualTo("/provider/agreements.csv");
        List<String> agreements = lines(download("/provider/agreements.csv"));
        assertThat(agreements.getFirst()).isEqualTo("agreement_id,referral_id,urn,setting_name,la_code,need,phase,kind,annual_fee,start_date,end_date,"
                + "status,status_reason,awarded_at,responded_at");
        assertThat(agreements).hasSize(1 + db.fetchCount(PLACEMENT_AGREEMENT, PLACEMENT_AGREEMENT.PROVIDER_ID.eq(provider)));
        assertThat(agreements).filteredOn(line -> line.startsWith(agreementId + ",")).singleElement().asString()
                .startsWith(agreementId + "," + referralId + "," + choice.urn() + ",").contains("," + CAMDEN + "," + choice.need() + ",").contains(",ACTIVE,");
    }

    @Test
    void aProviderDeclinesAndTheCommissionerWithdrawsWithReasonsAskedForNextToTheirFields() throws IOException {
        long provider = db.fetchValue(APP_USER.PROVIDER_ID, APP_USER.SUBJECT.eq("provider-demo"));
        Choice choice = choose(provider);
        String requestId = as("commissioner-camden").document("mutation($input: PlacementRequestInput!) { createPlacementRequest(input: $input) "
                        + "{ request { id } } }")
                .variable("input", Map.of("laCode", CAMDEN, "reference", "WEBMKT-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "2",
                        "primaryNeed", choice.need(), "band", 3, "age", choice.age(), "homeDistrict", "NW1", "gender", choice.gender(),
                        "startTerm", nextTerm()))
                .execute().path("createPlacementRequest.request.id").entity(String.class).get();
        String referralId = as("commissioner-camden").document("mutation($input: CreateReferralInput!) { createReferral(input: $input) "
                        + "{ referral { id } } }").variable("input", Map.of("requestId", requestId, "addSettings", List.of(choice.urn())))
                .execute().path("createReferral.referral.id").entity(String.class).get();
        var recipient = REFERRAL_RECIPIENT.REFERRAL_ID.eq(Long.parseLong(referralId)).and(REFERRAL_RECIPIENT.SETTING_URN.eq(choice.urn()));

        // the provider declines: first without saying why (asked for next to the reasons, nothing saved), then with a reason
        browser.signIn("provider-demo", PASSWORD);
        browser.open("/provider/referrals/" + referralId, "market-provider-referral-to-decline");
        new Select(browser.find("#declineUrn")).selectByValue(String.valueOf(choice.urn()));
        browser.click("#decline");
        browser.checkPage("market-provider-decline-error");
        assertThat(summaryLinks()).containsExactly("#declineReason");
        assertThat(browser.text("#declineReason-error")).contains("Select why you are declining the referral");
        assertThat(db.fetchValue(REFERRAL_RECIPIENT.RESPONSE, recipient)).isNull();
        new Select(browser.find("#declineUrn")).selectByValue(String.valueOf(choice.urn()));
        browser.find("#declineReason-TOO_FAR").click();
        browser.click("#decline");
        browser.checkPage("market-provider-declined");
        assertThat(browser.text("[data-test=declined]")).isEqualTo("Referral declined");
        assertThat(browser.text("[data-test=own-settings] tr[data-urn='" + choice.urn() + "'] [data-test=answer]")).isEqualTo("Declined: too far from home");
        assertThat(db.fetchValue(REFERRAL_RECIPIENT.RESPONSE, recipient)).hasToString("DECLINED");
        browser.signOut();

        // the commissioner sees the answer, and withdraws the referral: first without a reason, then with one
        browser.signIn("commissioner-camden", PASSWORD);
        browser.open("/referrals/" + referralId, "market-commissioner-referral-declined");
        assertThat(browser.text("[data-test=recipients] tr[data-urn='" + choice.urn() + "']")).contains("Declined: too far from home");
        browser.click("#withdraw");
        browser.checkPage("market-commissioner-withdraw-error");
        assertThat(summaryLinks()).containsExactly("#reason");
        assertThat(browser.text("#reason-error")).contains("Enter why you are withdrawing the referral");
        assertThat(db.fetchValue(REFERRAL.STATUS, REFERRAL.ID.eq(Long.parseLong(referralId)))).isEqualTo(ReferralStatus.OPEN);
        browser.find("#reason").sendKeys("Placed in a state school after a review");
        browser.click("#withdraw");
        browser.checkPage("market-commissioner-withdrawn");
        assertThat(browser.text("[data-test=withdrawn]")).isEqualTo("Referral withdrawn");
        assertThat(browser.text("[data-test=status]")).isEqualTo("Withdrawn");
        assertThat(db.fetchValue(REFERRAL.STATUS, REFERRAL.ID.eq(Long.parseLong(referralId)))).isEqualTo(ReferralStatus.WITHDRAWN);
        assertThat(browser.findAll("#withdraw")).as("a withdrawn referral is not withdrawn again").isEmpty();
    }

    @Test
    void neitherSideSeesTheOtherScopesReferrals() throws IOException {
        long provider = db.fetchValue(APP_USER.PROVIDER_ID, APP_USER.SUBJECT.eq("provider-demo"));
        long hackneys = db.select(org.jooq.impl.DSL.max(REFERRAL.ID)).from(REFERRAL).where(REFERRAL.LA_CODE.eq(HACKNEY)).fetchOne().value1();
        long notSentToProvider = db.select(org.jooq.impl.DSL.max(REFERRAL.ID)).from(REFERRAL).where(REFERRAL.ID.notIn(
                db.select(REFERRAL_RECIPIENT.REFERRAL_ID).from(REFERRAL_RECIPIENT).where(REFERRAL_RECIPIENT.PROVIDER_ID.eq(provider)))).fetchOne().value1();

        browser.signIn("commissioner-camden", PASSWORD);
        browser.openRefused("/referrals/" + hackneys, "market-commissioner-other-la-referral-refused");
        assertThat(browser.text("h1")).isEqualTo("You cannot see this page");
        assertThat(browser.text("[data-test=problem]")).isEqualTo("Referral: not found in your scope");
        browser.openRefused("/referrals/987654321", "market-commissioner-unknown-referral-refused");
        assertThat(browser.text("[data-test=problem]")).isEqualTo("Referral: not found in your scope");
        browser.open("/referrals", "market-commissioner-referrals");
        assertThat(browser.findAll("[data-test=referrals] tr[data-referral='" + hackneys + "']")).isEmpty();
        assertThat(download("/referrals/referrals.csv")).doesNotContain("\n" + hackneys + ",");
        browser.openRefused("/provider/referrals", "market-commissioner-provider-pages-refused");
        assertThat(browser.text("[data-test=problem]")).contains("not permitted for your role (commissioner)");
        browser.signOut();

        browser.signIn("provider-demo", PASSWORD);
        browser.openRefused("/provider/referrals/" + notSentToProvider, "market-provider-other-referral-refused");
        assertThat(browser.text("[data-test=problem]")).isEqualTo("Referral: not found in your scope");
        browser.open("/provider/referrals", "market-provider-referrals");
        assertThat(browser.findAll("[data-test=referrals] tr[data-referral='" + notSentToProvider + "']")).isEmpty();
        browser.openRefused("/referrals/" + hackneys, "market-provider-commissioner-pages-refused");
        assertThat(browser.text("[data-test=problem]")).contains("not permitted for your role (provider)");
    }

    /** A setting of the demo provider within 15 km of central Camden, open, with two or more free places in a school-age cell. */
    private Choice choose(long provider) {
        List<Map<String, Object>> settings = as("admin").document("query($p: ID!) { provider(id: $p) { settings { urn type registrationStatus gender "
                        + "ageFrom ageTo location { easting northing } places { need phase vacancies } } } }").variable("p", String.valueOf(provider))
                .execute().path("provider.settings").entityList(Object.class).get().stream().map(MarketBrowserTest::map).toList();
        Map<String, int[]> phases = as("admin").document("{ phases { code ageFrom ageTo } }").execute().path("phases").entityList(Object.class).get()
                .stream().map(MarketBrowserTest::map).collect(Collectors.toMap(p -> (String) p.get("code"),
                        p -> new int[]{(Integer) p.get("ageFrom"), (Integer) p.get("ageTo")}));
        return settings.stream()
                .filter(s -> "OPEN".equals(s.get("registrationStatus")) && "INDEPENDENT_SPECIAL".equals(s.get("type")) && s.get("location") != null)
                .sorted(Comparator.comparingDouble(MarketBrowserTest::kmFromCamden))
                .filter(s -> kmFromCamden(s) <= 15)
                .flatMap(s -> ((List<?>) s.get("places")).stream().map(MarketBrowserTest::map)
                        .filter(p -> List.of("PRIMARY", "SECONDARY").contains(p.get("phase")) && (Integer) p.get("vacancies") >= 2)
                        .map(p -> {
                            int[] ages = phases.get((String) p.get("phase"));
                            int age = Math.max(ages[0] + 1, (Integer) s.get("ageFrom"));
                            return age > Math.min(ages[1], (Integer) s.get("ageTo")) ? null
                                    : new Choice((Integer) s.get("urn"), (String) p.get("need"), (String) p.get("phase"), age,
                                    "GIRLS".equals(s.get("gender")) ? "FEMALE" : "MALE");
                        })
                        .filter(java.util.Objects::nonNull))
                .findFirst().orElseThrow(() -> new AssertionError("the demo register gives the demo provider an independent special school "
                        + "near Camden with free school-age places"));
    }

    private static double kmFromCamden(Map<String, Object> setting) {
        Map<String, Object> at = map(setting.get("location"));
        return Math.hypot((Integer) at.get("easting") - CAMDEN_EASTING, (Integer) at.get("northing") - CAMDEN_NORTHING) / 1000;
    }

    private List<Integer> suitable(String requestId, String order) {
        return as("commissioner-camden").document("query($id: ID!, $order: SuitableOrder) { suitableSettings(requestId: $id, order: $order) "
                        + "{ suitable { setting { urn } } } }").variable("id", requestId).variable("order", order).execute()
                .path("suitableSettings.suitable[*].setting.urn").entityList(Integer.class).get();
    }

    /** The setting's current fee for band 3 day places in the financial year: it passed the uplift cap on submission. */
    private BigDecimal scheduleFee(int urn, String financialYear) {
        return as("provider-demo").document("query($urn: Int!, $year: String!) { fees(urn: $urn, financialYear: $year) { band kind annualFee } }")
                .variable("urn", urn).variable("year", financialYear).execute().path("fees").entityList(Object.class).get().stream()
                .map(MarketBrowserTest::map).filter(f -> Integer.valueOf(3).equals(f.get("band")) && "DAY".equals(f.get("kind")))
                .map(f -> new BigDecimal(String.valueOf(f.get("annualFee")))).findFirst()
                .orElseThrow(() -> new AssertionError("the demo fees give setting " + urn + " a band 3 day fee for " + financialYear));
    }

    /** "2026-27" for a date from April 2026 to March 2027. */
    private static String financialYear(LocalDate date) {
        int start = date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1;
        return String.format("%d-%02d", start, (start + 1) % 100);
    }

    private void fillOffer(String fee, LocalDate start, LocalDate validUntil) {
        for (var field : Map.of("annualFee", fee, "education", fee, "startDate", start.toString(), "validUntil", validUntil.toString()).entrySet()) {
            browser.find("#" + field.getKey()).clear();
            browser.find("#" + field.getKey()).sendKeys(field.getValue());
        }
        new Select(browser.find("#kind")).selectByValue("DAY");
    }

    private int offersOn(String referralId) {
        return db.fetchCount(OFFER, OFFER.REFERRAL_ID.eq(Long.parseLong(referralId)));
    }

    /** The first term to begin after today: one a referral may ask for. */
    private static String nextTerm() {
        LocalDate today = LocalDate.now(ENGLAND);
        for (int year = today.getYear(); ; year++) {
            for (var term : List.of(Map.entry("SPRING", LocalDate.of(year, Month.JANUARY, 1)), Map.entry("SUMMER", LocalDate.of(year, Month.APRIL, 15)),
                    Map.entry("AUTUMN", LocalDate.of(year, Month.SEPTEMBER, 1)))) {
                if (term.getValue().isAfter(today)) {
                    return year + "-" + term.getKey();
                }
            }
        }
    }

    private List<String> summaryLinks() {
        return browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList();
    }
}
