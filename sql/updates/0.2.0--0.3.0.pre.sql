-- responsibility 0.2.0 -> 0.3.0: absences and acting holders, nested lives,
-- the catalogue of duties, powers and processes, the coverage report, the
-- white paper and diagrams.  Built by the Makefile: this part changes what
-- 0.2.0 made in place; the rest is the new install sources.
\echo Use "ALTER EXTENSION responsibility UPDATE TO '0.3.0'" to load this file. \quit

-- An acting holder may stand beside the holder (while the holder is absent).
ALTER TABLE @extschema@.assignment DROP CONSTRAINT assignment_one_holder_at_a_time;
ALTER TABLE @extschema@.assignment ADD CONSTRAINT assignment_one_holder_at_a_time
    EXCLUDE USING gist (tenant_id WITH OPERATOR(pg_catalog.=), position_id WITH OPERATOR(pg_catalog.=),
                        during WITH OPERATOR(pg_catalog.&&)) WHERE (tenure OPERATOR(pg_catalog.<>) 'acting');
ALTER TABLE @extschema@.assignment ADD CONSTRAINT assignment_one_acting_at_a_time
    EXCLUDE USING gist (tenant_id WITH OPERATOR(pg_catalog.=), position_id WITH OPERATOR(pg_catalog.=),
                        during WITH OPERATOR(pg_catalog.&&)) WHERE (tenure OPERATOR(pg_catalog.=) 'acting');
