package uk.sendplan.api.demand;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.db.jooq.tables.records.PlacementRequestRecord;
import uk.sendplan.db.types.ChildGender;
import uk.sendplan.db.types.RequestStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Imports an LA's placement requests from CSV. Every row is checked before anything is written; one rejected row
 * and nothing is written (a dry run never writes). A reference already on the register updates that request.
 */
@Service
class DemandImport {

    record Rejection(int row, Integer urn, String column, String reason) {
    }

    record ImportPlacementRequestsPayload(boolean dryRun, int rows, int created, int updated, int unchanged, int rejected,
                                          List<Rejection> rejections) {
    }

    static final List<String> COLUMNS = List.of("reference", "primary_need", "secondary_need", "band", "age", "easting", "northing",
            "home_district", "gender", "needs_boarding", "current_urn", "keep_current", "preferences", "start_term", "sibling_group",
            "alternative_provision_allowed");
    static final List<String> REQUIRED = List.of("reference", "primary_need", "band", "age", "gender", "start_term");

    private final DemandRepository requests;
    private final DemandService demand;
    private final ReferenceData reference;
    private final AuditTrail audit;
    private final Access access;

    DemandImport(DemandRepository requests, DemandService demand, ReferenceData reference, AuditTrail audit, Access access) {
        this.requests = requests;
        this.demand = demand;
        this.reference = reference;
        this.audit = audit;
        this.access = access;
    }

    private record Row(int line, PlacementRequestRecord record, List<Integer> preferences) {
    }

    /**
     * The refusals the first line alone shows (empty file, a required column missing), so a page can name them by its
     * file field at once, before the dry run reads every row in the background.
     */
    static void checkHeader(String csv) {
        columns(table(csv.lines().filter(l -> !l.isEmpty()).findFirst().orElse("")).getFirst().fields());
    }

    private static List<Csv.Row> table(String csv) {
        List<Csv.Row> table;
        try {
            table = Csv.parse(csv);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("csv", "malformed CSV: " + e.getMessage() + "; nothing was imported");
        }
        if (table.isEmpty()) {
            throw ApiException.badRequest("csv", "the file is empty; expected a header row: " + String.join(",", COLUMNS));
        }
        return table;
    }

