/*
 * rchain_io.c
 *		Text and binary I/O of the rchain type.
 *
 * Text form (whitespace is allowed around every token):
 *
 *		[2005-10-21 09:00:00+08] 1042:post:501 > 1040:superior:77(acting) > 12:in_charge:vacant > 1:head:3
 *
 *		rchain	:= '[' timestamptz ']' link { '>' link }
 *		link	:= position ':' role ':' holder
 *		role	:= 'post' | 'superior' | 'unit_head' | 'in_charge' | 'head'
 *		holder	:= 'vacant' | person [ '(' ( 'acting' | 'concurrent' | 'absent' ) ')' ]
 *
 * Positions and persons are positive bigints.  A chain has 1 to 1000 links
 * and names a position at most once.  Binary form: a format-version byte,
 * the moment, the number of links, then per link position, role, tenure and
 * person.
 */
#include "postgres.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "rchain.h"

const char *const RChainRoleNames[RCHAIN_NUM_ROLES] = {
	"post", "superior", "unit_head", "in_charge", "head"
};

const char *const RChainTenureNames[RCHAIN_NUM_TENURES] = {
	"vacant", "holder", "acting", "concurrent", "absent"
};

PG_FUNCTION_INFO_V1(rchain_in);
PG_FUNCTION_INFO_V1(rchain_out);
PG_FUNCTION_INFO_V1(rchain_recv);
PG_FUNCTION_INFO_V1(rchain_send);

/*
 * InitRChain
 *		Allocates a zeroed chain of nlinks links at a moment.
 */
RChain *
InitRChain(TimestampTz moment, int nlinks)
{
	RChain	   *chain = (RChain *) palloc0(RCHAIN_SIZE(nlinks));

	SET_VARSIZE(chain, RCHAIN_SIZE(nlinks));
	chain->nlinks = nlinks;
	chain->moment = moment;
	return chain;
}

/*
 * CheckRChain
 *		Rejects a chain that breaks the type's rules (used by input, recv and
 *		by anything that builds chains).  code, when not 0, replaces each
 *		check's own SQLSTATE (recv reports 22P03 for every invalid value).
 */
