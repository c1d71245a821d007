package uk.sendplan.api.settings;

import uk.sendplan.db.types.ProviderKind;

import uk.sendplan.api.audit.AuditSnapshot;
import uk.sendplan.db.jooq.tables.records.ProviderRecord;

/** A provider as the audit trail keeps it when it is registered. */
record ProviderSnapshot(Long id, String name, String companyNumber, ProviderKind kind, Boolean forProfit, String laCode) implements AuditSnapshot {

    static ProviderSnapshot of(ProviderRecord p) {
        return new ProviderSnapshot(p.getId(), p.getName(), p.getCompanyNumber(), p.getKind(), p.getForProfit(), p.getLaCode());
    }
}
