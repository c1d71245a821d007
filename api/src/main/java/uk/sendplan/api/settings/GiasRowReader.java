package uk.sendplan.api.settings;

import uk.sendplan.api.kernel.GridPoints;
import uk.sendplan.api.reference.ReferenceData.Phase;
import uk.sendplan.api.settings.GiasMapping.Status;
import uk.sendplan.api.settings.GiasMapping.TypeMapping;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.db.jooq.tables.records.ProviderRecord;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.RecordSource;
import uk.sendplan.db.types.RegistrationStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static uk.sendplan.api.settings.GiasRow.*;

/**
 * Reads a GIAS all-establishment extract into register values, row by row: finds the columns by name, checks each
 * row, and maps the establishments the register covers to settings, providers and places. It writes nothing and
 * needs no database, only what it must know of the register's reference data. The columns it reads
 * are GiasRow's.
 */
final class GiasRowReader {

    /** What the reader needs to know of the reference data. */
    interface Register {
        boolean knowsLocalAuthority(String code);

        String localAuthorityName(String code);

        List<Phase> phasesOverlapping(int ageFrom, int ageTo);

        /** The DfE need type codes, in DfE's order (the reference data's need list). */
        List<String> needCodes();
    }

    record ImportIssue(int row, Integer urn, String column, String reason) {
    }

    /** A row checked and turned into register values; the setting's provider id is left 0 until it is written. */
    record Candidate(int line, SettingDraft setting, String providerKey, ProviderRecord provider, List<PlaceView> places) {
    }

    /** Everything read from a file: the rows to import, the closed URNs, and what was rejected, warned of or skipped. */
    record Read(int rows, List<Candidate> candidates, Map<Integer, Integer> closedUrns, List<ImportIssue> rejections,
                List<ImportIssue> warnings, Map<String, Integer> skipped) {
    }

    static final String SKIP_MAINSTREAM = "mainstream school without resourced provision or a SEN unit";
    static final String SKIP_CLOSED = "closed, and not in the register";
    static final String SKIP_NOT_OPEN = "proposed to open: not yet taking pupils";
    static final String SKIP_UNCHANGED = "unchanged";
    static final String SKIP_NOT_COVERED = "establishment type the register does not cover";

    private GiasRowReader() {
    }

    /** Reads the whole file; a file that is not a GIAS extract at all is refused, a row that breaks a rule is rejected. */
    static Read read(String text, Register register) {
        List<Csv.Row> table = table(text);
        Map<String, Integer> columns = GiasRow.header(table.getFirst());
        List<Csv.Row> rows = table.subList(1, table.size());

        List<ImportIssue> rejections = new ArrayList<>();
        List<ImportIssue> warnings = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        Map<Integer, Integer> firstLineOfUrn = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        Map<Integer, Integer> closedUrns = new LinkedHashMap<>();

        for (Csv.Row row : rows) {
            if (row.fields().size() != columns.size()) {
                // the columns are out of step: any other finding on this row would be about the wrong column
                rejections.add(new ImportIssue(row.line(), null, null, "the row has " + row.fields().size()
                        + " fields but the header has " + columns.size()));
                continue;
            }
            List<ImportIssue> problems = new ArrayList<>();
            String skip = checkRow(register, new GiasRow(row, columns), firstLineOfUrn, problems, warnings, candidates, closedUrns);
            rejections.addAll(problems);
            if (skip != null) {
                skipped.merge(skip, 1, Integer::sum);
            }
        }

        return new Read(rows.size(), candidates, closedUrns, rejections, warnings, skipped);
    }

    /**
     * The refusals the first line alone shows (empty file, not a GIAS extract), so a page can name them by its file
     * field at once, before the dry run reads every row in the background.
     */
    static void checkHeader(String text) {
        GiasRow.header(table(text.lines().filter(l -> !l.isEmpty()).findFirst().orElse("")).getFirst());
    }

    private static List<Csv.Row> table(String text) {
        List<Csv.Row> table;
        try {
            table = Csv.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("csv", "malformed CSV: " + e.getMessage() + "; nothing was imported");
        }
        if (table.isEmpty()) {
            throw ApiException.badRequest("csv", "the file is empty; expected a GIAS extract with a header row");
        }
        return table;
    }

