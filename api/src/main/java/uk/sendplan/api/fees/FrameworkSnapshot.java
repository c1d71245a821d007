package uk.sendplan.api.fees;

import uk.sendplan.db.types.FeeVerdict;

import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.ProvisionKind;

import uk.sendplan.db.types.RateFrameworkStatus;

import com.fasterxml.jackson.annotation.JsonInclude;
import uk.sendplan.api.audit.AuditSnapshot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

/**
 * A rates framework version as the audit trail keeps it: amounts as exact decimal strings, area cost adjustments as
 * region code to multiplier ("E12000007": "1.120").
 */
record FrameworkSnapshot(long id, String financialYear, int version, String name, String description, RateFrameworkStatus status,
                         String maxUpliftPercent, List<Band> bands, Map<String, String> areaAdjustments, String surplusCapPercent,
                         List<ProviderKind> breakdownRequiredFrom, String breakdownTolerance) implements AuditSnapshot {

    /** {@code stateTariffMin} and {@code stateTariffMax} are left out for a band without a state tariff. */
    record Band(String code, String description, ProvisionKind kind, int complexity, List<String> needs, String referenceRate, String ceiling,
                @JsonInclude(NON_NULL) String stateTariffMin, @JsonInclude(NON_NULL) String stateTariffMax) {
    }

    /** A draft published: the version it supersedes (null for the year's first) and what re-checking the year's fees found. */
    record Published(RateFrameworkStatus status, Long supersedes, int feesRechecked, Map<FeeVerdict, Integer> verdicts) implements AuditSnapshot {
    }

    /** A status on its own; {@code supersededBy} only for the version a publication replaced. */
    record Status(RateFrameworkStatus status, @JsonInclude(NON_NULL) Long supersededBy) implements AuditSnapshot {

        Status(RateFrameworkStatus status) {
            this(status, null);
        }
    }

    static FrameworkSnapshot of(RateFrameworkView f) {
        Map<String, String> adjustments = new LinkedHashMap<>();
        f.areaAdjustments().forEach(a -> adjustments.put(a.regionCode(), a.multiplier().toPlainString()));
        return new FrameworkSnapshot(f.id(), f.financialYear(), f.version(), f.name(), f.description(), f.status(),
                f.maxUpliftPercent().toPlainString(), f.bands().stream().map(b -> new Band(b.code(), b.description(), b.kind(),
                b.complexity(), b.needs(), b.referenceRate().toPlainString(), b.ceiling().toPlainString(),
                b.stateTariff() == null ? null : b.stateTariff().min().toPlainString(),
                b.stateTariff() == null ? null : b.stateTariff().max().toPlainString())).toList(), adjustments,
                f.surplusCapPercent().toPlainString(), f.breakdownRequiredFrom(), f.breakdownTolerance().toPlainString());
    }
}
