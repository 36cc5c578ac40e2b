# responsibility — PGXS build.  The version lives once, in responsibility.control.
EXTENSION   = responsibility
EXTVERSION  = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)

# Debian's versioned pg_config first, so the build targets PostgreSQL 15.
PG_CONFIG  ?= $(firstword $(wildcard /usr/lib/postgresql/15/bin/pg_config) pg_config)

MODULE_big  = $(EXTENSION)
OBJS        = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
PG_CFLAGS   = -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare -Wno-cast-function-type

# The install script is built from the ordered sources in sql/install/.
INSTALL_SQL = $(sort $(wildcard sql/install/*.sql))
DATA_built  = sql/$(EXTENSION)--$(EXTVERSION).sql sql/$(EXTENSION)--$(LAST_RELEASE)--$(EXTVERSION).sql
DATA        = $(wildcard sql/updates/$(EXTENSION)--*--*.sql) $(wildcard sql/releases/$(EXTENSION)--*.sql)

# The last release, frozen in sql/releases/ with its update scripts in
# sql/updates/.  The update from it to this development version is built:
# its header (the .pre.sql part, which also changes what the sources cannot),
# then the install sources that are wholly new or replace what they define.
# At the next release it is frozen into sql/updates/ beside the others.
LAST_RELEASE = 0.5.0
UPDATE_DEV = sql/updates/$(LAST_RELEASE)--dev.pre.sql \
	sql/install/76_backtrace.sql sql/install/77_case_engine.sql sql/updates/$(LAST_RELEASE)--dev.post.sql

# pg_regress reads sql/T.sql and expected/T.out (the PG15 contrib layout).
REGRESS     = $(sort $(basename $(notdir $(filter-out sql/$(EXTENSION)--%.sql,$(wildcard sql/*.sql)))))
REGRESS_OPTS = --inputdir=. --load-extension=btree_gist
ISOLATION   = $(sort $(basename $(notdir $(wildcard specs/*.spec))))
ISOLATION_OPTS = --load-extension=btree_gist --load-extension=$(EXTENSION)

EXTRA_CLEAN = results output_iso regression.diffs regression.out log

PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
else
all:
	@echo "PostgreSQL 15 server headers are missing: run 'make demo' or 'make test' (they install them)," >&2
	@echo "or apt-get install postgresql-server-dev-15." >&2
	@exit 1
endif

sql/$(EXTENSION)--$(EXTVERSION).sql: $(INSTALL_SQL) $(EXTENSION).control
	cat $(INSTALL_SQL) > $@

sql/$(EXTENSION)--$(LAST_RELEASE)--$(EXTVERSION).sql: $(UPDATE_DEV) $(EXTENSION).control
	cat $(UPDATE_DEV) | sed "s/@DEV_VERSION@/$(EXTVERSION)/g" > $@

# The two commands of the README, and the benchmark harness.  Each sets up
# what it needs (packages, build, install, a throwaway cluster) by itself.
.PHONY: demo test bench cluster-start cluster-stop
demo:
	bash test/harness.sh demo
test:
	bash test/harness.sh test
bench:
	bash test/harness.sh bench $(SCALE)
cluster-start:
	bash test/harness.sh start
cluster-stop:
	bash test/harness.sh stop
