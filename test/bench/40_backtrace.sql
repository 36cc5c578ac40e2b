-- Benchmark: the back-trace (A1-A3) of round(20,000 * :scale) incidents
-- spread over the five years 2021-2025, on the organisation of
-- 10_command_chain.sql and the catalogue of 30_coverage.sql: 60% fail a
-- duty, 40% a process step; 30% in a category pursued severely; 70%
-- general, 25% serious, 5% especially serious.  (The rules of recorded work,
-- decisions and overrulings are in test/pgtap/backtrace.sql; here every
-- incident climbs from the owner of its duty or step.)
-- Compared, after checking that both give the same rows (incident, person,
-- post, kind):
--   backtrace(ids) (C) with the plain SQL a skilled user would write for
--   the same rows and kinds (bench.backtrace_sql below): the owners at each
--   incident's moment by duty_owner_duty_during_idx and
--   step_owner_step_during_idx, a recursive CTE per incident up the
--   reporting lines through the leader in charge of the domain or of the
--   unit (charge_domain_during_idx, charge_unit_during_idx), joined to the
--   assignments and absences valid at that moment
--   (assignment_position_during_idx, absence (tenant_id, assignment_id));
--   the reach and kinds read from the same policy tables.
-- The benchmark organisation has no leaders in charge of domains and no
-- recorded actors: backtrace() then skips the probes for a duty's domain and
-- an incident's actors (it checks once a call); with them, each incident
-- costs one or two index probes more.
-- Then the next trace after a committed one-row change to an assignment.
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;

DROP TABLE IF EXISTS bench.incident_sample;
DELETE FROM responsibility.incident WHERE tenant_id = 1;
SELECT setseed(0.42);
INSERT INTO responsibility.incident (tenant_id, incident_id, occurred_at, unit_id, title, duty_id, step_id, category, severity)
SELECT 1, g, x.at, coalesce(d.unit_id, st.unit_id), 'Incident ' || g,
       CASE WHEN x.pick < 0.6 THEN d.duty_id END, CASE WHEN x.pick >= 0.6 THEN st.step_id END,
       CASE WHEN random() < 0.3 THEN 'work_safety' ELSE 'other' END::responsibility.incident_category,
       CASE WHEN x.sev < 0.70 THEN 'general' WHEN x.sev < 0.95 THEN 'serious' ELSE 'especially_serious' END::responsibility.severity_tier
  FROM generate_series(1, round(20000 * :scale)::int) g
 CROSS JOIN LATERAL (SELECT random() AS pick, random() AS sev,
                            timestamptz '2021-01-01' + random() * (timestamptz '2026-01-01' - timestamptz '2021-01-01') AS at,
                            1 + floor(random() * (SELECT max(duty_id) FROM responsibility.duty))::bigint AS duty_pick,
                            1 + floor(random() * (SELECT max(step_id) FROM responsibility.process_step))::bigint AS step_pick
                      WHERE g > 0) x
  LEFT JOIN LATERAL (SELECT d.duty_id, d.unit_id FROM responsibility.duty d
                      WHERE d.tenant_id = 1 AND d.duty_id >= x.duty_pick AND d.valid @> x.at ORDER BY d.duty_id LIMIT 1) d ON true
  LEFT JOIN LATERAL (SELECT st.step_id, pr.unit_id FROM responsibility.process_step st
                       JOIN responsibility.process pr ON pr.tenant_id = st.tenant_id AND pr.process_id = st.process_id
                      WHERE st.tenant_id = 1 AND st.step_id >= x.step_pick AND pr.valid @> x.at ORDER BY st.step_id LIMIT 1) st ON true
 WHERE (x.pick < 0.6 AND d.duty_id IS NOT NULL) OR (x.pick >= 0.6 AND st.step_id IS NOT NULL);
CREATE TABLE bench.incident_sample AS SELECT incident_id FROM responsibility.incident WHERE tenant_id = 1;
ANALYZE responsibility.incident;
SELECT count(*) AS incidents, count(duty_id) AS on_duties, count(step_id) AS on_steps,
       count(*) FILTER (WHERE category <> 'other') AS severe_category,
       count(*) FILTER (WHERE severity = 'general') AS general, count(*) FILTER (WHERE severity = 'serious') AS serious,
       count(*) FILTER (WHERE severity = 'especially_serious') AS especially_serious
  FROM responsibility.incident WHERE tenant_id = 1;

