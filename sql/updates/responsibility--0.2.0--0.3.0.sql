-- responsibility 0.2.0 -> 0.3.0: absences and acting holders, nested lives,
-- the catalogue of duties, powers and processes, the coverage report, the
-- white paper and diagrams.  Built by the Makefile: this header, then the
-- install sources that are new in 0.3.0 or replace what they define.
\echo Use "ALTER EXTENSION responsibility UPDATE TO '0.3.0'" to load this file. \quit

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
-- Who answers for a post at a moment (R3): the holder, or while the holder
-- is absent the person acting for them (28_absence.sql).  The same rule as
-- OrgPostAnswerAt() in src/org_image.c, which command_chain follows.

CREATE OR REPLACE FUNCTION @extschema@.command_chain(position_id bigint, at timestamptz, domain text)
    RETURNS @extschema@.rchain
    AS 'MODULE_PATHNAME', 'command_chain'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.command_chain(bigint, timestamptz, text) IS
    'Chain of command of a post as of a moment for a duty or process of a domain: from the first head of a unit on the way, it passes through the leader in charge of the domain (charge.domain) when there is one then';

COMMENT ON FUNCTION @extschema@.command_chain(bigint, timestamptz) IS
    'Chain of command (指挥链) of a post as of a moment: the post, the post it answers to, via the leader in charge (分管) of a unit where there is one, up to the head of the top unit, with who answered for each then (vacancies, acting holders and absent holders marked). Answers what the calling statement''s snapshot sees, through the per-backend organisation image.';

CREATE OR REPLACE FUNCTION @extschema@.holder(position_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS bigint
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT CASE WHEN b.absence_id IS NULL THEN a.person_id ELSE b.acting_person_id END
              FROM @extschema@.assignment a
              LEFT JOIN @extschema@.absence b
                ON b.tenant_id OPERATOR(pg_catalog.=) a.tenant_id
               AND b.assignment_id OPERATOR(pg_catalog.=) a.assignment_id
               AND b.during OPERATOR(pg_catalog.@>) holder.at
             WHERE a.tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant())
               AND a.position_id OPERATOR(pg_catalog.=) holder.position_id
               AND a.during OPERATOR(pg_catalog.@>) holder.at);
COMMENT ON FUNCTION @extschema@.holder(bigint, timestamptz) IS
    'The person who answered for the post at the moment: its holder (or acting holder), or while the holder was absent the person acting for them; NULL when the post was vacant or its holder absent with nobody acting';

CREATE OR REPLACE FUNCTION @extschema@.posts_at(at timestamptz DEFAULT pg_catalog.now())
    RETURNS TABLE (position_id bigint, unit_id bigint, title text, kind @extschema@.position_kind,
                   reports_to bigint, person_id bigint, person_name text, tenure text)
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    -- Every post of the tenant is read: merge or hash joins, never an index
    -- probe per post.  (Under row-level security the planner may not use the
    -- statistics of the range columns, guesses that few posts match and
    -- would choose a nested loop.)
    SET enable_nestloop = off
    AS $$
BEGIN
    -- Planned for this tenant and moment (EXECUTE): a generic plan, blind to
    -- both, would probe an index once per post.
    RETURN QUERY EXECUTE $q$
    SELECT p.position_id, p.unit_id, p.title, p.kind, p.reports_to,
           coalesce(b.acting_person_id, h.person_id), pe.name,
           CASE WHEN h.person_id IS NULL THEN 'vacant'
                WHEN b.absence_id IS NULL THEN h.tenure::text
                WHEN b.acting_person_id IS NULL THEN 'absent'
                ELSE 'acting' END
      FROM @extschema@.position p
      LEFT JOIN @extschema@.assignment h
        ON h.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND h.position_id OPERATOR(pg_catalog.=) p.position_id
       AND h.during OPERATOR(pg_catalog.@>) $2
      LEFT JOIN @extschema@.absence b
        ON b.tenant_id OPERATOR(pg_catalog.=) h.tenant_id AND b.assignment_id OPERATOR(pg_catalog.=) h.assignment_id
       AND b.during OPERATOR(pg_catalog.@>) $2
      LEFT JOIN @extschema@.person pe
        ON pe.tenant_id OPERATOR(pg_catalog.=) p.tenant_id
       AND pe.person_id OPERATOR(pg_catalog.=) coalesce(b.acting_person_id, h.person_id)
     WHERE p.tenant_id OPERATOR(pg_catalog.=) $1
       AND p.valid OPERATOR(pg_catalog.@>) $2
     ORDER BY p.position_id$q$
    USING @extschema@.current_tenant(), at;
END
$$;
COMMENT ON FUNCTION @extschema@.posts_at(timestamptz) IS
    'Every post of the current tenant that existed at the moment, with who answered for it then: the holder (tenure ''holder'' or ''concurrent''), an acting holder (''acting'', also for an absent holder), the holder away with nobody acting (''absent''), or nobody (''vacant'')';
-- The catalogue (R2, R4, R5): duties (责任清单) owned by posts over time,
-- powers (权力清单) tied to the duties they imply, and processes (流程) whose
-- steps are owned by posts over time and hand off to one another.  The
-- coverage report (70_coverage.sql) checks that every duty and step has
-- exactly one primary owner at every moment.

CREATE TYPE @extschema@.ownership_kind AS ENUM ('primary', 'supervisory');
COMMENT ON TYPE @extschema@.ownership_kind IS
    'How a post owns a duty: primary responsibility 主体责任, or supervisory responsibility 监管责任';
CREATE TYPE @extschema@.power_kind AS ENUM ('approval', 'inspection', 'penalty', 'spending', 'other');
COMMENT ON TYPE @extschema@.power_kind IS
    'Kind of power: approval 审批, inspection 检查, penalty 处罚, spending 资金支出, other 其他';
CREATE TYPE @extschema@.step_role AS ENUM ('acceptance', 'handler', 'reviewer', 'approver', 'other');
COMMENT ON TYPE @extschema@.step_role IS
    'Role of a process step: acceptance 受理, handling 承办, review 审核, approval 批准, other 其他';
INSERT INTO @extschema@.label (domain, code, label_en, label_zh) VALUES
    ('ownership_kind', 'primary', 'primary responsibility', '主体责任'),
    ('ownership_kind', 'supervisory', 'supervisory responsibility', '监管责任'),
    ('power_kind', 'approval', 'approval', '审批'),
    ('power_kind', 'inspection', 'inspection', '检查'),
    ('power_kind', 'penalty', 'penalty', '处罚'),
    ('power_kind', 'spending', 'spending', '资金支出'),
    ('power_kind', 'other', 'other', '其他'),
    ('step_role', 'acceptance', 'acceptance', '受理'),
    ('step_role', 'handler', 'handling', '承办'),
    ('step_role', 'reviewer', 'review', '审核'),
    ('step_role', 'approver', 'approval', '批准'),
    ('step_role', 'other', 'other', '其他');

-- A domain has one leader in charge at a time, found through this index.
ALTER TABLE @extschema@.charge ADD CONSTRAINT charge_one_leader_per_domain
    EXCLUDE USING gist (tenant_id WITH OPERATOR(pg_catalog.=), domain WITH OPERATOR(pg_catalog.=),
                        during WITH OPERATOR(pg_catalog.&&)) WHERE (domain IS NOT NULL);
CREATE INDEX charge_domain_during_idx ON @extschema@.charge (tenant_id, domain, during) WHERE (domain IS NOT NULL);

