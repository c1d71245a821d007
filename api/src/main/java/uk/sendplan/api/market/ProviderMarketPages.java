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
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.Pages;
import uk.sendplan.db.types.DeclineReason;
import uk.sendplan.db.types.OfferStatus;
import uk.sendplan.db.types.ProvisionKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's side of the market: the referrals sent to its settings (/provider/referrals, as CSV too); a referral
 * (/provider/referrals/{id}) with the form for an offer, whose fee check is shown first (the "check" step asks the
 * market exactly what makeOffer would find, writing nothing; "send offer" then makes it) and the decline with a
 * reason (reading the offer form is OfferForm's; the placement agreements awarded to it are ProviderAgreementPages').
 * The provider sees only what the market's services show a provider: its own settings' answers and offers, never the
 * child's case reference or another provider's offer.
 */
@Pages
class ProviderMarketPages implements PageLinks {

    static final int PAGE_SIZE = 25;

    /** One part of the fee's breakdown as a field of the form. */
    record Part(String id, String label, String value) {
    }

    record Row(long id, String la, String need, String phase, String startTerm, String respondBy, String answer, String status, String tag) {
    }

    /** One of the provider's own settings on the referral, with its answer so far. */
    record OwnSetting(int urn, String name, String answer, boolean answerable, Long offerId) {
    }

    private final ReferralReads reads;
    private final Offers offers;
    private final ReferralsExport export;
    private final SettingService settings;
    private final ReferenceData reference;
    private final Access access;

