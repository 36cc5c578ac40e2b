-- The rchain type: a responsibility chain at a moment (src/rchain_io.c,
-- src/rchain_op.c).  Text form:
--   [2005-10-21 09:00:00+08] 1042:post:501 > 1040:superior:77(acting) > 12:in_charge:vacant > 1:head:3

CREATE TYPE @extschema@.rchain;

CREATE FUNCTION @extschema@.rchain_in(cstring) RETURNS @extschema@.rchain
    AS 'MODULE_PATHNAME', 'rchain_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_out(@extschema@.rchain) RETURNS cstring
    AS 'MODULE_PATHNAME', 'rchain_out' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_recv(internal) RETURNS @extschema@.rchain
    AS 'MODULE_PATHNAME', 'rchain_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_send(@extschema@.rchain) RETURNS bytea
    AS 'MODULE_PATHNAME', 'rchain_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.rchain (
    INPUT = @extschema@.rchain_in,
    OUTPUT = @extschema@.rchain_out,
    RECEIVE = @extschema@.rchain_recv,
    SEND = @extschema@.rchain_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.rchain IS
    'Responsibility chain (责任链) at a moment: links from a post up to the head, each a position, its role in the chain and its holder then';
COMMENT ON FUNCTION @extschema@.rchain_in(cstring) IS 'Text input of rchain (depends on TimeZone, like timestamptz)';
COMMENT ON FUNCTION @extschema@.rchain_out(@extschema@.rchain) IS 'Text output of rchain (depends on DateStyle and TimeZone, like timestamptz)';
COMMENT ON FUNCTION @extschema@.rchain_recv(internal) IS 'Binary input of rchain (format version 1)';
COMMENT ON FUNCTION @extschema@.rchain_send(@extschema@.rchain) IS 'Binary output of rchain (format version 1)';

-- One link of a chain, as a row.
CREATE TYPE @extschema@.rlink AS (
    depth       integer,
    position_id bigint,
    role        text,
    person_id   bigint,
    tenure      text
);
COMMENT ON TYPE @extschema@.rlink IS
    'One link of an rchain: depth (1 = the post), position, role in the chain (post, superior, unit_head, in_charge, head), person (NULL when vacant), tenure (holder, acting, concurrent, vacant)';

CREATE FUNCTION @extschema@.rchain_eq(@extschema@.rchain, @extschema@.rchain) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_ne(@extschema@.rchain, @extschema@.rchain) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_lt(@extschema@.rchain, @extschema@.rchain) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_le(@extschema@.rchain, @extschema@.rchain) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_gt(@extschema@.rchain, @extschema@.rchain) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_ge(@extschema@.rchain, @extschema@.rchain) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_cmp(@extschema@.rchain, @extschema@.rchain) RETURNS integer
    AS 'MODULE_PATHNAME', 'rchain_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_hash(@extschema@.rchain) RETURNS integer
    AS 'MODULE_PATHNAME', 'rchain_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.contains_position(@extschema@.rchain, bigint) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_contains_position' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.contains_person(@extschema@.rchain, bigint) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_contains_person' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.position_in(bigint, @extschema@.rchain) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN @extschema@.contains_position($2, $1);
CREATE FUNCTION @extschema@.length(@extschema@.rchain) RETURNS integer
    AS 'MODULE_PATHNAME', 'rchain_length' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.moment(@extschema@.rchain) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'rchain_moment' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.positions(@extschema@.rchain) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'rchain_positions' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.persons(@extschema@.rchain) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'rchain_persons' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.link(@extschema@.rchain, integer) RETURNS @extschema@.rlink
    AS 'MODULE_PATHNAME', 'rchain_link' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.head(@extschema@.rchain) RETURNS @extschema@.rlink
    AS 'MODULE_PATHNAME', 'rchain_head' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tail(@extschema@.rchain) RETURNS @extschema@.rlink
    AS 'MODULE_PATHNAME', 'rchain_tail' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.links(@extschema@.rchain)
    RETURNS SETOF @extschema@.rlink
    AS 'MODULE_PATHNAME', 'rchain_links' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;

