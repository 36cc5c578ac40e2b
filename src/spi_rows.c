/*
 * spi_rows.c
 *		Read-only queries through SPI whose rows go one by one to a
 *		function, through a DestReceiver: the engines that read many rows
 *		(grading, the coverage report's structure) keep what they need of
 *		each row in their own arrays instead of an SPI tuple table.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "tcop/dest.h"

#include "spi_rows.h"

typedef struct RowReceiver
{
	DestReceiver pub;
	SpiRowFn	fn;
	void	   *arg;
	MemoryContext cxt;
} RowReceiver;

static bool
RowReceive(TupleTableSlot *slot, DestReceiver *self)
{
	RowReceiver *r = (RowReceiver *) self;
	MemoryContext old = r->cxt ? MemoryContextSwitchTo(r->cxt) : CurrentMemoryContext;

	slot_getallattrs(slot);
	r->fn(slot, r->arg);
	MemoryContextSwitchTo(old);
	return true;
}

static void
RowStartup(DestReceiver *self, int operation, TupleDesc typeinfo)
{
}

static void
RowNothing(DestReceiver *self)
{
}

/*
 * SpiRunRows
 *		Runs sql (read-only, inside SPI_connect) with params, handing each
 *		row to fn with arg; in cxt when it is given, else in the context the
 *		executor calls its receiver in (the query's: what fn allocates there
 *		stays until the query ends).  caller names the function in errors.
 */
void
SpiRunRows(const char *caller, const char *sql, ParamListInfo params,
		   SpiRowFn fn, void *arg, MemoryContext cxt)
{
	RowReceiver r;
	SPIExecuteOptions options;
	int			rc;

	r.pub.receiveSlot = RowReceive;
	r.pub.rStartup = RowStartup;
	r.pub.rShutdown = RowNothing;
	r.pub.rDestroy = RowNothing;
	r.pub.mydest = DestNone;
	r.fn = fn;
	r.arg = arg;
	r.cxt = cxt;
	memset(&options, 0, sizeof(options));
	options.params = params;
	options.read_only = true;
	options.dest = (DestReceiver *) &r;
	rc = SPI_execute_extended(sql, &options);
	if (rc < 0)					/* SPI_OK_UTILITY: the rows went to our receiver */
		elog(ERROR, "%s: query failed: %s", caller, SPI_result_code_string(rc));
}
