package uk.sendplan.api.market;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.sendplan.api.fees.FeeService;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.ProviderView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.InputRules;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.FeeVerdicts;
import uk.sendplan.api.web.Pages;
import uk.sendplan.db.types.DeclineReason;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.OfferStatus;
import uk.sendplan.db.types.ProvisionKind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider's side of the market: the referrals sent to its settings (/provider/referrals, as CSV too); a referral
 * (/provider/referrals/{id}) with the form for an offer, whose fee check is shown first (the "check" step asks the
 * market exactly what makeOffer would find, writing nothing; "send offer" then makes it) and the decline with a
 * reason (the placement agreements awarded to it are ProviderAgreementPages'). The provider sees only what the
 * market's services show a provider: its own settings' answers and offers, never the child's case reference or
 * another provider's offer.
 */
@Pages
class ProviderMarketPages implements PageLinks {

    static final int PAGE_SIZE = 25;

    /** The offer form as typed: kept through the check step and shown again when refused. */
    record OfferForm(String urn, String kind, String annualFee, String education, String care, String therapies, String other, String surplus,
                     String startDate, String validUntil, String conditions, String justification) {
    }

    /** The fee check shown before sending: the verdict in words, the reasons with their numbers, whether it may be sent. */
    record Check(String verdict, String tag, List<String> reasons, String framework, String reference, String ceiling, boolean sendable,
                 String advice) {
    }

    /** One part of the fee's breakdown as a field of the form. */
    record Part(String id, String label, String value) {
    }

    record Row(long id, String la, String need, String phase, String startTerm, String respondBy, String answer, String status, String tag) {
    }

    /** One of the provider's own settings on the referral, with its answer so far. */
    record OwnSetting(int urn, String name, String answer, boolean answerable, Long offerId) {
    }

    /** makeOffer's field paths and the form's field ids they stand for. */
    private static final Map<String, String> OFFER_FIELDS = Map.ofEntries(Map.entry("input.urn", "urn"), Map.entry("input.kind", "kind"),
            Map.entry("input.annualFee", "annualFee"), Map.entry("input.breakdown.education", "education"),
            Map.entry("input.breakdown.care", "care"), Map.entry("input.breakdown.therapies", "therapies"),
            Map.entry("input.breakdown.other", "other"), Map.entry("input.breakdown.surplus", "surplus"), Map.entry("input.breakdown", "education"), Map.entry("input.startDate", "startDate"),
            Map.entry("input.validUntil", "validUntil"), Map.entry("input.conditions", "conditions"),
            Map.entry("input.justification", "justification"), Map.entry("input.referralId", "urn"));

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
        model.addAttribute("rows", page.stream().map(r -> new Row(r.id(), laName(r.laCode()), r.primaryNeed(), phaseName(r.phase()), r.startTerm(),
                r.respondBy().toString(), answers(own.get(r.id()), r), ReferralPages.statusName(r.status()), ReferralPages.statusTag(r.status()))).toList());
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
        return referralPage(referral, model, emptyForm(referral), null, new FormErrors());
    }

    @PostMapping("/provider/referrals/{id}/offer")
    String offer(@PathVariable String id, @RequestParam Map<String, String> values, Model model, RedirectAttributes redirect) {
        access.require("Offer a place", Role.PROVIDER);
        ReferralView referral = reads.get("Referral", id);
        OfferForm typed = new OfferForm(value(values, "urn"), value(values, "kind"), value(values, "annualFee"), value(values, "education"),
                value(values, "care"), value(values, "therapies"), value(values, "other"), value(values, "surplus"), value(values, "startDate"), value(values, "validUntil"),
                value(values, "conditions"), value(values, "justification"));
        boolean send = "send".equals(values.get("action"));
        FormErrors errors = new FormErrors();
        Offers.MakeOfferInput input = input(referral, typed, errors);
        Check check = null;
        if (!errors.any()) {
            try {
                if (send) {
                    OfferView made = offers.make(input);
                    redirect.addFlashAttribute("offered", Money.format(made.terms().annualFeePence()));
                    return "redirect:/provider/referrals/" + referral.id();
                }
                check = check(offers.check(input), typed);
            } catch (ApiException refused) {
                if (refused.type() != ErrorType.BAD_REQUEST) {
                    throw refused;
                }
                errors.add(refused, OFFER_FIELDS, "annualFee");
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
        Integer setting = whole(urn);
        if (setting == null) {
            errors.add("declineUrn", "Select the setting that declines");
        }
        if (!errors.any()) {
            try {
                offers.decline(new Offers.DeclineReferralInput(String.valueOf(referral.id()), setting, why));
                redirect.addFlashAttribute("declined", true);
                return "redirect:/provider/referrals/" + referral.id();
            } catch (ApiException refused) {
                if (refused.type() != ErrorType.BAD_REQUEST) {
                    throw refused;
                }
                errors.add(refused, Map.of("input.urn", "declineUrn"), "declineUrn");
            }
        }
        model.addAttribute("declineUrn", urn);
        model.addAttribute("declineReason", reason);
        return referralPage(referral, model, emptyForm(referral), null, errors);
    }

    /** The form's text as makeOffer's input; a number or choice that is not one is a problem with its field, and nothing is asked. */
    private Offers.MakeOfferInput input(ReferralView referral, OfferForm typed, FormErrors errors) {
        for (var field : List.of(Map.entry("annualFee", typed.annualFee()), Map.entry("education", typed.education()), Map.entry("care", typed.care()),
                Map.entry("therapies", typed.therapies()), Map.entry("other", typed.other()), Map.entry("surplus", typed.surplus()),
                Map.entry("startDate", typed.startDate()),
                Map.entry("validUntil", typed.validUntil()))) {
            String breach = InputRules.breach(field.getValue(), InputRules.LINE);
            if (breach != null) {
                errors.add(field.getKey(), "This field " + breach);
            }
        }
        for (var field : List.of(Map.entry("conditions", typed.conditions()), Map.entry("justification", typed.justification()))) {
            String breach = InputRules.breach(field.getValue(), InputRules.TEXT);
            if (breach != null) {
                errors.add(field.getKey(), "This field " + breach);
            }
        }
        Integer urn = whole(typed.urn());
        if (urn == null) {
            errors.add("urn", "Select the setting that offers the place");
        }
        ProvisionKind kind = Arrays.stream(ProvisionKind.values()).filter(k -> k.name().equals(typed.kind())).findFirst().orElse(null);
        if (kind == null) {
            errors.add("kind", "Select the kind of place offered");
        }
        BigDecimal fee = pounds(typed.annualFee(), "annualFee", "Enter the annual fee in pounds, like 58000 or 58,000.00", errors, true);
        BigDecimal education = pounds(typed.education(), "education", "Enter the education part of the fee in pounds, like 50000", errors, true);
        BigDecimal care = pounds(typed.care(), "care", "Enter the care part in pounds, or 0", errors, false);
        BigDecimal therapies = pounds(typed.therapies(), "therapies", "Enter the therapies part in pounds, or 0", errors, false);
        BigDecimal other = pounds(typed.other(), "other", "Enter any other part in pounds, or 0", errors, false);
        BigDecimal surplus = pounds(typed.surplus(), "surplus", "Enter the surplus in pounds, or 0", errors, false);
        if (typed.startDate().isEmpty()) {
            errors.add("startDate", "Enter the date the place starts, like 2027-01-04");
        }
        if (typed.validUntil().isEmpty()) {
            errors.add("validUntil", "Enter the last day the offer stands, like 2026-12-18");
        }
        if (errors.any()) {
            return null;
        }
        return new Offers.MakeOfferInput(String.valueOf(referral.id()), urn, kind, fee, new Offers.BreakdownInput(education, care, therapies, other, surplus),
                typed.startDate(), typed.validUntil(), blankToNull(typed.conditions()), blankToNull(typed.justification()));
    }

    /** Pounds as people type them (£, commas, pence optional); blank is 0 where the part may be left out. */
    private static BigDecimal pounds(String text, String field, String message, FormErrors errors, boolean required) {
        String plain = text.replace("£", "").replace(",", "").trim();
        if (plain.isEmpty() && !required) {
            return BigDecimal.ZERO;
        }
        if (!plain.matches("[0-9]{1,9}(\\.[0-9]{1,2})?")) {
            errors.add(field, message);
            return null;
        }
        return new BigDecimal(plain);
    }

    private Check check(FeeService.OfferCheck check, OfferForm typed) {
        boolean refused = check.nonCompliant();
        boolean needsJustification = check.verdict() == FeeVerdict.ABOVE_REFERENCE && blankToNull(typed.justification()) == null;
        String advice = refused ? "The framework does not allow this fee: an offer at it would be refused. Lower the fee and check again."
                : needsJustification ? "The fee is above the reference: give a justification (what the child's provision needs that the reference does not pay for), then check again."
                : "The fee may be offered. Send the offer, or change it and check again.";
        return new Check(FeeVerdicts.name(check.verdict()), FeeVerdicts.tag(check.verdict()), check.reasons(),
                check.financialYear() + ", version " + check.frameworkVersion(),
                check.adjustedReferencePence() == null ? null : Money.format(check.adjustedReferencePence()),
                check.adjustedCeilingPence() == null ? null : Money.format(check.adjustedCeilingPence()), !refused && !needsJustification, advice);
    }

    private OfferForm emptyForm(ReferralView referral) {
        return new OfferForm("", referral.provision().name(), "", "", "", "", "", "", "", "", "", "");
    }

    private String referralPage(ReferralView r, Model model, OfferForm form, Check check, FormErrors errors) {
        List<RecipientView> own = reads.recipients(List.of(r)).get(r.id());
        List<OfferView> ownOffers = offers.ofReferrals(List.of(r)).get(r.id());
        Map<Integer, SettingView> views = settings.findAll(own.stream().map(RecipientView::urn).toList());
        boolean open = r.openForResponses(MarketRules.today());
        List<OwnSetting> ownSettings = new ArrayList<>();
        for (RecipientView x : own) {
            Optional<OfferView> live = ownOffers.stream().filter(o -> o.urn() == x.urn() && o.status() != OfferStatus.WITHDRAWN
                    && o.status() != OfferStatus.CLOSED).findFirst();
            String answer = x.response() == null ? "Not answered"
                    : x.response() == uk.sendplan.db.types.RecipientResponse.DECLINED ? "Declined: " + declineName(x.declineReason())
                    : live.map(o -> "Offered " + Money.format(o.terms().annualFeePence()) + " a year (" + ReferralPages.offerStatusName(o.status()) + ")")
                    .orElse("Offered (withdrawn or closed)");
            ownSettings.add(new OwnSetting(x.urn(), views.containsKey(x.urn()) ? views.get(x.urn()).name() : String.valueOf(x.urn()), answer,
                    open && x.response() == null, live.map(OfferView::id).orElse(null)));
        }
        model.addAttribute("referral", r);
        model.addAttribute("la", laName(r.laCode()));
        model.addAttribute("needName", needName(r.primaryNeed()));
        model.addAttribute("secondaryNeedName", r.secondaryNeed() == null ? "None" : needName(r.secondaryNeed()));
        model.addAttribute("year", r.nationalCurriculumYear());
        model.addAttribute("phaseName", phaseName(r.phase()));
        model.addAttribute("status", ReferralPages.statusName(r.status()));
        model.addAttribute("tag", ReferralPages.statusTag(r.status()));
        model.addAttribute("provision", ReferralPages.provisionName(r.provision()));
        model.addAttribute("therapies", r.therapies().isEmpty() ? "None asked for"
                : String.join(", ", r.therapies().stream().map(t -> ReferralPages.words(t.name())).toList()));
        model.addAttribute("ownSettings", ownSettings);
        model.addAttribute("answerable", ownSettings.stream().filter(OwnSetting::answerable).toList());
        model.addAttribute("kinds", kinds(r));
        model.addAttribute("declineReasons", declineReasons());
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
        kinds.put(r.provision().name(), ReferralPages.provisionName(r.provision()));
        if (r.provision() == ProvisionKind.DAY && (r.phase().equals("POST_16") || r.phase().equals("POST_19"))) {
            kinds.put(ProvisionKind.POST_16.name(), ReferralPages.provisionName(ProvisionKind.POST_16));
        }
        return kinds;
    }

    private static Map<String, String> declineReasons() {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (DeclineReason r : DeclineReason.values()) {
            reasons.put(r.name(), declineName(r));
        }
        return reasons;
    }

    // ------------------------------------------------------------------ words

    static String declineName(DeclineReason reason) {
        return reason == null ? "no reason given" : switch (reason) {
            case NO_PLACE_AT_START -> "no place at the start date";
            case CANNOT_MEET_NEED -> "cannot meet the child's need";
            case PEER_GROUP -> "the peer group does not suit";
            case TOO_FAR -> "too far from home";
            case OUTSIDE_REGISTRATION -> "outside the setting's registration";
            case OTHER -> "another reason";
        };
    }

    private String laName(String code) {
        return reference.localAuthority(code).map(ReferenceData.LocalAuthority::name).orElse(code);
    }

    private String needName(String code) {
        ReferenceData.NeedType need = reference.needType(code);
        return need == null ? code : need.name();
    }

    private String phaseName(String code) {
        ReferenceData.Phase phase = reference.phase(code);
        return phase == null ? code : phase.name();
    }

    private static String value(Map<String, String> values, String name) {
        return Objects.requireNonNullElse(values.get(name), "").trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Integer whole(String text) {
        try {
            return text == null ? null : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
