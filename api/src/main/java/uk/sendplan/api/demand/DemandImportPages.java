package uk.sendplan.api.demand;

import jakarta.servlet.http.HttpSession;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.sendplan.api.demand.DemandImport.ImportPlacementRequestsPayload;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.HeldUploads;
import uk.sendplan.api.web.Pages;

import java.util.Map;
import java.util.Optional;

/**
 * A commissioner's import of their LA's children waiting from a CSV file (/demand/import): always a dry run first,
 * whose report (children to add, to update, unchanged, and every rejected row with its column and problem) is what
 * they confirm; the confirmation imports the same file, held in their session. A file with any rejected row is not
 * imported, as the API refuses it. The children go to the signed-in commissioner's own LA, never one named in a form.
 */
@Pages
class DemandImportPages {

    private static final String KIND = "demand";

    private final DemandImport imports;
    private final Access access;

    DemandImportPages(DemandImport imports, Access access) {
        this.imports = imports;
        this.access = access;
    }

    @GetMapping("/demand/import")
    String form(Model model) {
        access.require("Import children", Role.COMMISSIONER);
        return page(model, new FormErrors());
    }

    @PostMapping("/demand/import")
    String dryRun(@RequestParam(required = false) MultipartFile file, HttpSession session, Model model) {
        Actor actor = access.require("Import children", Role.COMMISSIONER);
        FormErrors errors = new FormErrors();
        Optional<String> text = HeldUploads.text(file);
        if (text.isEmpty()) {
            errors.add("file", "Select a CSV file of children to check");
        } else {
            try {
                ImportPlacementRequestsPayload report = imports.importFile(actor.laCode(), text.get(), true);
                model.addAttribute("report", report);
                model.addAttribute("fileName", file.getOriginalFilename());
                if (report.rejected() == 0 && report.created() + report.updated() > 0) {
                    model.addAttribute("token", HeldUploads.hold(session, KIND, file.getOriginalFilename(), text.get()));
                }
            } catch (ApiException refused) {
                if (refused.type() != ErrorType.BAD_REQUEST) {
                    throw refused;
                }
                errors.add(refused, Map.of("csv", "file"), "file");
            }
        }
        return page(model, errors);
    }

    @PostMapping("/demand/import/confirm")
    String confirm(@RequestParam(required = false) String token, HttpSession session, Model model, RedirectAttributes redirect) {
        Actor actor = access.require("Import children", Role.COMMISSIONER);
        Optional<String> text = HeldUploads.take(session, KIND, token == null ? "" : token);
        if (text.isEmpty()) {
            FormErrors errors = new FormErrors();
            errors.add("file", "The file you checked is no longer held (your session ended or you checked another file): choose it again");
            return page(model, errors);
        }
        redirect.addFlashAttribute("imported", imports.importFile(actor.laCode(), text.get(), false));
        return "redirect:/demand/import";
    }

    private String page(Model model, FormErrors errors) {
        model.addAttribute("errors", errors);
        model.addAttribute("columns", DemandImport.COLUMNS);
        model.addAttribute("required", DemandImport.REQUIRED);
        return "demand/import";
    }
}
