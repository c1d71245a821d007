package uk.sendplan.api.settings;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.audit.AuditTrail.Change;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.Phase;
import uk.sendplan.api.settings.GiasMapping.Status;
import uk.sendplan.api.settings.GiasMapping.TypeMapping;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.InputRules;
import uk.sendplan.db.jooq.tables.records.ProviderRecord;
import uk.sendplan.db.jooq.tables.records.SettingRecord;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Imports a DfE "Get Information about Schools" all-establishment extract. Columns are found by name, so
 * extracts that add, drop or reorder columns still load. Every row is checked before anything is written; one
 * rejected row means nothing is written (unless it is a dry run, which never writes).
 */
@Service
class GiasImport {

    record ImportIssue(int row, Integer urn, String column, String reason) {
    }

    record SkipCount(String reason, int rows) {
    }

    record ImportSettingsPayload(boolean dryRun, int rows, int created, int updated, int skipped, int rejected,
                                 List<ImportIssue> rejections, List<ImportIssue> warnings, List<SkipCount> skippedReasons) {
    }

    static final String URN = "URN";
    static final String LA_CODE = "LA (code)";
    static final String NAME = "EstablishmentName";
    static final String TYPE = "TypeOfEstablishment (name)";
    static final String STATUS = "EstablishmentStatus (name)";
    static final String LOW_AGE = "StatutoryLowAge";
    static final String HIGH_AGE = "StatutoryHighAge";
    static final String GENDER = "Gender (name)";
    static final String BOARDERS = "Boarders (name)";
    static final String SCHOOL_CAPACITY = "SchoolCapacity";
    static final String PUPILS = "NumberOfPupils";
    static final String RP_ON_ROLL = "ResourcedProvisionOnRoll";
    static final String RP_CAPACITY = "ResourcedProvisionCapacity";
    static final String UNIT_ON_ROLL = "SenUnitOnRoll";
    static final String UNIT_CAPACITY = "SenUnitCapacity";
    static final String EASTING = "Easting";
    static final String NORTHING = "Northing";
    static final String POSTCODE = "Postcode";
    static final String OFSTED = "OfstedRating (name)";
    static final String TRUST = "Trusts (name)";
    static final String PROPRIETOR = "PropsName";
    static final List<String> REQUIRED = List.of(URN, LA_CODE, NAME, TYPE, STATUS, LOW_AGE, HIGH_AGE);
    static final int SEN_COLUMNS = 13;

    static final String SKIP_MAINSTREAM = "mainstream school without resourced provision or a SEN unit";
    static final String SKIP_CLOSED = "closed, and not in the register";
    static final String SKIP_NOT_OPEN = "proposed to open: not yet taking pupils";
    static final String SKIP_UNCHANGED = "unchanged";
    static final String SKIP_NOT_COVERED = "establishment type the register does not cover";

    /** A row checked and turned into register values. */
    private record Candidate(int line, SettingRecord setting, String providerKey, ProviderRecord provider, List<PlaceView> places) {
    }

    private final SettingRepository settings;
    private final ReferenceData reference;
    private final AuditTrail audit;
    private final Access access;

    GiasImport(SettingRepository settings, ReferenceData reference, AuditTrail audit, Access access) {
        this.settings = settings;
        this.reference = reference;
        this.audit = audit;
        this.access = access;
    }

