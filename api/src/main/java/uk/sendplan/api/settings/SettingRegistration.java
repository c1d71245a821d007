package uk.sendplan.api.settings;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.kernel.GridPoints;
import uk.sendplan.api.kernel.Ids;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.Phase;
import uk.sendplan.api.settings.PlaceView.CommissionView;
import uk.sendplan.api.settings.SettingInputs.PlaceCommissionInput;
import uk.sendplan.api.settings.SettingInputs.PlaceInput;
import uk.sendplan.api.settings.SettingInputs.RegisterProviderInput;
import uk.sendplan.api.settings.SettingInputs.RegisterSettingInput;
import uk.sendplan.api.settings.SettingInputs.SetPlacesInput;
import uk.sendplan.api.settings.SettingInputs.SetRegistrationStatusInput;
import uk.sendplan.api.settings.SettingInputs.UpdateSettingInput;
import uk.sendplan.api.settings.SettingService.PlaceCell;
import uk.sendplan.api.settings.SettingService.PlaceKey;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.jooq.tables.records.ProviderRecord;
import uk.sendplan.db.jooq.tables.records.SettingRecord;
import uk.sendplan.db.types.Gender;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.RecordSource;
import uk.sendplan.db.types.RegistrationStatus;
import uk.sendplan.db.types.Sector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Changes to the register, one at a time: registering and updating settings, their places, their registration
 * status and providers. Each passes the register's rules, is allowed only to those the permission table names, and
 * is audited in the same transaction.
 */
@Service
class SettingRegistration {

    private final SettingRepository settings;
    private final ReferenceData reference;
    private final AuditTrail audit;
    private final Access access;
    private final NewProvisionNotice newProvision;

    SettingRegistration(SettingRepository settings, ReferenceData reference, AuditTrail audit, Access access, NewProvisionNotice newProvision) {
        this.settings = settings;
        this.reference = reference;
        this.audit = audit;
        this.access = access;
        this.newProvision = newProvision;
    }

    @Transactional
    SettingView register(RegisterSettingInput input) {
        Actor actor = access.require("registerSetting", Role.PROVIDER, Role.ADMIN);
        if (actor.is(Role.PROVIDER) && !String.valueOf(actor.providerId()).equals(input.providerId())) {
            throw ApiException.forbidden("registerSetting: a provider registers settings for its own organisation only (input.providerId)");
        }
        SettingRules.checkUrn("input.urn", input.urn());
        if (settings.exists(input.urn())) {
            throw ApiException.badRequest("input.urn", "a setting with URN " + input.urn() + " is already registered");
        }
        String name = SettingRules.checkName("input.name", input.name());
        Sector sector = input.sector() != null ? input.sector() : reference.settingType(input.type()).defaultSector();
        long providerId = requireProvider("input.providerId", input.providerId());
        String laCode = reference.requireLocalAuthority("input.laCode", input.laCode()).code();
        String postcode = SettingRules.checkPostcode("input.postcode", input.postcode());
        if (input.location() != null) {
            GridPoints.check("input.location", input.location().easting(), input.location().northing());
        }
        SettingRules.checkAges("input.ageFrom", input.ageFrom(), input.ageTo());
        SettingRecord record = SettingRecords.of(new SettingDraft(input.urn(), name, input.type(), sector, providerId, laCode, postcode,
                input.location() == null ? null : input.location().easting(), input.location() == null ? null : input.location().northing(),
                input.ageFrom(), input.ageTo(), input.gender() == null ? Gender.MIXED : input.gender(), Boolean.TRUE.equals(input.boarding()),
                input.ofstedRating(), RegistrationStatus.OPEN, RecordSource.MANUAL, List.of()));
        List<PlaceView> places = checkPlaces("input.places", input.urn(), input.ageFrom(), input.ageTo(),
                input.places() == null ? List.of() : input.places());
        settings.insert(record);
        settings.insertPlaces(places);
        audit.record(SettingSnapshot.scope(record), "SETTING_REGISTERED", "setting", input.urn(), null, SettingSnapshot.of(record, places), null);
        newProvision.registered(List.of(record), Map.of(input.urn(), places));
        return settings.find(input.urn()).orElseThrow();
    }

