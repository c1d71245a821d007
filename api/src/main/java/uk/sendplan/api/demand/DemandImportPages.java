package uk.sendplan.api.demand;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.sendplan.api.demand.DemandImport.ImportPlacementRequestsPayload;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.BackgroundJobs;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.HeldUploads;
import uk.sendplan.api.web.HeldUploads.Checked;
import uk.sendplan.api.web.Pages;

import java.util.Map;
import java.util.Optional;

/**
 * A commissioner's import of their LA's children waiting from a CSV file (/demand/import): always a dry run first,
 * run in the background and followed on its own page, whose report (children to add, to update, unchanged, and every rejected row with its column and problem) is what
 * they confirm; the confirmation imports the same file, held in their session. A file with any rejected row is not
 * imported, as the API refuses it. The children go to the signed-in commissioner's own LA, never one named in a form.
 */
@Pages
class DemandImportPages {

    private static final String KIND = "demand";

    /** The service's names for the file (its text, the upload) are both the form's one file field. */
    private static final Map<String, String> FIELDS = Map.of("csv", "file", "file", "file");

    private final DemandImport imports;
    private final Access access;
    private final DemandCheckJobs checks;

    DemandImportPages(DemandImport imports, Access access, DemandCheckJobs checks) {
        this.imports = imports;
        this.access = access;
        this.checks = checks;
    }

    @GetMapping("/demand/import")
    String form(Model model) {
        access.require("Import children", Role.COMMISSIONER);
        return page(model, new FormErrors());
    }

    /**
     * Starts the dry run of an uploaded file in the background and follows it on its own page; what the file's first
     * line already shows (no file, not text, empty, a required column missing) is shown by the field at once, and
     * nothing is run. The file is held for the confirmation from now on, as a new upload replaces the one held before.
     */
    @PostMapping("/demand/import")
    String dryRun(@RequestParam(required = false) MultipartFile file, HttpSession session, Model model) {
        Actor actor = access.require("Import children", Role.COMMISSIONER);
        FormErrors errors = new FormErrors();
        // empty when no file came, and when its text or first line is refused
        Optional<String> text = errors.attempt(() -> {
            Optional<String> held = HeldUploads.text(file);
            held.ifPresent(DemandImport::checkHeader);
            return held;
        }, FIELDS, "file").flatMap(held -> held);
        if (!errors.any() && text.isEmpty()) {
            errors.add("file", "Select a CSV file of children to check");
        }
        if (errors.any()) {
            return page(model, errors);
        }
        String csv = text.get();
        String fileName = file.getOriginalFilename();
        String token = HeldUploads.hold(session, KIND, fileName, csv);
        return "redirect:/demand/import/checking/" + checks.start(actor, "Check of " + fileName,
                () -> new Checked<>(fileName, token, imports.importFile(actor.laCode(), csv, true))).id();
    }

    /**
     * A dry run in the background: while it runs the page says so and refreshes itself every second (no script); once
     * done, the import page with its report (and the confirmation when the file can be imported), or with the refusal
     * by the file's field. Only the commissioner who uploaded the file finds it.
     */
    @GetMapping("/demand/import/checking/{jobId}")
    String checking(@PathVariable String jobId, Model model, HttpServletResponse response) {
        Actor actor = access.require("Import children", Role.COMMISSIONER);
        BackgroundJobs.Job<Checked<ImportPlacementRequestsPayload>> job = checks.find(jobId, actor.subject())
                .orElseThrow(() -> access.outOfScope("Import children"));
        FormErrors errors = new FormErrors();
        Checked<ImportPlacementRequestsPayload> checked = job.result();
        if (checked != null) {
            ImportPlacementRequestsPayload report = checked.report();
            model.addAttribute("report", report);
            model.addAttribute("fileName", checked.fileName());
            if (report.rejected() == 0 && report.created() + report.updated() > 0) {
                model.addAttribute("token", checked.token());
            }
            return page(model, errors);
        }
        if (!job.running()) {
            if (job.refusal() != null) {
                errors.add(job.refusal(), FIELDS, "file");
            } else {
                errors.add("file", job.failure());
            }
            return page(model, errors);
        }
        response.setHeader("Refresh", "1");
        model.addAttribute("label", job.label());
        model.addAttribute("seconds", job.seconds());
        return "demand/import-checking";
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