    /** The file as text, or as base64 of its bytes in UTF-8 or Windows-1252: exactly one of the two. */
    static String fileText(String csv, String csvBase64) {
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

    @Transactional
    public ImportSettingsPayload importFile(String text, boolean dryRun) {
        access.require("importSettings", Role.ADMIN);
        List<Csv.Row> table;
        try {
            table = Csv.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("csv", "malformed CSV: " + e.getMessage() + "; nothing was imported");
        }
        if (table.isEmpty()) {
            throw ApiException.badRequest("csv", "the file is empty; expected a GIAS extract with a header row");
        }
        Map<String, Integer> columns = header(table.getFirst());
        List<Csv.Row> rows = table.subList(1, table.size());

        List<ImportIssue> rejections = new ArrayList<>();
        List<ImportIssue> warnings = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        Map<Integer, Integer> firstLineOfUrn = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        Map<Integer, Integer> closedUrns = new LinkedHashMap<>();

        for (Csv.Row row : rows) {
            Fields fields = new Fields(row, columns);
            if (row.fields().size() != columns.size()) {
                rejections.add(new ImportIssue(row.line(), null, null, "the row has " + row.fields().size()
                        + " fields but the header has " + columns.size()));
                continue;
            }
            Integer urn = fields.integer(URN);
            if (urn == null || urn < SettingRules.FIRST_URN || urn >= SettingRules.FIRST_DEMO_URN) {
                rejections.add(new ImportIssue(row.line(), null, URN, "not a DfE URN: \"" + fields.text(URN) + "\""));
                continue;
            }
            Integer first = firstLineOfUrn.putIfAbsent(urn, row.line());
            if (first != null) {
                rejections.add(new ImportIssue(row.line(), urn, URN, "URN " + urn + " appears again (first on row " + first + ")"));
                continue;
            }
            String skip = checkRow(fields, urn, row.line(), rejections, warnings, candidates, closedUrns);
            if (skip != null) {
                skipped.merge(skip, 1, Integer::sum);
            }
        }

        // Closed establishments matter only if the register has them.
        Map<Integer, SettingRecord> existing = settings.settingRecords(union(candidates, closedUrns.keySet()));
        closedUrns.keySet().stream().filter(urn -> !existing.containsKey(urn)).forEach(urn -> skipped.merge(SKIP_CLOSED, 1, Integer::sum));
        Map<Integer, List<PlaceView>> existingPlaces = settings.placesOf(existing.keySet());
        Map<String, Long> providerIds = settings.providerIdsByKindAndName();

        List<Candidate> toCreate = new ArrayList<>();
        List<Candidate> toUpdate = new ArrayList<>();
        for (Candidate read : candidates) {
            SettingRecord current = existing.get(read.setting().getUrn());
            Candidate candidate = current == null ? read : keepApprovedPlacements(read, existingPlaces.get(current.getUrn()), rejections);
            if (current == null) {
                toCreate.add(candidate);
            } else if (changed(candidate, current, existingPlaces.get(current.getUrn()), providerIds)) {
                toUpdate.add(candidate);
            } else {
                skipped.merge(SKIP_UNCHANGED, 1, Integer::sum);
            }
        }
        List<SettingRecord> toClose = closedUrns.keySet().stream().map(existing::get)
                .filter(s -> s != null && !"CLOSED".equals(s.getRegistrationStatus())).toList();
        closedUrns.keySet().stream().map(existing::get)
                .filter(s -> s != null && "CLOSED".equals(s.getRegistrationStatus())).forEach(s -> skipped.merge(SKIP_UNCHANGED, 1, Integer::sum));

        int skippedCount = skipped.values().stream().mapToInt(Integer::intValue).sum();
        ImportSettingsPayload payload = new ImportSettingsPayload(dryRun, rows.size(), toCreate.size(), toUpdate.size() + toClose.size(),
                skippedCount, rejections.size(), rejections, warnings,
                skipped.entrySet().stream().map(e -> new SkipCount(e.getKey(), e.getValue())).toList());
        if (!rejections.isEmpty() && !dryRun) {
            ImportIssue firstRejection = rejections.getFirst();
            throw ApiException.badRequest("importSettings.csv: " + rejections.size() + " of " + rows.size()
                            + " rows rejected, so nothing was imported; first: row " + firstRejection.row()
                            + (firstRejection.column() == null ? "" : " column \"" + firstRejection.column() + "\"") + ": " + firstRejection.reason(),
                    Map.of("field", "csv", "rejections", rejections.stream().map(GiasImport::issueMap).toList()));
        }
        if (!dryRun) {
            write(toCreate, toUpdate, toClose, existing, existingPlaces, providerIds);
        }
        return payload;
    }

    /**
     * GIAS's pupils on roll include the children placed through this service, which the register counts itself: the
     * cells keep them, the provider's own pupils are the rest, and a row whose capacity no longer covers them (or that
     * drops their need and phase) is rejected.
     */
    private static Candidate keepApprovedPlacements(Candidate candidate, List<PlaceView> current, List<ImportIssue> rejections) {
        Map<String, PlaceView> held = new LinkedHashMap<>();
        (current == null ? List.<PlaceView>of() : current).stream().filter(p -> p.approvedPlacements() > 0)
                .forEach(p -> held.put(p.need() + " " + p.phase(), p));
        if (held.isEmpty()) {
            return candidate;
        }
        List<PlaceView> places = new ArrayList<>();
        for (PlaceView place : candidate.places()) {
            PlaceView before = held.remove(place.need() + " " + place.phase());
            int placed = before == null ? 0 : before.approvedPlacements();
            if (place.capacity() < placed) {
                rejections.add(new ImportIssue(candidate.line(), candidate.setting().getUrn(), "ResourcedProvisionCapacity",
                        place.need() + " " + place.phase() + " capacity would be " + place.capacity() + ", below the " + placed
                                + " approved placement(s) there"));
            }
            places.add(new PlaceView(place.urn(), place.need(), place.phase(), place.capacity(), Math.max(0, place.occupied() - placed),
                    place.commissions()));
        }
        held.forEach((cell, place) -> rejections.add(new ImportIssue(candidate.line(), candidate.setting().getUrn(), "SEN1",
                "the setting would lose its " + cell + " places, which hold " + place.approvedPlacements() + " approved placement(s)")));
        return new Candidate(candidate.line(), candidate.setting(), candidate.providerKey(), candidate.provider(), places);
    }

    private static Map<String, Object> issueMap(ImportIssue issue) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("row", issue.row());
        map.put("urn", issue.urn());
        map.put("column", issue.column());
        map.put("reason", issue.reason());
        return map;
    }