    ProviderMarketPages(ReferralReads reads, Offers offers, ReferralsExport export, SettingService settings, ReferenceData reference,
                        Access access) {
        this.reads = reads;
        this.offers = offers;
        this.export = export;
        this.settings = settings;
        this.reference = reference;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.PROVIDER)
                ? List.of(new Link("/provider/referrals", "Referrals", "Children referred to your settings: check a fee and offer a place, or decline.", 60))
                : List.of();
    }

    // ------------------------------------------------------------------ referrals to answer

    @GetMapping("/provider/referrals")
    String list(@RequestParam(required = false) String before, Model model) {
        access.require("Referrals", Role.PROVIDER);
        Long beforeId = null;
        if (before != null && !before.isBlank()) {
            try {
                beforeId = Long.parseLong(before);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("before", "the page to show comes before a referral's number, got \"" + before + "\"");
            }
        }
        List<ReferralView> found = reads.search(List.of(), beforeId, PAGE_SIZE + 1);
        List<ReferralView> page = found.stream().limit(PAGE_SIZE).toList();
        Map<Long, List<RecipientView>> own = page.isEmpty() ? Map.of() : reads.recipients(page);
        model.addAttribute("rows", page.stream().map(r -> new Row(r.id(), laName(r.laCode()), r.primaryNeed(), reference.phaseName(r.phase()), r.startTerm(),
                r.respondBy().toString(), answers(own.get(r.id()), r), MarketWords.statusName(r.status()), MarketWords.statusTag(r.status()))).toList());
        model.addAttribute("total", reads.count(List.of()));
        model.addAttribute("next", found.size() > PAGE_SIZE ? "/provider/referrals?before=" + page.getLast().id() : null);
        model.addAttribute("first", beforeId == null ? null : "/provider/referrals");
        return "market/provider-referrals";
    }

    @GetMapping("/provider/referrals/referrals.csv")
    @ResponseBody
    ResponseEntity<String> csv() {
        Actor actor = access.require("Referrals", Role.PROVIDER);
        String name = settings.provider(actor.providerId()).map(ProviderView::name).orElse("provider");
        return Downloads.csv(export.csv(List.of()), "referrals", name);
    }

    private String answers(List<RecipientView> own, ReferralView r) {
        long waiting = own.stream().filter(x -> x.response() == null).count();
        if (waiting > 0 && r.openForResponses(MarketRules.today())) {
            return "To answer";
        }
        return own.stream().anyMatch(x -> x.response() == uk.sendplan.db.types.RecipientResponse.OFFERED) ? "Offered"
                : own.stream().allMatch(x -> x.response() == uk.sendplan.db.types.RecipientResponse.DECLINED) ? "Declined" : "Closed";
    }

    // ------------------------------------------------------------------ one referral: offer or decline

    @GetMapping("/provider/referrals/{id}")
    String referral(@PathVariable String id, Model model) {
        access.require("Referral", Role.PROVIDER);
        ReferralView referral = reads.get("Referral", id);
        return referralPage(referral, model, OfferForm.empty(referral), null, new FormErrors());
    }

    @PostMapping("/provider/referrals/{id}/offer")
    String offer(@PathVariable String id, @RequestParam Map<String, String> values, Model model, RedirectAttributes redirect) {
        access.require("Offer a place", Role.PROVIDER);
        ReferralView referral = reads.get("Referral", id);
        OfferForm typed = OfferForm.typed(values);
        boolean send = "send".equals(values.get("action"));
        FormErrors errors = new FormErrors();
        Offers.MakeOfferInput input = typed.input(referral, errors);
        OfferForm.Check check = null;
        if (!errors.any()) {
            if (send) {
                Optional<OfferView> made = errors.attempt(() -> offers.make(input), OfferForm.FIELDS, "annualFee");
                if (made.isPresent()) {
                    redirect.addFlashAttribute("offered", Money.format(made.get().terms().annualFeePence()));
                    return "redirect:/provider/referrals/" + referral.id();
                }
            } else {
                check = errors.attempt(() -> typed.check(offers.check(input)), OfferForm.FIELDS, "annualFee").orElse(null);
            }
        }
        return referralPage(referral, model, typed, check, errors);
    }

    @PostMapping("/provider/referrals/{id}/decline")
    String decline(@PathVariable String id, @RequestParam(required = false) String urn, @RequestParam(required = false) String reason, Model model,
                   RedirectAttributes redirect) {
        access.require("Decline a referral", Role.PROVIDER);
        ReferralView referral = reads.get("Referral", id);
        FormErrors errors = new FormErrors();
        DeclineReason why = Arrays.stream(DeclineReason.values()).filter(r -> r.name().equals(reason)).findFirst().orElse(null);
        if (why == null) {
            errors.add("declineReason", "Select why you are declining the referral");
        }
        Integer setting = OfferForm.whole(urn);
        if (setting == null) {
            errors.add("declineUrn", "Select the setting that declines");
        }
        if (!errors.any()) {
            if (errors.attemptRun(() -> offers.decline(new Offers.DeclineReferralInput(String.valueOf(referral.id()), setting, why)),
                    Map.of("input.urn", "declineUrn"), "declineUrn")) {
                redirect.addFlashAttribute("declined", true);
                return "redirect:/provider/referrals/" + referral.id();
            }
        }
        model.addAttribute("declineUrn", urn);
        model.addAttribute("declineReason", reason);
        return referralPage(referral, model, OfferForm.empty(referral), null, errors);
    }

    private String referralPage(ReferralView r, Model model, OfferForm form, OfferForm.Check check, FormErrors errors) {
        List<RecipientView> own = reads.recipients(List.of(r)).get(r.id());
        List<OfferView> ownOffers = offers.ofReferrals(List.of(r)).get(r.id());
        Map<Integer, SettingView> views = settings.findAll(own.stream().map(RecipientView::urn).toList());
        boolean open = r.openForResponses(MarketRules.today());
        List<OwnSetting> ownSettings = new ArrayList<>();
        for (RecipientView x : own) {
            Optional<OfferView> live = ownOffers.stream().filter(o -> o.urn() == x.urn() && o.status() != OfferStatus.WITHDRAWN
                    && o.status() != OfferStatus.CLOSED).findFirst();
            String answer = x.response() == null ? "Not answered"
                    : x.response() == uk.sendplan.db.types.RecipientResponse.DECLINED ? "Declined: " + MarketWords.declineName(x.declineReason())
                    : live.map(o -> "Offered " + Money.format(o.terms().annualFeePence()) + " a year (" + MarketWords.offerStatusName(o.status()) + ")")
                    .orElse("Offered (withdrawn or closed)");
            ownSettings.add(new OwnSetting(x.urn(), views.containsKey(x.urn()) ? views.get(x.urn()).name() : String.valueOf(x.urn()), answer,
                    open && x.response() == null, live.map(OfferView::id).orElse(null)));
        }
        model.addAttribute("referral", r);
        model.addAttribute("la", laName(r.laCode()));
        model.addAttribute("needName", reference.needName(r.primaryNeed()));
        model.addAttribute("secondaryNeedName", r.secondaryNeed() == null ? "None" : reference.needName(r.secondaryNeed()));
        model.addAttribute("year", r.nationalCurriculumYear());
        model.addAttribute("phaseName", reference.phaseName(r.phase()));
        model.addAttribute("status", MarketWords.statusName(r.status()));
        model.addAttribute("tag", MarketWords.statusTag(r.status()));
        model.addAttribute("provision", MarketWords.provisionName(r.provision()));
        model.addAttribute("therapies", r.therapies().isEmpty() ? "None asked for"
                : String.join(", ", r.therapies().stream().map(t -> MarketWords.words(t.name())).toList()));
        model.addAttribute("ownSettings", ownSettings);
        model.addAttribute("answerable", ownSettings.stream().filter(OwnSetting::answerable).toList());
        model.addAttribute("kinds", kinds(r));
        model.addAttribute("declineReasons", MarketWords.declineReasons());
        model.addAttribute("form", form);
        model.addAttribute("parts", List.of(new Part("education", "Education", form.education()), new Part("care", "Care", form.care()),
                new Part("therapies", "Therapies", form.therapies()), new Part("other", "Other: overheads, transport and surplus", form.other()),
                new Part("surplus", "Of which surplus (the framework caps it as a share of the fee)", form.surplus())));
        model.addAttribute("check", check);
        model.addAttribute("errors", errors);
        return "market/provider-referral";
    }

    /** The kinds of place an offer on this referral may be: makeOffer's own rule (a day referral at post-16 takes a post-16 fee too). */
    private static Map<String, String> kinds(ReferralView r) {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put(r.provision().name(), MarketWords.provisionName(r.provision()));
        if (r.provision() == ProvisionKind.DAY && (r.phase().equals("POST_16") || r.phase().equals("POST_19"))) {
            kinds.put(ProvisionKind.POST_16.name(), MarketWords.provisionName(ProvisionKind.POST_16));
        }
        return kinds;
    }

    private String laName(String code) {
        return reference.localAuthority(code).map(ReferenceData.LocalAuthority::name).orElse(code);
    }
}