COMMENT ON FUNCTION @extschema@.rchain_eq(@extschema@.rchain, @extschema@.rchain) IS 'Equal chains: same moment, same links';
COMMENT ON FUNCTION @extschema@.rchain_ne(@extschema@.rchain, @extschema@.rchain) IS 'Different chains';
COMMENT ON FUNCTION @extschema@.rchain_lt(@extschema@.rchain, @extschema@.rchain) IS 'Sorts before (by moment, then link by link from the post up)';
COMMENT ON FUNCTION @extschema@.rchain_le(@extschema@.rchain, @extschema@.rchain) IS 'Sorts before or equal';
COMMENT ON FUNCTION @extschema@.rchain_gt(@extschema@.rchain, @extschema@.rchain) IS 'Sorts after';
COMMENT ON FUNCTION @extschema@.rchain_ge(@extschema@.rchain, @extschema@.rchain) IS 'Sorts after or equal';
COMMENT ON FUNCTION @extschema@.rchain_cmp(@extschema@.rchain, @extschema@.rchain) IS 'Three-way comparison of chains (btree support)';
COMMENT ON FUNCTION @extschema@.rchain_hash(@extschema@.rchain) IS 'Hash of an rchain (for hash joins, GROUP BY, DISTINCT)';
COMMENT ON FUNCTION @extschema@.contains_position(@extschema@.rchain, bigint) IS 'Does the chain pass through this position? (operator @>)';
COMMENT ON FUNCTION @extschema@.contains_person(@extschema@.rchain, bigint) IS 'Did this person hold a post of the chain at its moment? (operator ~>)';
COMMENT ON FUNCTION @extschema@.position_in(bigint, @extschema@.rchain) IS 'Is this position in the chain? (operator <@)';
COMMENT ON FUNCTION @extschema@.length(@extschema@.rchain) IS 'Number of links in the chain';
COMMENT ON FUNCTION @extschema@.moment(@extschema@.rchain) IS 'The moment the chain describes';
COMMENT ON FUNCTION @extschema@.positions(@extschema@.rchain) IS 'The positions of the chain, from the post up';
COMMENT ON FUNCTION @extschema@.persons(@extschema@.rchain) IS 'The persons who held the chain''s posts, from the post up (vacancies left out)';
COMMENT ON FUNCTION @extschema@.link(@extschema@.rchain, integer) IS 'Link n, counted from 1 at the post; NULL when there is none';
COMMENT ON FUNCTION @extschema@.head(@extschema@.rchain) IS 'The top link: the head of the top unit (一把手), or the last post reached';
COMMENT ON FUNCTION @extschema@.tail(@extschema@.rchain) IS 'The bottom link: the post the chain starts from';
COMMENT ON FUNCTION @extschema@.links(@extschema@.rchain) IS 'One row per link, from the post up';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.rchain, RIGHTARG = @extschema@.rchain,
    FUNCTION = @extschema@.rchain_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.rchain, RIGHTARG = @extschema@.rchain,
    FUNCTION = @extschema@.rchain_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.rchain, RIGHTARG = @extschema@.rchain, FUNCTION = @extschema@.rchain_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.rchain, RIGHTARG = @extschema@.rchain, FUNCTION = @extschema@.rchain_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.rchain, RIGHTARG = @extschema@.rchain, FUNCTION = @extschema@.rchain_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.rchain, RIGHTARG = @extschema@.rchain, FUNCTION = @extschema@.rchain_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE OPERATOR @extschema@.@> (
    LEFTARG = @extschema@.rchain, RIGHTARG = bigint,
    FUNCTION = @extschema@.contains_position,
    COMMUTATOR = OPERATOR(@extschema@.<@),
    RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR @extschema@.<@ (
    LEFTARG = bigint, RIGHTARG = @extschema@.rchain,
    FUNCTION = @extschema@.position_in,
    COMMUTATOR = OPERATOR(@extschema@.@>),
    RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR @extschema@.~> (
    LEFTARG = @extschema@.rchain, RIGHTARG = bigint,
    FUNCTION = @extschema@.contains_person,
    RESTRICT = contsel, JOIN = contjoinsel
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.rchain, @extschema@.rchain) IS 'Equal chains';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.rchain, @extschema@.rchain) IS 'Different chains';
COMMENT ON OPERATOR @extschema@.< (@extschema@.rchain, @extschema@.rchain) IS 'Sorts before';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.rchain, @extschema@.rchain) IS 'Sorts before or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.rchain, @extschema@.rchain) IS 'Sorts after';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.rchain, @extschema@.rchain) IS 'Sorts after or equal';
COMMENT ON OPERATOR @extschema@.@> (@extschema@.rchain, bigint) IS 'Chain contains position';
COMMENT ON OPERATOR @extschema@.<@ (bigint, @extschema@.rchain) IS 'Position is in chain';
COMMENT ON OPERATOR @extschema@.~> (@extschema@.rchain, bigint) IS 'Chain contains person (held one of its posts at its moment)';

