package uk.sendplan.api.settings;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.audit.AuditTrail.Change;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.Phase;
import uk.sendplan.api.settings.GiasRowReader.Candidate;
import uk.sendplan.api.settings.GiasRowReader.ImportIssue;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.InputRules;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.jooq.tables.records.SettingRecord;
import uk.sendplan.db.types.RecordSource;
import uk.sendplan.db.types.RegistrationStatus;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Imports a DfE "Get Information about Schools" all-establishment extract: {@link GiasRowReader} reads and checks it,
 * this compares it with the register and writes the difference, audited. One rejected row means nothing is written
 * (unless it is a dry run, which never writes).
 */
@Service
class GiasImport {

    record SkipCount(String reason, int rows) {
    }

    record ImportSettingsPayload(boolean dryRun, int rows, int created, int updated, int skipped, int rejected,
                                 List<ImportIssue> rejections, List<ImportIssue> warnings, List<SkipCount> skippedReasons) {
    }

    private final SettingRepository settings;
    private final ReferenceData reference;
    private final AuditTrail audit;
    private final Access access;
    private final NewProvisionNotice newProvision;

    GiasImport(SettingRepository settings, ReferenceData reference, AuditTrail audit, Access access, NewProvisionNotice newProvision) {
        this.settings = settings;
        this.reference = reference;
        this.audit = audit;
        this.access = access;
        this.newProvision = newProvision;
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
        GiasRowReader.Read read = GiasRowReader.read(text, register());
        List<Candidate> candidates = read.candidates();
        Map<Integer, Integer> closedUrns = read.closedUrns();
        List<ImportIssue> rejections = new ArrayList<>(read.rejections());
        List<ImportIssue> warnings = read.warnings();
        Map<String, Integer> skipped = read.skipped();

        // Closed establishments matter only if the register has them.
        Map<Integer, SettingRecord> existing = settings.settingRecords(union(candidates, closedUrns.keySet()));
        closedUrns.keySet().stream().filter(urn -> !existing.containsKey(urn)).forEach(urn -> skipped.merge(GiasRowReader.SKIP_CLOSED, 1, Integer::sum));
        Map<Integer, List<PlaceView>> existingPlaces = settings.placesOf(existing.keySet());
        Map<String, Long> providerIds = settings.providerIdsByKindAndName();

        List<Candidate> toCreate = new ArrayList<>();
        List<Candidate> toUpdate = new ArrayList<>();
        for (Candidate row : candidates) {
            SettingRecord current = existing.get(row.setting().urn());
            Candidate candidate = current == null ? row : keepApprovedPlacements(row, existingPlaces.get(current.getUrn()), rejections);
            if (current == null) {
                toCreate.add(candidate);
            } else if (changed(candidate, current, existingPlaces.get(current.getUrn()), providerIds)) {
                toUpdate.add(candidate);
            } else {
                skipped.merge(GiasRowReader.SKIP_UNCHANGED, 1, Integer::sum);
            }
        }
        List<SettingRecord> toClose = closedUrns.keySet().stream().map(existing::get)
                .filter(s -> s != null && s.getRegistrationStatus() != RegistrationStatus.CLOSED).toList();
        closedUrns.keySet().stream().map(existing::get)
                .filter(s -> s != null && s.getRegistrationStatus() == RegistrationStatus.CLOSED).forEach(s -> skipped.merge(GiasRowReader.SKIP_UNCHANGED, 1, Integer::sum));

        int skippedCount = skipped.values().stream().mapToInt(Integer::intValue).sum();
        // a row may have several problems, each listed; the count is of rows
        int rejectedRows = (int) rejections.stream().mapToInt(ImportIssue::row).distinct().count();
        ImportSettingsPayload payload = new ImportSettingsPayload(dryRun, read.rows(), toCreate.size(), toUpdate.size() + toClose.size(),
                skippedCount, rejectedRows, rejections, warnings,
                skipped.entrySet().stream().map(e -> new SkipCount(e.getKey(), e.getValue())).toList());
        if (!rejections.isEmpty() && !dryRun) {
            ImportIssue firstRejection = rejections.getFirst();
            throw ApiException.badRequest("importSettings.csv: " + rejectedRows + " of " + read.rows()
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
                rejections.add(new ImportIssue(candidate.line(), candidate.setting().urn(), "ResourcedProvisionCapacity",
                        place.need() + " " + place.phase() + " capacity would be " + place.capacity() + ", below the " + placed
                                + " approved placement(s) there"));
            }
            places.add(new PlaceView(place.urn(), place.need(), place.phase(), place.capacity(), Math.max(0, place.occupied() - placed),
                    place.commissions()));
        }
        held.forEach((cell, place) -> rejections.add(new ImportIssue(candidate.line(), candidate.setting().urn(), "SEN1",
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
        candidates.forEach(c -> urns.add(c.setting().urn()));
        return urns;
    }

    private static boolean changed(Candidate candidate, SettingRecord current, List<PlaceView> currentPlaces, Map<String, Long> providerIds) {
        Long providerId = providerIds.get(candidate.providerKey());
        return !(SettingRecords.describes(current, candidate.setting())
                && current.getRegistrationStatus() != RegistrationStatus.CLOSED && current.getSource() == RecordSource.GIAS
                && Objects.equals(providerId, current.getProviderId())
                && placeKeys(candidate.places(), false).equals(placeKeys(currentPlaces == null ? List.of() : currentPlaces, true)));
    }

    /** Cells as need/phase/capacity/own pupils; a cell read from the register counts its approved placements apart. */
    private static Set<String> placeKeys(List<PlaceView> places, boolean readFromRegister) {
        Set<String> keys = new TreeSet<>();
        places.forEach(p -> keys.add(p.need() + "/" + p.phase() + "/" + p.capacity() + "/"
                + (readFromRegister ? p.occupied() - p.approvedPlacements() : p.occupied())));
        return keys;
    }

    private void write(List<Candidate> toCreate, List<Candidate> toUpdate, List<SettingRecord> toClose,
                       Map<Integer, SettingRecord> existing, Map<Integer, List<PlaceView>> existingPlaces, Map<String, Long> providerIds) {
        List<Change> changes = new ArrayList<>();
        Map<Integer, Long> providerIdsByUrn = new HashMap<>();
        for (Candidate candidate : concat(toCreate, toUpdate)) {
            Long id = providerIds.get(candidate.providerKey());
            if (id == null) {
                id = settings.insertProvider(candidate.provider());
                providerIds.put(candidate.providerKey(), id);
                candidate.provider().setId(id);
                changes.add(new Change("PROVIDER_REGISTERED", "provider", String.valueOf(id), null,
                        ProviderSnapshot.of(candidate.provider()), "GIAS import",
                        new AuditTrail.Scope(candidate.provider().getLaCode(), id, false)));
            }
            providerIdsByUrn.put(candidate.setting().urn(), id);
        }

        List<SettingRecord> created = new ArrayList<>();
        for (Candidate candidate : toCreate) {
            SettingRecord record = SettingRecords.of(candidate.setting());
            record.setProviderId(providerIdsByUrn.get(record.getUrn()));
            created.add(record);
        }
        settings.insertSettings(created);
        List<SettingRecord> updated = new ArrayList<>();
        for (Candidate candidate : toUpdate) {
            SettingRecord current = existing.get(candidate.setting().urn());
            SettingSnapshot before = SettingSnapshot.of(current, existingPlaces.get(current.getUrn()));
            SettingRecords.describe(current, candidate.setting());
            current.setProviderId(providerIdsByUrn.get(current.getUrn()));
            current.setSource(RecordSource.GIAS);
            if (current.getRegistrationStatus() == RegistrationStatus.CLOSED) {
                // open again in GIAS; a regulator's suspension, by contrast, stays until lifted
                current.setRegistrationStatus(RegistrationStatus.OPEN);
                current.setStatusReason(null);
            }
            updated.add(current);
            changes.add(new Change("SETTING_IMPORTED", "setting", String.valueOf(current.getUrn()), before,
                    SettingSnapshot.of(current, candidate.places()), "GIAS import", SettingSnapshot.scope(current)));
        }
        for (SettingRecord closing : toClose) {
            SettingSnapshot.Status before = new SettingSnapshot.Status(closing.getRegistrationStatus());
            closing.setRegistrationStatus(RegistrationStatus.CLOSED);
            closing.setStatusReason("Closed in GIAS");
            updated.add(closing);
            changes.add(new Change("REGISTRATION_STATUS_CHANGED", "setting", String.valueOf(closing.getUrn()), before,
                    new SettingSnapshot.Registration(RegistrationStatus.CLOSED, "Closed in GIAS"), "GIAS import", SettingSnapshot.scope(closing)));
        }
        settings.updateSettings(updated);
        settings.deletePlaces(toUpdate.stream().map(c -> c.setting().urn()).toList());
        settings.insertPlaces(concat(toCreate, toUpdate).stream().flatMap(c -> c.places().stream()).toList());
        for (int i = 0; i < toCreate.size(); i++) {
            SettingRecord record = created.get(i);
            changes.add(new Change("SETTING_IMPORTED", "setting", String.valueOf(record.getUrn()), null,
                    SettingSnapshot.of(record, toCreate.get(i).places()), "GIAS import", SettingSnapshot.scope(record)));
        }
        audit.recordAll(changes);
        // the host LAs are asked about independent settings new to the register and those whose places grew
        Map<Integer, List<PlaceView>> newPlaces = new HashMap<>();
        concat(toCreate, toUpdate).forEach(c -> newPlaces.put(c.setting().urn(), c.places()));
        newProvision.registered(created, newPlaces);
        newProvision.placesChanged(toUpdate.stream().map(c -> existing.get(c.setting().urn())).toList(), existingPlaces, newPlaces);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private GiasRowReader.Register register() {
        return new GiasRowReader.Register() {
            @Override
            public boolean knowsLocalAuthority(String code) {
                return reference.localAuthority(code).isPresent();
            }

            @Override
            public String localAuthorityName(String code) {
                return reference.localAuthority(code).orElseThrow().name();
            }

            @Override
            public List<Phase> phasesOverlapping(int ageFrom, int ageTo) {
                return reference.phasesOverlapping(ageFrom, ageTo);
            }

            @Override
            public List<String> needCodes() {
                return reference.needTypes().stream().map(ReferenceData.NeedType::code).toList();
            }
        };
    }
}
