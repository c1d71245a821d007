package uk.sendplan.api.audit;

/**
 * What a feature's record looked like before or after a change, as the audit trail keeps it. Each feature writes its
 * own records (a setting, a fee, a plan...) in its own package; Jackson writes their components as the JSON object
 * stored in {@code audit_event.before} and {@code after}, so a component's name is a key of every stored event and
 * renaming one changes what the trail says from then on. Null components are written as nulls unless the record says
 * otherwise ({@code @JsonInclude}) for a key the trail leaves out when there is nothing to say.
 */
public interface AuditSnapshot {
}
