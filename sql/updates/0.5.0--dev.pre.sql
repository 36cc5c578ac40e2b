-- responsibility 0.5.0 -> @DEV_VERSION@.  Built by the Makefile: this header,
-- then the install sources that are new or replace what they define.
\echo Use "ALTER EXTENSION responsibility UPDATE" to load this file. \quit
