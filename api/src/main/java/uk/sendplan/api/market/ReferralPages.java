package uk.sendplan.api.market;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.InputRules;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.FeeVerdicts;
import uk.sendplan.api.web.Pages;
import uk.sendplan.db.types.OfferStatus;
import uk.sendplan.db.types.ReferralStatus;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A commissioner's side of the market once a child is referred (the referral form is ReferPages'): their LA's
 * referrals with their status (/referrals, as CSV too), and a referral (/referrals/{id}) with its offers compared side
 * by side with the state settings of the child's list, the settings' answers, the award (confirmed on its own page) and
 * the withdrawal. Every step goes through the market's services, as GraphQL's referrals, comparison, awardOffer and
 * withdrawReferral do, so the same rules refuse the same things.
 */
@Pages
class ReferralPages implements PageLinks {

    static final int PAGE_SIZE = 25;

    /** A referral as a row of the list. */
    record Row(long id, String reference, String need, String phase, String startTerm, String respondBy, int sent, int answered,
               int offers, String status, String tag) {
    }

    /** A setting the referral went to, and its answer. */
    record Recipient(int urn, String name, String how, String answer) {
    }

    /** One option of the comparison: an offer or a state setting from the child's tailored list. */
    record Option(String kind, Long offerId, String offerStatus, boolean awardable, int urn, String setting, String settingKind, String ofsted,
                  String forProfit, String fee, String verdict, String verdictTag, String excess, List<String> checkReasons, String breakdown,
                  String transport, String total, String distanceKm, String minutes, String startDate, String validUntil,
                  String conditions, String justification, int vacancies) {
    }

    private final Referrals referrals;
    private final ReferralReads reads;
    private final Offers offers;
    private final Awards awards;
    private final Comparisons comparisons;
    private final ReferralsExport export;
    private final DemandService demand;
    private final SettingService settings;
    private final ReferenceData reference;
    private final Access access;

