
REVOKE ALL ON FUNCTION @extschema@.case_waive(bigint, bigint, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.case_waive(bigint, bigint, text, timestamptz) TO responsibility_writer;

-- supervise() records a red card's incident as a delay (incident.overdue):
-- its body is patched where it inserts the incident, as 74_supervision_api.sql
-- now reads.
DO $patch$
DECLARE
    def text := pg_catalog.pg_get_functiondef('@extschema@.supervise(bigint, timestamptz, date)'::pg_catalog.regprocedure);
    patched text;
BEGIN
    patched := pg_catalog.replace(pg_catalog.replace(def, 'work_ref, source)', 'work_ref, source, overdue)'),
                                  '''supervision'')', '''supervision'', true)');
    IF patched = def OR pg_catalog.strpos(patched, 'source, overdue)') = 0 THEN
        RAISE EXCEPTION 'supervise() is not the 0.5.0 one: cannot patch it';
    END IF;
    EXECUTE patched;
END
$patch$;
