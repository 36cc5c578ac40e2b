-- responsibility 0.3.0 -> 0.4.0.  Built by the Makefile: this header, then
-- the install sources that are new in 0.4.0 or replace what they define.
\echo Use "ALTER EXTENSION responsibility UPDATE TO '0.4.0'" to load this file. \quit

-- The words of the coverage report move to C (src/coverage_text.c);
-- 72_coverage_report.sql replaces span_text() and span_bound_text() and adds
-- finding_explanation().
-- Incidents, the back-trace's rules as policy data and the back-trace,
-- cases and sanctions (66_incident.sql, 68_case.sql, 76_backtrace.sql,
-- 78_case_api.sql, their security and dump) are new.
