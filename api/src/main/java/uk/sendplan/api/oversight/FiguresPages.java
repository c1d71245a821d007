package uk.sendplan.api.oversight;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.sendplan.api.kernel.FinancialYears;
import uk.sendplan.api.oversight.FiguresInputs.StateProviderFiguresInput;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.Pages;
import uk.sendplan.api.web.Shown;
import uk.sendplan.db.types.OwnerKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A provider's group figures (/provider/figures): a form to state (or restate) a year's turnover, operating surplus,
 * net debt and ownership, checked by the same rules as stateProviderFigures with each problem next to its field and
 * nothing saved; the figures stated before, with margin and debt; and the provider's own share of surplus in its
 * fees. A provider sees only its own: everything is read from its own provider id, never from a parameter.
 */
@Pages
class FiguresPages implements PageLinks {

    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");
    /** Pounds as people type them: "1,250,000", "£1250000.50", "-40000". */
    private static final Pattern POUNDS = Pattern.compile("-?£?[0-9][0-9,]{0,17}(\\.[0-9]{1,2})?");
    private static final Map<String, String> FIELDS = Map.of("input.financialYear", "financialYear", "input.turnover", "turnover",
            "input.operatingSurplus", "operatingSurplus", "input.netDebt", "netDebt", "input.ownerKind", "ownerKind", "input.forProfit", "forProfit");

    private static final Map<String, String> LABELS = Map.of("financialYear", "Financial year", "turnover", "Turnover",
            "operatingSurplus", "Operating surplus", "netDebt", "Net debt", "ownerKind", "Owner", "forProfit", "Run for profit");

    private final ProviderFigures figures;
    private final Oversight oversight;
    private final Access access;

    FiguresPages(ProviderFigures figures, Oversight oversight, Access access) {
        this.figures = figures;
        this.oversight = oversight;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.PROVIDER)
                ? List.of(new Link("/provider/figures", "Group figures", "State your group's yearly turnover, surplus, debt and ownership for the regulator.", 22))
                : List.of();
    }

    @GetMapping("/provider/figures")
    String page(Model model) {
        Actor actor = access.require("Group figures", Role.PROVIDER);
        String year = FinancialYears.of(LocalDate.now(ENGLAND));
        Map<String, String> values = new HashMap<>();
        values.put("financialYear", year);
        stated(actor).stream().filter(f -> f.financialYear().equals(year)).findFirst().ifPresent(f -> {
            values.put("turnover", f.turnover().toPlainString());
            values.put("operatingSurplus", f.operatingSurplus().toPlainString());
            values.put("netDebt", f.netDebt().toPlainString());
            values.put("ownerKind", f.ownerKind().name());
            values.put("forProfit", String.valueOf(f.forProfit()));
        });
        return page(model, actor, values, new FormErrors());
    }

    @PostMapping("/provider/figures")
    String state(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Actor actor = access.require("Group figures", Role.PROVIDER);
        FormErrors errors = new FormErrors();
        BigDecimal turnover = pounds(form, "turnover", "turnover", errors);
        BigDecimal surplus = pounds(form, "operatingSurplus", "operating surplus (a loss with a minus sign)", errors);
        BigDecimal netDebt = pounds(form, "netDebt", "net debt (net cash with a minus sign)", errors);
        OwnerKind owner = Arrays.stream(OwnerKind.values()).filter(k -> k.name().equals(form.get("ownerKind"))).findFirst().orElse(null);
        if (owner == null) {
            errors.add("ownerKind", "Select who ultimately owns your group");
        }
        String forProfit = form.getOrDefault("forProfit", "");
        if (!errors.any()) {
            try {
                figures.state(new StateProviderFiguresInput(String.valueOf(actor.providerId()), form.getOrDefault("financialYear", "").trim(),
                        turnover, surplus, netDebt, owner, forProfit.isEmpty() ? null : Boolean.valueOf(forProfit)));
                redirect.addFlashAttribute("statedYear", form.get("financialYear").trim());
                return "redirect:/provider/figures";
            } catch (ApiException refused) {
                if (refused.type() != ErrorType.BAD_REQUEST) {
                    throw refused;
                }
                // the summary names the field, so each message reads on its own: "Turnover: must be more than £0.00 ..."
                String path = String.valueOf(refused.extensions().getOrDefault("field", ""));
                String field = FIELDS.getOrDefault(path, "turnover");
                String message = refused.getMessage().startsWith(path + ": ") ? refused.getMessage().substring(path.length() + 2) : refused.getMessage();
                errors.add(field, LABELS.get(field) + ": " + message);
            }
        }
        return page(model, actor, new HashMap<>(form), errors);
    }

    @GetMapping("/provider/figures.csv")
    @ResponseBody
    ResponseEntity<String> csv() {
        Actor actor = access.require("Group figures", Role.PROVIDER);
        List<FiguresView> stated = stated(actor);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("financial_year", "turnover", "operating_surplus", "net_debt", "owner_kind",
                "for_profit", "margin_percent", "net_debt_to_turnover", "stated_at", "stated_by"))).append("\r\n");
        for (FiguresView f : stated) {
            csv.append(Csv.line(List.of(f.financialYear(), f.turnover(), f.operatingSurplus(), f.netDebt(), f.ownerKind().name(), f.forProfit(),
                    f.marginPercent(), f.debtToTurnover(), f.statedAt().toString(), f.statedBy()))).append("\r\n");
        }
        return Downloads.csv(csv.toString(), "group-figures");
    }

    private String page(Model model, Actor actor, Map<String, String> values, FormErrors errors) {
        String year = FinancialYears.of(LocalDate.now(ENGLAND));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("stated", stated(actor));
        model.addAttribute("year", year);
        model.addAttribute("own", oversight.own("Group figures", year));
        model.addAttribute("owners", owners());
        model.addAttribute("shown", Shown.SHOWN);
        return "oversight/figures";
    }

    private List<FiguresView> stated(Actor actor) {
        return figures.ofProvider("Group figures", String.valueOf(actor.providerId()));
    }

    static Map<String, String> owners() {
        Map<String, String> owners = new LinkedHashMap<>();
        for (OwnerKind kind : OwnerKind.values()) {
            owners.put(kind.name(), FiguresRules.label(kind));
        }
        return owners;
    }

    /** An amount typed in pounds, or null with the problem next to its field. */
    private static BigDecimal pounds(Map<String, String> form, String field, String words, FormErrors errors) {
        String text = form.getOrDefault(field, "").trim();
        if (!POUNDS.matcher(text).matches()) {
            errors.add(field, "Enter the " + words + " in pounds and pence, like 1250000.00");
            return null;
        }
        return new BigDecimal(text.replace("£", "").replace(",", "")).setScale(2);
    }
}