    /**
     * Checks one row and collects every problem it has into {@code problems}, so that one pass over a file lists all
     * that must be mended. A row without problems adds a candidate or a closed URN, or returns why it is skipped; a row
     * with problems adds nothing else (and is not counted as skipped).
     */
    private static String checkRow(Register register, GiasRow f, Map<Integer, Integer> firstLineOfUrn, List<ImportIssue> problems,
                                   List<ImportIssue> warnings, List<Candidate> candidates, Map<Integer, Integer> closedUrns) {
        int line = f.row().line();
        Integer urn = f.integer(URN);
        if (urn == null || urn < SettingRules.FIRST_URN || urn >= SettingRules.FIRST_DEMO_URN) {
            problems.add(new ImportIssue(line, null, URN, "not a DfE URN: \"" + f.text(URN) + "\""));
            urn = null;
        } else {
            Integer first = firstLineOfUrn.putIfAbsent(urn, line);
            if (first != null) {
                problems.add(new ImportIssue(line, urn, URN, "URN " + urn + " appears again (first on row " + first + ")"));
            }
        }
        var status = GiasMapping.status(f.text(STATUS));
        if (status.isEmpty()) {
            problems.add(new ImportIssue(line, urn, STATUS, "unknown establishment status \"" + f.text(STATUS) + "\""));
        }
        var type = GiasMapping.type(f.text(TYPE));
        if (status.orElse(null) == Status.NOT_YET_OPEN || type.isEmpty()) {
            // out of scope: its other columns are not the register's business
            return !problems.isEmpty() ? null : type.isEmpty() ? SKIP_NOT_COVERED : SKIP_NOT_OPEN;
        }
        TypeMapping mapping = type.get();
        Integer rpCapacity = f.count(RP_CAPACITY, problems, urn);
        Integer unitCapacity = f.count(UNIT_CAPACITY, problems, urn);
        Integer rpOnRoll = f.count(RP_ON_ROLL, problems, urn);
        Integer unitOnRoll = f.count(UNIT_ON_ROLL, problems, urn);
        Integer schoolCapacity = f.count(SCHOOL_CAPACITY, problems, urn);
        Integer pupils = f.count(PUPILS, problems, urn);
        String settingType = mapping.settingType();
        if ("MAINSTREAM".equals(settingType)) {
            int rp = Math.max(0, nz(rpCapacity));
            int unit = Math.max(0, nz(unitCapacity));
            if (rp == 0 && unit == 0) {
                return problems.isEmpty() ? SKIP_MAINSTREAM : null;
            }
            settingType = rp >= unit ? "RESOURCED_PROVISION" : "SEN_UNIT";
        }
        if (status.orElse(null) == Status.CLOSED) {
            // a closed row only closes what the register holds: its other columns no longer describe a school
            if (problems.isEmpty()) {
                closedUrns.put(urn, line);
            }
            return null;
        }

        String laCode = f.text(LA_CODE);
        if (!register.knowsLocalAuthority(laCode)) {
            problems.add(new ImportIssue(line, urn, LA_CODE, "unknown English local authority code \"" + laCode + "\""));
        }
        String name = f.text(NAME);
        if (name.isEmpty() || name.length() > 200) {
            problems.add(new ImportIssue(line, urn, NAME, name.isEmpty() ? "the establishment has no name" : "name longer than 200 characters"));
        }
        Ages ages = ages(f, urn, problems);
        Integer easting = f.integer(EASTING);
        Integer northing = f.integer(NORTHING);
        if ((easting == null) != (northing == null) || (easting != null && (easting < 0 || easting > GridPoints.MAX_EASTING
                || northing < 0 || northing > GridPoints.MAX_NORTHING))) {
            problems.add(new ImportIssue(line, urn, easting == null ? EASTING : NORTHING, "not a British National Grid point: ("
                    + f.text(EASTING) + ", " + f.text(NORTHING) + ")"));
        }
        Set<String> needs = needs(register, f, urn, problems);
        if (!problems.isEmpty()) {
            return null;
        }

        if (easting == null) {
            warnings.add(new ImportIssue(line, urn, EASTING, "no Easting/Northing: the setting can't be found by distance or planned until it has a location"));
        }
        String postcode = SettingRules.normalisePostcode(f.text(POSTCODE));
        if (postcode == null && !f.text(POSTCODE).isEmpty()) {
            warnings.add(new ImportIssue(line, urn, POSTCODE, "not a UK postcode: \"" + f.text(POSTCODE) + "\" (left empty)"));
        }

        int capacity;
        int onRoll;
        if ("RESOURCED_PROVISION".equals(settingType) || "SEN_UNIT".equals(settingType)) {
            capacity = nz(rpCapacity) + nz(unitCapacity);
            onRoll = nz(rpOnRoll) + nz(unitOnRoll);
        } else if (schoolCapacity != null && schoolCapacity > 0) {
            capacity = schoolCapacity;
            onRoll = nz(pupils);
        } else {
            capacity = nz(pupils);
            onRoll = capacity;
            warnings.add(new ImportIssue(line, urn, SCHOOL_CAPACITY, "no SchoolCapacity: capacity taken as NumberOfPupils (" + capacity + "), no vacancies assumed"));
        }
        if (onRoll > capacity) {
            warnings.add(new ImportIssue(line, urn, PUPILS, onRoll + " pupils on roll exceed capacity " + capacity + ": occupied recorded as " + capacity));
            onRoll = capacity;
        }
        if (needs.isEmpty()) {
            needs.add("OTH");
            warnings.add(new ImportIssue(line, urn, "SEN1 (name)", "no SEN provision types listed: places recorded under OTH (other difficulty/disability)"));
        }

        // the provider's id is known only when the import writes (it may be a new provider)
        SettingDraft setting = new SettingDraft(urn, name, settingType, mapping.sector(), 0, laCode, postcode, easting, northing,
                ages.youngest(), ages.oldest(), GiasMapping.gender(f.text(GENDER)), GiasMapping.boarding(f.text(BOARDERS)),
                GiasMapping.ofsted(f.text(OFSTED)), RegistrationStatus.OPEN, RecordSource.GIAS, List.of());

        ProviderRecord provider = provider(register, mapping.providerKind(), f, name, laCode);
        String key = SettingRepository.providerKey(provider.getKind(), provider.getName(), provider.getLaCode());
        candidates.add(new Candidate(line, setting, key, provider,
                places(urn, needs, register.phasesOverlapping(ages.youngest(), ages.oldest()), capacity, onRoll)));
        return null;
    }

