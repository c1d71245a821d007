package uk.sendplan.api.settings;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.jooq.tables.records.ProviderRecord;
import uk.sendplan.db.jooq.tables.records.SettingRecord;
import uk.sendplan.db.types.ProviderKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Registering many providers and settings at once (the demo register), each one audited, as an admin. */
@Service
public class BulkRegistration {

    private final SettingRepository settings;
    private final AuditTrail audit;
    private final Access access;
    private final NewProvisionNotice newProvision;

    BulkRegistration(SettingRepository settings, AuditTrail audit, Access access, NewProvisionNotice newProvision) {
        this.settings = settings;
        this.audit = audit;
        this.access = access;
        this.newProvision = newProvision;
    }

    /** An organisation to register in bulk. */
    public record ProviderDraft(String name, String companyNumber, ProviderKind kind, Boolean forProfit, String laCode, boolean demo) {
    }

    /** Registers providers, returning their ids in the same order. */
    @Transactional
    public List<Long> registerProviders(List<ProviderDraft> drafts, String reason) {
        access.require("registerProvider", Role.ADMIN);
        List<Long> ids = new ArrayList<>();
        List<AuditTrail.Change> changes = new ArrayList<>();
        for (ProviderDraft draft : drafts) {
            ProviderRecord record = new ProviderRecord();
            record.setName(draft.name());
            record.setCompanyNumber(draft.companyNumber());
            record.setKind(draft.kind());
            record.setForProfit(draft.forProfit());
            record.setLaCode(draft.laCode());
            record.setDemo(draft.demo());
            long id = settings.insertProvider(record);
            record.setId(id);
            ids.add(id);
            changes.add(new AuditTrail.Change("PROVIDER_REGISTERED", "provider", String.valueOf(id), null, ProviderSnapshot.of(record), reason,
                    new AuditTrail.Scope(record.getLaCode(), id, false)));
        }
        audit.recordAll(changes);
        return ids;
    }

    /**
     * Registers settings with their places in bulk, each audited. The drafts are trusted to be valid. Each independent
     * or non-maintained one is new provision its host LA is asked about, as when registered one at a time.
     */
    @Transactional
    public void registerAll(List<SettingDraft> drafts, String reason) {
        access.require("registerSetting", Role.ADMIN);
        List<SettingRecord> records = new ArrayList<>();
        List<PlaceView> places = new ArrayList<>();
        List<AuditTrail.Change> changes = new ArrayList<>();
        Map<Integer, List<PlaceView>> placesByUrn = new HashMap<>();
        for (SettingDraft d : drafts) {
            SettingRecord r = SettingRecords.of(d);
            records.add(r);
            List<PlaceView> settingPlaces = d.places().stream()
                    .map(p -> new PlaceView(d.urn(), p.need(), p.phase(), p.capacity(), p.occupied(), List.of())).toList();
            places.addAll(settingPlaces);
            placesByUrn.put(d.urn(), settingPlaces);
            changes.add(new AuditTrail.Change("SETTING_REGISTERED", "setting", String.valueOf(d.urn()), null, SettingSnapshot.of(r, settingPlaces), reason, SettingSnapshot.scope(r)));
        }
        settings.insertSettings(records);
        settings.insertPlaces(places);
        audit.recordAll(changes);
        newProvision.registered(records, placesByUrn);
    }
}
