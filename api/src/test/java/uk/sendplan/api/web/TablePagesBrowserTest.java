package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import uk.sendplan.db.jooq.tables.records.PlacementAgreementRecord;
import uk.sendplan.db.types.AgreementStatus;
import uk.sendplan.db.types.ConsultationStatus;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.APP_USER;
import static uk.sendplan.db.jooq.Tables.HOST_CONSULTATION;
import static uk.sendplan.db.jooq.Tables.PLACEMENT_AGREEMENT;
import static uk.sendplan.db.jooq.Tables.SETTING;

/**
 * Tables longer than a page are in numbered pages, not cut to the newest rows: the regulator's host LA answers (the
 * demo's consultations, 50 a page, the status chosen kept in the page links) and a provider's answered placement
 * agreements (25 a page); each page shows other rows, older ones further on, and each CSV has every row.
 */
class TablePagesBrowserTest extends BrowserTestBase {

    private static final String NEXT = "[data-test=pagination] .govuk-pagination__next a";
    /** Marks the agreements this test adds, so it can take them away again. */
    private static final String FIXTURE = "TablePagesBrowserTest: an ended agreement to fill pages";

    @Test
    void theRegulatorPagesThroughEveryHostLaAnswerKeepingTheStatusChosen() throws IOException {
        int all = db.fetchCount(HOST_CONSULTATION);
        int open = db.fetchCount(HOST_CONSULTATION, HOST_CONSULTATION.STATUS.eq(ConsultationStatus.OPEN));
        assertThat(open).as("the demo's open consultations fill more than a page").isGreaterThan(50);

        browser.signIn("regulator", PASSWORD);
        browser.clickLink("Host LA answers");
        browser.checkPage("regulator-host-la-answers-page-1");
        assertThat(browser.text("[data-test=total]")).startsWith(count(all) + " consultations, " + count(open) + " waiting for an answer; showing 1 to 50");
        List<Long> first = ids("[data-test=consultations] tbody tr", "data-id");
        assertThat(first).hasSize(50);
        browser.click(NEXT);
        browser.checkPage("regulator-host-la-answers-page-2");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/regulation/consultations?page=2");
        List<Long> second = ids("[data-test=consultations] tbody tr", "data-id");
        assertThat(second).as("page 2 shows other, older consultations").hasSize(Math.min(50, all - 50)).doesNotContainAnyElementsOf(first);
        assertThat(Collections.max(second)).isLessThan(Collections.min(first));

        // the status chosen stays in the page links
        new Select(browser.find("#status")).selectByValue("OPEN");
        browser.click("#main-content form[method=get] button[type=submit]");
        assertThat(browser.find(NEXT).getDomAttribute("href")).isEqualTo("/regulation/consultations?status=OPEN&page=2");
        browser.click(NEXT);
        browser.checkPage("regulator-host-la-answers-open-page-2");
        assertThat(browser.find("#status option[value=OPEN]").isSelected()).isTrue();
        assertThat(browser.findAll("[data-test=answer]")).isNotEmpty().allSatisfy(a -> assertThat(a.getText()).isEqualTo("Not answered yet"));

        // the CSV has every consultation, not a page's
        assertThat(lines(download("/regulation/consultations.csv"))).hasSize(1 + db.fetchCount(HOST_CONSULTATION));
        assertThat(lines(download("/regulation/consultations.csv?status=OPEN")))
                .hasSize(1 + db.fetchCount(HOST_CONSULTATION, HOST_CONSULTATION.STATUS.eq(ConsultationStatus.OPEN)));
    }

    @Test
    void aProviderPagesThroughItsAnsweredAgreements() throws IOException {
        long provider = db.fetchValue(APP_USER.PROVIDER_ID, APP_USER.SUBJECT.eq("provider-demo"));
        int urn = db.select(SETTING.URN).from(SETTING).where(SETTING.PROVIDER_ID.eq(provider)).orderBy(SETTING.URN).limit(1).fetchOne().value1();
        // 30 ended agreements for the provider, copies of a demo award (as renewals of it, which the one-per-offer rule allows)
        PlacementAgreementRecord source = db.selectFrom(PLACEMENT_AGREEMENT).where(PLACEMENT_AGREEMENT.RENEWS_ID.isNull())
                .orderBy(PLACEMENT_AGREEMENT.ID).limit(1).fetchOne();
        try {
            for (int i = 0; i < 30; i++) {
                PlacementAgreementRecord copy = source.copy();
                copy.setProviderId(provider).setSettingUrn(urn).setStatus(AgreementStatus.ENDED).setStatusReason(FIXTURE).setRenewsId(source.getId())
                        .setPlacementId(null).setRespondedBy(null).setRespondedAt(null);
                copy.changed(PLACEMENT_AGREEMENT.ID, false);
                db.insertInto(PLACEMENT_AGREEMENT).set(copy).execute();
            }
            var answered = PLACEMENT_AGREEMENT.PROVIDER_ID.eq(provider)
                    .and(PLACEMENT_AGREEMENT.STATUS.in(AgreementStatus.ACTIVE, AgreementStatus.DECLINED, AgreementStatus.ENDED));
            int total = db.fetchCount(PLACEMENT_AGREEMENT, answered);

            browser.signIn("provider-demo", PASSWORD);
            browser.clickLink("Placement agreements");
            browser.checkPage("provider-agreements-page-1");
            assertThat(browser.text("[data-test=others] caption")).isEqualTo("Answered, newest first: 1 to 25 of " + total);
            List<Long> first = ids("[data-test=others] tbody tr", "data-agreement");
            assertThat(first).hasSize(25);
            browser.click(NEXT);
            browser.checkPage("provider-agreements-page-2");
            assertThat(browser.driver.getCurrentUrl()).endsWith("/provider/agreements?page=2");
            List<Long> second = ids("[data-test=others] tbody tr", "data-agreement");
            assertThat(second).as("page 2 shows other, older agreements").hasSize(Math.min(25, total - 25)).doesNotContainAnyElementsOf(first);
            assertThat(Collections.max(second)).isLessThan(Collections.min(first));

            // the CSV has every agreement awarded to the provider, of every page
            assertThat(lines(download("/provider/agreements.csv"))).hasSize(1 + db.fetchCount(PLACEMENT_AGREEMENT, PLACEMENT_AGREEMENT.PROVIDER_ID.eq(provider)));
        } finally {
            db.deleteFrom(PLACEMENT_AGREEMENT).where(PLACEMENT_AGREEMENT.STATUS_REASON.eq(FIXTURE)).execute();
        }
    }

    private List<Long> ids(String rows, String attribute) {
        return browser.findAll(rows).stream().map((WebElement r) -> Long.parseLong(r.getDomAttribute(attribute))).toList();
    }
}
