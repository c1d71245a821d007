package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The menu marks the one link a page sits under: the longest that is the page or a folder of it. */
class LayoutTest {

    private static final List<PageLinks.Link> MENU = List.of(new PageLinks.Link("/region", "Your region", "", 10),
            new PageLinks.Link("/region/forecast", "Forecast", "", 11), new PageLinks.Link("/plans", "Plans", "", 30));

    @Test
    void aPageUnderTwoLinksIsUnderTheLongest() {
        assertThat(Layout.activeHref(MENU, "/region/forecast")).isEqualTo("/region/forecast");
        assertThat(Layout.activeHref(MENU, "/region/forecast/202")).isEqualTo("/region/forecast");
        assertThat(Layout.activeHref(MENU, "/region")).isEqualTo("/region");
        assertThat(Layout.activeHref(MENU, "/region/scenarios")).isEqualTo("/region");
        assertThat(Layout.activeHref(MENU, "/plans/12")).isEqualTo("/plans");
    }

    @Test
    void aPageUnderNoLinkMarksNone() {
        assertThat(Layout.activeHref(MENU, "/regions")).as("a prefix that is not a folder").isNull();
        assertThat(Layout.activeHref(MENU, "/")).isNull();
    }
}
