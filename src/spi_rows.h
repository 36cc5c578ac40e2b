/*
 * spi_rows.h
 *		Read-only queries whose rows go one by one to a function of the
 *		caller's (spi_rows.c): no SPI tuple table holds them all.
 */
#ifndef SPI_ROWS_H
#define SPI_ROWS_H

#include "postgres.h"

#include "executor/tuptable.h"
#include "nodes/params.h"

typedef void (*SpiRowFn) (TupleTableSlot *slot, void *arg);

extern void SpiRunRows(const char *caller, const char *sql, ParamListInfo params,
					   SpiRowFn fn, void *arg, MemoryContext cxt);

#endif							/* SPI_ROWS_H */