CREATE SEQUENCE @extschema@.duty_id_seq AS bigint;
CREATE TABLE @extschema@.duty (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    duty_id     bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.duty_id_seq'),
    unit_id     bigint NOT NULL,
    code        text,
    title       text NOT NULL,
    basis       text,
    domain      text,
    target      text,
    target_value numeric,
    target_unit text,
    measure     text,
    consequence text,
    public_interest boolean NOT NULL DEFAULT false,
    valid       tstzrange NOT NULL DEFAULT pg_catalog.tstzrange('-infinity'::pg_catalog.timestamptz, 'infinity'::pg_catalog.timestamptz),
    PRIMARY KEY (tenant_id, duty_id),
    UNIQUE (tenant_id, code),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    CHECK (NOT pg_catalog.isempty(valid))
);
ALTER SEQUENCE @extschema@.duty_id_seq OWNED BY @extschema@.duty.duty_id;
CREATE INDEX ON @extschema@.duty (tenant_id, unit_id);
COMMENT ON TABLE @extschema@.duty IS
    'Duties (责任清单) of units, each with its basis, target, measure and the consequence of failing it (有责必有罚)';
COMMENT ON COLUMN @extschema@.duty.basis IS 'The legal or policy basis (依据)';
COMMENT ON COLUMN @extschema@.duty.domain IS 'The domain (领域), such as work safety: the leader in charge of it is in the duty''s chain';
COMMENT ON COLUMN @extschema@.duty.target IS 'The quantified target (量化指标) in words; target_value and target_unit when it is a number';
COMMENT ON COLUMN @extschema@.duty.measure IS 'How the target is measured (考核方法)';
COMMENT ON COLUMN @extschema@.duty.consequence IS 'The consequence of failing the duty (责任追究)';
COMMENT ON COLUMN @extschema@.duty.public_interest IS 'The duty touches the public interest: it appears in the unit''s white paper';
COMMENT ON COLUMN @extschema@.duty.valid IS 'When the duty was the unit''s';

CREATE SEQUENCE @extschema@.duty_owner_id_seq AS bigint;
CREATE TABLE @extschema@.duty_owner (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    duty_owner_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.duty_owner_id_seq'),
    duty_id     bigint NOT NULL,
    position_id bigint NOT NULL,
    kind        @extschema@.ownership_kind NOT NULL DEFAULT 'primary',
    during      tstzrange NOT NULL,
    PRIMARY KEY (tenant_id, duty_owner_id),
    FOREIGN KEY (tenant_id, duty_id) REFERENCES @extschema@.duty (tenant_id, duty_id),
    FOREIGN KEY (tenant_id, position_id) REFERENCES @extschema@.position (tenant_id, position_id),
    CHECK (NOT pg_catalog.isempty(during))
);
ALTER SEQUENCE @extschema@.duty_owner_id_seq OWNED BY @extschema@.duty_owner.duty_owner_id;
CREATE INDEX duty_owner_duty_during_idx ON @extschema@.duty_owner (tenant_id, duty_id, during);
CREATE INDEX duty_owner_position_idx ON @extschema@.duty_owner (tenant_id, position_id);
COMMENT ON TABLE @extschema@.duty_owner IS
    'Which post owned which duty when, as primary (主体责任) or supervisory (监管责任) owner; a duty has one primary owner at a time (the coverage report finds gaps and overlaps)';

CREATE SEQUENCE @extschema@.power_id_seq AS bigint;
CREATE TABLE @extschema@.power (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    power_id    bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.power_id_seq'),
    unit_id     bigint NOT NULL,
    position_id bigint,
    kind        @extschema@.power_kind NOT NULL,
    code        text,
    title       text NOT NULL,
    basis       text,
    valid       tstzrange NOT NULL DEFAULT pg_catalog.tstzrange('-infinity'::pg_catalog.timestamptz, 'infinity'::pg_catalog.timestamptz),
    PRIMARY KEY (tenant_id, power_id),
    UNIQUE (tenant_id, code),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    FOREIGN KEY (tenant_id, position_id) REFERENCES @extschema@.position (tenant_id, position_id),
    CHECK (NOT pg_catalog.isempty(valid))
);
ALTER SEQUENCE @extschema@.power_id_seq OWNED BY @extschema@.power.power_id;
CREATE INDEX ON @extschema@.power (tenant_id, unit_id);
COMMENT ON TABLE @extschema@.power IS
    'Powers (权力清单) a unit, or a post in it, holds: approval, inspection, penalty, spending, other';

CREATE TABLE @extschema@.power_duty (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    power_id    bigint NOT NULL,
    duty_id     bigint NOT NULL,
    PRIMARY KEY (tenant_id, power_id, duty_id),
    FOREIGN KEY (tenant_id, power_id) REFERENCES @extschema@.power (tenant_id, power_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, duty_id) REFERENCES @extschema@.duty (tenant_id, duty_id)
);
CREATE INDEX ON @extschema@.power_duty (tenant_id, duty_id);
COMMENT ON TABLE @extschema@.power_duty IS
    'The duties a power implies (权责对应): a power with none is power without responsibility (有权无责)';

CREATE SEQUENCE @extschema@.process_id_seq AS bigint;
CREATE TABLE @extschema@.process (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    process_id  bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.process_id_seq'),
    unit_id     bigint NOT NULL,
    code        text,
    title       text NOT NULL,
    domain      text,
    valid       tstzrange NOT NULL DEFAULT pg_catalog.tstzrange('-infinity'::pg_catalog.timestamptz, 'infinity'::pg_catalog.timestamptz),
    PRIMARY KEY (tenant_id, process_id),
    UNIQUE (tenant_id, code),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    CHECK (NOT pg_catalog.isempty(valid))
);
ALTER SEQUENCE @extschema@.process_id_seq OWNED BY @extschema@.process.process_id;
CREATE INDEX ON @extschema@.process (tenant_id, unit_id);
COMMENT ON TABLE @extschema@.process IS
    'Workflows (业务流程) of a unit, in a domain; their steps may be owned by posts of other units';

CREATE SEQUENCE @extschema@.step_id_seq AS bigint;
CREATE TABLE @extschema@.process_step (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    step_id     bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.step_id_seq'),
    process_id  bigint NOT NULL,
    seq         integer NOT NULL,
    name        text NOT NULL,
    role        @extschema@.step_role NOT NULL,
    time_limit  integer,
    is_end      boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, step_id),
    UNIQUE (tenant_id, process_id, step_id),
    UNIQUE (tenant_id, process_id, seq),
    FOREIGN KEY (tenant_id, process_id) REFERENCES @extschema@.process (tenant_id, process_id) ON DELETE CASCADE,
    CONSTRAINT process_step_time_limit_positive CHECK (time_limit OPERATOR(pg_catalog.>) 0)
);
ALTER SEQUENCE @extschema@.step_id_seq OWNED BY @extschema@.process_step.step_id;
COMMENT ON TABLE @extschema@.process_step IS
    'Steps of a process in order (受理 → 承办 → 审核 → 批准 …), each with its role and time limit; owned by posts over time (step_owner)';
COMMENT ON COLUMN @extschema@.process_step.seq IS 'Order in the process; the first step is where the process starts';
COMMENT ON COLUMN @extschema@.process_step.time_limit IS 'Time limit of the step in working days (positive), NULL when none';
COMMENT ON COLUMN @extschema@.process_step.is_end IS 'The process may end here; any other step must hand off';

