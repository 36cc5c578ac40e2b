/*
 * coverage_text.c
 *		The words of the coverage report, in English and Chinese:
 *
 *		span_bound_text(timestamptz)		a bound: its date when a midnight
 *		span_text(tstzrange, lang)			"from 2005-03-03 until 2005-04-15"
 *		finding_explanation(kind, ..., lang)	one finding in a sentence
 *
 * A report writes two explanations for each of its rows, hundreds of
 * thousands at the benchmark's size; written with format() and to_char()
 * they cost several times what the sweep that finds the rows costs.  Value
 * floor: these know no tables, only the finding's fields and the session's
 * time zone.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "pgtime.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

PG_FUNCTION_INFO_V1(span_bound_text);
PG_FUNCTION_INFO_V1(span_text);
PG_FUNCTION_INFO_V1(finding_explanation);

/* Append n as at least width digits, zero-padded (n >= 0). */
static void
AppendDigits(StringInfo out, int n, int width)
{
	char		buf[12];
	int			len = 0;

	do
	{
		buf[sizeof(buf) - 1 - len++] = '0' + n % 10;
		n /= 10;
	} while (n > 0);
	while (len < width)
		buf[sizeof(buf) - 1 - len++] = '0';
	appendBinaryStringInfo(out, buf + sizeof(buf) - len, len);
}

/*
 * Append a finite bound in the session's time zone: the date alone when it
 * is a midnight, else date and time to the second.  Returns false, appending
 * nothing, for an infinite bound.  A report writes the same few bounds
 * again and again (four times a finding): the last two are kept, with the
 * time zone they were written in.
 */
static bool
AppendBound(StringInfo out, TimestampTz t)
{
	static struct
	{
		TimestampTz t;
		pg_tz	   *tz;
		int			len;
		char		text[40];
	}			kept[2];
	static int	next = 0;
	struct pg_tm tm;
	fsec_t		fsec;
	int			tz;
	int			year;
	int			start;

	if (TIMESTAMP_NOT_FINITE(t))
		return false;
	for (int i = 0; i < 2; i++)
		if (kept[i].len > 0 && kept[i].t == t && kept[i].tz == session_timezone)
		{
			appendBinaryStringInfo(out, kept[i].text, kept[i].len);
			return true;
		}
	if (timestamp2tm(t, &tz, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	start = out->len;
	year = tm.tm_year > 0 ? tm.tm_year : 1 - tm.tm_year;
	AppendDigits(out, year, 4);
	appendStringInfoChar(out, '-');
	AppendDigits(out, tm.tm_mon, 2);
	appendStringInfoChar(out, '-');
	AppendDigits(out, tm.tm_mday, 2);
	if (tm.tm_hour != 0 || tm.tm_min != 0 || tm.tm_sec != 0 || fsec != 0)
	{
		appendStringInfoChar(out, ' ');
		AppendDigits(out, tm.tm_hour, 2);
		appendStringInfoChar(out, ':');
		AppendDigits(out, tm.tm_min, 2);
		appendStringInfoChar(out, ':');
		AppendDigits(out, tm.tm_sec, 2);
	}
	if (tm.tm_year <= 0)
		appendStringInfoString(out, " BC");
	if (out->len - start < (int) sizeof(kept[0].text))
	{
		kept[next].t = t;
		kept[next].tz = session_timezone;
		kept[next].len = out->len - start;
		memcpy(kept[next].text, out->data + start, kept[next].len);
		next = 1 - next;
	}
	return true;
}

static bool
IsChinese(text *lang)
{
	return lang != NULL && VARSIZE_ANY_EXHDR(lang) == 2 &&
		memcmp(VARDATA_ANY(lang), "zh", 2) == 0;
}

/* Append the words of a span (not NULL): its bounds, or the open ends. */
static void
AppendSpan(StringInfo out, RangeType *span, bool zh)
{
	TypeCacheEntry *typcache;
	RangeBound	lower,
				upper;
	bool		empty;
	bool		has_lower,
				has_upper;

	typcache = lookup_type_cache(RangeTypeGetOid(span), TYPECACHE_RANGE_INFO);
	range_deserialize(typcache, span, &lower, &upper, &empty);
	/* as lower() and upper() see them: NULL when empty or unbounded */
	has_lower = !empty && !lower.infinite;
	has_upper = !empty && !upper.infinite;

	appendStringInfoString(out, zh ? "自" : "from ");
	if (!has_lower || !AppendBound(out, DatumGetTimestampTz(lower.val)))
	{
		out->len -= zh ? strlen("自") : strlen("from ");
		out->data[out->len] = '\0';
		appendStringInfoString(out, zh ? "自始" : "from the start");
	}
	appendStringInfoString(out, zh ? "至" : " until ");
	if (!has_upper || !AppendBound(out, DatumGetTimestampTz(upper.val)))
	{
		out->len -= zh ? strlen("至") : strlen(" until ");
		out->data[out->len] = '\0';
		appendStringInfoString(out, zh ? "起至今" : " onwards");
	}
}

Datum
span_bound_text(PG_FUNCTION_ARGS)
{
	StringInfoData out;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	initStringInfo(&out);
	if (!AppendBound(&out, PG_GETARG_TIMESTAMPTZ(0)))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out.data, out.len));
}

Datum
span_text(PG_FUNCTION_ARGS)
{
	StringInfoData out;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	initStringInfo(&out);
	AppendSpan(&out, PG_GETARG_RANGE_P(0), !PG_ARGISNULL(1) && IsChinese(PG_GETARG_TEXT_PP(1)));
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out.data, out.len));
}

static void
AppendInt64(StringInfo out, int64 v)
{
	char		buf[MAXINT8LEN + 1];

	appendBinaryStringInfo(out, buf, pg_lltoa(v, buf));
}

