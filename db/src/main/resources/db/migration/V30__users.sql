-- Who may do what: each authenticated subject (a JWT's "sub", or a demo user's name) has one role and its scope.
-- Identity comes from the identity provider; authorisation lives here, managed by admins and audited.

CREATE TABLE app_user (
    subject      text PRIMARY KEY CHECK (length(subject) BETWEEN 1 AND 200),
    role         text NOT NULL CHECK (role IN ('COMMISSIONER', 'REGIONAL_PLANNER', 'PROVIDER', 'REGULATOR', 'ADMIN')),
    la_code      text REFERENCES local_authority (code),
    region_code  text REFERENCES region (code),
    provider_id  bigint REFERENCES provider (id),
    display_name text,
    active       boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    -- exactly the scope the role needs, nothing more
    CONSTRAINT app_user_scope_matches_role CHECK (
        (la_code IS NOT NULL) = (role = 'COMMISSIONER')
        AND (region_code IS NOT NULL) = (role = 'REGIONAL_PLANNER')
        AND (provider_id IS NOT NULL) = (role = 'PROVIDER'))
);
