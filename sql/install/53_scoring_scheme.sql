-- multi_source_score() with a scheme's sources given once, as arrays
-- (src/scoring_agg.c): the grades of a period feed it their rows without
-- joining each row to its source's weight.

CREATE FUNCTION @extschema@.multi_source_scheme_transfn(internal, text, float8, text[], float8[], integer[], integer)
    RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.multi_source_scheme_transfn(internal, text, float8, text[], float8[], integer[], integer) IS
    'multi_source_score() over a scheme''s sources: adds a score of a source';

CREATE AGGREGATE @extschema@.multi_source_score(source text, score float8, sources text[], weights float8[],
                                                 min_raters integer[], trim_each integer) (
    SFUNC = @extschema@.multi_source_scheme_transfn,
    STYPE = internal,
    SSPACE = 400,
    FINALFUNC = @extschema@.multi_source_finalfn,
    COMBINEFUNC = @extschema@.multi_source_combinefn,
    SERIALFUNC = @extschema@.multi_source_serialfn,
    DESERIALFUNC = @extschema@.multi_source_deserialfn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.multi_source_score(text, float8, text[], float8[], integer[], integer) IS
    'multi_source_score() with the sources of a scheme given as arrays (names, weights, minimum raters; the same for every row, e.g. from a subquery) and one trim for all: each row names its source, which must be one of them';