    /**
     * The ages of the pupils a school teaches, both inclusive, as the register keeps them (and as the planner matches a
     * child's age in the coming school year against them).
     */
    record Ages(int youngest, int oldest) {
    }

    /**
     * GIAS's StatutoryLowAge is the age pupils join and StatutoryHighAge the age they leave: a 4-11 primary school
     * teaches reception (age 4) to year 6 (age 10), an 11-16 school years 7 to 11 (ages 11 to 15). So the register's
     * range is low to high - 1, and a school that pupils leave at the age they join teaches nobody.
     */
    private static Ages ages(GiasRow f, Integer urn, List<ImportIssue> problems) {
        int line = f.row().line();
        Integer low = f.integer(LOW_AGE);
        Integer high = f.integer(HIGH_AGE);
        boolean lowOk = low != null && low >= 0 && low < SettingRules.MAX_AGE;
        if (!lowOk) {
            problems.add(new ImportIssue(line, urn, LOW_AGE, "expected the age pupils join, from 0 to " + (SettingRules.MAX_AGE - 1)
                    + ", got \"" + f.text(LOW_AGE) + "\""));
        }
        int lowest = lowOk ? low + 1 : 1;
        if (high == null || high < lowest || high > SettingRules.MAX_AGE) {
            problems.add(new ImportIssue(line, urn, HIGH_AGE, "expected the age pupils leave, from " + lowest + " to " + SettingRules.MAX_AGE
                    + (lowOk ? " (above StatutoryLowAge " + low + ")" : "") + ", got \"" + f.text(HIGH_AGE) + "\""));
            return null;
        }
        return lowOk ? new Ages(low, high - 1) : null;
    }

    /** The need codes of SEN1-SEN13; a value that is not a DfE need type is a problem, "Not Applicable" means none. */
    private static Set<String> needs(Register register, GiasRow f, Integer urn, List<ImportIssue> problems) {
        Set<String> needs = new LinkedHashSet<>();
        for (int i = 1; i <= SEN_COLUMNS; i++) {
            String column = "SEN" + i + " (name)";
            for (String value : f.text(column).split("~")) {
                String need = value.trim();
                if (need.isEmpty() || need.equalsIgnoreCase("Not Applicable")) {
                    continue;
                }
                GiasMapping.need(need, register.needCodes()).ifPresentOrElse(needs::add, () -> problems.add(new ImportIssue(f.row().line(), urn, column,
                        "unknown need type \"" + need + "\": expected a DfE SEN provision type such as \"ASD - Autistic Spectrum Disorder\""
                                + " (" + String.join(", ", register.needCodes()) + ") or \"Not Applicable\"")));
            }
        }
        return needs;
    }

    private static ProviderRecord provider(Register register, ProviderKind kind, GiasRow f, String schoolName, String laCode) {
        ProviderRecord provider = new ProviderRecord();
        provider.setKind(kind);
        provider.setDemo(false);
        switch (kind) {
            case LOCAL_AUTHORITY -> {
                provider.setName(register.localAuthorityName(laCode) + " (local authority)");
                provider.setLaCode(laCode);
                provider.setForProfit(false);
            }
            case ACADEMY_TRUST -> {
                String trust = f.text(TRUST);
                provider.setName(trust.isEmpty() ? schoolName + " (single-academy trust)" : trust);
                provider.setForProfit(false);
            }
            case NON_MAINTAINED -> {
                String proprietor = f.text(PROPRIETOR);
                provider.setName(proprietor.isEmpty() ? schoolName : proprietor);
                provider.setForProfit(false);
            }
            default -> {
                // GIAS does not say whether an independent proprietor is for profit: left unknown
                String proprietor = f.text(PROPRIETOR);
                provider.setName(proprietor.isEmpty() ? schoolName : proprietor);
            }
        }
        return provider;
    }

    /** Capacity and occupancy spread evenly over the needs × phases the setting serves (GIAS gives no finer split). */
    static List<PlaceView> places(int urn, Set<String> needs, List<Phase> phases, int capacity, int occupied) {
        List<PlaceView> places = new ArrayList<>();
        int cells = needs.size() * phases.size();
        int i = 0;
        for (String need : needs) {
            for (Phase phase : phases) {
                int cellCapacity = capacity / cells + (i < capacity % cells ? 1 : 0);
                int cellOccupied = occupied / cells + (i < occupied % cells ? 1 : 0);
                places.add(new PlaceView(urn, need, phase.code(), cellCapacity, cellOccupied, List.of()));
                i++;
            }
        }
        return places;
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }
}
