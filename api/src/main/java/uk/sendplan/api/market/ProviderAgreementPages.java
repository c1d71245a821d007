package uk.sendplan.api.market;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.ProviderView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.PageNumbers;
import uk.sendplan.api.web.Pages;
import uk.sendplan.db.types.AgreementStatus;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The placement agreements awarded to a provider (/provider/agreements): every one awaiting its answer, then the
 * answered ones (accepted, declined, ended) newest first in numbered pages; one agreement (/provider/agreements/{id})
 * to accept or decline with a reason; and both tables as one CSV with every agreement. Read through Awards, which
 * scopes a provider to its own agreements.
 */
@Pages
class ProviderAgreementPages implements PageLinks {

    static final String PATH = "/provider/agreements";
    /** Answered agreements on one page. */
    static final int PAGE_SIZE = 25;

    private static final List<AgreementStatus> ANSWERED = List.of(AgreementStatus.ACTIVE, AgreementStatus.DECLINED, AgreementStatus.ENDED);

    record AgreementRow(long id, long referralId, int urn, String setting, String need, String phase, String kind, String fee,
                        String dates, String status, String tag, boolean awaiting) {
    }

    private final Awards awards;
    private final SettingService settings;
    private final ReferenceData reference;
    private final Access access;

    ProviderAgreementPages(Awards awards, SettingService settings, ReferenceData reference, Access access) {
        this.awards = awards;
        this.settings = settings;
        this.reference = reference;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.PROVIDER)
                ? List.of(new Link(PATH, "Placement agreements", "Offers awarded to you: accept the placement or decline it.", 61))
                : List.of();
    }

    @GetMapping(PATH)
    String agreements(@RequestParam(required = false) String page, Model model) {
        access.require("Placement agreements", Role.PROVIDER);
        // agreements awaiting an answer are the provider's work to do: all of them, on every page
        List<AgreementView> awaiting = awards.page(List.of(AgreementStatus.AWAITING_PROVIDER), 0, Integer.MAX_VALUE);
        PageNumbers pager = PageNumbers.of(page, awards.count(ANSWERED), PAGE_SIZE, n -> PATH + "?page=" + n);
        List<AgreementView> answered = awards.page(ANSWERED, pager.from(), PAGE_SIZE);
        Map<Integer, SettingView> views = settings.findAll(Stream.concat(awaiting.stream(), answered.stream()).map(AgreementView::urn)
                .distinct().toList());
        model.addAttribute("awaiting", awaiting.stream().map(a -> row(a, views)).toList());
        model.addAttribute("others", answered.stream().map(a -> row(a, views)).toList());
        model.addAttribute("pager", pager);
        return "market/provider-agreements";
    }

    @GetMapping(PATH + ".csv")
    @ResponseBody
    ResponseEntity<String> csv() {
        Actor actor = access.require("Placement agreements", Role.PROVIDER);
        List<AgreementView> all = awards.page(List.of(), 0, Integer.MAX_VALUE);
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

    @GetMapping("/provider/agreements/{id}")
    String agreement(@PathVariable String id, Model model) {
        access.require("Placement agreement", Role.PROVIDER);
        return agreementPage(awards.get("Placement agreement", id), model, new FormErrors(), "");
    }

    @PostMapping("/provider/agreements/{id}/accept")
    String accept(@PathVariable String id, Model model, RedirectAttributes redirect) {
        access.require("Accept a placement agreement", Role.PROVIDER);
        AgreementView agreement = awards.get("Placement agreement", id);
        FormErrors errors = new FormErrors();
        if (errors.attemptRun(() -> awards.accept(String.valueOf(agreement.id())), Map.of("id", "accept"), "accept")) {
            redirect.addFlashAttribute("accepted", true);
            return "redirect:/provider/agreements/" + agreement.id();
        }
        return agreementPage(agreement, model, errors, "");
    }

    @PostMapping("/provider/agreements/{id}/decline")
    String declineAgreement(@PathVariable String id, @RequestParam(required = false) String reason, Model model, RedirectAttributes redirect) {
        access.require("Decline a placement agreement", Role.PROVIDER);
        AgreementView agreement = awards.get("Placement agreement", id);
        FormErrors errors = new FormErrors();
        String typed = errors.requireReason("reason", reason, "Enter why you are declining the placement");
        if (!errors.any()) {
            if (errors.attemptRun(() -> awards.decline(String.valueOf(agreement.id()), typed), Map.of("reason", "reason", "id", "reason"), "reason")) {
                redirect.addFlashAttribute("declined", true);
                return "redirect:/provider/agreements/" + agreement.id();
            }
        }
        return agreementPage(agreement, model, errors, typed);
    }

    private String agreementPage(AgreementView a, Model model, FormErrors errors, String reason) {
        Map<Integer, SettingView> views = settings.findAll(List.of(a.urn()));
        model.addAttribute("agreement", row(a, views));
        model.addAttribute("la", laName(a.laCode()));
        model.addAttribute("framework", a.frameworkVersion());
        model.addAttribute("statusReason", a.statusReason());
        model.addAttribute("errors", errors);
        model.addAttribute("reason", reason);
        return "market/provider-agreement";
    }

    private AgreementRow row(AgreementView a, Map<Integer, SettingView> views) {
        String tag = switch (a.status()) {
            case AWAITING_PROVIDER -> "govuk-tag--turquoise";
            case ACTIVE -> "govuk-tag--green";
            case DECLINED -> "govuk-tag--grey";
            case ENDED -> "govuk-tag--grey";
        };
        String status = switch (a.status()) {
            case AWAITING_PROVIDER -> "Awaiting your answer";
            case ACTIVE -> "Accepted";
            case DECLINED -> "Declined";
            case ENDED -> "Ended";
        };
        return new AgreementRow(a.id(), a.referralId(), a.urn(), views.containsKey(a.urn()) ? views.get(a.urn()).name() : String.valueOf(a.urn()),
                reference.needName(a.need()), reference.phaseName(a.phase()), MarketWords.provisionName(a.kind()), Money.format(a.annualFeePence()),
                a.startDate() + " to " + a.endDate(), status, tag, a.status() == AgreementStatus.AWAITING_PROVIDER);
    }

    private String laName(String code) {
        return reference.localAuthority(code).map(ReferenceData.LocalAuthority::name).orElse(code);
    }
}
