package uk.sendplan.api.planning;

import uk.sendplan.api.fees.FeeService.SettingFee;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.SettingService.PlaceCell;
import uk.sendplan.api.settings.SettingService.PlanningSetting;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.Gender;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.RegistrationStatus;
import uk.sendplan.db.types.Sector;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A what-if on top of the register as a plan reads it, never written back: places added to a setting, new settings,
 * settings closed, fees changed, or a share of a need's state special places moved to resourced provision. Each change
 * is checked (a field and a rule when it can't apply) and said back in words.
 */
final class ScenarioRegister {

    /** A scenario's register and what was changed, in words. */
    record Applied(ProblemBuilder.Register register, List<String> changes) {
    }

    /** New settings get URNs from here up: never a real (below 10,000,000) one. */
    static final int FIRST_NEW_URN = 99_000_000;
    static final int MAX_CHANGES = 100;

    private final Map<Integer, PlanningSetting> settings = new LinkedHashMap<>();
    private final Map<Integer, List<SettingFee>> fees;
    private final List<String> said = new ArrayList<>();
    private final ReferenceData reference;

    private ScenarioRegister(ProblemBuilder.Register base, ReferenceData reference) {
        base.settings().forEach(s -> settings.put(s.urn(), s));
        this.fees = new LinkedHashMap<>(base.fees());
        this.reference = reference;
    }

    static Applied apply(ProblemBuilder.Register base, WhatIf.Changes changes, Collection<String> laCodes, ReferenceData reference) {
        if (changes.count() == 0 || changes.count() > MAX_CHANGES) {
            throw ApiException.badRequest("input.changes", "give 1 to " + MAX_CHANGES + " changes, got " + changes.count());
        }
        ScenarioRegister r = new ScenarioRegister(base, reference);
        for (int i = 0; i < changes.closeSettings().size(); i++) {
            r.close("input.changes.closeSettings[" + i + "]", changes.closeSettings().get(i));
        }
        for (int i = 0; i < changes.addPlaces().size(); i++) {
            r.addPlaces("input.changes.addPlaces[" + i + "]", changes.addPlaces().get(i));
        }
        for (int i = 0; i < changes.newSettings().size(); i++) {
            r.newSetting("input.changes.newSettings[" + i + "]", FIRST_NEW_URN + i, changes.newSettings().get(i));
        }
        for (int i = 0; i < changes.feeChanges().size(); i++) {
            r.changeFees("input.changes.feeChanges[" + i + "]", changes.feeChanges().get(i));
        }
        for (int i = 0; i < changes.shiftToResourced().size(); i++) {
            r.shift("input.changes.shiftToResourced[" + i + "]", changes.shiftToResourced().get(i), Set.copyOf(laCodes));
        }
        return new Applied(new ProblemBuilder.Register(List.copyOf(r.settings.values()), r.fees, base.contracted()), r.said);
    }

    private PlanningSetting existing(String field, int urn) {
        PlanningSetting s = settings.get(urn);
        if (s == null) {
            throw ApiException.badRequest(field, "setting " + urn + " is not within reach of the plan's children, so changing it changes nothing");
        }
        return s;
    }

    private void close(String field, int urn) {
        PlanningSetting s = existing(field, urn);
        settings.put(urn, with(s, RegistrationStatus.CLOSED, "closed in this scenario", s.places()));
        said.add("closed " + s.name() + " (URN " + urn + ")");
    }

    private void addPlaces(String field, WhatIf.AddPlaces add) {
        PlanningSetting s = existing(field + ".urn", add.urn());
        need(field + ".need", add.need());
        if (add.places() < 1 || add.places() > 1000) {
            throw ApiException.badRequest(field + ".places", "must be 1 to 1,000, got " + add.places());
        }
        if (!fees.containsKey(s.urn())) {
            throw ApiException.badRequest(field + ".urn", s.name() + " (URN " + s.urn() + ") has no fees for the plan's year, so a plan can't use "
                    + "its places; add a new setting with a fee instead");
        }
        List<PlaceCell> places = new ArrayList<>();
        boolean found = false;
        for (PlaceCell c : s.places()) {
            if (c.need().equals(add.need()) && c.phase().equals(add.phase())) {
                places.add(new PlaceCell(c.need(), c.phase(), c.capacity() + add.places(), c.occupied(), c.approvedPlacements()));
                found = true;
            } else {
                places.add(c);
            }
        }
        if (!found) {
            places.add(new PlaceCell(add.need(), add.phase(), add.places(), 0, 0));
        }
        settings.put(s.urn(), with(s, s.registrationStatus(), s.statusReason(), places));
        said.add("added " + add.places() + " " + add.need() + " " + add.phase() + " place" + (add.places() == 1 ? "" : "s") + " at " + s.name()
                + " (URN " + s.urn() + ")");
    }

    private void newSetting(String field, int urn, WhatIf.NewSetting n) {
        if (n.name() == null || n.name().isBlank() || n.name().length() > 200) {
            throw ApiException.badRequest(field + ".name", "must be 1 to 200 characters");
        }
        ReferenceData.SettingTypeInfo type = n.type() == null ? null : reference.settingType(n.type());
        if (type == null) {
            throw ApiException.badRequest(field + ".type", "not a setting type code: " + n.type() + " (see settingTypes)");
        }
        reference.requireLocalAuthority(field + ".laCode", n.laCode());
        if (n.location() == null || n.location().easting() < 0 || n.location().easting() > 700_000 || n.location().northing() < 0
                || n.location().northing() > 1_300_000) {
            throw ApiException.badRequest(field + ".location", "easting 0-700,000 and northing 0-1,300,000 (British National Grid metres)");
        }
        if (n.ageFrom() < 2 || n.ageTo() > 25 || n.ageFrom() > n.ageTo()) {
            throw ApiException.badRequest(field + ".ageTo", "ages run from 2 to 25, the first no older than the last");
        }
        if (n.places() == null || n.places().isEmpty()) {
            throw ApiException.badRequest(field + ".places", "give the new setting's places by need and phase");
        }
        long fee = Money.pence(n.annualFee());
        if (fee <= 0 || fee > 150_000_000L) {
            throw ApiException.badRequest(field + ".annualFee", "must be more than £0 and at most £1,500,000.00 a year");
        }
        List<PlaceCell> cells = new ArrayList<>();
        for (int i = 0; i < n.places().size(); i++) {
            WhatIf.NewPlace p = n.places().get(i);
            need(field + ".places[" + i + "].need", p.need());
            if (p.capacity() < 1 || p.capacity() > 1000) {
                throw ApiException.badRequest(field + ".places[" + i + "].capacity", "must be 1 to 1,000, got " + p.capacity());
            }
            cells.add(new PlaceCell(p.need(), p.phase(), p.capacity(), 0, 0));
        }
        settings.put(urn, new PlanningSetting(urn, n.name().trim(), type.code(), type.defaultSector(), n.laCode(), n.location().easting(), n.location().northing(),
                n.ageFrom(), n.ageTo(), Gender.MIXED, false, RegistrationStatus.OPEN, null, 0, cells));
        // one fee for every band and every kind a day place of its phases is charged at
        List<SettingFee> schedule = new ArrayList<>();
        for (int band = 1; band <= 5; band++) {
            for (ProvisionKind kind : List.of(ProvisionKind.DAY, ProvisionKind.POST_16, ProvisionKind.ALTERNATIVE_PROVISION)) {
                schedule.add(new SettingFee(urn, band, kind, -1, 0, fee, FeeVerdict.NOT_REGULATED));
            }
        }
        fees.put(urn, schedule);
        said.add("opened " + n.name().trim() + " (" + type.name() + ", " + cells.stream().mapToInt(PlaceCell::capacity).sum() + " places, "
                + Money.format(fee) + " a year)");
    }

    private void changeFees(String field, WhatIf.FeeChange change) {
        BigDecimal percent = change.percent();
        if (percent == null || percent.compareTo(BigDecimal.valueOf(-90)) < 0 || percent.compareTo(BigDecimal.valueOf(200)) > 0) {
            throw ApiException.badRequest(field + ".percent", "a change from -90% to +200%, got " + percent);
        }
        BigDecimal factor = BigDecimal.ONE.add(percent.movePointLeft(2));
        List<Integer> urns = change.urn() != null ? List.of(existing(field + ".urn", change.urn()).urn())
                : settings.values().stream().filter(s -> s.sector() != Sector.STATE).map(PlanningSetting::urn).toList();
        for (int urn : urns) {
            fees.computeIfPresent(urn, (u, list) -> list.stream().map(f -> new SettingFee(f.urn(), f.band(), f.kind(), f.feeId(), f.revision(),
                    new BigDecimal(f.annualFeePence()).multiply(factor).setScale(0, RoundingMode.HALF_UP).longValueExact(), f.verdict())).toList());
        }
        said.add("fees " + (percent.signum() >= 0 ? "up " : "down ") + percent.abs().stripTrailingZeros().toPlainString() + "% at "
                + (change.urn() != null ? settings.get(change.urn()).name() + " (URN " + change.urn() + ")" : "every independent and non-maintained setting"));
    }

    /**
     * Moves a share of the scope's state special places for a need and phase (only empty ones: children placed stay) to
     * the scope's resourced provision that has places for it, spread evenly.
     */
    private void shift(String field, WhatIf.ShiftToResourced s, Set<String> laCodes) {
        need(field + ".need", s.need());
        if (s.percent() == null || s.percent().signum() <= 0 || s.percent().compareTo(BigDecimal.valueOf(100)) > 0) {
            throw ApiException.badRequest(field + ".percent", "a share above 0 and at most 100%, got " + s.percent());
        }
        List<PlanningSetting> resourced = settings.values().stream().filter(x -> laCodes.contains(x.laCode()) && "RESOURCED_PROVISION".equals(x.type())
                && x.registrationStatus() == RegistrationStatus.OPEN && fees.containsKey(x.urn()) && cell(x, s.need(), s.phase()) != null).toList();
        if (resourced.isEmpty()) {
            throw ApiException.badRequest(field + ".need", "the plan's LAs have no resourced provision with " + s.need() + " " + s.phase()
                    + " places and fees to take the places; add one with newSettings");
        }
        int moved = 0;
        for (PlanningSetting x : List.copyOf(settings.values())) {
            PlaceCell c = cell(x, s.need(), s.phase());
            if (c == null || !laCodes.contains(x.laCode()) || !"STATE_SPECIAL".equals(x.type())) {
                continue;
            }
            int take = Math.min(Math.max(0, c.vacancies()),
                    new BigDecimal(c.capacity()).multiply(s.percent()).movePointLeft(2).setScale(0, RoundingMode.HALF_UP).intValueExact());
            if (take > 0) {
                settings.put(x.urn(), resize(x, c, c.capacity() - take));
                moved += take;
            }
        }
        for (int i = 0; i < resourced.size(); i++) {
            int share = moved / resourced.size() + (i < moved % resourced.size() ? 1 : 0);
            PlanningSetting x = settings.get(resourced.get(i).urn());
            PlaceCell c = cell(x, s.need(), s.phase());
            settings.put(x.urn(), resize(x, c, c.capacity() + share));
        }
        said.add("moved " + moved + " empty " + s.need() + " " + s.phase() + " state special place" + (moved == 1 ? "" : "s") + " ("
                + s.percent().stripTrailingZeros().toPlainString() + "%) to " + resourced.size() + " resourced provision setting"
                + (resourced.size() == 1 ? "" : "s"));
    }

    private void need(String field, String need) {
        if (need == null || !reference.isNeedCode(need)) {
            throw ApiException.badRequest(field, "not a need type code: " + need);
        }
    }

    private static PlaceCell cell(PlanningSetting s, String need, String phase) {
        return s.places().stream().filter(c -> c.need().equals(need) && c.phase().equals(phase)).findFirst().orElse(null);
    }

    private static PlanningSetting resize(PlanningSetting s, PlaceCell cell, int capacity) {
        List<PlaceCell> places = s.places().stream().map(c -> c == cell ? new PlaceCell(c.need(), c.phase(), capacity, c.occupied(),
                c.approvedPlacements()) : c).toList();
        return with(s, s.registrationStatus(), s.statusReason(), places);
    }

    private static PlanningSetting with(PlanningSetting s, RegistrationStatus status, String reason, List<PlaceCell> places) {
        return new PlanningSetting(s.urn(), s.name(), s.type(), s.sector(), s.laCode(), s.easting(), s.northing(), s.ageFrom(), s.ageTo(),
                s.gender(), s.boarding(), status, reason, s.providerId(), places);
    }
}