    @Transactional
    SettingView update(UpdateSettingInput input) {
        SettingRecord record = lockOwned("updateSetting", input.urn());
        if (input.providerId() != null && access.actor().is(Role.PROVIDER) && !String.valueOf(access.actor().providerId()).equals(input.providerId())) {
            throw ApiException.forbidden("updateSetting: a provider can't hand a setting to another organisation (input.providerId)");
        }
        SettingSnapshot before = SettingSnapshot.of(record, null);
        if (input.name() != null) {
            record.setName(SettingRules.checkName("input.name", input.name()));
        }
        boolean regulated = feesRegulated(record.getSector(), record.getTypeCode());
        if (regulated && input.sector() != null && !input.sector().equals(record.getSector())) {
            throw ApiException.badRequest("input.sector", "the setting's fees are regulated by the rates framework, so its sector ("
                    + record.getSector() + ") is not changed here: it comes from DfE's record (importSettings)");
        }
        if (input.type() != null) {
            if (regulated && !feesRegulated(record.getSector(), input.type())) {
                throw ApiException.badRequest("input.type", "the setting's fees are regulated by the rates framework; a " + input.type()
                        + " setting in the " + record.getSector() + " sector would not be, so this change comes from DfE's record (importSettings)");
            }
            record.setTypeCode(input.type());
        }
        if (input.sector() != null) {
            record.setSector(input.sector());
        }
        if (input.providerId() != null) {
            record.setProviderId(requireProvider("input.providerId", input.providerId()));
        }
        if (input.laCode() != null) {
            record.setLaCode(reference.requireLocalAuthority("input.laCode", input.laCode()).code());
        }
        if (input.postcode() != null) {
            record.setPostcode(SettingRules.checkPostcode("input.postcode", input.postcode()));
        }
        if (input.location() != null) {
            GridPoints.check("input.location", input.location().easting(), input.location().northing());
            record.setEasting(input.location().easting());
            record.setNorthing(input.location().northing());
        }
        if (input.ageFrom() != null || input.ageTo() != null) {
            int from = input.ageFrom() != null ? input.ageFrom() : record.getAgeFrom();
            int to = input.ageTo() != null ? input.ageTo() : record.getAgeTo();
            SettingRules.checkAges(input.ageFrom() != null ? "input.ageFrom" : "input.ageTo", from, to);
            for (PlaceView place : settings.places(List.of(input.urn())).get(input.urn())) {
                if (!reference.phase(place.phase()).overlaps(from, to)) {
                    throw ApiException.badRequest("input.ageFrom", "the setting has " + place.phase() + " places, outside the new age range "
                            + from + "-" + to + "; change its places first");
                }
            }
            record.setAgeFrom(from);
            record.setAgeTo(to);
        }
        if (input.gender() != null) {
            record.setGender(input.gender());
        }
        if (input.boarding() != null) {
            record.setBoarding(input.boarding());
        }
        if (input.ofstedRating() != null) {
            record.setOfstedRating(input.ofstedRating());
        }
        if (record.changed()) {
            settings.update(record);
            audit.record(SettingSnapshot.scope(record), "SETTING_UPDATED", "setting", input.urn(), before, SettingSnapshot.of(record, null), null);
        }
        return settings.find(input.urn()).orElseThrow();
    }

    /**
     * Whether the rates framework checks the setting's fees: outside the state sector, or of a type independent by
     * nature (the fee check's own rule). updateSetting can't take a setting out of it, or a provider could move its
     * fees out of the regulator's sight by relabelling its school.
     */
    private boolean feesRegulated(Sector sector, String type) {
        return sector != Sector.STATE || reference.settingType(type).independent();
    }

    @Transactional
    SettingView setPlaces(SetPlacesInput input) {
        SettingRecord record = lockOwned("setPlaces", input.urn());
        List<PlaceView> places = checkPlaces("input.places", input.urn(), record.getAgeFrom(), record.getAgeTo(), input.places());
        // approvals lock the same cells: once they are ours, the approved placements counted in them stay put
        Map<PlaceKey, PlaceCell> locked = settings.lockPlacesOf(input.urn());
        checkApprovedPlacementsKept("input.places", input.urn(), places, locked);
        List<PlaceView> before = settings.places(List.of(input.urn())).get(input.urn());
        settings.replacePlaces(input.urn(), places);
        settings.update(record);
        audit.record(SettingSnapshot.scope(record), "PLACES_SET", "setting", input.urn(), SettingSnapshot.Places.of(before),
                SettingSnapshot.Places.of(places), null);
        newProvision.placesChanged(List.of(record), Map.of(input.urn(), before), Map.of(input.urn(), places));
        return settings.find(input.urn()).orElseThrow();
    }