CREATE SEQUENCE @extschema@.step_owner_id_seq AS bigint;
CREATE TABLE @extschema@.step_owner (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    step_owner_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.step_owner_id_seq'),
    step_id     bigint NOT NULL,
    position_id bigint NOT NULL,
    during      tstzrange NOT NULL,
    PRIMARY KEY (tenant_id, step_owner_id),
    FOREIGN KEY (tenant_id, step_id) REFERENCES @extschema@.process_step (tenant_id, step_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, position_id) REFERENCES @extschema@.position (tenant_id, position_id),
    CHECK (NOT pg_catalog.isempty(during))
);
ALTER SEQUENCE @extschema@.step_owner_id_seq OWNED BY @extschema@.step_owner.step_owner_id;
CREATE INDEX step_owner_step_during_idx ON @extschema@.step_owner (tenant_id, step_id, during);
CREATE INDEX step_owner_position_idx ON @extschema@.step_owner (tenant_id, position_id);
COMMENT ON TABLE @extschema@.step_owner IS
    'Which post owned which process step when; a step has one owner at a time (the coverage report finds gaps and overlaps)';

CREATE TABLE @extschema@.step_handoff (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    process_id  bigint NOT NULL,
    from_step   bigint NOT NULL,
    to_step     bigint NOT NULL,
    PRIMARY KEY (tenant_id, from_step, to_step),
    FOREIGN KEY (tenant_id, process_id, from_step)
        REFERENCES @extschema@.process_step (tenant_id, process_id, step_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, process_id, to_step)
        REFERENCES @extschema@.process_step (tenant_id, process_id, step_id) ON DELETE CASCADE
);
CREATE INDEX ON @extschema@.step_handoff (tenant_id, process_id);
COMMENT ON TABLE @extschema@.step_handoff IS
    'Hand-offs between steps of one process (a step of another process cannot be named)';

SELECT @extschema@.nest_within('duty', 'duty_id', 'unit_id', 'valid', 'unit', 'unit_id', 'valid', 'duty_within_unit');
SELECT @extschema@.nest_within('duty_owner', 'duty_owner_id', 'duty_id', 'during', 'duty', 'duty_id', 'valid', 'duty_owner_within_duty');
SELECT @extschema@.nest_within('duty_owner', 'duty_owner_id', 'position_id', 'during', 'position', 'position_id', 'valid', 'duty_owner_within_position');
SELECT @extschema@.nest_within('step_owner', 'step_owner_id', 'position_id', 'during', 'position', 'position_id', 'valid', 'step_owner_within_position');
SELECT @extschema@.nest_within('power', 'power_id', 'unit_id', 'valid', 'unit', 'unit_id', 'valid', 'power_within_unit');
SELECT @extschema@.nest_within('process', 'process_id', 'unit_id', 'valid', 'unit', 'unit_id', 'valid', 'process_within_unit');

-- Key competencies of a post (职位说明书).
ALTER TABLE @extschema@.position ADD COLUMN competencies text[] NOT NULL DEFAULT '{}';
COMMENT ON COLUMN @extschema@.position.competencies IS 'Key competencies (关键能力) the post calls for, one item each';

-- Writes log their keys in org_change, as writes to the organisation do:
-- the coverage report's arrays (src/coverage_image.c) read those keys again
-- (d duty, s step, r process).
DO $triggers$
DECLARE
    t record;
    ev text;
BEGIN
    FOR t IN SELECT * FROM (VALUES ('duty', 'duty_id', 'd'), ('duty_owner', 'duty_id', 'd'),
                                   ('process', 'process_id', 'r'), ('process_step', 'step_id', 's'),
                                   ('step_owner', 'step_id', 's')) v(tab, col, kind) LOOP
        FOREACH ev IN ARRAY ARRAY['insert', 'update', 'delete', 'truncate'] LOOP
            EXECUTE format($q$CREATE TRIGGER %1$s_log_%2$s AFTER %3$s ON @extschema@.%1$I %4$s
                FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.log_org_change(%5$L, %6$L)$q$,
                t.tab, ev, upper(ev),
                CASE ev WHEN 'insert' THEN 'REFERENCING NEW TABLE AS new_rows'
                        WHEN 'update' THEN 'REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows'
                        WHEN 'delete' THEN 'REFERENCING OLD TABLE AS old_rows'
                        ELSE '' END,
                t.col, t.kind);
            EXECUTE format('ALTER TABLE @extschema@.%1$I ENABLE ALWAYS TRIGGER %1$s_log_%2$s', t.tab, ev);
        END LOOP;
    END LOOP;
END
$triggers$;
COMMENT ON TABLE @extschema@.org_change IS
    'Internal: the keys each transaction changed (p post, u unit''s leaders in charge, d duty, s process step, r process, a whole tenant, h pruned below xid key), read by the organisation image and the coverage report''s arrays';
COMMENT ON FUNCTION @extschema@.log_org_change() IS
    'Statement trigger on position, assignment, absence, charge and the catalogue''s duty, duty_owner, process, process_step, step_owner: logs the keys the statement changed in org_change';

-- nest_within() served the install script only.
DROP FUNCTION @extschema@.nest_within(text, text, text, text, text, text, text, text);
-- Reading the catalogue as of a moment: the chain of a process step, and the
-- position description (职位说明书) of a post.

