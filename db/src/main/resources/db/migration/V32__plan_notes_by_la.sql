-- A plan's notes name children, so each is kept with its child's LA and read in full only by that LA's commissioner
-- (a regional planner reads counts). Notes were plain text; each becomes {laCode, reference, kind, text}.
-- The LA of a note in an LA plan is the plan's; in a regional plan it is the LA in the region whose request has the
-- note's reference, when exactly one has (otherwise null: the note is then counted but shown to nobody).
UPDATE plan p
SET notes = (
    SELECT coalesce(jsonb_agg(
               CASE WHEN jsonb_typeof(n.note) <> 'string' THEN n.note
               ELSE jsonb_build_object(
                   'laCode', CASE WHEN p.scope_type = 'LOCAL_AUTHORITY' THEN p.scope_code
                             ELSE (SELECT CASE WHEN count(*) = 1 THEN min(r.la_code) END
                                   FROM placement_request r JOIN local_authority la ON la.code = r.la_code
                                   WHERE la.region_code = p.scope_code
                                     AND r.reference = substring(n.note #>> '{}' FROM '^request ([^ ]+): ')) END,
                   'reference', substring(n.note #>> '{}' FROM '^request ([^ ]+): '),
                   'kind', CASE
                       WHEN n.note #>> '{}' LIKE '%: preferred setting %' THEN 'PREFERENCE_UNAVAILABLE'
                       WHEN n.note #>> '{}' LIKE '%: can''t be kept in current setting %' THEN 'CURRENT_SETTING_UNSUITABLE'
                       WHEN n.note #>> '{}' LIKE '%is not available to this plan%' THEN 'CURRENT_SETTING_UNAVAILABLE'
                       ELSE 'CURRENT_SETTING_LACKS_PLACES' END,
                   'text', n.note #>> '{}')
               END ORDER BY n.position), '[]'::jsonb)
    FROM jsonb_array_elements(p.notes) WITH ORDINALITY AS n(note, position))
WHERE jsonb_path_exists(p.notes, '$[*] ? (@.type() == "string")');
