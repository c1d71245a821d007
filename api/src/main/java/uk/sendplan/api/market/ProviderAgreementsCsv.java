package uk.sendplan.api.market;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.settings.ProviderView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.Pages;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The provider's placement agreements page's tables as one CSV (/provider/agreements.csv): every agreement awarded to
 * the provider, whatever its status, newest first, where the page shows the newest answered ones only. Read through
 * Awards, which scopes a provider to its own agreements, as the page does.
 */
@Pages
class ProviderAgreementsCsv {

    /** The most agreements one download holds: far more than a provider is awarded in years. */
    static final int CSV_MAX = 10_000;

    private final Awards awards;
    private final SettingService settings;
    private final Access access;

    ProviderAgreementsCsv(Awards awards, SettingService settings, Access access) {
        this.awards = awards;
        this.settings = settings;
        this.access = access;
    }

    @GetMapping("/provider/agreements.csv")
    @ResponseBody
    ResponseEntity<String> csv() {
        Actor actor = access.require("Placement agreements", Role.PROVIDER);
        List<AgreementView> all = awards.search(List.of(), null, CSV_MAX);
        Map<Integer, SettingView> views = all.isEmpty() ? Map.of() : settings.findAll(all.stream().map(AgreementView::urn).collect(Collectors.toSet()));
        StringBuilder csv = new StringBuilder(Csv.line(List.of("agreement_id", "referral_id", "urn", "setting_name", "la_code", "need", "phase",
                "kind", "annual_fee", "start_date", "end_date", "status", "status_reason", "awarded_at", "responded_at"))).append("\r\n");
        for (AgreementView a : all) {
            SettingView setting = views.get(a.urn());
            // the fee as a BigDecimal in pounds, so Csv.line writes it as an exact number
            csv.append(Csv.line(Arrays.asList(a.id(), a.referralId(), a.urn(), setting == null ? null : setting.name(), a.laCode(), a.need(),
                    a.phase(), a.kind().name(), Money.pounds(a.annualFeePence()), a.startDate().toString(), a.endDate().toString(), a.status().name(),
                    a.statusReason(), a.awardedAt() == null ? null : a.awardedAt().toString(),
                    a.respondedAt() == null ? null : a.respondedAt().toString()))).append("\r\n");
        }
        String name = settings.provider(actor.providerId()).map(ProviderView::name).orElse("provider");
        return Downloads.csv(csv.toString(), "placement-agreements", name);
    }
}