CREATE FUNCTION @extschema@.step_chain(step_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS @extschema@.rchain
    LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN p.domain IS NULL THEN @extschema@.command_chain(o.position_id, at)
                ELSE @extschema@.command_chain(o.position_id, at, p.domain) END
      FROM @extschema@.step_owner o
      JOIN @extschema@.process_step st ON st.tenant_id = o.tenant_id AND st.step_id = o.step_id
      JOIN @extschema@.process p ON p.tenant_id = st.tenant_id AND p.process_id = st.process_id
     WHERE o.tenant_id = @extschema@.current_tenant() AND o.step_id = step_chain.step_id
       AND o.during @> at
     ORDER BY o.position_id
     LIMIT 1
$$;
COMMENT ON FUNCTION @extschema@.step_chain(bigint, timestamptz) IS
    'Chain of a process step as of a moment: the command chain of the post that owned it then, through the leader in charge of the process''s domain; NULL when nobody owned it (a gap in the coverage report)';

CREATE FUNCTION @extschema@.position_description(position_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS jsonb
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT jsonb_build_object(
        'position_id', p.position_id, 'title', p.title, 'kind', p.kind,
        'unit', jsonb_build_object('unit_id', u.unit_id, 'name', u.name),
        'reports_to', (SELECT jsonb_build_object('position_id', r.position_id, 'title', r.title)
                         FROM @extschema@.position r
                        WHERE r.tenant_id = p.tenant_id AND r.position_id = p.reports_to),
        'as_of', at,
        'answered_by', (SELECT jsonb_build_object('person_id', pe.person_id, 'name', pe.name,
                                  'acting', EXISTS (SELECT FROM @extschema@.assignment a
                                                     WHERE a.tenant_id = p.tenant_id AND a.position_id = p.position_id
                                                       AND a.person_id = pe.person_id AND a.tenure = 'acting'
                                                       AND a.during @> at)
                                         OR EXISTS (SELECT FROM @extschema@.absence b
                                                     WHERE b.tenant_id = p.tenant_id AND b.position_id = p.position_id
                                                       AND b.acting_person_id = pe.person_id AND b.during @> at))
                          FROM @extschema@.person pe
                         WHERE pe.tenant_id = p.tenant_id
                           AND pe.person_id = @extschema@.holder(p.position_id, at)),
        'duties', coalesce((SELECT jsonb_agg(jsonb_build_object(
                                'duty_id', d.duty_id, 'title', d.title, 'ownership', o.kind, 'basis', d.basis,
                                'domain', d.domain, 'target', d.target, 'target_value', d.target_value,
                                'target_unit', d.target_unit, 'measure', d.measure, 'consequence', d.consequence,
                                'public_interest', d.public_interest) ORDER BY o.kind, d.duty_id)
                              FROM @extschema@.duty_owner o
                              JOIN @extschema@.duty d ON d.tenant_id = o.tenant_id AND d.duty_id = o.duty_id
                             WHERE o.tenant_id = p.tenant_id AND o.position_id = p.position_id AND o.during @> at),
                           '[]'),
        'workflow', coalesce((SELECT jsonb_agg(jsonb_build_object(
                                  'process_id', pr.process_id, 'process', pr.title, 'step_id', st.step_id,
                                  'step', st.name, 'role', st.role, 'time_limit_working_days', st.time_limit)
                                  ORDER BY pr.process_id, st.seq)
                                FROM @extschema@.step_owner o
                                JOIN @extschema@.process_step st ON st.tenant_id = o.tenant_id AND st.step_id = o.step_id
                                JOIN @extschema@.process pr ON pr.tenant_id = st.tenant_id AND pr.process_id = st.process_id
                               WHERE o.tenant_id = p.tenant_id AND o.position_id = p.position_id AND o.during @> at),
                             '[]'),
        'competencies', to_jsonb(p.competencies))
      FROM @extschema@.position p
      JOIN @extschema@.unit u ON u.tenant_id = p.tenant_id AND u.unit_id = p.unit_id
     WHERE p.tenant_id = @extschema@.current_tenant() AND p.position_id = position_description.position_id
$$;
COMMENT ON FUNCTION @extschema@.position_description(bigint, timestamptz) IS
    'Position description (职位说明书) of a post as of a moment, as JSON: basic facts, who answered for it, its duties, its steps in workflows, its key competencies; NULL for an unknown post';
-- The coverage report (R4, R5, R7): for a unit and its sub-units over a span
-- of time, one row per finding.  Findings over time (gaps, overlaps, vacant
-- owners, idle persons, missing indicators) come from interval sweeps in C
-- (src/coverage.c); the structural ones (hand-offs, powers, consequences)
-- are plain SQL below, the natural tool for anti-joins over small graphs.

INSERT INTO @extschema@.label (domain, code, label_en, label_zh) VALUES
    ('finding', 'gap', 'gap: no owner', '责任死角'),
    ('finding', 'overlap', 'overlap: more than one primary owner', '多头管理'),
    ('finding', 'vacant_owner', 'owner post unattended', '责任岗位空缺'),
    ('finding', 'idle_person', 'person in post with no duty', '在岗无责'),
    ('finding', 'dead_end', 'hand-off leads nowhere', '流程断链'),
    ('finding', 'cycle', 'hand-offs form a cycle', '流程循环'),
    ('finding', 'unreachable', 'step nobody can reach', '流程孤立环节'),
    ('finding', 'no_approver', 'process without an approver', '流程无批准环节'),
    ('finding', 'power_without_duty', 'power without responsibility', '有权无责'),
    ('finding', 'power_without_consequence', 'power whose duties carry no consequence', '权大责小'),
    ('finding', 'duty_without_consequence', 'duty without consequence', '有责无罚'),
    ('finding', 'unit_without_indicator', 'unit with no indicator', '单位无考核指标'),
    ('finding', 'post_without_indicator', 'post with no indicator', '岗位无考核指标');

CREATE FUNCTION @extschema@.coverage_sweep(unit_id bigint, from_at timestamptz, to_at timestamptz)
    RETURNS TABLE (kind text, object_kind text, object_id bigint, position_id bigint, person_id bigint,
                   span tstzrange, positions bigint[])
    AS 'MODULE_PATHNAME', 'coverage_sweep'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 100;
COMMENT ON FUNCTION @extschema@.coverage_sweep(bigint, timestamptz, timestamptz) IS
    'The findings over time of the coverage report, by interval sweeps in C: gap, overlap, vacant_owner, idle_person, post_without_indicator, unit_without_indicator, each with its span inside [from_at, to_at)';

-- A span in words: dates when the bounds are midnights, in the session's
-- time zone.  Called twice for every row of a report, so both are plain
-- expressions the planner inlines (no SET clause; the SQL-standard bodies
-- are bound to pg_catalog when created, whatever the caller's search_path).
CREATE FUNCTION @extschema@.span_bound_text(bound timestamptz) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE WHEN bound IS NULL OR NOT pg_catalog.isfinite(bound) THEN NULL
                WHEN CAST(bound AS pg_catalog.time) OPERATOR(pg_catalog.=) CAST('00:00' AS pg_catalog.time)
                    THEN pg_catalog.to_char(bound, 'YYYY-MM-DD')
                ELSE pg_catalog.to_char(bound, 'YYYY-MM-DD HH24:MI:SS') END;
COMMENT ON FUNCTION @extschema@.span_bound_text(timestamptz) IS
    'A bound of a span in words: its date when it is a midnight, else date and time; NULL when infinite';

CREATE FUNCTION @extschema@.span_text(span tstzrange, lang text DEFAULT 'en') RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE WHEN span IS NULL THEN NULL
                WHEN lang OPERATOR(pg_catalog.=) 'zh' THEN
                    COALESCE('自' OPERATOR(pg_catalog.||) @extschema@.span_bound_text(pg_catalog.lower(span)), '自始')
                    OPERATOR(pg_catalog.||)
                    COALESCE('至' OPERATOR(pg_catalog.||) @extschema@.span_bound_text(pg_catalog.upper(span)), '起至今')
                ELSE
                    COALESCE('from ' OPERATOR(pg_catalog.||) @extschema@.span_bound_text(pg_catalog.lower(span)), 'from the start')
                    OPERATOR(pg_catalog.||)
                    COALESCE(' until ' OPERATOR(pg_catalog.||) @extschema@.span_bound_text(pg_catalog.upper(span)), ' onwards') END;
COMMENT ON FUNCTION @extschema@.span_text(tstzrange, text) IS
    'A span in words, in English (''en'') or Chinese (''zh''): "from 2005-03-03 until 2005-04-15" (the end excluded)';

CREATE FUNCTION @extschema@.coverage_report(unit_id bigint, from_at timestamptz, to_at timestamptz)
    RETURNS TABLE (kind text, kind_zh text, object_kind text, object_id bigint, object_title text,
                   position_id bigint, person_id bigint, span tstzrange, positions bigint[],
                   duties bigint[], explanation text, explanation_zh text)
    LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $f$
BEGIN
    IF from_at >= to_at THEN
        RAISE EXCEPTION 'coverage span must end after it starts'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The span given runs from %s to %s.', from_at, to_at);
    END IF;
    -- Planned for these arguments (EXECUTE): how many units, findings and
    -- steps are in scope decides between index probes and hash joins.
    RETURN QUERY EXECUTE $q$
WITH RECURSIVE
t AS (SELECT $4 AS tenant_id),
win AS (SELECT tstzrange($2, $3) AS w),
scope AS (
    SELECT u.unit_id FROM @extschema@.unit u, t
     WHERE u.tenant_id = t.tenant_id AND u.unit_id = $1
    UNION ALL
    SELECT u.unit_id FROM @extschema@.unit u JOIN scope s ON u.parent_id = s.unit_id, t
     WHERE u.tenant_id = t.tenant_id),
procs AS (
    SELECT p.* FROM @extschema@.process p, t, win
     WHERE p.tenant_id = t.tenant_id AND p.valid && win.w
       AND p.unit_id IN (SELECT s.unit_id FROM scope s)),
steps AS (
    SELECT st.*, p.valid FROM @extschema@.process_step st
      JOIN procs p ON p.tenant_id = st.tenant_id AND p.process_id = st.process_id),
handoffs AS (
    SELECT h.* FROM @extschema@.step_handoff h
      JOIN procs p ON p.tenant_id = h.tenant_id AND p.process_id = h.process_id),
-- (hand-offs followed through their primary key: index probes, however
-- many steps are in scope)
reach AS (
    SELECT f.process_id, f.step_id
      FROM (SELECT st.process_id, st.step_id,
                   row_number() OVER (PARTITION BY st.process_id ORDER BY st.seq) AS rn
              FROM steps st) f
     WHERE f.rn = 1
    UNION
    SELECT h.process_id, h.to_step
      FROM reach r JOIN @extschema@.step_handoff h
        ON h.tenant_id = (SELECT t.tenant_id FROM t) AND h.from_step = r.step_id),
closure AS (
    SELECT h.from_step, h.to_step FROM handoffs h
    UNION
    SELECT c.from_step, h.to_step
      FROM closure c JOIN @extschema@.step_handoff h
        ON h.tenant_id = (SELECT t.tenant_id FROM t) AND h.from_step = c.to_step),
duties AS (
    SELECT d.* FROM @extschema@.duty d, t, win
     WHERE d.tenant_id = t.tenant_id AND d.valid && win.w
       AND d.unit_id IN (SELECT s.unit_id FROM scope s)),
powers AS (
    SELECT pw.* FROM @extschema@.power pw, t, win
     WHERE pw.tenant_id = t.tenant_id AND pw.valid && win.w
       AND pw.unit_id IN (SELECT s.unit_id FROM scope s)),
found AS (
    SELECT c.kind, c.object_kind, c.object_id, c.position_id, c.person_id, c.span, c.positions,
           NULL::bigint[] AS duties
      FROM @extschema@.coverage_sweep($1, $2, $3) c
    UNION ALL
    SELECT 'dead_end', 'step', st.step_id, NULL, NULL, st.valid * win.w, NULL, NULL FROM steps st, win
     WHERE NOT st.is_end AND NOT EXISTS (SELECT FROM handoffs h WHERE h.from_step = st.step_id)
    UNION ALL
    SELECT 'cycle', 'step', c.from_step, NULL, NULL, st.valid * win.w, NULL, NULL
      FROM closure c JOIN steps st ON st.step_id = c.from_step, win
     WHERE c.from_step = c.to_step
    UNION ALL
    SELECT 'unreachable', 'step', st.step_id, NULL, NULL, st.valid * win.w, NULL, NULL FROM steps st, win
     WHERE NOT EXISTS (SELECT FROM reach r WHERE r.step_id = st.step_id)
    UNION ALL
    SELECT 'no_approver', 'process', p.process_id, NULL, NULL, p.valid * win.w, NULL, NULL FROM procs p, win
     WHERE NOT EXISTS (SELECT FROM steps st WHERE st.process_id = p.process_id AND st.role = 'approver')
    UNION ALL
    SELECT 'power_without_duty', 'power', pw.power_id, pw.position_id, NULL, pw.valid * win.w, NULL, NULL
      FROM powers pw, win
     WHERE NOT EXISTS (SELECT FROM @extschema@.power_duty pd
                        WHERE pd.tenant_id = pw.tenant_id AND pd.power_id = pw.power_id)
    UNION ALL
    SELECT 'power_without_consequence', 'power', pw.power_id, pw.position_id, NULL, pw.valid * win.w,
           NULL, array_agg(pd.duty_id ORDER BY pd.duty_id)
      FROM powers pw, win, @extschema@.power_duty pd, @extschema@.duty d
     WHERE pd.tenant_id = pw.tenant_id AND pd.power_id = pw.power_id
       AND d.tenant_id = pd.tenant_id AND d.duty_id = pd.duty_id
       AND coalesce(btrim(d.consequence), '') = ''
     GROUP BY pw.power_id, pw.position_id, pw.valid, win.w
    UNION ALL
    SELECT 'duty_without_consequence', 'duty', d.duty_id, NULL, NULL, d.valid * win.w, NULL, NULL FROM duties d, win
     WHERE coalesce(btrim(d.consequence), '') = ''

)
SELECT f.kind, l.label_zh, f.object_kind, f.object_id, f.title,
       f.position_id, f.person_id, f.span, f.positions, f.duties,
       format('%s %s "%s": %s, %s.', f.object_kind, f.object_id,
              f.title,
              CASE f.kind
              WHEN 'gap' THEN 'no post owned it'
              WHEN 'overlap' THEN format('posts %s all owned it as primary owners', array_to_string(f.positions, ', '))
              WHEN 'vacant_owner' THEN format('its owner post %s was vacant or its holder absent with nobody acting', f.position_id)
              WHEN 'idle_person' THEN format('person %s answered for it while it owned no duty or step', f.person_id)
              WHEN 'dead_end' THEN 'it hands off to no step and is not an end of its process'
              WHEN 'cycle' THEN 'its hand-offs lead back to it'
              WHEN 'unreachable' THEN 'no hand-off from the first step reaches it'
              WHEN 'no_approver' THEN 'it has no approval step'
              WHEN 'power_without_duty' THEN 'it implies no duty'
              WHEN 'power_without_consequence' THEN format('its duties %s carry no consequence', array_to_string(f.duties, ', '))
              WHEN 'duty_without_consequence' THEN 'failing it carries no consequence'
              WHEN 'unit_without_indicator' THEN 'none of its duties had a quantified target'
              WHEN 'post_without_indicator' THEN 'it owned no duty with a quantified target'
              END, @extschema@.span_text(f.span)),
       format('%s%s“%s”：%s，%s。',
              CASE f.object_kind WHEN 'duty' THEN '责任' WHEN 'step' THEN '环节' WHEN 'process' THEN '流程'
                                 WHEN 'power' THEN '权力' WHEN 'unit' THEN '单位' ELSE '岗位' END,
              f.object_id, f.title,
              CASE f.kind
              WHEN 'gap' THEN '无岗位承担'
              WHEN 'overlap' THEN format('岗位%s同为主体责任人', array_to_string(f.positions, '、'))
              WHEN 'vacant_owner' THEN format('责任岗位%s空缺或在岗者缺位且无人代理', f.position_id)
              WHEN 'idle_person' THEN format('人员%s在岗但该岗位无任何责任或环节', f.person_id)
              WHEN 'dead_end' THEN '无后续环节且非流程终点'
              WHEN 'cycle' THEN '流转后回到本环节'
              WHEN 'unreachable' THEN '从首个环节无法到达'
              WHEN 'no_approver' THEN '没有批准环节'
              WHEN 'power_without_duty' THEN '未对应任何责任'
              WHEN 'power_without_consequence' THEN format('所对应责任%s无追究后果', array_to_string(f.duties, '、'))
              WHEN 'duty_without_consequence' THEN '未规定追究后果'
              WHEN 'unit_without_indicator' THEN '其责任均无量化指标'
              WHEN 'post_without_indicator' THEN '所承担责任均无量化指标'
              END, @extschema@.span_text(f.span, 'zh'))
  FROM (SELECT f.*,
               CASE f.object_kind
               WHEN 'duty' THEN (SELECT d.title FROM @extschema@.duty d WHERE d.tenant_id = $4 AND d.duty_id = f.object_id)
               WHEN 'step' THEN (SELECT st.name FROM @extschema@.process_step st WHERE st.tenant_id = $4 AND st.step_id = f.object_id)
               WHEN 'process' THEN (SELECT p.title FROM @extschema@.process p WHERE p.tenant_id = $4 AND p.process_id = f.object_id)
               WHEN 'power' THEN (SELECT pw.title FROM @extschema@.power pw WHERE pw.tenant_id = $4 AND pw.power_id = f.object_id)
               WHEN 'unit' THEN (SELECT u.name FROM @extschema@.unit u WHERE u.tenant_id = $4 AND u.unit_id = f.object_id)
               ELSE (SELECT po.title FROM @extschema@.position po WHERE po.tenant_id = $4 AND po.position_id = f.object_id) END
               AS title
          FROM found f) f
  LEFT JOIN @extschema@.label l ON l.domain = 'finding' AND l.code = f.kind
 ORDER BY f.kind, f.object_kind, f.object_id, lower(f.span), f.position_id, f.person_id$q$
    USING unit_id, from_at, to_at, @extschema@.current_tenant();
END
$f$;
COMMENT ON FUNCTION @extschema@.coverage_report(bigint, timestamptz, timestamptz) IS
    'Coverage report (责任链接无缝化) of a unit and its sub-units over [from_at, to_at): one row per finding (gap, overlap, vacant owner, idle person, broken hand-offs, powers without duties or consequences, missing indicators), with the span it covers, the posts of an overlap (positions), the duties without consequence of a power (duties) and an explanation in English and Chinese';

CREATE FUNCTION @extschema@.coverage_report(unit_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS TABLE (kind text, kind_zh text, object_kind text, object_id bigint, object_title text,
                   position_id bigint, person_id bigint, span tstzrange, positions bigint[],
                   duties bigint[], explanation text, explanation_zh text)
    LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT r.* FROM @extschema@.coverage_report(unit_id, '-infinity', 'infinity') r
     WHERE r.span @> at
$$;
COMMENT ON FUNCTION @extschema@.coverage_report(bigint, timestamptz) IS
    'Coverage report of a unit and its sub-units at a moment: the findings in force then, each with its whole span';
-- The public white paper (部门责任白皮书, R6) of a unit as of a date, and
-- diagrams (Mermaid, Graphviz DOT) of a unit's command structure and of a
-- process, vacancies and gaps marked.

CREATE FUNCTION @extschema@.white_paper_json(unit_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS jsonb
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH RECURSIVE
    t AS (SELECT @extschema@.current_tenant() AS tenant_id),
    scope AS (
        SELECT u.unit_id FROM @extschema@.unit u, t
         WHERE u.tenant_id = t.tenant_id AND u.unit_id = white_paper_json.unit_id AND u.valid @> at
        UNION ALL
        SELECT u.unit_id FROM @extschema@.unit u JOIN scope s ON u.parent_id = s.unit_id, t
         WHERE u.tenant_id = t.tenant_id AND u.valid @> at)
    SELECT jsonb_build_object(
        'unit_id', u.unit_id, 'unit', u.name, 'as_of', at,
        'duties', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                       'duty_id', d.duty_id, 'code', d.code, 'title', d.title, 'unit', du.name,
                       'basis', d.basis, 'domain', d.domain, 'target', d.target,
                       'target_value', d.target_value, 'target_unit', d.target_unit,
                       'measure', d.measure, 'consequence', d.consequence,
                       'owners', coalesce((
                           SELECT jsonb_agg(jsonb_build_object('position_id', o.position_id, 'post', po.title,
                                                               'post_unit', pu.name, 'ownership', o.kind)
                                            ORDER BY o.kind, o.position_id)
                             FROM @extschema@.duty_owner o
                             JOIN @extschema@.position po ON po.tenant_id = o.tenant_id AND po.position_id = o.position_id
                             JOIN @extschema@.unit pu ON pu.tenant_id = po.tenant_id AND pu.unit_id = po.unit_id
                            WHERE o.tenant_id = d.tenant_id AND o.duty_id = d.duty_id AND o.during @> at), '[]'))
                   ORDER BY d.unit_id, d.code, d.duty_id)
              FROM @extschema@.duty d JOIN scope s ON s.unit_id = d.unit_id
              JOIN @extschema@.unit du ON du.tenant_id = d.tenant_id AND du.unit_id = d.unit_id, t
             WHERE d.tenant_id = t.tenant_id AND d.public_interest AND d.valid @> at), '[]'),
        'processes', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                       'process_id', p.process_id, 'code', p.code, 'title', p.title, 'domain', p.domain,
                       -- the longest way through the hand-offs from the first step
                       'time_limit_working_days', (
                           WITH RECURSIVE walk(step_id, total, path) AS (
                               SELECT st.step_id, coalesce(st.time_limit, 0), ARRAY[st.step_id]
                                 FROM @extschema@.process_step st
                                WHERE st.tenant_id = p.tenant_id AND st.process_id = p.process_id
                                  AND st.seq = (SELECT min(s1.seq) FROM @extschema@.process_step s1
                                                 WHERE s1.tenant_id = p.tenant_id AND s1.process_id = p.process_id)
                               UNION ALL
                               SELECT h.to_step, w.total + coalesce(n.time_limit, 0), w.path || h.to_step
                                 FROM walk w
                                 JOIN @extschema@.step_handoff h ON h.tenant_id = p.tenant_id AND h.from_step = w.step_id
                                 JOIN @extschema@.process_step n ON n.tenant_id = h.tenant_id AND n.step_id = h.to_step
                                WHERE h.to_step <> ALL (w.path))
                           SELECT max(total) FROM walk),
                       'steps', (SELECT jsonb_agg(jsonb_build_object(
                                            'seq', st.seq, 'step', st.name, 'role', st.role,
                                            'time_limit_working_days', st.time_limit,
                                            'post', (SELECT po.title || ', ' || pu.name FROM @extschema@.step_owner o
                                                       JOIN @extschema@.position po
                                                         ON po.tenant_id = o.tenant_id AND po.position_id = o.position_id
                                                       JOIN @extschema@.unit pu
                                                         ON pu.tenant_id = po.tenant_id AND pu.unit_id = po.unit_id
                                                      WHERE o.tenant_id = st.tenant_id AND o.step_id = st.step_id
                                                        AND o.during @> at
                                                      ORDER BY o.position_id LIMIT 1))
                                        ORDER BY st.seq)
                                   FROM @extschema@.process_step st
                                  WHERE st.tenant_id = p.tenant_id AND st.process_id = p.process_id))
                   ORDER BY p.code, p.process_id)
              FROM @extschema@.process p JOIN scope s ON s.unit_id = p.unit_id, t
             WHERE p.tenant_id = t.tenant_id AND p.valid @> at), '[]'))
      FROM @extschema@.unit u, t
     WHERE u.tenant_id = t.tenant_id AND u.unit_id = white_paper_json.unit_id AND u.valid @> at