    private static Set<Integer> union(List<Candidate> candidates, Set<Integer> closed) {
        Set<Integer> urns = new LinkedHashSet<>(closed);
        candidates.forEach(c -> urns.add(c.setting().getUrn()));
        return urns;
    }

    private static Map<String, Integer> header(Csv.Row headerRow) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < headerRow.fields().size(); i++) {
            columns.putIfAbsent(headerRow.fields().get(i).trim(), i);
        }
        List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("csv", "the header lacks required GIAS column(s) " + String.join(", ", missing.stream().map(m -> "\"" + m + "\"").toList())
                    + "; expected a GIAS all-establishment extract (edubasealldata.csv); nothing was imported");
        }
        return columns;
    }

    /** Checks one row; adds a candidate, a rejection or a closed URN, and returns a skip reason if the row is out of scope. */
    private String checkRow(Fields f, int urn, int line, List<ImportIssue> rejections, List<ImportIssue> warnings,
                            List<Candidate> candidates, Map<Integer, Integer> closedUrns) {
        var status = GiasMapping.status(f.text(STATUS));
        if (status.isEmpty()) {
            rejections.add(new ImportIssue(line, urn, STATUS, "unknown establishment status \"" + f.text(STATUS) + "\""));
            return null;
        }
        if (status.get() == Status.NOT_YET_OPEN) {
            return SKIP_NOT_OPEN;
        }
        var type = GiasMapping.type(f.text(TYPE));
        if (type.isEmpty()) {
            return SKIP_NOT_COVERED;
        }
        TypeMapping mapping = type.get();
        int rejectionsBefore = rejections.size();
        Integer rpCapacity = f.count(RP_CAPACITY, rejections, urn);
        Integer unitCapacity = f.count(UNIT_CAPACITY, rejections, urn);
        Integer rpOnRoll = f.count(RP_ON_ROLL, rejections, urn);
        Integer unitOnRoll = f.count(UNIT_ON_ROLL, rejections, urn);
        Integer schoolCapacity = f.count(SCHOOL_CAPACITY, rejections, urn);
        Integer pupils = f.count(PUPILS, rejections, urn);
        if (rejections.size() > rejectionsBefore) {
            return null;
        }
        String settingType = mapping.settingType();
        if ("MAINSTREAM".equals(settingType)) {
            int rp = rpCapacity == null ? 0 : rpCapacity;
            int unit = unitCapacity == null ? 0 : unitCapacity;
            if (rp == 0 && unit == 0) {
                return SKIP_MAINSTREAM;
            }
            settingType = rp >= unit ? "RESOURCED_PROVISION" : "SEN_UNIT";
        }
        if (status.get() == Status.CLOSED) {
            closedUrns.put(urn, line);
            return null;
        }

        String laCode = f.text(LA_CODE);
        if (reference.localAuthority(laCode).isEmpty()) {
            rejections.add(new ImportIssue(line, urn, LA_CODE, "unknown English local authority code \"" + laCode + "\""));
            return null;
        }
        String name = f.text(NAME);
        if (name.isEmpty() || name.length() > 200) {
            rejections.add(new ImportIssue(line, urn, NAME, name.isEmpty() ? "the establishment has no name" : "name longer than 200 characters"));
            return null;
        }
        Integer low = f.integer(LOW_AGE);
        Integer high = f.integer(HIGH_AGE);
        if (low == null || low < 0 || low > SettingRules.MAX_AGE) {
            rejections.add(new ImportIssue(line, urn, LOW_AGE, "expected an age from 0 to 25, got \"" + f.text(LOW_AGE) + "\""));
            return null;
        }
        if (high == null || high < low || high > SettingRules.MAX_AGE) {
            rejections.add(new ImportIssue(line, urn, HIGH_AGE, "expected an age from " + low + " to 25, got \"" + f.text(HIGH_AGE) + "\""));
            return null;
        }
        Integer easting = f.integer(EASTING);
        Integer northing = f.integer(NORTHING);
        if ((easting == null) != (northing == null) || (easting != null && (easting < 0 || easting > SettingRules.MAX_EASTING
                || northing < 0 || northing > SettingRules.MAX_NORTHING))) {
            rejections.add(new ImportIssue(line, urn, easting == null ? EASTING : NORTHING, "not a British National Grid point: ("
                    + f.text(EASTING) + ", " + f.text(NORTHING) + ")"));
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

        Set<String> needs = new LinkedHashSet<>();
        for (int i = 1; i <= SEN_COLUMNS; i++) {
            String column = "SEN" + i + " (name)";
            for (String value : f.text(column).split("~")) {
                if (value.isBlank()) {
                    continue;
                }
                GiasMapping.need(value).ifPresentOrElse(needs::add, () -> {
                    if (!value.trim().equalsIgnoreCase("Not Applicable")) {
                        warnings.add(new ImportIssue(line, urn, column, "\"" + value.trim() + "\" is not a DfE need type; ignored"));
                    }
                });
            }
        }
        if (needs.isEmpty()) {
            needs.add("OTH");
            warnings.add(new ImportIssue(line, urn, "SEN1 (name)", "no SEN provision types listed: places recorded under OTH (other difficulty/disability)"));
        }

        SettingRecord setting = new SettingRecord();
        setting.setUrn(urn);
        setting.setName(name);
        setting.setTypeCode(settingType);
        setting.setSector(mapping.sector());
        setting.setLaCode(laCode);
        setting.setPostcode(postcode);
        setting.setEasting(easting);
        setting.setNorthing(northing);
        setting.setAgeFrom(low);
        setting.setAgeTo(high);
        setting.setGender(GiasMapping.gender(f.text(GENDER)));
        setting.setBoarding(GiasMapping.boarding(f.text(BOARDERS)));
        setting.setOfstedRating(GiasMapping.ofsted(f.text(OFSTED)));
        setting.setRegistrationStatus("OPEN");
        setting.setSource("GIAS");
        setting.setDemo(false);

        ProviderRecord provider = provider(mapping.providerKind(), f, name, laCode);
        String key = SettingRepository.providerKey(provider.getKind(), provider.getName(), provider.getLaCode());
        candidates.add(new Candidate(line, setting, key, provider, places(urn, needs, reference.phasesOverlapping(low, high), capacity, onRoll)));
        return null;
    }

    private ProviderRecord provider(String kind, Fields f, String schoolName, String laCode) {
        ProviderRecord provider = new ProviderRecord();
        provider.setKind(kind);
        provider.setDemo(false);
        switch (kind) {
            case "LOCAL_AUTHORITY" -> {
                provider.setName(reference.localAuthority(laCode).orElseThrow().name() + " (local authority)");
                provider.setLaCode(laCode);
                provider.setForProfit(false);
            }
            case "ACADEMY_TRUST" -> {
                String trust = f.text(TRUST);
                provider.setName(trust.isEmpty() ? schoolName + " (single-academy trust)" : trust);
                provider.setForProfit(false);
            }
            case "NON_MAINTAINED" -> {
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

    private static boolean changed(Candidate candidate, SettingRecord current, List<PlaceView> currentPlaces, Map<String, Long> providerIds) {
        SettingRecord s = candidate.setting();
        Long providerId = providerIds.get(candidate.providerKey());
        return !(Objects.equals(s.getName(), current.getName()) && s.getTypeCode().equals(current.getTypeCode())
                && s.getSector().equals(current.getSector()) && s.getLaCode().equals(current.getLaCode())
                && Objects.equals(s.getPostcode(), current.getPostcode()) && Objects.equals(s.getEasting(), current.getEasting())
                && Objects.equals(s.getNorthing(), current.getNorthing()) && s.getAgeFrom().equals(current.getAgeFrom())
                && s.getAgeTo().equals(current.getAgeTo()) && s.getGender().equals(current.getGender())
                && s.getBoarding().equals(current.getBoarding()) && Objects.equals(s.getOfstedRating(), current.getOfstedRating())
                && !"CLOSED".equals(current.getRegistrationStatus()) && "GIAS".equals(current.getSource())
                && Objects.equals(providerId, current.getProviderId())
                && placeKeys(candidate.places()).equals(placeKeys(currentPlaces == null ? List.of() : currentPlaces)));
    }

    private static Set<String> placeKeys(List<PlaceView> places) {
        Set<String> keys = new java.util.TreeSet<>();
        places.forEach(p -> keys.add(p.need() + "/" + p.phase() + "/" + p.capacity() + "/" + p.occupied()));
        return keys;
    }

    private void write(List<Candidate> toCreate, List<Candidate> toUpdate, List<SettingRecord> toClose,
                       Map<Integer, SettingRecord> existing, Map<Integer, List<PlaceView>> existingPlaces, Map<String, Long> providerIds) {
        List<Change> changes = new ArrayList<>();
        for (Candidate candidate : concat(toCreate, toUpdate)) {
            Long id = providerIds.get(candidate.providerKey());
            if (id == null) {
                id = settings.insertProvider(candidate.provider());
                providerIds.put(candidate.providerKey(), id);
                candidate.provider().setId(id);
                changes.add(new Change("PROVIDER_REGISTERED", "provider", String.valueOf(id), null,
                        SettingService.providerSnapshot(candidate.provider()), "GIAS import",
                        new AuditTrail.Scope(candidate.provider().getLaCode(), id, false)));
            }
            candidate.setting().setProviderId(id);
        }

        settings.insertSettings(toCreate.stream().map(Candidate::setting).toList());
        List<SettingRecord> updated = new ArrayList<>();
        for (Candidate candidate : toUpdate) {
            SettingRecord current = existing.get(candidate.setting().getUrn());
            Map<String, Object> before = SettingService.snapshot(current, existingPlaces.get(current.getUrn()));
            SettingRecord s = candidate.setting();
            current.setName(s.getName());
            current.setTypeCode(s.getTypeCode());
            current.setSector(s.getSector());
            current.setProviderId(s.getProviderId());
            current.setLaCode(s.getLaCode());
            current.setPostcode(s.getPostcode());
            current.setEasting(s.getEasting());
            current.setNorthing(s.getNorthing());
            current.setAgeFrom(s.getAgeFrom());
            current.setAgeTo(s.getAgeTo());
            current.setGender(s.getGender());
            current.setBoarding(s.getBoarding());
            current.setOfstedRating(s.getOfstedRating());
            current.setSource("GIAS");
            if ("CLOSED".equals(current.getRegistrationStatus())) {
                // open again in GIAS; a regulator's suspension, by contrast, stays until lifted
                current.setRegistrationStatus("OPEN");
                current.setStatusReason(null);
            }
            updated.add(current);
            changes.add(new Change("SETTING_IMPORTED", "setting", String.valueOf(s.getUrn()), before,
                    SettingService.snapshot(current, candidate.places()), "GIAS import", scope(current)));
        }
        for (SettingRecord closing : toClose) {
            Map<String, Object> before = Map.of("registrationStatus", closing.getRegistrationStatus());
            closing.setRegistrationStatus("CLOSED");
            closing.setStatusReason("Closed in GIAS");
            updated.add(closing);
            changes.add(new Change("REGISTRATION_STATUS_CHANGED", "setting", String.valueOf(closing.getUrn()), before,
                    Map.of("registrationStatus", "CLOSED", "statusReason", "Closed in GIAS"), "GIAS import", scope(closing)));
        }
        settings.updateSettings(updated);
        settings.deletePlaces(toUpdate.stream().map(c -> c.setting().getUrn()).toList());
        settings.insertPlaces(concat(toCreate, toUpdate).stream().flatMap(c -> c.places().stream()).toList());
        for (Candidate candidate : toCreate) {
            changes.add(new Change("SETTING_IMPORTED", "setting", String.valueOf(candidate.setting().getUrn()), null,
                    SettingService.snapshot(candidate.setting(), candidate.places()), "GIAS import", scope(candidate.setting())));
        }
        audit.recordAll(changes);
    }

    private static AuditTrail.Scope scope(SettingRecord setting) {
        return new AuditTrail.Scope(setting.getLaCode(), setting.getProviderId(), false);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }

    /** One row's fields by column name. */
    private record Fields(Csv.Row row, Map<String, Integer> columns) {

        String text(String column) {
            Integer index = columns.get(column);
            return index == null || index >= row.fields().size() ? "" : row.fields().get(index).trim();
        }

        Integer integer(String column) {
            String value = text(column);
            if (value.isEmpty()) {
                return null;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** A non-negative count, blank meaning none; anything else is a rejection. */
        Integer count(String column, List<ImportIssue> rejections, int urn) {
            String value = text(column);
            if (value.isEmpty()) {
                return null;
            }
            try {
                int count = Integer.parseInt(value);
                if (count >= 0 && count <= SettingRules.MAX_PLACES) {
                    return count;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            rejections.add(new ImportIssue(row.line(), urn, column, "expected a whole number from 0 to " + SettingRules.MAX_PLACES
                    + ", got \"" + value + "\""));
            return -1;
        }
    }
}