-- Baseline: the same rows and kinds in plain SQL, one incident at a time
-- (set-based over all incidents at once, the planner's row estimates for the
-- CTEs are off by orders of magnitude and its nested loops go quadratic).
DROP FUNCTION IF EXISTS bench.backtrace_sql(bigint[]);
CREATE OR REPLACE FUNCTION bench.backtrace_one_sql(id bigint)
    RETURNS TABLE (incident_id bigint, person_id bigint, position_id bigint, kind text)
    LANGUAGE sql STABLE AS $f$
WITH RECURSIVE
rules AS (SELECT DISTINCT ON (r.rule) r.rule, r.kind::text AS kind FROM responsibility.trace_rule r
           WHERE r.tenant_id IS NULL OR r.tenant_id = 1 ORDER BY r.rule, r.tenant_id NULLS LAST),
inc AS (
    SELECT i.incident_id, i.occurred_at AS t, i.unit_id, i.duty_id, i.step_id, i.is_decision AND i.major_loss AS head_main,
           coalesce(d.domain, pr.domain) AS domain,
           CASE WHEN i.is_decision AND i.major_loss THEN 4 ELSE
               (SELECT array_position('{superior,unit_head,in_charge,head}'::text[], r.reach)
                  FROM responsibility.trace_reach r
                 WHERE (r.tenant_id IS NULL OR r.tenant_id = 1) AND r.severity = i.severity
                   AND r.severe_category = (SELECT c.severe FROM responsibility.trace_category c
                                             WHERE (c.tenant_id IS NULL OR c.tenant_id = 1) AND c.category = i.category
                                             ORDER BY c.tenant_id NULLS LAST LIMIT 1)
                 ORDER BY r.tenant_id NULLS LAST LIMIT 1) END AS reach,
           (SELECT o.position_id FROM responsibility.step_owner o
             WHERE o.tenant_id = 1 AND o.step_id = i.step_id AND o.during @> i.occurred_at
             ORDER BY o.step_owner_id LIMIT 1) AS step_owner,
           (SELECT po.position_id FROM responsibility.position po
             WHERE po.tenant_id = 1 AND po.unit_id = i.unit_id AND po.kind = 'head' AND po.valid @> i.occurred_at
             ORDER BY po.position_id LIMIT 1) AS head_post
      FROM responsibility.incident i

      LEFT JOIN responsibility.duty d ON d.tenant_id = 1 AND d.duty_id = i.duty_id
      LEFT JOIN responsibility.process_step st ON st.tenant_id = 1 AND st.step_id = i.step_id
      LEFT JOIN responsibility.process pr ON pr.tenant_id = 1 AND pr.process_id = st.process_id
     WHERE i.tenant_id = 1 AND i.incident_id = backtrace_one_sql.id),
-- the owners then: the step's, or the duty's primary owners, and its supervisors
owners AS (
    SELECT inc.incident_id, inc.step_owner AS position_id, 'step_owner' AS rule, 0 AS ord
      FROM inc WHERE inc.step_id IS NOT NULL AND inc.step_owner IS NOT NULL
    UNION ALL
    SELECT inc.incident_id, o.position_id, 'duty_owner', 0
      FROM inc JOIN responsibility.duty_owner o
        ON o.tenant_id = 1 AND o.duty_id = inc.duty_id AND o.kind = 'primary' AND o.during @> inc.t
     WHERE inc.step_id IS NULL
    UNION ALL
    SELECT inc.incident_id, o.position_id, 'supervisor', 1
      FROM inc JOIN responsibility.duty_owner o
        ON o.tenant_id = 1 AND o.duty_id = inc.duty_id AND o.kind = 'supervisory' AND o.during @> inc.t),
anchor AS (
    SELECT inc.*, coalesce(a.position_id, inc.head_post) AS anchor, a.position_id IS NOT NULL AS anchor_answers,
           (SELECT ch.position_id FROM responsibility.charge ch
             WHERE ch.tenant_id = 1 AND ch.domain = inc.domain AND ch.during @> inc.t LIMIT 1) AS domain_leader
      FROM inc
      LEFT JOIN LATERAL (SELECT o.position_id FROM owners o WHERE o.incident_id = inc.incident_id AND o.ord = 0
                          ORDER BY o.position_id LIMIT 1) a ON true),
