-- Absences and acting holders (R3).  A holder on leave, suspended for
-- examination, seconded or in training keeps the post: the absence belongs
-- to the tenure.  While away, an acting holder (代理, 主持工作) named on the
-- absence answers for the post; with nobody named, the post shows its
-- holder as absent.  (An acting tenure in assignment stays what it was: a
-- person acting in a post that has no holder.)
--
-- Who answers for a post at a moment: the acting holder of a vacant post;
-- else the holder, or while the holder is absent the person acting for the
-- absence, or nobody.

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
    assignment_id bigint NOT NULL,
    position_id bigint NOT NULL,
    person_id   bigint NOT NULL,
    kind        @extschema@.absence_kind NOT NULL DEFAULT 'leave',
    during      tstzrange NOT NULL,
    acting_person_id bigint,
    note        text,
    PRIMARY KEY (tenant_id, absence_id),
    FOREIGN KEY (tenant_id, assignment_id) REFERENCES @extschema@.assignment (tenant_id, assignment_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, acting_person_id) REFERENCES @extschema@.person (tenant_id, person_id),
    CHECK (NOT pg_catalog.isempty(during)),
    CONSTRAINT absence_acting_not_the_holder CHECK (acting_person_id OPERATOR(pg_catalog.<>) person_id),
    CONSTRAINT absence_no_overlap
        EXCLUDE USING gist (tenant_id WITH OPERATOR(pg_catalog.=), assignment_id WITH OPERATOR(pg_catalog.=),
                            during WITH OPERATOR(pg_catalog.&&))
);
ALTER SEQUENCE @extschema@.absence_id_seq OWNED BY @extschema@.absence.absence_id;
CREATE INDEX absence_position_during_idx ON @extschema@.absence (tenant_id, position_id, during);
CREATE INDEX ON @extschema@.absence (tenant_id, assignment_id);
COMMENT ON TABLE @extschema@.absence IS
    'Absences of a holder from a post (leave, suspension, secondment, training) within one tenure: the holder keeps the post; the acting person named answers for it meanwhile';
COMMENT ON COLUMN @extschema@.absence.assignment_id IS 'The tenure the holder is away from';
COMMENT ON COLUMN @extschema@.absence.position_id IS 'The post, copied from the tenure';
COMMENT ON COLUMN @extschema@.absence.person_id IS 'The holder away, copied from the tenure';
COMMENT ON COLUMN @extschema@.absence.during IS 'When the holder was away: inside the tenure';
COMMENT ON COLUMN @extschema@.absence.acting_person_id IS 'Who acted (代理, 主持工作) meanwhile, or NULL when nobody did';

-- The post and the holder come from the tenure, which must be a holder's.
CREATE FUNCTION @extschema@.absence_from_tenure() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    a record;
BEGIN
    IF TG_TABLE_NAME = 'assignment' THEN
        UPDATE @extschema@.absence b SET position_id = NEW.position_id, person_id = NEW.person_id
         WHERE b.tenant_id = NEW.tenant_id AND b.assignment_id = NEW.assignment_id;
        RETURN NULL;
    END IF;
    SELECT t.position_id, t.person_id, t.tenure INTO a FROM @extschema@.assignment t
     WHERE t.tenant_id = NEW.tenant_id AND t.assignment_id = NEW.assignment_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'tenure % does not exist', NEW.assignment_id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'absence_tenant_id_assignment_id_fkey',
                  DETAIL = 'An absence is from a tenure (assignment) of the current tenant.';
    END IF;
    IF a.tenure = 'acting' THEN
        RAISE EXCEPTION 'absence % is from an acting tenure', NEW.absence_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'absence_of_a_holder',
                  DETAIL = format('Tenure %s of post %s is acting.', NEW.assignment_id, a.position_id),
                  HINT = 'An absence is a holder''s; an acting person stands in for a vacant post or an absent holder.';
    END IF;
    NEW.position_id := a.position_id;
    NEW.person_id := a.person_id;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.absence_from_tenure() IS
    'Trigger on absence (and on assignment when a tenure changes post or person): an absence is of a holder''s tenure, and carries its post and person';
CREATE TRIGGER absence_from_tenure
    BEFORE INSERT OR UPDATE ON @extschema@.absence
    FOR EACH ROW EXECUTE FUNCTION @extschema@.absence_from_tenure();
CREATE TRIGGER assignment_absences_follow
    AFTER UPDATE OF position_id, person_id ON @extschema@.assignment
    FOR EACH ROW WHEN (OLD.position_id IS DISTINCT FROM NEW.position_id OR OLD.person_id IS DISTINCT FROM NEW.person_id)
    EXECUTE FUNCTION @extschema@.absence_from_tenure();
-- An absence lies inside its tenure.
DO $nest$
BEGIN
    EXECUTE $q$CREATE TRIGGER absence_within_tenure_ins AFTER INSERT ON @extschema@.absence REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.check_within('absence', 'absence_id', 'assignment_id', 'during',
                                                                    'assignment', 'assignment_id', 'during', 'absence_within_tenure')$q$;
    EXECUTE $q$CREATE TRIGGER absence_within_tenure_upd AFTER UPDATE ON @extschema@.absence REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.check_within('absence', 'absence_id', 'assignment_id', 'during',
                                                                    'assignment', 'assignment_id', 'during', 'absence_within_tenure')$q$;
    EXECUTE $q$CREATE TRIGGER absence_within_tenure_outer AFTER UPDATE ON @extschema@.assignment REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.check_within('absence', 'absence_id', 'assignment_id', 'during',
                                                                    'assignment', 'assignment_id', 'during', 'absence_within_tenure')$q$;
END
$nest$;

-- An absence changes who answers for a post: the image re-reads the post.
DO $triggers$
DECLARE
    ev text;
BEGIN
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
END
$triggers$;
