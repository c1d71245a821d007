package uk.sendplan.api.market;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.InputRules;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.Pages;
import uk.sendplan.db.types.ProvisionKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A commissioner refers a child to the settings they ticked on the child's tailored list (/referrals/new), or to every
 * setting that matches the child. The referral is made by the market's service, as GraphQL's createReferral does, so
 * the same rules refuse the same things; the referral's own page is ReferralPages'.
 */
@Pages
class ReferPages {

    /** The referral form as typed, so a refused form shows what was entered. */
    record ReferralForm(List<Integer> urns, boolean onlyChosen, String startTerm, String respondBy, String provision, List<String> therapies,
                        String note) {
    }

    private static final Map<String, String> REFER_FIELDS = Map.of("input.requestId", "urn", "input.addSettings", "urn",
            "input.excludeSettings", "urn", "input.startTerm", "startTerm", "input.respondBy", "respondBy", "input.provision", "provision",
            "input.note", "note");

    private final Referrals referrals;
    private final ReferralReads reads;
    private final DemandService demand;
    private final SettingService settings;
    private final Access access;

    ReferPages(Referrals referrals, ReferralReads reads, DemandService demand, SettingService settings, Access access) {
        this.referrals = referrals;
        this.reads = reads;
        this.demand = demand;
        this.settings = settings;
        this.access = access;
    }

    @GetMapping("/referrals/new")
    String newReferral(@RequestParam(required = false) String request, @RequestParam(name = "urn", required = false) List<String> urns, Model model) {
        access.require("Refer a child", Role.COMMISSIONER);
        PlacementRequestView child = ownChild(request);
        FormErrors errors = new FormErrors();
        List<Integer> chosen = urns(urns, errors);
        return referralForm(model, child, new ReferralForm(chosen, true, child.startTerm(), "", "", List.of(), ""), errors);
    }

    @PostMapping("/referrals/new")
    String refer(@RequestParam Map<String, String> values, @RequestParam(name = "urn", required = false) List<String> urns,
                 @RequestParam(name = "therapies", required = false) List<String> therapies, Model model, RedirectAttributes redirect) {
        access.require("Refer a child", Role.COMMISSIONER);
        PlacementRequestView child = ownChild(values.get("request"));
        FormErrors errors = new FormErrors();
        ReferralForm typed = new ReferralForm(urns(urns, errors), !"all".equals(values.get("send")), values.getOrDefault("startTerm", "").trim(),
                values.getOrDefault("respondBy", "").trim(), values.getOrDefault("provision", ""), therapies == null ? List.of() : therapies,
                values.getOrDefault("note", "").trim());
        for (var field : List.of(Map.entry("startTerm", typed.startTerm()), Map.entry("respondBy", typed.respondBy()))) {
            String breach = InputRules.breach(field.getValue(), InputRules.LINE);
            if (breach != null) {
                errors.add(field.getKey(), "This field " + breach);
            }
        }
        String noteBreach = InputRules.breach(typed.note(), InputRules.TEXT);
        if (noteBreach != null) {
            errors.add("note", "The note " + noteBreach);
        }
        if (typed.urns().isEmpty() && typed.onlyChosen()) {
            errors.add("urn", "Select at least one setting to refer the child to, or send the referral to every setting that matches the child");
        }
        ProvisionKind provision = Arrays.stream(ProvisionKind.values()).filter(k -> k.name().equals(typed.provision())).findFirst().orElse(null);
        if (!typed.provision().isEmpty() && provision == null) {
            errors.add("provision", "Select the provision the child needs from the list");
        }
        List<MarketRules.Therapy> asked = new ArrayList<>();
        for (String t : typed.therapies()) {
            Arrays.stream(MarketRules.Therapy.values()).filter(v -> v.name().equals(t)).findFirst().ifPresentOrElse(asked::add,
                    () -> errors.add("therapies", "Select therapies from the list"));
        }
        if (!errors.any()) {
            Optional<String> sent = errors.attempt(() -> {
                List<Integer> exclude = typed.onlyChosen()
                        ? referrals.matched(child, provision).stream().filter(urn -> !typed.urns().contains(urn)).toList() : List.of();
                ReferralView made = referrals.create(new Referrals.CreateReferralInput(String.valueOf(child.id()), provision, asked,
                        typed.startTerm().isEmpty() ? null : typed.startTerm(), typed.respondBy().isEmpty() ? null : typed.respondBy(), null,
                        typed.note().isEmpty() ? null : typed.note(), typed.urns(), exclude));
                redirect.addFlashAttribute("sent", reads.recipients(List.of(made)).get(made.id()).size());
                return "redirect:/referrals/" + made.id();
            }, REFER_FIELDS, "urn");
            if (sent.isPresent()) {
                return sent.get();
            }
        }
        return referralForm(model, child, typed, errors);
    }

    private String referralForm(Model model, PlacementRequestView child, ReferralForm form, FormErrors errors) {
        Map<Integer, SettingView> chosen = form.urns().isEmpty() ? Map.of() : settings.findAll(form.urns());
        model.addAttribute("child", child);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("chosen", form.urns().stream().filter(chosen::containsKey).map(chosen::get).toList());
        model.addAttribute("therapies", Arrays.stream(MarketRules.Therapy.values()).map(Enum::name).toList());
        return "market/refer";
    }

    private PlacementRequestView ownChild(String requestId) {
        Actor actor = access.require("Refer a child", Role.COMMISSIONER);
        return demand.find(access.idInScope("Refer a child", InputRules.require("request", requestId == null ? "" : requestId, InputRules.LINE)))
                .filter(r -> r.laCode().equals(actor.laCode())).orElseThrow(() -> access.outOfScope("Refer a child"));
    }

    private static List<Integer> urns(List<String> given, FormErrors errors) {
        Set<Integer> urns = new LinkedHashSet<>();
        for (String urn : given == null ? List.<String>of() : given) {
            try {
                urns.add(Integer.parseInt(urn.trim()));
            } catch (NumberFormatException e) {
                errors.add("urn", "Select settings from the list");
            }
        }
        return List.copyOf(urns);
    }
}
