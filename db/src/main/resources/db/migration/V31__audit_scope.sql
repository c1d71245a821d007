-- Whose records an audit event is about, so each role reads only the trail it may see:
-- a commissioner their LA's, a provider their own, a regulator everything except child-level records.
ALTER TABLE audit_event
    ADD COLUMN la_code     text REFERENCES local_authority (code),
    ADD COLUMN provider_id bigint REFERENCES provider (id),
    ADD COLUMN child_level boolean NOT NULL DEFAULT false;
CREATE INDEX audit_event_la_idx ON audit_event (la_code, id) WHERE la_code IS NOT NULL;
CREATE INDEX audit_event_provider_idx ON audit_event (provider_id, id) WHERE provider_id IS NOT NULL;