void
CheckRChain(const RChain *chain, int code)
{
#define CODE(c) errcode(code != 0 ? code : (c))
	if (chain->nlinks < 1 || chain->nlinks > RCHAIN_MAX_LINKS)
		ereport(ERROR,
				(CODE(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rchain must have between 1 and %d links, not %d",
						RCHAIN_MAX_LINKS, chain->nlinks)));
	if (TIMESTAMP_NOT_FINITE(chain->moment))
		ereport(ERROR,
				(CODE(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("rchain moment must be finite")));
	if (!IS_VALID_TIMESTAMP(chain->moment))
		ereport(ERROR,
				(CODE(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("rchain moment out of range")));
	for (int i = 0; i < chain->nlinks; i++)
	{
		const RChainLink *l = &chain->links[i];

		if (l->position_id <= 0)
			ereport(ERROR,
					(CODE(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("rchain link %d has invalid position " INT64_FORMAT, i + 1, l->position_id),
					 errdetail("Positions are positive integers.")));
		if (l->role >= RCHAIN_NUM_ROLES || l->tenure >= RCHAIN_NUM_TENURES)
			ereport(ERROR,
					(CODE(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("rchain link %d has an unknown role or tenure", i + 1)));
		if ((l->tenure == RCHAIN_TENURE_VACANT) != (l->person_id == 0) || l->person_id < 0)
			ereport(ERROR,
					(CODE(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("rchain link %d has invalid person " INT64_FORMAT, i + 1, l->person_id),
					 errdetail("Persons are positive integers; a vacant post has none.")));
		for (int j = 0; j < i; j++)
			if (chain->links[j].position_id == l->position_id)
				ereport(ERROR,
						(CODE(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("rchain names position " INT64_FORMAT " twice, at links %d and %d",
								l->position_id, j + 1, i + 1),
						 errdetail("A chain of responsibility cannot loop.")));
	}
#undef CODE
}

/* The state of the text parser: the whole literal and where we are. */
typedef struct RChainParser
{
	const char *lit;
	const char *p;
} RChainParser;

/*
 * SyntaxError
 *		Reports a syntax error at the parser's position (1-based character).
 */
static void
pg_attribute_noreturn()
SyntaxError(RChainParser *ps, const char *expected)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type rchain: \"%s\"", ps->lit),
			 errdetail("Expected %s at character %d.", expected,
					   (int) (ps->p - ps->lit) + 1)));
}

static void
SkipSpace(RChainParser *ps)
{
	while (isspace((unsigned char) *ps->p))
		ps->p++;
}

/*
 * ParseId
 *		Reads a positive bigint (a position or a person).
 */
static int64
ParseId(RChainParser *ps, const char *what)
{
	char	   *end;
	long long	v;

	SkipSpace(ps);
	if (!isdigit((unsigned char) *ps->p))
		SyntaxError(ps, what);
	errno = 0;
	v = strtoll(ps->p, &end, 10);
	if (isalnum((unsigned char) *end) || *end == '_')
	{
		/* 0x10, 12ab: not a decimal id */
		ps->p = end;
		SyntaxError(ps, "digits only (a decimal id)");
	}
	if (errno == ERANGE || v <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("invalid input syntax for type rchain: \"%s\"", ps->lit),
				 errdetail("Expected %s that is a positive bigint at character %d.", what,
						   (int) (ps->p - ps->lit) + 1)));
	ps->p = end;
	return (int64) v;
}

/*
 * ParseWord
 *		Matches one of names[] as a whole word; returns its index.
 */
static int
ParseWord(RChainParser *ps, const char *const *names, int n, const char *expected)
{
	int			len = 0;

	SkipSpace(ps);
	while (isalpha((unsigned char) ps->p[len]) || ps->p[len] == '_')
		len++;
	for (int i = 0; i < n; i++)
		if (strlen(names[i]) == len && strncmp(ps->p, names[i], len) == 0)
		{
			ps->p += len;
			return i;
		}
	SyntaxError(ps, expected);
}

static void
Expect(RChainParser *ps, char c, const char *expected)
{
	SkipSpace(ps);
	if (*ps->p != c)
		SyntaxError(ps, expected);
	ps->p++;
}

/* Error context for the moment: says where in the literal it stands. */
static void
MomentErrorContext(void *arg)
{
	RChainParser *ps = (RChainParser *) arg;

	errcontext("in the moment of rchain \"%s\" at character %d",
			   ps->lit, (int) (ps->p - ps->lit) + 1);
}

/*
 * ParseMoment
 *		Reads '[' timestamptz ']'.
 */
static TimestampTz
ParseMoment(RChainParser *ps)
{
	const char *close;
	char	   *text;
	TimestampTz moment;
	ErrorContextCallback errcb;

	Expect(ps, '[', "\"[\" and the chain's moment");
	SkipSpace(ps);
	close = strchr(ps->p, ']');
	if (close == NULL)
		SyntaxError(ps, "a timestamp closed by \"]\"");
	text = pnstrdup(ps->p, close - ps->p);

	errcb.callback = MomentErrorContext;
	errcb.arg = ps;
	errcb.previous = error_context_stack;
	error_context_stack = &errcb;
	moment = DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in,
													 CStringGetDatum(text),
													 ObjectIdGetDatum(InvalidOid),
													 Int32GetDatum(-1)));
	error_context_stack = errcb.previous;

	if (TIMESTAMP_NOT_FINITE(moment))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("invalid input syntax for type rchain: \"%s\"", ps->lit),
				 errdetail("The moment at character %d is not finite.",
						   (int) (ps->p - ps->lit) + 1)));
	pfree(text);
	ps->p = close + 1;
	return moment;
}

/*
 * ParseLink
 *		Reads position ':' role ':' holder.
 */
static void
ParseLink(RChainParser *ps, RChainLink *link)
{
	link->position_id = ParseId(ps, "a position");
	Expect(ps, ':', "\":\" after the position");
	link->role = ParseWord(ps, RChainRoleNames, RCHAIN_NUM_ROLES,
						   "a role (post, superior, unit_head, in_charge or head)");
	Expect(ps, ':', "\":\" after the role");
	SkipSpace(ps);
	if (isdigit((unsigned char) *ps->p))
	{
		link->person_id = ParseId(ps, "a person");
		link->tenure = RCHAIN_TENURE_HOLDER;
		SkipSpace(ps);
		if (*ps->p == '(')
		{
			ps->p++;
			/* only acting, concurrent and absent are written out */
			link->tenure = RCHAIN_TENURE_ACTING +
				ParseWord(ps, RChainTenureNames + RCHAIN_TENURE_ACTING, 3,
						  "a tenure (acting, concurrent or absent)");
			Expect(ps, ')', "\")\" after the tenure");
		}
	}
	else if (ParseWord(ps, RChainTenureNames, 1, "a person or \"vacant\"") == 0)
	{
		link->person_id = 0;
		link->tenure = RCHAIN_TENURE_VACANT;
	}
}

