-- Absences and acting holders (R3).  A holder on leave, suspended for
-- examination, seconded or in training keeps the post; while away, an
-- acting holder (代理, 主持工作) may answer for it.  Who answers for a post at
-- a moment: the acting holder if there is one, else the holder unless
-- absent; a post whose holder is absent with nobody acting shows as such.

CREATE TYPE @extschema@.absence_kind AS ENUM ('leave', 'suspended', 'seconded', 'training', 'other');
COMMENT ON TYPE @extschema@.absence_kind IS
    'Why a holder is away from the post: leave 休假, suspended for examination 停职检查, seconded 借调/挂职, training 培训, other 其他';
INSERT INTO @extschema@.label (domain, code, label_en, label_zh) VALUES
    ('absence_kind', 'leave', 'on leave', '休假'),
    ('absence_kind', 'suspended', 'suspended for examination', '停职检查'),
    ('absence_kind', 'seconded', 'seconded', '借调'),
    ('absence_kind', 'training', 'in training', '培训'),
    ('absence_kind', 'other', 'away', '其他'),
    ('tenure_kind', 'absent', 'holder absent, nobody acting', '缺位（无人代理）');

CREATE SEQUENCE @extschema@.absence_id_seq AS bigint;
CREATE TABLE @extschema@.absence (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    absence_id  bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.absence_id_seq'),
    position_id bigint NOT NULL,
    person_id   bigint NOT NULL,
    kind        @extschema@.absence_kind NOT NULL DEFAULT 'leave',
    during      tstzrange NOT NULL,
    note        text,
    PRIMARY KEY (tenant_id, absence_id),
    FOREIGN KEY (tenant_id, position_id) REFERENCES @extschema@.position (tenant_id, position_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id),
    CHECK (NOT pg_catalog.isempty(during)),
    CONSTRAINT absence_no_overlap
        EXCLUDE USING gist (tenant_id WITH OPERATOR(pg_catalog.=), position_id WITH OPERATOR(pg_catalog.=),
                            person_id WITH OPERATOR(pg_catalog.=), during WITH OPERATOR(pg_catalog.&&))
);
ALTER SEQUENCE @extschema@.absence_id_seq OWNED BY @extschema@.absence.absence_id;
CREATE INDEX absence_position_during_idx ON @extschema@.absence (tenant_id, position_id, during);
COMMENT ON TABLE @extschema@.absence IS
    'Absences of a holder from a post (leave, suspension, secondment, training): the holder keeps the post; an acting holder may answer for it meanwhile';
COMMENT ON COLUMN @extschema@.absence.during IS 'When the holder was away: inside one of their tenures of the post';

-- The rules of tenures, checked per statement over the posts it touched:
-- an absence lies inside a tenure of its person in the post; an acting
-- holder overlaps a holder only while that holder is absent.  Changes to a
-- tenant's tenures take turns through tree_guard, so two transactions
-- cannot each make half of a breach.
CREATE FUNCTION @extschema@.check_tenures() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    touched text;
    bad record;