CREATE OPERATOR CLASS @extschema@.rchain_ops
    DEFAULT FOR TYPE @extschema@.rchain USING btree AS
    OPERATOR 1 @extschema@.< (@extschema@.rchain, @extschema@.rchain),
    OPERATOR 2 @extschema@.<= (@extschema@.rchain, @extschema@.rchain),
    OPERATOR 3 @extschema@.= (@extschema@.rchain, @extschema@.rchain),
    OPERATOR 4 @extschema@.>= (@extschema@.rchain, @extschema@.rchain),
    OPERATOR 5 @extschema@.> (@extschema@.rchain, @extschema@.rchain),
    FUNCTION 1 @extschema@.rchain_cmp(@extschema@.rchain, @extschema@.rchain);
COMMENT ON OPERATOR CLASS @extschema@.rchain_ops USING btree IS 'Order of rchain: by moment, then link by link from the post up';
CREATE OPERATOR CLASS @extschema@.rchain_hash_ops
    DEFAULT FOR TYPE @extschema@.rchain USING hash AS
    OPERATOR 1 @extschema@.= (@extschema@.rchain, @extschema@.rchain),
    FUNCTION 1 @extschema@.rchain_hash(@extschema@.rchain);
COMMENT ON OPERATOR CLASS @extschema@.rchain_hash_ops USING hash IS 'Hash equality of rchain';

-- GIN: stored chains found by a post they pass through or a person who held
-- one of their posts (src/rchain_gin.c).
CREATE FUNCTION @extschema@.rchain_gin_extract_value(@extschema@.rchain, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'rchain_gin_extract_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rchain_gin_extract_value(@extschema@.rchain, internal) IS
    'GIN support: the keys of a chain (its positions, and its holders as negated person ids)';
CREATE FUNCTION @extschema@.rchain_gin_extract_query(bigint, internal, int2, internal, internal, internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'rchain_gin_extract_query' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rchain_gin_extract_query(bigint, internal, int2, internal, internal, internal, internal) IS
    'GIN support: the key a @> (position) or ~> (person) query looks for';
CREATE FUNCTION @extschema@.rchain_gin_consistent(internal, int2, bigint, int4, internal, internal, internal, internal) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_gin_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rchain_gin_consistent(internal, int2, bigint, int4, internal, internal, internal, internal) IS
    'GIN support: a chain with the key matches (exactly, no recheck)';
CREATE OPERATOR CLASS @extschema@.rchain_gin_ops
    DEFAULT FOR TYPE @extschema@.rchain USING gin AS
    OPERATOR 1 @extschema@.@> (@extschema@.rchain, bigint),
    OPERATOR 2 @extschema@.~> (@extschema@.rchain, bigint),
    FUNCTION 1 pg_catalog.btint8cmp(bigint, bigint),
    FUNCTION 2 @extschema@.rchain_gin_extract_value(@extschema@.rchain, internal),
    FUNCTION 3 @extschema@.rchain_gin_extract_query(bigint, internal, int2, internal, internal, internal, internal),
    FUNCTION 4 @extschema@.rchain_gin_consistent(internal, int2, bigint, int4, internal, internal, internal, internal),
    STORAGE bigint;
COMMENT ON OPERATOR CLASS @extschema@.rchain_gin_ops USING gin IS
    'Index of stored chains by position (@>, <@) and by person (~>): "every chain through this post"';
