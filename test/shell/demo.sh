#!/usr/bin/env bash
# The demo (make demo) runs to its end without an error, and shows what the
# README promises of it: the back-trace of incident 1, the case against 罗斌
# to its sanctions, the assessment of 2006 with the quota, a cap, an
# explanation and the consequences, and the supervision of October 2005 with
# its red card traced to people and the unit scores.  Prints TAP.
#
# Needs PGHOST/PGPORT/PGUSER (a superuser) in the environment.
set -u
cd "$(dirname "$0")/../.."
DB=rsp_demo_check
. test/shell/tap.bash

echo "1..9"
dropdb --if-exists "$DB" >/dev/null 2>&1
createdb "$DB" && psql -X -q -d "$DB" -c 'SET client_min_messages = warning; CREATE EXTENSION responsibility CASCADE' >/dev/null 2>&1
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f test/demo/demo_data.sql >/dev/null 2>&1
ok $? "the demo organisation loads"
out=$(psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f test/demo/walkthrough.sql 2>&1)
ok $? "the walkthrough runs to its end" "$(printf '%s\n' "$out" | grep -m3 ERROR)"
printf '%s\n' "$out" | grep -q '郑宏 *│ *96.00 │ 优秀 excellent'
ok $? "2006: 郑宏 takes the excellent place"
printf '%s\n' "$out" | grep -q '高洁 *│ *94.30 │ 称职 competent *│ over_quota'
ok $? "2006: 高洁 is over the quota"
printf '%s\n' "$out" | grep -q '94.30 │ excellent *│ 超出优秀比例，定为称职 │ 1 excellent places for 7 graded'
ok $? "and her explanation says so, with the places and her rank"
printf '%s\n' "$out" | grep -q '马俊 *│ basically_competent │ 降低一个职务职级层次'
ok $? "马俊 is lowered after two basically competent years"
printf '%s\n' "$out" | grep -q 'AJ-2005-0152 *│ red *│ 2005-10-25 *│ 2005-10-24 *│ 2005-10-28 *│ *4 │'
ok $? "supervision, 2005-10-31: AJ-2005-0152 is on a red card, 4 working days over across the holiday"
printf '%s\n' "$out" | grep -q '1 │ 罗斌 *│ *136 │ 直接责任'
ok $? "its red card is traced to 罗斌, who sat on the handling step"
printf '%s\n' "$out" | grep -q '市安全生产监督管理局 Work Safety Bureau │ *84.00 │ 良好'
ok $? "the Work Safety Bureau scores 84 (良好) for October 2005"
dropdb --if-exists "$DB" >/dev/null 2>&1
exit 0