/*
 * rchain_in
 *		Parses the text form.
 */
Datum
rchain_in(PG_FUNCTION_ARGS)
{
	char	   *lit = PG_GETARG_CSTRING(0);
	RChainParser ps = {lit, lit};
	RChainLink	links[RCHAIN_MAX_LINKS];
	TimestampTz moment;
	int			n = 0;
	RChain	   *chain;

	moment = ParseMoment(&ps);
	for (;;)
	{
		if (n == RCHAIN_MAX_LINKS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("invalid input syntax for type rchain: \"%s\"", lit),
					 errdetail("A chain has at most %d links; link %d starts at character %d.",
							   RCHAIN_MAX_LINKS, n + 1, (int) (ps.p - lit) + 1)));
		memset(&links[n], 0, sizeof(RChainLink));
		ParseLink(&ps, &links[n++]);
		SkipSpace(&ps);
		if (*ps.p == '\0')
			break;
		Expect(&ps, '>', "\">\" and the next link, or the end");
	}

	chain = InitRChain(moment, n);
	memcpy(chain->links, links, sizeof(RChainLink) * n);
	CheckRChain(chain, 0);
	PG_RETURN_RCHAIN_P(chain);
}

/*
 * rchain_out
 *		Writes the text form.
 */
Datum
rchain_out(PG_FUNCTION_ARGS)
{
	RChain	   *chain = PG_GETARG_RCHAIN_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "[%s] ",
					 DatumGetCString(DirectFunctionCall1(timestamptz_out,
														 TimestampTzGetDatum(chain->moment))));
	for (int i = 0; i < chain->nlinks; i++)
	{
		const RChainLink *l = &chain->links[i];

		if (i > 0)
			appendStringInfoString(&buf, " > ");
		appendStringInfo(&buf, INT64_FORMAT ":%s:", l->position_id, RChainRoleNames[l->role]);
		if (l->tenure == RCHAIN_TENURE_VACANT)
			appendStringInfoString(&buf, "vacant");
		else
			appendStringInfo(&buf, INT64_FORMAT, l->person_id);
		if (l->tenure != RCHAIN_TENURE_VACANT && l->tenure != RCHAIN_TENURE_HOLDER)
			appendStringInfo(&buf, "(%s)", RChainTenureNames[l->tenure]);
	}
	PG_RETURN_CSTRING(buf.data);
}

/*
 * rchain_recv
 *		Reads the binary form, checking it like the text form.
 */
Datum
rchain_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	TimestampTz moment;
	int32		n;
	RChain	   *chain;

	if (version != RCHAIN_BINARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type rchain", version),
				 errdetail("This version of the extension reads format %d.", RCHAIN_BINARY_VERSION)));
	moment = pq_getmsgint64(buf);
	n = pq_getmsgint(buf, 4);
	if (n < 1 || n > RCHAIN_MAX_LINKS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid number of links in binary rchain: %d", n),
				 errdetail("A chain has between 1 and %d links.", RCHAIN_MAX_LINKS)));
	chain = InitRChain(moment, n);
	for (int i = 0; i < n; i++)
	{
		RChainLink *l = &chain->links[i];

		l->position_id = pq_getmsgint64(buf);
		l->role = pq_getmsgbyte(buf);
		l->tenure = pq_getmsgbyte(buf);
		l->person_id = pq_getmsgint64(buf);
	}
	CheckRChain(chain, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_RCHAIN_P(chain);
}

/*
 * rchain_send
 *		Writes the binary form.
 */
Datum
rchain_send(PG_FUNCTION_ARGS)
{
	RChain	   *chain = PG_GETARG_RCHAIN_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, RCHAIN_BINARY_VERSION);
	pq_sendint64(&buf, chain->moment);
	pq_sendint32(&buf, chain->nlinks);
	for (int i = 0; i < chain->nlinks; i++)
	{
		const RChainLink *l = &chain->links[i];

		pq_sendint64(&buf, l->position_id);
		pq_sendbyte(&buf, l->role);
		pq_sendbyte(&buf, l->tenure);
		pq_sendint64(&buf, l->person_id);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}
