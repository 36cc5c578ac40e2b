-- Aggregates of the assessment (P1), in C (src/scoring_agg.c): a weighted
-- mean and a trimmed mean (去掉最高分和最低分), each able to run in parallel.

CREATE FUNCTION @extschema@.weighted_mean_transfn(internal, float8, float8) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.weighted_mean_combinefn(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.weighted_mean_serialfn(internal) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.weighted_mean_deserialfn(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.weighted_mean_finalfn(internal) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_mean_transfn(internal, float8, float8) IS 'weighted_mean(): adds a score and its weight';
COMMENT ON FUNCTION @extschema@.weighted_mean_combinefn(internal, internal) IS 'weighted_mean(): joins two partial states';
COMMENT ON FUNCTION @extschema@.weighted_mean_serialfn(internal) IS 'weighted_mean(): a partial state as bytes, for parallel workers';
COMMENT ON FUNCTION @extschema@.weighted_mean_deserialfn(bytea, internal) IS 'weighted_mean(): a partial state from bytes';
COMMENT ON FUNCTION @extschema@.weighted_mean_finalfn(internal) IS 'weighted_mean(): the mean';

CREATE AGGREGATE @extschema@.weighted_mean(score float8, weight float8) (
    SFUNC = @extschema@.weighted_mean_transfn,
    STYPE = internal,
    SSPACE = 24,
    FINALFUNC = @extschema@.weighted_mean_finalfn,
    COMBINEFUNC = @extschema@.weighted_mean_combinefn,
    SERIALFUNC = @extschema@.weighted_mean_serialfn,
    DESERIALFUNC = @extschema@.weighted_mean_deserialfn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.weighted_mean(float8, float8) IS
    'Weighted mean of the scores: sum(weight * score) / sum(weight) over the rows where both are given; a negative weight is an error; NULL without scores or when every weight is zero';

CREATE FUNCTION @extschema@.trimmed_mean_transfn(internal, float8, integer) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.trimmed_mean_combinefn(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.trimmed_mean_serialfn(internal) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trimmed_mean_deserialfn(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trimmed_mean_finalfn(internal) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trimmed_mean_transfn(internal, float8, integer) IS 'trimmed_mean(): adds a score';
COMMENT ON FUNCTION @extschema@.trimmed_mean_combinefn(internal, internal) IS 'trimmed_mean(): joins two partial states';
COMMENT ON FUNCTION @extschema@.trimmed_mean_serialfn(internal) IS 'trimmed_mean(): a partial state as bytes, for parallel workers';
COMMENT ON FUNCTION @extschema@.trimmed_mean_deserialfn(bytea, internal) IS 'trimmed_mean(): a partial state from bytes';
COMMENT ON FUNCTION @extschema@.trimmed_mean_finalfn(internal) IS 'trimmed_mean(): the mean of what is left';

CREATE AGGREGATE @extschema@.trimmed_mean(score float8, trim_each integer) (
    SFUNC = @extschema@.trimmed_mean_transfn,
    STYPE = internal,
    SSPACE = 64,
    FINALFUNC = @extschema@.trimmed_mean_finalfn,
    COMBINEFUNC = @extschema@.trimmed_mean_combinefn,
    SERIALFUNC = @extschema@.trimmed_mean_serialfn,
    DESERIALFUNC = @extschema@.trimmed_mean_deserialfn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.trimmed_mean(float8, integer) IS
    'Trimmed mean (去掉最高分和最低分): the mean of the scores once the trim_each highest and the trim_each lowest are dropped (0 to 16, the same for the whole group); NULL when no score is left, so that too few raters is seen, never averaged over the rest';

-- The combination of evaluator sources: each source trimmed and averaged,
-- sources with too few raters left out and reported, the weights of the
-- rest renormalised.
CREATE FUNCTION @extschema@.multi_source_transfn(internal, text, float8, float8, integer, integer) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.multi_source_combinefn(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.multi_source_serialfn(internal) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.multi_source_deserialfn(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.multi_source_finalfn(internal) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.multi_source_detailfn(internal) RETURNS jsonb
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.multi_source_transfn(internal, text, float8, float8, integer, integer) IS 'multi_source_score(), multi_source_detail(): adds a score of a source';
COMMENT ON FUNCTION @extschema@.multi_source_combinefn(internal, internal) IS 'multi_source_score(), multi_source_detail(): joins two partial states';
COMMENT ON FUNCTION @extschema@.multi_source_serialfn(internal) IS 'multi_source_score(), multi_source_detail(): a partial state as bytes, for parallel workers';
COMMENT ON FUNCTION @extschema@.multi_source_deserialfn(bytea, internal) IS 'multi_source_score(), multi_source_detail(): a partial state from bytes';
COMMENT ON FUNCTION @extschema@.multi_source_finalfn(internal) IS 'multi_source_score(): the combined score';
COMMENT ON FUNCTION @extschema@.multi_source_detailfn(internal) IS 'multi_source_detail(): the working as JSON';

CREATE AGGREGATE @extschema@.multi_source_score(source text, score float8, source_weight float8,
                                                 min_raters integer, trim_each integer) (
    SFUNC = @extschema@.multi_source_transfn,
    STYPE = internal,
    SSPACE = 400,
    FINALFUNC = @extschema@.multi_source_finalfn,
    COMBINEFUNC = @extschema@.multi_source_combinefn,
    SERIALFUNC = @extschema@.multi_source_serialfn,
    DESERIALFUNC = @extschema@.multi_source_deserialfn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.multi_source_score(text, float8, float8, integer, integer) IS
    'Score combined from evaluator sources (up to 16): each source''s scores trimmed (trim_each at each end) and averaged; a source with fewer than min_raters raters (or nothing left after trimming) is left out, never silently used; the weights of the sources used are renormalised to sum to one; NULL when no source is used.  Each source must keep one weight, minimum and trim';

CREATE AGGREGATE @extschema@.multi_source_detail(source text, score float8, source_weight float8,
                                                  min_raters integer, trim_each integer) (
    SFUNC = @extschema@.multi_source_transfn,
    STYPE = internal,
    SSPACE = 400,
    FINALFUNC = @extschema@.multi_source_detailfn,
    COMBINEFUNC = @extschema@.multi_source_combinefn,
    SERIALFUNC = @extschema@.multi_source_serialfn,
    DESERIALFUNC = @extschema@.multi_source_deserialfn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.multi_source_detail(text, float8, float8, integer, integer) IS
    'The working of multi_source_score() as JSON: each source with its raters, minimum, trim, weight, mean, status (used, insufficient, weight zero) and share after renormalisation, and the combined score';