    /** Each column's index by its name (any case, any order); a required column missing refuses the file. */
    private static Map<String, Integer> columns(List<String> header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("csv", "the header lacks required column(s) " + String.join(", ", missing)
                    + "; expected " + String.join(",", COLUMNS));
        }
        return columns;
    }

    @Transactional
    public ImportPlacementRequestsPayload importFile(String laCode, String csv, boolean dryRun) {
        reference.requireLocalAuthority("laCode", laCode);
        access.requireCommissionerOf("importPlacementRequests", laCode);
        List<Csv.Row> table = table(csv);
        List<String> header = table.getFirst().fields();
        Map<String, Integer> columns = columns(header);

        Map<String, PlacementRequestRecord> existing = requests.byReference(laCode);
        Map<Long, List<Integer>> existingPreferences = requests.preferences(existing.values().stream().map(PlacementRequestRecord::getId).toList());
        List<Rejection> rejections = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Row> toCreate = new ArrayList<>();
        List<Row> toUpdate = new ArrayList<>();
        int unchanged = 0;
        List<Csv.Row> rows = table.subList(1, table.size());
        for (Csv.Row csvRow : rows) {
            Map<String, String> values = new LinkedHashMap<>();
            columns.forEach((name, index) -> values.put(name, index < csvRow.fields().size() ? csvRow.fields().get(index).trim() : ""));
            if (csvRow.fields().size() != header.size()) {
                rejections.add(new Rejection(csvRow.line(), null, null, "the row has " + csvRow.fields().size() + " fields but the header has " + header.size()));
                continue;
            }
            String ref = values.get("reference");
            String refProblem = DemandRules.referenceProblem(ref);
            if (refProblem != null) {
                rejections.add(new Rejection(csvRow.line(), null, "reference", refProblem));
                continue;
            }
            Integer first = seen.putIfAbsent(ref, csvRow.line());
            if (first != null) {
                rejections.add(new Rejection(csvRow.line(), null, "reference", "reference " + ref + " appears again (first on row " + first + ")"));
                continue;
            }
            PlacementRequestRecord current = existing.get(ref);
            if (current != null && List.of(RequestStatus.PLACED, RequestStatus.WITHDRAWN).contains(current.getStatus())) {
                rejections.add(new Rejection(csvRow.line(), null, "reference", "request " + ref + " is " + current.getStatus() + " and can no longer change"));
                continue;
            }
            PlacementRequestRecord record = current == null ? new PlacementRequestRecord() : current.copy();
            record.setLaCode(laCode);
            record.setReference(ref);
            if (current == null) {
                record.setStatus(RequestStatus.OPEN);
                record.setDemo(false);
            } else {
                record.setId(current.getId());
                record.setStatus(current.getStatus());
                record.setDemo(current.getDemo());
            }
            try {
                List<Integer> preferences = parse(values, record, csvRow.line());
                Row row = new Row(csvRow.line(), record, preferences);
                if (current == null) {
                    toCreate.add(row);
                } else if (same(current, record) && preferences.equals(existingPreferences.getOrDefault(current.getId(), List.of()))) {
                    unchanged++;
                } else {
                    toUpdate.add(row);
                }
            } catch (RowRejected e) {
                rejections.add(new Rejection(csvRow.line(), null, e.column, e.getMessage()));
            }
        }

        ImportPlacementRequestsPayload payload = new ImportPlacementRequestsPayload(dryRun, rows.size(), toCreate.size(), toUpdate.size(),
                unchanged, rejections.size(), rejections);
        if (!rejections.isEmpty() && !dryRun) {
            Rejection firstRejection = rejections.getFirst();
            throw ApiException.badRequest("importPlacementRequests.csv: " + rejections.size() + " of " + rows.size()
                            + " rows rejected, so nothing was imported; first: row " + firstRejection.row()
                            + (firstRejection.column() == null ? "" : " column \"" + firstRejection.column() + "\"") + ": " + firstRejection.reason(),
                    Map.of("field", "csv", "rejections", rejections.stream().map(r -> {
                        Map<String, Object> map = new LinkedHashMap<>();
                        map.put("row", r.row());
                        map.put("column", r.column());
                        map.put("reason", r.reason());
                        return map;
                    }).toList()));
        }
        if (!dryRun) {
            demand.createAll(toCreate.stream().map(Row::record).toList(), toCreate.stream().map(Row::preferences).toList(), "CSV import");
            List<AuditTrail.Change> changes = new ArrayList<>();
            for (Row row : toUpdate) {
                PlacementRequestRecord before = existing.get(row.record().getReference());
                changes.add(new AuditTrail.Change("PLACEMENT_REQUEST_UPDATED", "placement_request", String.valueOf(before.getId()),
                        RequestSnapshot.of(before, existingPreferences.getOrDefault(before.getId(), List.of())),
                        RequestSnapshot.of(row.record(), row.preferences()), "CSV import", AuditTrail.Scope.children(laCode)));
                requests.update(row.record());
                requests.replacePreferences(row.record().getId(), row.preferences());
            }
            audit.recordAll(changes);
        }
        return payload;
    }

    private static final class RowRejected extends RuntimeException {
        final String column;

        RowRejected(String column, String reason) {
            super(reason);
            this.column = column;
        }
    }

    /** Fills the record from the row's values through the same rules as the mutations; returns the preferences. */
    private List<Integer> parse(Map<String, String> v, PlacementRequestRecord record, int line) {
        String need = need(v, "primary_need", true);
        String secondary = need(v, "secondary_need", false);
        int band = integer(v, "band");
        int age = integer(v, "age");
        String genderText = v.getOrDefault("gender", "").toUpperCase(Locale.ROOT);
        ChildGender gender = Arrays.stream(ChildGender.values()).filter(g -> g.name().equals(genderText)).findFirst()
                .orElseThrow(() -> new RowRejected("gender", "expected MALE or FEMALE, got \"" + v.get("gender") + "\""));
        DemandService.GridPointInput home = null;
        String district = blank(v.get("home_district")) ? null : v.get("home_district");
        if (!blank(v.get("easting")) || !blank(v.get("northing"))) {
            home = new DemandService.GridPointInput(integer(v, "easting"), integer(v, "northing"));
        }
        // optional columns, newer than the rest: a file without one leaves the request's value as it is (none, for a new one)
        String siblingGroup = v.containsKey("sibling_group") ? (blank(v.get("sibling_group")) ? null : v.get("sibling_group"))
                : record.getSiblingGroup();
        Boolean apAllowed = v.containsKey("alternative_provision_allowed") ? optionalBool(v, "alternative_provision_allowed",
                "or empty for the default, allowed only for SEMH") : record.getAlternativeProvisionAllowed();
        boolean boarding = bool(v, "needs_boarding");
        boolean keep = bool(v, "keep_current");
        Integer current = blank(v.get("current_urn")) ? null : integer(v, "current_urn");
        List<Integer> preferences = new ArrayList<>();
        if (!blank(v.get("preferences"))) {
            for (String urn : v.get("preferences").split(";")) {
                try {
                    preferences.add(Integer.parseInt(urn.trim()));
                } catch (NumberFormatException e) {
                    throw new RowRejected("preferences", "URNs separated by ';', got \"" + v.get("preferences") + "\"");
                }
            }
        }
        try {
            demand.apply(record, "row " + line, need, secondary, band, age, home, district, gender, boarding, current, keep,
                    v.get("start_term"), record.getEasting() == null);
            DemandService.applyFamily(record, "row " + line, siblingGroup, apAllowed);
            return demand.checkPreferences("preferences", preferences);
        } catch (ApiException e) {
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            String field = message.substring(0, colon);
            String column = field.contains(".") ? toColumn(field.substring(field.lastIndexOf('.') + 1)) : "preferences";
            throw new RowRejected(column, message.substring(colon + 2));
        }
    }

    private static String toColumn(String field) {
        return switch (field) {
            case "secondaryNeed" -> "secondary_need";
            case "home" -> "easting";
            case "homeDistrict" -> "home_district";
            case "currentSettingUrn" -> "current_urn";
            case "keepCurrent" -> "keep_current";
            case "startTerm" -> "start_term";
            case "siblingGroup" -> "sibling_group";
            default -> field;
        };
    }

    private String need(Map<String, String> v, String column, boolean required) {
        String value = v.getOrDefault(column, "").toUpperCase(Locale.ROOT);
        if (value.isEmpty() && !required) {
            return null;
        }
        if (!reference.isNeedCode(value)) {
            throw new RowRejected(column, "unknown need code \"" + v.get(column) + "\"; expected one of "
                    + String.join(", ", reference.needTypes().stream().map(ReferenceData.NeedType::code).toList()));
        }
        return value;
    }

    private static int integer(Map<String, String> v, String column) {
        try {
            return Integer.parseInt(v.getOrDefault(column, ""));
        } catch (NumberFormatException e) {
            throw new RowRejected(column, "expected a whole number, got \"" + v.get(column) + "\"");
        }
    }

    private static boolean bool(Map<String, String> v, String column) {
        String value = v.getOrDefault(column, "").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "false", "no", "n", "0" -> false;
            case "true", "yes", "y", "1" -> true;
            default -> throw new RowRejected(column, "expected true or false, got \"" + v.get(column) + "\"");
        };
    }

    /** True, false, or null for an empty value (the default); anything else names the column and what it takes. */
    private static Boolean optionalBool(Map<String, String> v, String column, String empty) {
        String value = v.getOrDefault(column, "").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "" -> null;
            case "false", "no", "n", "0" -> false;
            case "true", "yes", "y", "1" -> true;
            default -> throw new RowRejected(column, "expected true or false (" + empty + "), got \"" + v.get(column) + "\"");
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean same(PlacementRequestRecord a, PlacementRequestRecord b) {
        return Objects.equals(a.getPrimaryNeed(), b.getPrimaryNeed()) && Objects.equals(a.getSecondaryNeed(), b.getSecondaryNeed())
                && Objects.equals(a.getBand(), b.getBand()) && Objects.equals(a.getAge(), b.getAge())
                && Objects.equals(a.getEasting(), b.getEasting()) && Objects.equals(a.getNorthing(), b.getNorthing())
                && Objects.equals(a.getGender(), b.getGender()) && Objects.equals(a.getNeedsBoarding(), b.getNeedsBoarding())
                && Objects.equals(a.getCurrentSettingUrn(), b.getCurrentSettingUrn()) && Objects.equals(a.getKeepCurrent(), b.getKeepCurrent())
                && Objects.equals(a.getStartTerm(), b.getStartTerm()) && Objects.equals(a.getSiblingGroup(), b.getSiblingGroup())
                && Objects.equals(a.getAlternativeProvisionAllowed(), b.getAlternativeProvisionAllowed());
    }
}
