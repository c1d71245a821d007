package uk.sendplan.api.sufficiency;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.sufficiency.Sen2Reader.Issue;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.InputRules;
import uk.sendplan.api.system.Role;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An admin's import of one of DfE's SEN2 files, all or nothing as the GIAS import: one rejected row and nothing is
 * written, the error listing every problem with its row and column; a dry run reports and never writes.
 */
@Service
class Sen2Import {

    record SkipCount(String reason, int rows) {
    }

    record ImportSen2Payload(Sen2File file, boolean dryRun, int rows, int imported, int skipped, int rejected, List<String> periods,
                             List<String> localAuthorities, List<Issue> rejections, List<SkipCount> skippedReasons) {
    }

    private final Sen2Repository repository;
    private final ReferenceData reference;
    private final Access access;

    Sen2Import(Sen2Repository repository, ReferenceData reference, Access access) {
        this.repository = repository;
        this.reference = reference;
        this.access = access;
    }

    @Transactional
    public ImportSen2Payload importFile(Sen2File file, String csv, String csvBase64, boolean dryRun) {
        access.require("importSen2", Role.ADMIN);
        Sen2Reader.Read read = Sen2Reader.read(file, fileText(csv, csvBase64), code -> reference.localAuthority(code).isPresent());
        List<Issue> rejections = read.rejections();
        int rejectedRows = (int) rejections.stream().mapToInt(Issue::row).distinct().count();
        if (!rejections.isEmpty() && !dryRun) {
            Issue first = rejections.getFirst();
            throw ApiException.badRequest("importSen2.csv: " + rejectedRows + " of " + read.rows() + " rows rejected, so nothing was imported; first: row "
                            + first.row() + (first.column() == null ? "" : " column \"" + first.column() + "\"") + ": " + first.reason(),
                    Map.of("field", "csv", "rejections", rejections.stream().map(Sen2Import::issueMap).toList()));
        }
        int imported = dryRun || !rejections.isEmpty() ? 0 : repository.replace(file, read.kept());
        int skipped = read.skipped().values().stream().mapToInt(Integer::intValue).sum();
        return new ImportSen2Payload(file, dryRun, read.rows(), imported, skipped, rejectedRows,
                read.periods().stream().map(Sen2File::periodLabel).toList(),
                read.kept().stream().map(Sen2Reader.Sen2Row::laCode).distinct().sorted().toList(), rejections,
                read.skipped().entrySet().stream().map(e -> new SkipCount(e.getKey(), e.getValue())).toList());
    }

    /** The file as text, or as base64 of its bytes (UTF-8 or Windows-1252): exactly one of the two. */
    private static String fileText(String csv, String csvBase64) {
        if ((csv == null) == (csvBase64 == null)) {
            throw ApiException.badRequest("csv", "give the file either as csv (text) or as csvBase64 (its bytes), exactly one of them");
        }
        if (csv != null) {
            return csv;
        }
        try {
            // the decoded bytes are text the request's own checks never saw (a NUL byte, say)
            String text = Csv.decode(Base64.getDecoder().decode(csvBase64.replaceAll("\\s", "")));
            return InputRules.require("csvBase64", text, InputRules.DECODED_FILE);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("csvBase64", "not valid base64: " + e.getMessage());
        }
    }

    private static Map<String, Object> issueMap(Issue issue) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("row", issue.row());
        map.put("column", issue.column());
        map.put("reason", issue.reason());
        return map;
    }
}