-- the chain of command from the anchor, with each link's role
-- (1 superior, 2 head of a unit, 3 leader in charge; the last link 4)
up AS (
    SELECT a.incident_id, a.t, a.anchor AS position_id, 1 AS depth, 0 AS role, a.domain_leader,
           ARRAY[a.anchor] AS path
      FROM anchor a JOIN responsibility.position p ON p.tenant_id = 1 AND p.position_id = a.anchor AND p.valid @> a.t
    UNION ALL
    SELECT up.incident_id, up.t, nx.next, up.depth + 1,
           CASE WHEN nx.via_charge THEN 3 WHEN q.kind = 'head' THEN 2 ELSE 1 END,
           CASE WHEN p.kind = 'head' THEN NULL ELSE up.domain_leader END,
           up.path || nx.next
      FROM up
      JOIN responsibility.position p ON p.tenant_id = 1 AND p.position_id = up.position_id
     CROSS JOIN LATERAL (
           SELECT coalesce(dl.next, ch.position_id, p.reports_to) AS next,
                  coalesce(dl.next, ch.position_id) IS NOT NULL AS via_charge
             FROM (SELECT CASE WHEN p.kind = 'head' AND up.domain_leader IS NOT NULL
                                    AND up.domain_leader <> ALL (up.path) THEN up.domain_leader END AS next) dl
             LEFT JOIN LATERAL (SELECT c.position_id FROM responsibility.charge c
                                 WHERE c.tenant_id = 1 AND p.kind = 'head' AND c.unit_id = p.unit_id
                                   AND c.during @> up.t AND c.position_id <> p.position_id LIMIT 1) ch ON true) nx
      JOIN responsibility.position q ON q.tenant_id = 1 AND q.position_id = nx.next
     WHERE nx.next IS NOT NULL),
-- who answered for each post then: the holder, the acting person during an
-- absence; nobody when vacant or away with nobody acting
links AS (
    SELECT up.incident_id, up.position_id, up.depth,
           CASE WHEN up.depth > 1 AND up.depth = max(up.depth) OVER (PARTITION BY up.incident_id) THEN 4
                ELSE up.role END AS role,
           h.person_id
      FROM up
      LEFT JOIN LATERAL (SELECT CASE WHEN ab.assignment_id IS NULL THEN a.person_id ELSE ab.acting_person_id END AS person_id
                           FROM responsibility.assignment a
                           LEFT JOIN responsibility.absence ab
                             ON ab.tenant_id = 1 AND ab.assignment_id = a.assignment_id AND ab.during @> up.t
                          WHERE a.tenant_id = 1 AND a.position_id = up.position_id AND a.during @> up.t
                          LIMIT 1) h ON true),
owner_rows AS (
    SELECT o.incident_id, h.person_id, o.position_id, CASE WHEN h.person_id IS NULL THEN 'vacant' ELSE o.rule END AS rule,
           o.ord, 0 AS depth
      FROM owners o JOIN inc ON inc.incident_id = o.incident_id
      LEFT JOIN LATERAL (SELECT CASE WHEN ab.assignment_id IS NULL THEN a.person_id ELSE ab.acting_person_id END AS person_id
                           FROM responsibility.assignment a
                           LEFT JOIN responsibility.absence ab
                             ON ab.tenant_id = 1 AND ab.assignment_id = a.assignment_id AND ab.during @> inc.t
                          WHERE a.tenant_id = 1 AND a.position_id = o.position_id AND a.during @> inc.t
                          LIMIT 1) h ON true
    UNION ALL
    SELECT a.incident_id, NULL, a.head_post, 'no_owner', 0, 0
      FROM anchor a WHERE NOT a.anchor_answers),
-- the leaders: from above the anchor (from the anchor when nobody owned
-- the object), up to the first link answered for at the reach
climb AS (
    SELECT l.*, a.reach, a.head_main, a.anchor_answers,
           min(l.depth) FILTER (WHERE l.person_id IS NOT NULL AND greatest(l.role, 2 * (l.role = 0)::int) >= a.reach
                                  AND l.depth >= CASE WHEN a.anchor_answers THEN 2 ELSE 1 END)
               OVER (PARTITION BY l.incident_id) AS stop
      FROM links l JOIN anchor a ON a.incident_id = l.incident_id
     WHERE a.reach > 0
       AND l.depth >= CASE WHEN a.anchor_answers THEN 2 ELSE 1 END
       AND NOT (a.anchor_answers AND EXISTS (SELECT FROM responsibility.position p
                                             WHERE p.tenant_id = 1 AND p.position_id = a.anchor AND p.kind = 'head')
                AND a.reach <= 2)),
leader_rows AS (
    SELECT c.incident_id, c.person_id, c.position_id,
           CASE WHEN c.person_id IS NULL THEN 'vacant'
                WHEN c.role = 1 THEN 'superior' WHEN c.role IN (0, 2) THEN 'unit_head' WHEN c.role = 3 THEN 'in_charge'
                WHEN c.head_main THEN 'head_decision_major_loss' ELSE 'head' END AS rule,
           2 AS ord, c.depth
      FROM climb c WHERE c.stop IS NULL OR c.depth <= c.stop),