    ReferralPages(Referrals referrals, ReferralReads reads, Offers offers, Awards awards, Comparisons comparisons, ReferralsExport export,
                  DemandService demand, SettingService settings, ReferenceData reference, Access access) {
        this.referrals = referrals;
        this.reads = reads;
        this.offers = offers;
        this.awards = awards;
        this.comparisons = comparisons;
        this.export = export;
        this.demand = demand;
        this.settings = settings;
        this.reference = reference;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.COMMISSIONER)
                ? List.of(new Link("/referrals", "Referrals", "Your children referred to independent and non-maintained settings: compare their offers and award one.", 40))
                : List.of();
    }

    // ------------------------------------------------------------------ the LA's referrals

    @GetMapping("/referrals")
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String before, Model model) {
        access.require("Referrals", Role.COMMISSIONER);
        FormErrors errors = new FormErrors();
        List<ReferralStatus> statuses = statuses(status, errors);
        Long beforeId = before(before);
        model.addAttribute("status", status);
        model.addAttribute("statuses", MarketWords.statusNames());
        model.addAttribute("errors", errors);
        if (errors.any()) {
            model.addAttribute("rows", List.of());
            model.addAttribute("total", 0);
            return "market/referrals";
        }
        List<ReferralView> found = reads.search(statuses, beforeId, PAGE_SIZE + 1);
        List<ReferralView> page = found.stream().limit(PAGE_SIZE).toList();
        Map<Long, List<RecipientView>> recipients = page.isEmpty() ? Map.of() : reads.recipients(page);
        Map<Long, List<OfferView>> offered = page.isEmpty() ? Map.of() : offers.ofReferrals(page);
        Map<Long, PlacementRequestView> children = page.isEmpty() ? Map.of() : demand.findAll(page.stream().map(ReferralView::requestId).toList());
        model.addAttribute("rows", page.stream().map(r -> new Row(r.id(), children.get(r.requestId()).reference(), r.primaryNeed(),
                reference.phaseName(r.phase()), r.startTerm(), r.respondBy().toString(), recipients.get(r.id()).size(),
                (int) recipients.get(r.id()).stream().filter(x -> x.response() != null).count(),
                (int) offered.get(r.id()).stream().filter(o -> o.status() == OfferStatus.OPEN || o.status() == OfferStatus.AWARDED).count(),
                MarketWords.statusName(r.status()), MarketWords.statusTag(r.status()))).toList());
        model.addAttribute("total", reads.count(statuses));
        String filter = statuses.isEmpty() ? "" : "status=" + statuses.getFirst().name();
        model.addAttribute("next", found.size() > PAGE_SIZE ? "/referrals?" + (filter.isEmpty() ? "" : filter + "&") + "before=" + page.getLast().id() : null);
        model.addAttribute("first", beforeId == null ? null : "/referrals" + (filter.isEmpty() ? "" : "?" + filter));
        model.addAttribute("csv", "/referrals/referrals.csv" + (filter.isEmpty() ? "" : "?" + filter));
        return "market/referrals";
    }

    @GetMapping("/referrals/referrals.csv")
    @ResponseBody
    ResponseEntity<String> csv(@RequestParam(required = false) String status) {
        Actor actor = access.require("Referrals", Role.COMMISSIONER);
        FormErrors errors = new FormErrors();
        List<ReferralStatus> statuses = statuses(status, errors);
        if (errors.any()) {
            throw ApiException.badRequest("status", errors.all().getFirst().message());
        }
        return Downloads.csv(export.csv(statuses), "referrals", reference.requireLocalAuthority("laCode", actor.laCode()).name());
    }

    // ------------------------------------------------------------------ one referral

    @GetMapping("/referrals/{id}")
    String referral(@PathVariable String id, Model model) {
        access.require("Referral", Role.COMMISSIONER);
        return referralPage(reads.get("Referral", id), model, new FormErrors(), "");
    }

    /** The comparison as the page shows it, cheapest first, amounts in pounds. */
    @GetMapping("/referrals/{id}/comparison.csv")
    @ResponseBody
    ResponseEntity<String> comparisonCsv(@PathVariable String id) {
        access.require("Referral", Role.COMMISSIONER);
        ReferralView referral = reads.get("Referral", id);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("option", "offer_id", "offer_status", "urn", "setting", "setting_kind", "ofsted",
                "for_profit", "annual_fee", "fee_verdict", "excess_over_reference", "transport", "total_annual_cost", "distance_km",
                "travel_minutes", "start_date", "valid_until", "conditions", "justification", "vacancies"))).append("\r\n");
        for (Comparisons.Row row : comparisons.compare(referral)) {
            OfferView o = row.offer();
            SettingView s = row.setting();
            csv.append(Csv.line(Arrays.asList(row.kind().name(), o == null ? null : o.id(), o == null ? null : o.status().name(), s.urn(), s.name(),
                    s.type(), s.ofstedRating() == null ? null : s.ofstedRating().name(), row.forProfit(), Money.pounds(row.annualFeePence()),
                    row.feeVerdict().name(), Money.poundsOrNull(row.excessOverReferencePence()), Money.pounds(row.transportPence()),
                    Money.pounds(row.totalAnnualCostPence()), Math.round(row.distanceKm() * 10) / 10.0, Math.round(row.travelMinutes()),
                    o == null ? null : o.terms().startDate().toString(), o == null ? null : o.terms().validUntil().toString(),
                    o == null ? null : o.terms().conditions(), o == null ? null : o.terms().justification(), row.vacancies()))).append("\r\n");
        }
        return Downloads.csv(csv.toString(), "referral", String.valueOf(referral.id()), "comparison");
    }

    @PostMapping("/referrals/{id}/withdraw")
    String withdraw(@PathVariable String id, @RequestParam(required = false) String reason, Model model, RedirectAttributes redirect) {
        access.require("Withdraw a referral", Role.COMMISSIONER);
        ReferralView referral = reads.get("Referral", id);
        FormErrors errors = new FormErrors();
        String typed = errors.requireReason("reason", reason, "Enter why you are withdrawing the referral");
        if (!errors.any()) {
            if (errors.attemptRun(() -> referrals.withdraw(id, typed), Map.of("reason", "reason", "id", "reason"), "reason")) {
                redirect.addFlashAttribute("withdrawn", true);
                return "redirect:/referrals/" + referral.id();
            }
        }
        return referralPage(referral, model, errors, typed);
    }

    /** The confirmation before an award: the offer's terms again, and what awarding it does. */
    @GetMapping("/referrals/{id}/award")
    String confirmAward(@PathVariable String id, @RequestParam(required = false) String offer, Model model) {
        access.require("Award an offer", Role.COMMISSIONER);
        ReferralView referral = reads.get("Referral", id);
        return awardPage(referral, offerOf(referral, offer), model, new FormErrors());
    }

    @PostMapping("/referrals/{id}/award")
    String award(@PathVariable String id, @RequestParam(required = false) String offer, Model model, RedirectAttributes redirect) {
        access.require("Award an offer", Role.COMMISSIONER);
        ReferralView referral = reads.get("Referral", id);
        OfferView chosen = offerOf(referral, offer);
        FormErrors errors = new FormErrors();
        Optional<AgreementView> agreement = errors.attempt(() -> awards.award(String.valueOf(chosen.id())), Map.of("offerId", "award"), "award");
        if (agreement.isPresent()) {
            redirect.addFlashAttribute("awarded", agreement.get().id());
            return "redirect:/referrals/" + referral.id();
        }
        return awardPage(referral, chosen, model, errors);
    }

    /** An offer on this referral (one on another referral is refused as one that does not exist). */
    private OfferView offerOf(ReferralView referral, String offerId) {
        OfferView offer = offers.get("Offer", InputRules.require("offer", offerId == null ? "" : offerId, InputRules.LINE));
        if (offer.referralId() != referral.id()) {
            throw access.outOfScope("Offer");
        }
        return offer;
    }

    private String awardPage(ReferralView referral, OfferView offer, Model model, FormErrors errors) {
        Option option = option(comparisons.compareOffer(referral, offer), referral);
        model.addAttribute("referral", referral);
        model.addAttribute("reference", demand.find(referral.requestId()).orElseThrow().reference());
        model.addAttribute("offer", offer);
        model.addAttribute("option", option);
        model.addAttribute("endDate", MarketRules.endOfSchoolYear(offer.terms().startDate()).toString());
        model.addAttribute("errors", errors);
        return "market/award";
    }

    private String referralPage(ReferralView r, Model model, FormErrors errors, String reason) {
        PlacementRequestView child = demand.find(r.requestId()).orElseThrow();
        List<RecipientView> recipients = reads.recipients(List.of(r)).get(r.id());
        Map<Integer, SettingView> sent = settings.findAll(recipients.stream().map(RecipientView::urn).toList());
        model.addAttribute("referral", r);
        model.addAttribute("reference", child.reference());
        model.addAttribute("requestId", child.id());
        model.addAttribute("needName", reference.needName(r.primaryNeed()));
        model.addAttribute("secondaryNeedName", r.secondaryNeed() == null ? "None" : reference.needName(r.secondaryNeed()));
        model.addAttribute("year", r.nationalCurriculumYear());
        model.addAttribute("phaseName", reference.phaseName(r.phase()));
        model.addAttribute("status", MarketWords.statusName(r.status()));
        model.addAttribute("tag", MarketWords.statusTag(r.status()));
        model.addAttribute("provision", MarketWords.provisionName(r.provision()));
        model.addAttribute("therapies", r.therapies().isEmpty() ? "None asked for"
                : String.join(", ", r.therapies().stream().map(t -> MarketWords.words(t.name())).toList()));
        model.addAttribute("recipients", recipients.stream().map(x -> new Recipient(x.urn(), sent.containsKey(x.urn()) ? sent.get(x.urn()).name() : "",
                x.matched() ? "Matched" : "Named by you", answer(x))).toList());
        model.addAttribute("options", comparisons.compare(r).stream().map(row -> option(row, r)).toList());
        AgreementView agreement = awards.latestOfReferrals(List.of(r.id())).get(r.id());
        model.addAttribute("agreement", agreement);
        model.addAttribute("agreementStatus", agreement == null ? null : MarketWords.agreementName(agreement));
        model.addAttribute("errors", errors);
        model.addAttribute("reason", reason);
        return "market/referral";
    }

    private Option option(Comparisons.Row row, ReferralView referral) {
        SettingView s = row.setting();
        boolean offer = row.kind() == Comparisons.Kind.OFFER;
        OfferView o = row.offer();
        OfferView.Terms t = offer ? o.terms() : null;
        String breakdown = !offer ? "" : "education " + Money.format(t.educationPence()) + ", care " + Money.format(t.carePence()) + ", therapies "
                + Money.format(t.therapiesPence()) + ", other " + Money.format(t.otherPence());
        return new Option(offer ? "Offer" : "State setting", offer ? o.id() : null, offer ? MarketWords.offerStatusName(o.status()) : null,
                offer && o.status() == OfferStatus.OPEN && referral.status() == ReferralStatus.OPEN, s.urn(), s.name(), MarketWords.kindName(s.type()),
                s.ofstedRating() == null ? "Not rated" : MarketWords.words(s.ofstedRating().name()), row.forProfit() == null ? "" : row.forProfit() ? "Yes" : "No",
                Money.format(row.annualFeePence()), FeeVerdicts.name(row.feeVerdict()), FeeVerdicts.tag(row.feeVerdict()),
                row.excessOverReferencePence() == null ? null : Money.format(row.excessOverReferencePence()) + " above the reference",
                offer ? t.reasons() : List.of(), breakdown, Money.format(row.transportPence()), Money.format(row.totalAnnualCostPence()),
                String.format(java.util.Locale.UK, "%.1f km", Math.round(row.distanceKm() * 10) / 10.0),
                Math.round(row.travelMinutes()) + " minutes", offer ? t.startDate().toString() : null, offer ? t.validUntil().toString() : null,
                offer ? t.conditions() : null, offer ? t.justification() : null, row.vacancies());
    }

    private static String answer(RecipientView x) {
        if (x.response() == null) {
            return "Not answered";
        }
        return switch (x.response()) {
            case OFFERED -> "Offered a place";
            case DECLINED -> "Declined: " + MarketWords.declineName(x.declineReason());
        };
    }

    private List<ReferralStatus> statuses(String status, FormErrors errors) {
        if (status == null || status.isBlank()) {
            return List.of();
        }
        return Arrays.stream(ReferralStatus.values()).filter(s -> s.name().equals(status)).findFirst().map(List::of).orElseGet(() -> {
            errors.add("status", "Select a status from the list");
            return List.of();
        });
    }

    private static Long before(String before) {
        if (before == null || before.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(before);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("before", "the page to show comes before a referral's number, got \"" + before + "\"");
        }
    }
}