    /** Approved placements keep their places: no cell is removed or made smaller than the children placed in it. */
    private static void checkApprovedPlacementsKept(String field, int urn, List<PlaceView> places, Map<PlaceKey, PlaceCell> current) {
        Map<PlaceKey, PlaceView> wanted = new LinkedHashMap<>();
        places.forEach(p -> wanted.put(new PlaceKey(urn, p.need(), p.phase()), p));
        for (var entry : current.entrySet()) {
            PlaceCell cell = entry.getValue();
            if (cell.approvedPlacements() == 0) {
                continue;
            }
            PlaceView next = wanted.get(entry.getKey());
            String children = cell.approvedPlacements() + " approved placement" + (cell.approvedPlacements() == 1 ? "" : "s");
            if (next == null) {
                throw ApiException.badRequest(field, cell.need() + " " + cell.phase() + " places hold " + children
                        + "; they can't be removed");
            }
            if (next.capacity() < next.occupied() + cell.approvedPlacements()) {
                int index = places.indexOf(next);
                throw ApiException.badRequest(field + "[" + index + "].capacity", "capacity " + next.capacity() + " for " + cell.need()
                        + " " + cell.phase() + " is below the " + children + " plus the " + next.occupied()
                        + " other pupils given (" + (next.occupied() + cell.approvedPlacements()) + ")");
            }
        }
    }

    @Transactional
    SettingView setRegistrationStatus(SetRegistrationStatusInput input) {
        return changeRegistrationStatus("input", input.urn(), input.status(), input.reason());
    }

    /** Opens, suspends or closes a setting; suspending or closing needs a reason. Audited. */
    @Transactional
    SettingView changeRegistrationStatus(String field, int urn, RegistrationStatus status, String reason) {
        access.require("setRegistrationStatus", Role.REGULATOR, Role.ADMIN);
        SettingRecord record = settings.lock(urn)
                .orElseThrow(() -> ApiException.notFound(field + ".urn", "no setting with URN " + urn));
        if (status != RegistrationStatus.OPEN && (reason == null || reason.isBlank())) {
            throw ApiException.badRequest(field + ".reason", "a reason is required to make a setting " + status);
        }
        if (status == record.getRegistrationStatus()) {
            throw ApiException.badRequest(field + ".status", "the setting is already " + status);
        }
        SettingSnapshot.Registration before = SettingSnapshot.Registration.of(record);
        record.setRegistrationStatus(status);
        record.setStatusReason(reason == null || reason.isBlank() ? null : reason.trim());
        settings.update(record);
        audit.record(SettingSnapshot.scope(record), "REGISTRATION_STATUS_CHANGED", "setting", urn, before, SettingSnapshot.Registration.of(record), record.getStatusReason());
        return settings.find(urn).orElseThrow();
    }

    @Transactional
    ProviderView registerProvider(RegisterProviderInput input) {
        access.require("registerProvider", Role.ADMIN);
        ProviderRecord record = new ProviderRecord();
        record.setName(SettingRules.checkName("input.name", input.name()));
        if (input.companyNumber() != null && !input.companyNumber().isBlank()) {
            String number = input.companyNumber().trim().toUpperCase(Locale.ROOT);
            if (!number.matches("[A-Z0-9]{8}")) {
                throw ApiException.badRequest("input.companyNumber", "a Companies House number is 8 letters or digits, e.g. 01234567 or SC123456");
            }
            record.setCompanyNumber(number);
        }
        record.setKind(input.kind());
        if (input.kind() != ProviderKind.LOCAL_AUTHORITY && input.laCode() != null) {
            // a provider's LA makes it that LA's own provider record (one per LA), the owner of its maintained settings
            throw ApiException.badRequest("input.laCode", "only a LOCAL_AUTHORITY provider has an LA (it is the LA's own provider record); "
                    + "leave it out for a " + input.kind() + " provider");
        }
        if (input.kind() == ProviderKind.LOCAL_AUTHORITY) {
            if (input.laCode() == null) {
                throw ApiException.badRequest("input.laCode", "required for a LOCAL_AUTHORITY provider");
            }
            if (Boolean.TRUE.equals(input.forProfit())) {
                throw ApiException.badRequest("input.forProfit", "a local authority is not for profit");
            }
            record.setForProfit(false);
        } else {
            record.setForProfit(input.forProfit());
        }
        if (input.laCode() != null) {
            record.setLaCode(reference.requireLocalAuthority("input.laCode", input.laCode()).code());
        }
        record.setDemo(false);
        long id = settings.insertProvider(record);
        record.setId(id);
        audit.record(new AuditTrail.Scope(record.getLaCode(), id, false), "PROVIDER_REGISTERED", "provider", id, null, ProviderSnapshot.of(record), null);
        return settings.provider(id).orElseThrow();
    }

