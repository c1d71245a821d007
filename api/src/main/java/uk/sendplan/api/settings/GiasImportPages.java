package uk.sendplan.api.settings;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.sendplan.api.settings.GiasImport.ImportSettingsPayload;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.BackgroundJobs;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.HeldUploads;
import uk.sendplan.api.web.HeldUploads.Checked;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.Pages;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An admin's import of DfE's register (GIAS) into the register (/admin/register-import): the file is always dry-run
 * first, in the background as the import itself is, and the report (rows to create, update and skip with reasons, every rejection with its row and column, every
 * warning) is what the admin confirms; the confirmation imports the same file, held in their session. A file with
 * any rejected row cannot be imported, as the API refuses it: nothing is half-written.
 */
@Pages
class GiasImportPages implements PageLinks {

    private static final String KIND = "gias";

    /** The service's names for the file (text, bytes, the upload) are all the form's one file field. */
    private static final Map<String, String> FIELDS = Map.of("csv", "file", "csvBase64", "file", "file", "file");

    private final GiasImport imports;
    private final Access access;
    private final ImportJobs jobs;
    private final GiasCheckJobs checks;

    GiasImportPages(GiasImport imports, Access access, ImportJobs jobs, GiasCheckJobs checks) {
        this.imports = imports;
        this.access = access;
        this.jobs = jobs;
        this.checks = checks;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.ADMIN)
                ? List.of(new Link("/admin/register-import", "Register import", "Import DfE's register of schools (GIAS): a dry run first, then the import.", 91))
                : List.of();
    }

    @GetMapping("/admin/register-import")
    String form(Model model) {
        access.require("Register import", Role.ADMIN);
        model.addAttribute("errors", new FormErrors());
        return "settings/import";
    }

    /**
     * Starts the dry run of an uploaded file in the background and follows it on its own page; what the file's first
     * line already shows (no file, not text, empty, not a GIAS extract) is shown by the field at once, and nothing is
     * run. The file is held for the confirmation from now on, as a new upload replaces the one held before.
     */
    @PostMapping("/admin/register-import")
    String dryRun(@RequestParam(required = false) MultipartFile file, HttpSession session, Model model) {
        Actor actor = access.require("Register import", Role.ADMIN);
        FormErrors errors = new FormErrors();
        // empty when no file came, and when its text or first line is refused
        Optional<String> text = errors.attempt(() -> {
            Optional<String> held = HeldUploads.text(file);
            held.ifPresent(GiasRowReader::checkHeader);
            return held;
        }, FIELDS, "file").flatMap(held -> held);
        if (!errors.any() && text.isEmpty()) {
            errors.add("file", "Select a GIAS establishment file (CSV) to check");
        }
        if (errors.any()) {
            model.addAttribute("errors", errors);
            return "settings/import";
        }
        String csv = text.get();
        String fileName = file.getOriginalFilename();
        String token = HeldUploads.hold(session, KIND, fileName, csv);
        return "redirect:/admin/register-import/checking/" + checks.start(actor, "Check of " + fileName,
                () -> new Checked<>(fileName, token, imports.importFile(csv, true))).id();
    }

    /**
     * A dry run in the background: while it runs the page says so and refreshes itself every second (no script); once
     * done, the import page with its report (and the confirmation when the file can be imported), or with the refusal
     * by the file's field. Only the admin who uploaded the file finds it.
     */
    @GetMapping("/admin/register-import/checking/{jobId}")
    String checking(@PathVariable String jobId, Model model, HttpServletResponse response) {
        Actor actor = access.require("Register import", Role.ADMIN);
        BackgroundJobs.Job<Checked<ImportSettingsPayload>> job = checks.find(jobId, actor.subject())
                .orElseThrow(() -> access.outOfScope("Register import"));
        FormErrors errors = new FormErrors();
        model.addAttribute("errors", errors);
        Checked<ImportSettingsPayload> checked = job.result();
        if (checked != null) {
            ImportSettingsPayload report = checked.report();
            model.addAttribute("report", report);
            model.addAttribute("fileName", checked.fileName());
            if (report.rejected() == 0 && report.created() + report.updated() > 0) {
                model.addAttribute("token", checked.token());
            }
            return "settings/import";
        }
        if (!job.running()) {
            job.failureOn(errors, FIELDS, "file");
            return "settings/import";
        }
        response.setHeader("Refresh", "1");
        model.addAttribute("label", job.label());
        model.addAttribute("seconds", job.seconds());
        return "settings/import-checking";
    }

    /** Imports the file whose dry run the admin read; a page left open too long (session ended, file replaced) says so. */
    @PostMapping("/admin/register-import/confirm")
    String confirm(@RequestParam(required = false) String token, HttpSession session, Model model) {
        Actor actor = access.require("Register import", Role.ADMIN);
        Optional<String> text = HeldUploads.take(session, KIND, token == null ? "" : token);
        if (text.isEmpty()) {
            FormErrors errors = new FormErrors();
            errors.add("file", "The file you checked is no longer held (your session ended or you checked another file): choose it again");
            model.addAttribute("errors", errors);
            return "settings/import";
        }
        String file = text.get();
        return "redirect:/admin/register-import/running/" + jobs.start(actor, "Register import", () -> imports.importFile(file, false)).id();
    }

    /**
     * A confirmed import, run in the background (all or nothing): while it runs the page says so and refreshes itself
     * every second (no script); once done, the import page with its counts; refused as it ran (say, the register
     * changed since the dry run), the import page with the refusal by the file's field, to check the file again. Only
     * the admin who confirmed it finds it.
     */
    @GetMapping("/admin/register-import/running/{jobId}")
    String running(@PathVariable String jobId, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Actor actor = access.require("Register import", Role.ADMIN);
        BackgroundJobs.Job<ImportSettingsPayload> job = jobs.find(jobId, actor.subject()).orElseThrow(() -> access.outOfScope("Register import"));
        if (job.result() != null) {
            redirect.addFlashAttribute("imported", job.result());
            return "redirect:/admin/register-import";
        }
        if (!job.running()) {
            FormErrors errors = new FormErrors();
            job.failureOn(errors, FIELDS, "file");
            model.addAttribute("errors", errors);
            return "settings/import";
        }
        response.setHeader("Refresh", "1");
        model.addAttribute("seconds", job.seconds());
        return "settings/import-running";
    }
}