$$;
COMMENT ON FUNCTION @extschema@.white_paper_json(bigint, timestamptz) IS
    'Public white paper (部门责任白皮书) of a unit and its sub-units as of a moment, as JSON: public-interest duties with basis, targets, consequences and owning posts; processes with their steps, owning posts (with their units) and time limits (the process''s: its longest way through the hand-offs). NULL when the unit did not exist then';

CREATE FUNCTION @extschema@.white_paper_markdown(unit_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT format(E'# %s: white paper of duties 部门责任白皮书\n\nAs of %s.\n\n## Duties to the public 公共责任\n\n%s\n## Processes and time limits 办事流程与时限\n\n%s',
                  w->>'unit', to_char(at, 'YYYY-MM-DD'),
                  coalesce((SELECT string_agg(format(E'### %s\n\n- Unit 单位: %s\n- Basis 依据: %s\n- Target 指标: %s\n- Measured by 考核方法: %s\n- Consequence 责任追究: %s\n- Owned by 责任岗位: %s\n',
                                                      d->>'title', d->>'unit', coalesce(d->>'basis', '—'),
                                                      coalesce(d->>'target', '—'), coalesce(d->>'measure', '—'),
                                                      coalesce(d->>'consequence', '— (none: 有责无罚)'),
                                                      coalesce((SELECT string_agg(format('%s, %s (%s)', o->>'post', o->>'post_unit',
                                                                    CASE o->>'ownership' WHEN 'primary' THEN 'primary 主体责任'
                                                                         ELSE 'supervisory 监管责任' END), '; ' ORDER BY ord)
                                                                  FROM jsonb_array_elements(d->'owners') WITH ORDINALITY x(o, ord)),
                                                               'nobody (gap 责任死角)')),
                                               E'\n' ORDER BY ord)
                              FROM jsonb_array_elements(w->'duties') WITH ORDINALITY y(d, ord)),
                           E'None.\n'),
                  coalesce((SELECT string_agg(format(E'### %s\n\nDomain 领域: %s; time limit 办结时限: %s working days 工作日 (the longest way through its steps).\n\n| # | Step 环节 | Role 角色 | Limit 时限 (working days) | Post 岗位 |\n|---|---|---|---|---|\n%s',
                                                      p->>'title', coalesce(p->>'domain', '—'),
                                                      coalesce(p->>'time_limit_working_days', '—'),
                                                      coalesce((SELECT string_agg(format(E'| %s | %s | %s | %s | %s |\n',
                                                                    s->>'seq', s->>'step', s->>'role',
                                                                    coalesce(s->>'time_limit_working_days', '—'),
                                                                    coalesce(s->>'post', 'nobody (gap 责任死角)')), '' ORDER BY ord)
                                                                  FROM jsonb_array_elements(p->'steps') WITH ORDINALITY z(s, ord)), '')),
                                               E'\n' ORDER BY ord)
                              FROM jsonb_array_elements(w->'processes') WITH ORDINALITY y(p, ord)),
                           E'None.\n'))
      FROM @extschema@.white_paper_json(unit_id, at) w
     WHERE w IS NOT NULL
$$;
COMMENT ON FUNCTION @extschema@.white_paper_markdown(bigint, timestamptz) IS
    'Public white paper (部门责任白皮书) of a unit as of a moment, as Markdown (the JSON of white_paper_json, for publication); NULL when the unit did not exist then';

-- Text in a diagram label: quotes and line breaks made safe for either format.
CREATE FUNCTION @extschema@.diagram_label(label text, format text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE format
           WHEN 'dot' THEN replace(replace(replace(label, E'\\', E'\\\\'), '"', E'\\"'), E'\n', E'\\n')
           ELSE replace(replace(replace(replace(label, '"', '#quot;'), '<', '#lt;'), '>', '#gt;'), E'\n', '<br/>') END;
COMMENT ON FUNCTION @extschema@.diagram_label(text, text) IS
    'A label made safe for a Mermaid (''mermaid'') or Graphviz (''dot'') diagram';

CREATE FUNCTION @extschema@.unit_diagram(unit_id bigint, at timestamptz DEFAULT pg_catalog.now(),
                                         format text DEFAULT 'mermaid')
    RETURNS text
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    tenant integer := @extschema@.current_tenant();
    body text;
BEGIN
    IF format NOT IN ('mermaid', 'dot') THEN
        RAISE EXCEPTION 'unknown diagram format "%"', format
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Use ''mermaid'' or ''dot''.';
    END IF;
    IF NOT EXISTS (SELECT FROM @extschema@.unit u WHERE u.tenant_id = tenant AND u.unit_id = unit_diagram.unit_id) THEN
        RAISE EXCEPTION 'unit % does not exist', unit_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No unit has this id in the current tenant.';
    END IF;
    WITH RECURSIVE scope AS (
        SELECT u.unit_id FROM @extschema@.unit u WHERE u.tenant_id = tenant AND u.unit_id = unit_diagram.unit_id
        UNION ALL
        SELECT u.unit_id FROM @extschema@.unit u JOIN scope s ON u.parent_id = s.unit_id WHERE u.tenant_id = tenant),
    posts AS (
        SELECT p.position_id, p.title, p.reports_to, u.name AS unit_name,
               pe.name AS person_name,
               CASE WHEN h.assignment_id IS NULL THEN 'vacant'
                    WHEN b.absence_id IS NOT NULL AND b.acting_person_id IS NULL THEN 'absent'
                    WHEN b.absence_id IS NOT NULL OR h.tenure = 'acting' THEN 'acting'
                    ELSE 'held' END AS state
          FROM @extschema@.position p JOIN scope s ON s.unit_id = p.unit_id
          JOIN @extschema@.unit u ON u.tenant_id = p.tenant_id AND u.unit_id = p.unit_id
          LEFT JOIN @extschema@.assignment h
            ON h.tenant_id = p.tenant_id AND h.position_id = p.position_id AND h.during @> at
          LEFT JOIN @extschema@.absence b
            ON b.tenant_id = h.tenant_id AND b.assignment_id = h.assignment_id AND b.during @> at
          LEFT JOIN @extschema@.person pe
            ON pe.tenant_id = p.tenant_id AND pe.person_id = coalesce(b.acting_person_id, h.person_id)
         WHERE p.tenant_id = tenant AND p.valid @> at),
    lines AS (
        SELECT 1 AS part, position_id AS ord,
               CASE format
               WHEN 'dot' THEN format('  p%s [label="%s"%s];', position_id,
                                      @extschema@.diagram_label(title || E'\n' || unit_name || E'\n' ||
                                          CASE state WHEN 'vacant' THEN 'VACANT 空缺'
                                                     WHEN 'absent' THEN 'ABSENT, nobody acting 缺位'
                                                     WHEN 'acting' THEN person_name || ' (acting 代理)'
                                                     ELSE person_name END, 'dot'),
                                      CASE state WHEN 'vacant' THEN ', color=red, style=dashed'
                                                 WHEN 'absent' THEN ', color=orange, style=dashed' ELSE '' END)
               ELSE format('  p%s["%s"]%s', position_id,
                           @extschema@.diagram_label(title || E'\n' || unit_name || E'\n' ||
                               CASE state WHEN 'vacant' THEN 'VACANT 空缺'
                                          WHEN 'absent' THEN 'ABSENT, nobody acting 缺位'
                                          WHEN 'acting' THEN person_name || ' (acting 代理)'
                                          ELSE person_name END, 'mermaid'),
                           CASE state WHEN 'vacant' THEN ':::vacant' WHEN 'absent' THEN ':::absent' ELSE '' END) END AS line
          FROM posts
        UNION ALL
        SELECT 2, position_id,
               CASE format WHEN 'dot' THEN format('  p%s -> p%s;', position_id, reports_to)
                           ELSE format('  p%s --> p%s', position_id, reports_to) END
          FROM posts WHERE reports_to IN (SELECT position_id FROM posts))
    SELECT string_agg(line, E'\n' ORDER BY part, ord) INTO body FROM lines;
    IF format = 'dot' THEN
        RETURN E'digraph unit {\n  rankdir=BT;\n  node [shape=box];\n' || coalesce(body || E'\n', '') || E'}\n';
    END IF;
    RETURN E'graph BT\n' || coalesce(body || E'\n', '')
        || E'  classDef vacant stroke:#d00,stroke-dasharray:4\n  classDef absent stroke:#e80,stroke-dasharray:4\n';
END
$$;
COMMENT ON FUNCTION @extschema@.unit_diagram(bigint, timestamptz, text) IS
    'Command structure of a unit and its sub-units as of a moment, as Mermaid (''mermaid'', the default) or Graphviz DOT (''dot'') text: each post with who answered for it, vacancies and absences marked';

CREATE FUNCTION @extschema@.process_diagram(process_id bigint, at timestamptz DEFAULT pg_catalog.now(),
                                            format text DEFAULT 'mermaid')
    RETURNS text
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    tenant integer := @extschema@.current_tenant();
    body text;
BEGIN
    IF format NOT IN ('mermaid', 'dot') THEN
        RAISE EXCEPTION 'unknown diagram format "%"', format
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Use ''mermaid'' or ''dot''.';
    END IF;
    IF NOT EXISTS (SELECT FROM @extschema@.process p WHERE p.tenant_id = tenant AND p.process_id = process_diagram.process_id) THEN
        RAISE EXCEPTION 'process % does not exist', process_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No process has this id in the current tenant.';
    END IF;
    WITH steps AS (
        SELECT st.step_id, st.seq, st.name, st.role, st.time_limit, st.is_end,
               o.position_id, po.title AS post, @extschema@.holder(o.position_id, at) AS person_id,
               EXISTS (SELECT FROM @extschema@.assignment a
                        WHERE a.tenant_id = st.tenant_id AND a.position_id = o.position_id
                          AND a.during @> at) AS held
          FROM @extschema@.process_step st
          LEFT JOIN LATERAL (SELECT so.position_id FROM @extschema@.step_owner so
                              WHERE so.tenant_id = st.tenant_id AND so.step_id = st.step_id AND so.during @> at
                              ORDER BY so.position_id LIMIT 1) o ON true
          LEFT JOIN @extschema@.position po ON po.tenant_id = st.tenant_id AND po.position_id = o.position_id
         WHERE st.tenant_id = tenant AND st.process_id = process_diagram.process_id),
    lines AS (
        SELECT 1 AS part, seq AS ord,
               CASE format
               WHEN 'dot' THEN format('  s%s [label="%s"%s];', step_id,
                   @extschema@.diagram_label(seq || '. ' || name || ' (' || role || ')' || E'\n' ||
                       coalesce(post, 'NO OWNER 责任死角') || coalesce(E'\n' || time_limit || ' working days', '') ||
                       CASE WHEN post IS NULL OR person_id IS NOT NULL THEN ''
                            WHEN held THEN E'\nABSENT, nobody acting 缺位' ELSE E'\nVACANT 空缺' END, 'dot'),
                   CASE WHEN post IS NULL THEN ', color=red, style=bold'
                        WHEN person_id IS NULL THEN ', color=orange, style=dashed' ELSE '' END
                   || CASE WHEN is_end THEN ', peripheries=2' ELSE '' END)
               ELSE format('  s%s["%s"]%s', step_id,
                   @extschema@.diagram_label(seq || '. ' || name || ' (' || role || ')' || E'\n' ||
                       coalesce(post, 'NO OWNER 责任死角') || coalesce(E'\n' || time_limit || ' working days', '') ||
                       CASE WHEN post IS NULL OR person_id IS NOT NULL THEN ''
                            WHEN held THEN E'\nABSENT, nobody acting 缺位' ELSE E'\nVACANT 空缺' END, 'mermaid'),
                   CASE WHEN post IS NULL THEN ':::gap' WHEN person_id IS NULL THEN ':::vacant' ELSE '' END) END AS line
          FROM steps
        UNION ALL
        SELECT 2, s.seq,
               CASE format WHEN 'dot' THEN format('  s%s -> s%s;', h.from_step, h.to_step)
                           ELSE format('  s%s --> s%s', h.from_step, h.to_step) END
          FROM @extschema@.step_handoff h JOIN steps s ON s.step_id = h.from_step
         WHERE h.tenant_id = tenant AND h.process_id = process_diagram.process_id)
    SELECT string_agg(line, E'\n' ORDER BY part, ord, line) INTO body FROM lines;
    IF format = 'dot' THEN
        RETURN E'digraph process {\n  rankdir=LR;\n  node [shape=box];\n' || coalesce(body || E'\n', '') || E'}\n';
    END IF;
    RETURN E'graph LR\n' || coalesce(body || E'\n', '')
        || E'  classDef gap stroke:#d00,stroke-width:3px\n  classDef vacant stroke:#e80,stroke-dasharray:4\n';
END
$$;
COMMENT ON FUNCTION @extschema@.process_diagram(bigint, timestamptz, text) IS
    'A process as of a moment, as Mermaid (''mermaid'', the default) or Graphviz DOT (''dot'') text: its steps with role, owning post and time limit, its hand-offs; steps with no owner and vacant owners marked';
-- Privileges and row-level security of the tables added in 0.3.0 (absences
-- and the catalogue), as 80_security.sql does for the organisation.

REVOKE ALL ON @extschema@.absence, @extschema@.duty, @extschema@.duty_owner, @extschema@.power,
    @extschema@.power_duty, @extschema@.process, @extschema@.process_step, @extschema@.step_owner,
    @extschema@.step_handoff FROM PUBLIC;
GRANT SELECT ON @extschema@.absence, @extschema@.duty, @extschema@.duty_owner, @extschema@.power,
    @extschema@.power_duty, @extschema@.process, @extschema@.process_step, @extschema@.step_owner,
    @extschema@.step_handoff TO responsibility_reader;
GRANT INSERT, UPDATE, DELETE ON @extschema@.absence, @extschema@.duty, @extschema@.duty_owner, @extschema@.power,
    @extschema@.power_duty, @extschema@.process, @extschema@.process_step, @extschema@.step_owner,
    @extschema@.step_handoff TO responsibility_writer;
GRANT USAGE ON @extschema@.absence_id_seq, @extschema@.duty_id_seq, @extschema@.duty_owner_id_seq,
    @extschema@.power_id_seq, @extschema@.process_id_seq, @extschema@.step_id_seq,
    @extschema@.step_owner_id_seq TO responsibility_writer;
REVOKE ALL ON FUNCTION @extschema@.absence_from_tenure() FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.check_within() FROM PUBLIC;

DO $policies$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['absence', 'duty', 'duty_owner', 'power', 'power_duty', 'process',
                             'process_step', 'step_owner', 'step_handoff'] LOOP
        EXECUTE format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON @extschema@.%I
            USING (tenant_id OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_tenants())::integer[]))
            WITH CHECK (tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant()))$p$, t);
        EXECUTE format($c$COMMENT ON POLICY tenant_isolation ON @extschema@.%I IS
            'Rows of the tenants the role belongs to (narrowed by responsibility.tenant); writes go to the current tenant'$c$, t);
    END LOOP;
END
$policies$;
-- pg_dump keeps the tables added in 0.3.0 (see 90_dump.sql).
SELECT pg_catalog.pg_extension_config_dump('@extschema@.absence', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.absence_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.duty', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.duty_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.duty_owner', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.duty_owner_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.power', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.power_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.power_duty', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.process', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.process_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.process_step', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.step_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.step_owner', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.step_owner_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.step_handoff', '');
