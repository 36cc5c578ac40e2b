-- The back-trace (A1, A2, A3): who answers for an incident, in what
-- capacity and why, as of the moment it happened (src/backtrace.c; the
-- rules are the policy data of 66_incident.sql).

CREATE FUNCTION @extschema@.backtrace(incident_ids bigint[])
    RETURNS TABLE (incident_id bigint, level integer, person_id bigint, position_id bigint,
                   kind @extschema@.responsibility_kind, kind_zh text, rule text, reason text, reason_zh text,
                   chain @extschema@.rchain, tenure text, rules text[])
    AS 'MODULE_PATHNAME', 'backtrace_incidents'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.backtrace(bigint[]) IS
    'Back-trace (责任倒查) of many incidents in one call, in the order given: for each, one row per person who answers for it, as of its moment: the people of the failed work (or the owners of the failed step or duty then), supervisors, then the leaders up the chain of command as far as severity and category reach; rule names the rule of trace_rule that put them there and reason, reason_zh say it in words; kind is NULL for a person the rules clear and for a post nobody answered for (person_id NULL, rule vacant or no_owner), which passes the responsibility up to the next person by took_over_<kind>, and appears once; tenure says how the person held the post (holder, acting, concurrent) or why nobody did (vacant, absent); level is the depth in chain, the chain of command from the post the failure started from.  One row per person: when several rules name them, the heaviest kind governs (direct > main leadership > important leadership > supervisory > none), and rules lists every rule that named them, the governing one first.  The leaders are climbed up to the reach of the severity and category, counted from the post that owned the failed step or duty (else the head of the incident''s unit); the people of the failed work answer by what they did in it, not as leaders above it';

CREATE FUNCTION @extschema@.backtrace(incident_id bigint)
    RETURNS TABLE (incident_id bigint, level integer, person_id bigint, position_id bigint,
                   kind @extschema@.responsibility_kind, kind_zh text, rule text, reason text, reason_zh text,
                   chain @extschema@.rchain, tenure text, rules text[])
    LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT * FROM @extschema@.backtrace(ARRAY[incident_id]) $$;
COMMENT ON FUNCTION @extschema@.backtrace(bigint) IS
    'Back-trace (责任倒查) of one incident: one row per person who answers for it, as of its moment, with the kind of responsibility, the rule that put them there and its reason in English and Chinese, their level in the chain of command and the chain, and every rule that named them; see backtrace(bigint[])';