    /** The setting, locked for the change, if the actor may change it: its own provider or an admin. */
    private SettingRecord lockOwned(String operation, int urn) {
        Actor actor = access.require(operation, Role.PROVIDER, Role.ADMIN);
        Optional<SettingRecord> record = settings.lock(urn);
        if (actor.is(Role.PROVIDER) && (record.isEmpty() || !record.get().getProviderId().equals(actor.providerId()))) {
            throw access.outOfScope(operation);
        }
        return record.orElseThrow(() -> ApiException.notFound("input.urn", "no setting with URN " + urn));
    }

    private long requireProvider(String field, String id) {
        long providerId = Ids.parse(field, id);
        if (settings.provider(providerId).isEmpty()) {
            throw ApiException.badRequest(field, "no provider with id " + id);
        }
        return providerId;
    }

    private List<PlaceView> checkPlaces(String field, int urn, int ageFrom, int ageTo, List<PlaceInput> inputs) {
        List<PlaceView> places = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            PlaceInput p = inputs.get(i);
            String at = field + "[" + i + "]";
            if (!seen.add(p.need() + "/" + p.phase())) {
                throw ApiException.badRequest(at, "places for " + p.need() + " in " + p.phase() + " are given twice");
            }
            Phase phase = reference.phase(p.phase());
            if (!phase.overlaps(ageFrom, ageTo)) {
                throw ApiException.badRequest(at + ".phase", p.phase() + " (ages " + phase.ageFrom() + "-" + phase.ageTo()
                        + ") is outside the setting's age range " + ageFrom + "-" + ageTo);
            }
            if (p.capacity() < 0) {
                throw ApiException.badRequest(at + ".capacity", "must not be negative, got " + p.capacity());
            }
            if (p.capacity() > SettingRules.MAX_PLACES) {
                throw ApiException.badRequest(at + ".capacity", "must be at most " + SettingRules.MAX_PLACES
                        + " places for one need in one phase, got " + p.capacity());
            }
            if (p.occupied() < 0) {
                throw ApiException.badRequest(at + ".occupied", "must not be negative, got " + p.occupied());
            }
            if (p.occupied() > p.capacity()) {
                throw ApiException.badRequest(at + ".occupied", "must not exceed capacity (" + p.occupied() + " > " + p.capacity() + ")");
            }
            List<CommissionView> commissions = new ArrayList<>();
            Set<String> las = new HashSet<>();
            long commissioned = 0;  // long: commissions near Integer.MAX_VALUE must not wrap round to below capacity
            List<PlaceCommissionInput> commissionInputs = p.commissions() == null ? List.of() : p.commissions();
            for (int j = 0; j < commissionInputs.size(); j++) {
                PlaceCommissionInput c = commissionInputs.get(j);
                String cat = at + ".commissions[" + j + "]";
                reference.requireLocalAuthority(cat + ".laCode", c.laCode());
                if (!las.add(c.laCode())) {
                    throw ApiException.badRequest(cat + ".laCode", "LA " + c.laCode() + " is given twice");
                }
                if (c.places() <= 0) {
                    throw ApiException.badRequest(cat + ".places", "must be at least 1, got " + c.places());
                }
                commissioned += c.places();
                commissions.add(new CommissionView(c.laCode(), c.places()));
            }
            if (commissioned > p.capacity()) {
                throw ApiException.badRequest(at + ".commissions", "commissioned places (" + commissioned + ") must not exceed capacity (" + p.capacity() + ")");
            }
            places.add(new PlaceView(urn, p.need(), p.phase(), p.capacity(), p.occupied(), commissions));
        }
        return places;
    }
}