BEGIN
    -- The posts the statement touched (its transition tables).
    touched := 'WITH touched AS (SELECT DISTINCT tenant_id, position_id FROM ('
        || CASE TG_OP
           WHEN 'INSERT' THEN 'SELECT tenant_id, position_id FROM new_rows'
           WHEN 'DELETE' THEN 'SELECT tenant_id, position_id FROM old_rows'
           ELSE 'SELECT tenant_id, position_id FROM new_rows UNION ALL SELECT tenant_id, position_id FROM old_rows' END
        || ') r) ';
    -- Take the tenants' turns, once per transaction.
    EXECUTE touched || $q$
        INSERT INTO @extschema@.tree_guard AS g (tenant_id, tree)
        SELECT DISTINCT t.tenant_id, 'tenure' FROM touched t
         WHERE NOT EXISTS (SELECT FROM @extschema@.tree_guard g2
                            WHERE g2.tenant_id = t.tenant_id AND g2.tree = 'tenure'
                              AND g2.xmin = pg_current_xact_id()::xid)
        ON CONFLICT (tenant_id, tree) DO UPDATE SET changes = g.changes + 1$q$;

    EXECUTE touched || $q$
        SELECT ab.absence_id, ab.position_id, ab.person_id, ab.during
          FROM touched t
          JOIN @extschema@.absence ab ON ab.tenant_id = t.tenant_id AND ab.position_id = t.position_id
         WHERE NOT EXISTS (SELECT FROM @extschema@.assignment a
                            WHERE a.tenant_id = ab.tenant_id AND a.position_id = ab.position_id
                              AND a.person_id = ab.person_id AND a.tenure <> 'acting'
                              AND a.during @> ab.during)
         LIMIT 1$q$ INTO bad;
    IF bad.absence_id IS NOT NULL THEN
        RAISE EXCEPTION 'absence % of person % lies outside their tenure of position %',
              bad.absence_id, bad.person_id, bad.position_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'absence_within_tenure',
                  DETAIL = format('The absence is %s; no tenure of the person in the post (other than acting) contains it.', bad.during),
                  HINT = 'An absence is a time a holder is away from a post they hold.';
    END IF;

    EXECUTE touched || $q$
        SELECT a.assignment_id, a.position_id, a.person_id AS acting, h.person_id AS holder,
               a.during * h.during AS overlap
          FROM touched t
          JOIN @extschema@.assignment a ON a.tenant_id = t.tenant_id AND a.position_id = t.position_id
                                       AND a.tenure = 'acting'
          JOIN @extschema@.assignment h ON h.tenant_id = a.tenant_id AND h.position_id = a.position_id
                                       AND h.tenure <> 'acting' AND h.during && a.during
         WHERE NOT coalesce((SELECT range_agg(ab.during) FROM @extschema@.absence ab
                              WHERE ab.tenant_id = h.tenant_id AND ab.position_id = h.position_id
                                AND ab.person_id = h.person_id AND ab.during && a.during)
                            @> (a.during * h.during), false)
         LIMIT 1$q$ INTO bad;
    IF bad.assignment_id IS NOT NULL THEN
        RAISE EXCEPTION 'acting tenure % of position % overlaps holder % while present',
              bad.assignment_id, bad.position_id, bad.holder
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'acting_only_while_absent',
                  DETAIL = format('Person %s acts during %s, but person %s holds the post then and is not recorded absent throughout.',
                                  bad.acting, bad.overlap, bad.holder),
                  HINT = 'Record the holder''s absence first, or end the holder''s tenure.';
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.check_tenures() IS
    'Statement trigger on assignment and absence: absences lie inside a tenure of their person in the post; an acting holder overlaps a holder only while the holder is absent';

DO $triggers$
DECLARE
    t text;
    ev text;
BEGIN
    FOREACH t IN ARRAY ARRAY['assignment', 'absence'] LOOP
        FOREACH ev IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
            EXECUTE format($q$CREATE TRIGGER %1$s_tenure_rules_%2$s AFTER %3$s ON @extschema@.%1$I %4$s
                FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.check_tenures()$q$,
                t, ev, upper(ev),
                CASE ev WHEN 'insert' THEN 'REFERENCING NEW TABLE AS new_rows'
                        WHEN 'update' THEN 'REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows'
                        ELSE 'REFERENCING OLD TABLE AS old_rows' END);
        END LOOP;
        -- An absence changes who answers for a post: the image re-reads it.
        IF t = 'absence' THEN
            FOREACH ev IN ARRAY ARRAY['insert', 'update', 'delete', 'truncate'] LOOP
                EXECUTE format($q$CREATE TRIGGER absence_log_%1$s AFTER %2$s ON @extschema@.absence %3$s
                    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.log_org_change('position_id', 'p')$q$,
                    ev, upper(ev),
                    CASE ev WHEN 'insert' THEN 'REFERENCING NEW TABLE AS new_rows'
                            WHEN 'update' THEN 'REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows'
                            WHEN 'delete' THEN 'REFERENCING OLD TABLE AS old_rows'
                            ELSE '' END);
                EXECUTE format('ALTER TABLE @extschema@.absence ENABLE ALWAYS TRIGGER absence_log_%s', ev);
            END LOOP;
        END IF;
    END LOOP;
END
$triggers$;

COMMENT ON TABLE @extschema@.org_change IS
    'Internal: the keys each transaction changed in position, assignment, absence and charge (p post, u unit, a whole tenant, h pruned below xid key), read by the organisation image';
COMMENT ON FUNCTION @extschema@.log_org_change() IS
    'Statement trigger on position, assignment, absence and charge: logs the keys the statement changed in org_change';
COMMENT ON TABLE @extschema@.assignment IS
    'Who held which post when (任职): at most one holder and one acting holder of a post at any instant; an acting holder answers only while the holder is absent or the post vacant';
