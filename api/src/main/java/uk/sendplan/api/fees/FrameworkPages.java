package uk.sendplan.api.fees;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import uk.sendplan.api.fees.FeeInputs.CreateRateFrameworkInput;
import uk.sendplan.api.fees.FeeInputs.PublishRateFrameworkInput;
import uk.sendplan.api.fees.FeeInputs.UpdateRateFrameworkInput;
import uk.sendplan.api.kernel.Ids;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.Pages;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.RateFrameworkStatus;

import java.util.List;
import java.util.Map;

/**
 * The regulator's changes to the rates framework on the web (issue 14, item 5): start a draft from a version (for a
 * new year, or a correction of the same year), edit a draft's fields, and publish it after a confirmation. Every change
 * goes through {@link RateFrameworks}, which applies the framework's rules and audits it in the same transaction; a
 * refusal is shown next to its field and nothing is saved.
 */
@Pages
class FrameworkPages {

    private static final String OPERATION = "Rates framework";

    private final RateFrameworks frameworks;
    private final ReferenceData reference;
    private final Access access;

    FrameworkPages(RateFrameworks frameworks, ReferenceData reference, Access access) {
        this.frameworks = frameworks;
        this.reference = reference;
        this.access = access;
    }

    /** The start form as typed. */
    record NewDraft(String financialYear, String name, String copyFromId) {
    }

    // ------------------------------------------------------------------ start a draft

    @GetMapping("/regulation/frameworks/new")
    String startForm(@RequestParam(required = false) String copyFrom, Model model) {
        access.require(OPERATION, Role.REGULATOR);
        return startPage(model, new NewDraft("", "", copyFrom == null ? "" : copyFrom), new FormErrors());
    }

    @PostMapping("/regulation/frameworks")
    String start(@RequestParam(required = false) String financialYear, @RequestParam(required = false) String name,
                 @RequestParam(required = false) String copyFromId, Model model) {
        access.require(OPERATION, Role.REGULATOR);
        NewDraft form = new NewDraft(trim(financialYear), trim(name), trim(copyFromId));
        FormErrors errors = new FormErrors();
        if (form.copyFromId().isEmpty()) {
            errors.add("copyFromId", "Select the version to start from");
        }
        if (form.financialYear().isEmpty()) {
            errors.add("financialYear", "Enter the financial year of the draft, like 2027-28");
        }
        if (!errors.any()) {
            try {
                // a draft keeps the name of the version it starts from unless given another
                String draftName = !form.name().isEmpty() ? form.name() : frameworks.find(Ids.parse("input.copyFromId", form.copyFromId()))
                        .map(RateFrameworkView::name).orElse(null);
                RateFrameworkView draft = frameworks.create(new CreateRateFrameworkInput(form.financialYear(), draftName, null, null, null,
                        null, form.copyFromId(), null, null, null));
                return "redirect:/regulation/frameworks/" + draft.id() + "/edit";
            } catch (ApiException refused) {
                rethrowUnlessInput(refused);
                errors.add(refused, Map.of("input.financialYear", "financialYear", "input.name", "name", "input.copyFromId", "copyFromId"), "financialYear");
            }
        }
        return startPage(model, form, errors);
    }

    private String startPage(Model model, NewDraft form, FormErrors errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("versions", frameworks.list(null));
        return "fees/framework-new";
    }

    // ------------------------------------------------------------------ edit a draft

    @GetMapping("/regulation/frameworks/{id}/edit")
    String editForm(@PathVariable String id, Model model) {
        access.require(OPERATION, Role.REGULATOR);
        RateFrameworkView draft = draft(id);
        return editPage(model, draft, DraftForm.of(draft), new FormErrors());
    }

    @PostMapping("/regulation/frameworks/{id}/edit")
    String edit(@PathVariable String id, @RequestParam MultiValueMap<String, String> posted, Model model) {
        access.require(OPERATION, Role.REGULATOR);
        RateFrameworkView draft = draft(id);
        DraftForm form = DraftForm.of(draft, posted);
        FormErrors errors = new FormErrors();
        UpdateRateFrameworkInput input = form.input(String.valueOf(draft.id()), errors);
        if (input != null) {
            try {
                frameworks.update(input);
                return "redirect:/regulation/frameworks#framework-" + draft.id();
            } catch (ApiException refused) {
                rethrowUnlessInput(refused);
                errors.add(refused, form.fields(), "name");
            }
        }
        return editPage(model, draft, form, errors);
    }

    private String editPage(Model model, RateFrameworkView draft, DraftForm form, FormErrors errors) {
        model.addAttribute("framework", draft);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("providerKinds", List.of(ProviderKind.values()));
        model.addAttribute("regions", reference.regions().stream().collect(java.util.stream.Collectors.toMap(ReferenceData.Region::code,
                ReferenceData.Region::name)));
        return "fees/framework-edit";
    }

    // ------------------------------------------------------------------ publish

    @GetMapping("/regulation/frameworks/{id}/publish")
    String publishForm(@PathVariable String id, Model model) {
        access.require(OPERATION, Role.REGULATOR);
        return publishPage(model, draft(id), "", new FormErrors());
    }

    @PostMapping("/regulation/frameworks/{id}/publish")
    String publish(@PathVariable String id, @RequestParam(required = false) String reason, Model model) {
        access.require(OPERATION, Role.REGULATOR);
        RateFrameworkView draft = draft(id);
        FormErrors errors = new FormErrors();
        try {
            frameworks.publish(new PublishRateFrameworkInput(String.valueOf(draft.id()), trim(reason)));
            return "redirect:/regulation/frameworks?published=" + draft.id();
        } catch (ApiException refused) {
            rethrowUnlessInput(refused);
            errors.add(refused, Map.of("input.reason", "reason"), "reason");
        }
        return publishPage(model, draft, trim(reason), errors);
    }

    private String publishPage(Model model, RateFrameworkView draft, String reason, FormErrors errors) {
        model.addAttribute("framework", draft);
        model.addAttribute("inForce", frameworks.published(draft.financialYear()).orElse(null));
        model.addAttribute("reason", reason);
        model.addAttribute("errors", errors);
        return "fees/framework-publish";
    }

    // ------------------------------------------------------------------ shared

    /** A DRAFT framework; anything else is refused with the reason (a published version never changes). */
    private RateFrameworkView draft(String id) {
        long frameworkId = Ids.parse("id", id);
        RateFrameworkView framework = frameworks.find(frameworkId)
                .orElseThrow(() -> ApiException.notFound("id", "no rate framework with id " + id));
        if (framework.status() != RateFrameworkStatus.DRAFT) {
            throw ApiException.badRequest("id", "rate framework " + id + " (" + framework.financialYear() + " version " + framework.version()
                    + ") is " + framework.status() + " and never changes: start a draft from it to correct it");
        }
        return framework;
    }

    /** A refusal of the form's values is shown on the form; any other (scope, a missing record) is the page's. */
    private static void rethrowUnlessInput(ApiException refused) {
        if (refused.type() != ErrorType.BAD_REQUEST && refused.type() != ErrorType.NOT_FOUND) {
            throw refused;
        }
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }
}
