-- Lives nest (R3): a post lies inside its unit's life, a tenure or a charge
-- inside its post's, and (60_catalogue.sql) a duty inside its unit's, an
-- ownership inside its post's and its duty's.  Checked per statement, from
-- either side: the rows a statement writes in the inner table, and the
-- inner rows of the outer rows whose life a statement changed.
--
-- Arguments: inner table, inner id column, inner reference column, inner
-- span column, outer table, outer key column, outer span column, name of
-- the rule.  The trigger is on the inner table (INSERT, UPDATE) or on the
-- outer one (UPDATE).
-- A span with its infinite ends closed, whether written unbounded or as
-- ±infinity, so that [2005-01-01,) lies inside [-infinity,infinity).
CREATE FUNCTION @extschema@.closed_span(span tstzrange) RETURNS tstzrange
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE WHEN isempty(span) THEN span
                ELSE tstzrange(coalesce(lower(span), '-infinity'), coalesce(upper(span), 'infinity'),
                               CASE WHEN lower_inc(span) OR lower_inf(span) OR lower(span) = '-infinity' THEN '[' ELSE '(' END ||
                               CASE WHEN upper_inc(span) OR upper_inf(span) OR upper(span) = 'infinity' THEN ']' ELSE ')' END) END;
COMMENT ON FUNCTION @extschema@.closed_span(tstzrange) IS
    'The span with an unbounded or infinite end closed at ±infinity: for comparing lives written either way';

CREATE FUNCTION @extschema@.check_within() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    inner_tab text := TG_ARGV[0];
    inner_id text := TG_ARGV[1];
    inner_ref text := TG_ARGV[2];
    inner_span text := TG_ARGV[3];
    outer_tab text := TG_ARGV[4];
    outer_key text := TG_ARGV[5];
    outer_span text := TG_ARGV[6];
    bad record;
BEGIN
    IF TG_TABLE_NAME = inner_tab THEN
        EXECUTE format($q$SELECT i.%2$I AS id, i.%3$I AS ref, i.%4$I AS span, o.%7$I AS outer_span
                            FROM new_rows i JOIN @extschema@.%5$I o
                              ON o.tenant_id = i.tenant_id AND o.%6$I = i.%3$I
                           WHERE NOT @extschema@.closed_span(o.%7$I) @> @extschema@.closed_span(i.%4$I) LIMIT 1$q$,
                       inner_tab, inner_id, inner_ref, inner_span, outer_tab, outer_key, outer_span) INTO bad;
    ELSE
        EXECUTE format($q$SELECT i.%2$I AS id, i.%3$I AS ref, i.%4$I AS span, o.%7$I AS outer_span
                            FROM new_rows o JOIN @extschema@.%1$I i
                              ON i.tenant_id = o.tenant_id AND i.%3$I = o.%6$I
                           WHERE NOT @extschema@.closed_span(o.%7$I) @> @extschema@.closed_span(i.%4$I) LIMIT 1$q$,
                       inner_tab, inner_id, inner_ref, inner_span, outer_tab, outer_key, outer_span) INTO bad;
    END IF;
    IF bad.id IS NOT NULL THEN
        RAISE EXCEPTION '% % lies outside the life of % %', inner_tab, bad.id, outer_tab, bad.ref
            USING ERRCODE = 'check_violation', CONSTRAINT = TG_ARGV[7],
                  DETAIL = format('%s %s runs %s; %s %s exists %s.', inner_tab, bad.id, bad.span,
                                  outer_tab, bad.ref, bad.outer_span),
                  HINT = format('Make the %s fit inside the %s''s %s, or change that first.', inner_tab, outer_tab, outer_span);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.check_within() IS
    'Statement trigger: the rows written lie inside the life of the row they belong to (a post in its unit, a tenure in its post …)';

-- Declares one nesting rule: the two statement triggers that enforce it.
CREATE FUNCTION @extschema@.nest_within(inner_tab text, inner_id text, inner_ref text, inner_span text,
                                       outer_tab text, outer_key text, outer_span text, rule text)
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    args text := format('%L, %L, %L, %L, %L, %L, %L, %L', inner_tab, inner_id, inner_ref, inner_span,
                        outer_tab, outer_key, outer_span, rule);
BEGIN
    EXECUTE format($q$CREATE TRIGGER %1$s_ins AFTER INSERT ON @extschema@.%2$I REFERENCING NEW TABLE AS new_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.check_within(%3$s)$q$, rule, inner_tab, args);
    EXECUTE format($q$CREATE TRIGGER %1$s_upd AFTER UPDATE ON @extschema@.%2$I REFERENCING NEW TABLE AS new_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.check_within(%3$s)$q$, rule, inner_tab, args);
    EXECUTE format($q$CREATE TRIGGER %1$s_outer AFTER UPDATE ON @extschema@.%2$I REFERENCING NEW TABLE AS new_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.check_within(%3$s)$q$, rule, outer_tab, args);
END
$$;
-- (Dropped at the end of 60_catalogue.sql, its last user.)

SELECT @extschema@.nest_within('position', 'position_id', 'unit_id', 'valid', 'unit', 'unit_id', 'valid', 'position_within_unit');
SELECT @extschema@.nest_within('assignment', 'assignment_id', 'position_id', 'during', 'position', 'position_id', 'valid', 'assignment_within_position');
SELECT @extschema@.nest_within('charge', 'charge_id', 'position_id', 'during', 'position', 'position_id', 'valid', 'charge_within_position');