/* Append the non-NULL elements of a bigint[] with a separator. */
static void
AppendIds(StringInfo out, ArrayType *ids, const char *sep)
{
	Datum	   *values;
	bool	   *nulls;
	int			n;
	bool		first = true;

	deconstruct_array(ids, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &values, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		if (nulls[i])
			continue;
		if (!first)
			appendStringInfoString(out, sep);
		AppendInt64(out, DatumGetInt64(values[i]));
		first = false;
	}
}

/* The argument i as text, or NULL. */
#define ARG_TEXT(i) (PG_ARGISNULL(i) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(i)))

/*
 * What each kind of finding says, in English and Chinese; %s, where there
 * is one, is the post (p), the person (h), the posts of an overlap (P) or
 * the duties of a power (D).
 */
typedef struct FindingWords
{
	const char *kind;
	char		arg;
	const char *en;
	const char *zh;
} FindingWords;

static const FindingWords Words[] = {
	{"gap", 0, "no post owned it", "无岗位承担"},
	{"overlap", 'P', "posts %s all owned it as primary owners", "岗位%s同为主体责任人"},
	{"vacant_owner", 'p', "its owner post %s was vacant or its holder absent with nobody acting", "责任岗位%s空缺或在岗者缺位且无人代理"},
	{"idle_person", 'h', "person %s answered for it while it owned no duty or step", "人员%s在岗但该岗位无任何责任或环节"},
	{"dead_end", 0, "it hands off to no step and is not an end of its process", "无后续环节且非流程终点"},
	{"cycle", 0, "its hand-offs lead back to it", "流转后回到本环节"},
	{"unreachable", 0, "no hand-off from the first step reaches it", "从首个环节无法到达"},
	{"no_approver", 0, "it has no approval step", "没有批准环节"},
	{"power_without_duty", 0, "it implies no duty", "未对应任何责任"},
	{"power_without_consequence", 'D', "its duties %s carry no consequence", "所对应责任%s无追究后果"},
	{"duty_without_consequence", 0, "failing it carries no consequence", "未规定追究后果"},
	{"unit_without_indicator", 0, "none of its duties had a quantified target", "其责任均无量化指标"},
	{"post_without_indicator", 0, "it owned no duty with a quantified target", "所承担责任均无量化指标"},
};

/* The bigint argument i in digits, or empty when NULL. */
static void
AppendArgId(StringInfo out, FunctionCallInfo fcinfo, int i)
{
	if (!PG_ARGISNULL(i))
		AppendInt64(out, PG_GETARG_INT64(i));
}

/* Append the words of a kind, its %s filled in; nothing for an unknown kind. */
static void
AppendReason(StringInfo out, FunctionCallInfo fcinfo, const char *kind, bool zh)
{
	for (int k = 0; k < lengthof(Words); k++)
	{
		const char *words = zh ? Words[k].zh : Words[k].en;
		const char *hole;

		if (strcmp(Words[k].kind, kind) != 0)
			continue;
		hole = strstr(words, "%s");
		if (hole == NULL)
		{
			appendStringInfoString(out, words);
			return;
		}
		appendBinaryStringInfo(out, words, hole - words);
		switch (Words[k].arg)
		{
			case 'p':
				AppendArgId(out, fcinfo, 4);
				break;
			case 'h':
				AppendArgId(out, fcinfo, 5);
				break;
			case 'P':
			case 'D':
				{
					int			i = Words[k].arg == 'P' ? 7 : 8;

					if (!PG_ARGISNULL(i))
						AppendIds(out, PG_GETARG_ARRAYTYPE_P(i), zh ? "、" : ", ");
				}
				break;
		}
		appendStringInfoString(out, hole + 2);
		return;
	}
}

static const char *
ObjectKindZh(const char *object_kind)
{
	static const char *const kinds[][2] = {
		{"duty", "责任"}, {"step", "环节"}, {"process", "流程"}, {"power", "权力"}, {"unit", "单位"}
	};

	for (int k = 0; k < lengthof(kinds); k++)
		if (strcmp(kinds[k][0], object_kind) == 0)
			return kinds[k][1];
	return "岗位";
}

/*
 * finding_explanation(kind, object_kind, object_id, title, position_id,
 * person_id, span, positions, duties, lang): the sentence of one finding,
 * as 'en': 'duty 17 "Fire inspections": no post owned it, from 2005-03-03
 * until 2005-04-15.'  A missing part is left empty, as format() leaves it.
 */
Datum
finding_explanation(PG_FUNCTION_ARGS)
{
	char	   *kind = ARG_TEXT(0);
	char	   *object_kind = ARG_TEXT(1);
	char	   *title = ARG_TEXT(3);
	bool		zh = !PG_ARGISNULL(9) && IsChinese(PG_GETARG_TEXT_PP(9));
	StringInfoData out;

	if (kind == NULL)
		kind = "";
	if (object_kind == NULL)
		object_kind = "";

	initStringInfo(&out);
	appendStringInfoString(&out, zh ? ObjectKindZh(object_kind) : object_kind);
	if (!zh)
		appendStringInfoChar(&out, ' ');
	AppendArgId(&out, fcinfo, 2);
	appendStringInfoString(&out, zh ? "“" : " \"");
	if (title)
		appendStringInfoString(&out, title);
	appendStringInfoString(&out, zh ? "”：" : "\": ");
	AppendReason(&out, fcinfo, kind, zh);
	appendStringInfoString(&out, zh ? "，" : ", ");
	if (!PG_ARGISNULL(6))
		AppendSpan(&out, PG_GETARG_RANGE_P(6), zh);
	appendStringInfoString(&out, zh ? "。" : ".");
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out.data, out.len));
}