all_rows AS (
    SELECT r.*, row_number() OVER (PARTITION BY r.incident_id, r.person_id ORDER BY r.ord, r.depth, r.position_id) AS nth
      FROM (SELECT * FROM owner_rows UNION ALL SELECT * FROM leader_rows) r)
SELECT r.incident_id, r.person_id, r.position_id, rules.kind
  FROM all_rows r JOIN rules ON rules.rule = r.rule
 WHERE r.person_id IS NULL OR r.nth = 1
$f$;
CREATE OR REPLACE FUNCTION bench.backtrace_sql(ids bigint[])
    RETURNS TABLE (incident_id bigint, person_id bigint, position_id bigint, kind text)
    LANGUAGE sql STABLE AS $f$
    SELECT b.* FROM unnest(ids) WITH ORDINALITY x(id, ord) CROSS JOIN LATERAL bench.backtrace_one_sql(x.id) b
$f$;

-- The same rows?
CREATE TEMP TABLE bt_c AS SELECT b.incident_id, b.person_id, b.position_id, b.kind::text AS kind
  FROM responsibility.backtrace((SELECT array_agg(incident_id) FROM bench.incident_sample)) b;
CREATE TEMP TABLE bt_sql AS SELECT * FROM bench.backtrace_sql((SELECT array_agg(incident_id) FROM bench.incident_sample));
SELECT (SELECT count(*) FROM bt_c) AS c_rows, (SELECT count(*) FROM bt_sql) AS sql_rows,
       (SELECT count(*) FROM (SELECT * FROM bt_c EXCEPT ALL SELECT * FROM bt_sql) x) AS c_only,
       (SELECT count(*) FROM (SELECT * FROM bt_sql EXCEPT ALL SELECT * FROM bt_c) x) AS sql_only;
SELECT kind, count(*) AS rows FROM bt_c GROUP BY 1 ORDER BY 1;
SELECT 'c_only' AS side, * FROM (SELECT * FROM bt_c EXCEPT ALL SELECT * FROM bt_sql) x
UNION ALL SELECT 'sql_only', * FROM (SELECT * FROM bt_sql EXCEPT ALL SELECT * FROM bt_c) y
 ORDER BY 2, 1 LIMIT 20;

\set sql_q 'SELECT count(*) FROM bench.backtrace_sql((SELECT array_agg(incident_id) FROM bench.incident_sample))'
\set c_q 'SELECT count(*) FROM responsibility.backtrace((SELECT array_agg(incident_id) FROM bench.incident_sample))'
-- A floor: reading the incidents with one index probe each for their owner.
\set floor_q 'SELECT count(*) FROM bench.incident_sample s JOIN responsibility.incident i ON i.tenant_id = 1 AND i.incident_id = s.incident_id LEFT JOIN responsibility.duty_owner o ON o.tenant_id = 1 AND o.duty_id = i.duty_id AND o.during @> i.occurred_at'
SELECT * FROM bench.compare('backtrace of the sample vs plain SQL (target >= 20x)', :'sql_q', :'c_q', 5);
SELECT * FROM bench.compare('backtrace of the sample vs reading the incidents and their owners', :'floor_q', :'c_q', 5);

-- The next trace after a committed one-row change to an assignment (the
-- end of a tenure on a chain of the sample moved by a day, and back): the
-- image drops what the change touched.
SELECT a.assignment_id AS changed_tenure FROM responsibility.assignment a
  JOIN bt_c b ON b.position_id = a.position_id AND b.person_id = a.person_id
 WHERE a.tenant_id = 1 AND NOT upper_inf(a.during) LIMIT 1 \gset
SELECT round(bench.time_ms(:'c_q')::numeric) AS warm_ms \gset
UPDATE responsibility.assignment SET during = tstzrange(lower(during), upper(during) + interval '1 day')
 WHERE tenant_id = 1 AND assignment_id = :changed_tenure;
SELECT round(bench.time_ms(:'c_q')::numeric) AS after_change_ms \gset
UPDATE responsibility.assignment SET during = tstzrange(lower(during), upper(during) - interval '1 day')
 WHERE tenant_id = 1 AND assignment_id = :changed_tenure;
SELECT :warm_ms AS warm_ms, :after_change_ms AS after_change_ms,
       round(bench.time_ms(:'c_q')::numeric) AS after_change_back_ms,
       pg_size_pretty(responsibility.chain_cache_memory()) AS image;
