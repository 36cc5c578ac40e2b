-- responsibility 0.2.0 -> 0.3.0: absences and acting holders, nested lives,
-- the catalogue of duties, powers and processes, the coverage report, the
-- white paper and diagrams.  Built by the Makefile: this header, then the
-- install sources that are new in 0.3.0 or replace what they define.
\echo Use "ALTER EXTENSION responsibility UPDATE TO '0.3.0'" to load this file. \quit

