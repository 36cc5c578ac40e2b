-- A short tour of the extension over the demo organisation (demo_data.sql):
-- a city government in 2005, its posts, who held them, and the chain of
-- responsibility (责任链) from a post up to the mayor as of a moment.
-- Run by `make demo`; read the output top to bottom.

\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET TimeZone = 'Asia/Shanghai';
SET DateStyle = 'ISO, YMD';
SET search_path = responsibility, public;
\pset footer off
\pset null '—'
\pset linestyle unicode

\echo 'The responsibility extension on a demo city government of 2005 (模拟深圳市政府，人物均为虚构 fictional persons)'
\echo
\echo '=== 1. The organisation: units, their kind and three fixes (组织：单位、类型、三定) ==='
WITH RECURSIVE tree AS (
    SELECT unit_id, name, kind, functions, staffing_quota, ARRAY[unit_id] AS path
      FROM unit WHERE parent_id IS NULL
    UNION ALL
    SELECT u.unit_id, u.name, u.kind, u.functions, u.staffing_quota, t.path || u.unit_id
      FROM unit u JOIN tree t ON u.parent_id = t.unit_id
)
SELECT t.unit_id AS id,
       repeat('  ', cardinality(path) - 1) || t.name AS "unit 单位",
       l.label_zh || ' ' || l.label_en AS "kind 类型",
       cardinality(t.functions) AS "functions 职能",
       t.staffing_quota AS "quota 编制"
  FROM tree t JOIN label l ON l.domain = 'unit_kind' AND l.code = t.kind::text
 ORDER BY t.path;

\echo '=== 2. Three fixes of the Work Safety Bureau (安监局三定) ==='
\x on
SELECT name AS "unit 单位",
       array_to_string(functions, E'\n') AS "functions 职能",
       regexp_replace(internal_structure, ' ', E'\n') AS "internal structure 内设机构",
       staffing_quota AS "staffing quota 编制"
  FROM unit WHERE unit_id = 4;
\x off

\echo '=== 3. Who held which post on 21 October 2005 (2005年10月21日在岗情况): posts_at() ==='
\echo '    (the municipal leadership, the General Office and the Work Safety Bureau)'
SELECT p.position_id AS post,
       split_part(u.name, ' ', 1) AS "unit 单位",
       p.title AS "title 职务",
       p.person_id AS person,
       p.person_name AS "name 姓名",
       l.label_zh || ' ' || l.label_en AS "tenure 任职"
  FROM posts_at('2005-10-21 09:00+08') p
  JOIN unit u USING (unit_id)
  JOIN label l ON l.domain = 'tenure_kind' AND l.code = p.tenure
 WHERE p.unit_id IN (1, 2, 4, 10, 11)
 ORDER BY p.position_id;

\echo '=== 4. The posts of the secretary-general on that day, one of them concurrent (兼职): posts_of(1006) ==='
SELECT position_id AS post, title AS "title 职务", tenure AS "tenure 任职",
       lower(during)::date AS "from 起", upper(during)::date AS "until 止"
  FROM posts_of(1006, '2005-10-21 09:00+08');

\echo '=== 5. Command chains on 21 October 2005 (指挥链) as rchain values: position:role:person, post → head ==='
\echo '    staff post 135 of the Work Safety Bureau, and post 111 held concurrently by the secretary-general'
SELECT command_chain(135, '2005-10-21 09:00+08') AS "rchain 责任链"
UNION ALL
SELECT command_chain(111, '2005-10-21 09:00+08');

\echo '=== 6. The chain of post 135, link by link: links() joined to posts and persons ==='
SELECT k.depth,
       lr.label_zh || ' ' || lr.label_en AS "role 角色",
       k.position_id AS post,
       split_part(u.name, ' ', 1) || ' ' || p.title AS "post 岗位",
       k.person_id AS person,
       pe.name AS "holder 责任人",
       k.tenure
  FROM links(command_chain(135, '2005-10-21 09:00+08')) k
  JOIN position p USING (position_id)
  JOIN unit u USING (unit_id)
  LEFT JOIN person pe USING (person_id)
  JOIN label lr ON lr.domain = 'chain_role' AND lr.code = k.role
 ORDER BY k.depth;

\echo '=== 7. The chain is "as of" a moment: post 135 over time (责任链随时间变化) ==='
\echo '    director 131 removed 2006-03-01, vacant, deputy 吴建华 acting from 2006-05-01, 郑宏 from 2006-08-01;'
\echo '    work safety passes from vice-mayor 104 (赵志刚) to 105 (黄海涛) on 2007-02-01'
SELECT m.at::date AS "as of 时点",
       m.event AS "event 事件",
       length(c) AS len,
       (SELECT string_agg(coalesce(split_part(pe.name, ' ', 1), '(空缺 vacant)')
                          || CASE k.tenure WHEN 'acting' THEN '(代理 acting)'
                                           WHEN 'concurrent' THEN '(兼 concurrent)' ELSE '' END,
                          ' > ' ORDER BY k.depth)
          FROM links(c) k LEFT JOIN person pe USING (person_id)) AS "chain 责任链 (post → head)"
  FROM (VALUES ('2005-10-21 09:00+08'::timestamptz, '深发〔2005〕13号 the decision'),
               ('2006-04-01 09:00+08', '局长空缺 director vacant'),
               ('2006-06-15 09:00+08', '副局长代理 acting director'),
               ('2006-10-21 09:00+08', '新局长 new director'),
               ('2007-10-21 09:00+08', '分管调整 new vice-mayor in charge')) m(at, event)
  CROSS JOIN LATERAL command_chain(135, m.at) c
 ORDER BY m.at;

\echo '=== 8. Leaders in charge (分管): the charges that changed on 2007-02-01 (charge table) ==='
SELECT ch.position_id AS post, split_part(pe.name, ' ', 1) || ' ' || split_part(p.title, ' ', 1) AS "leader 分管领导",
       coalesce(u.name, '领域 domain: ' || ch.domain) AS "in charge of 分管",
       lower(ch.during)::date AS "from 起", upper(ch.during)::date AS "until 止"
  FROM charge ch
  JOIN position p ON p.position_id = ch.position_id
  LEFT JOIN unit u ON u.unit_id = ch.unit_id
  LEFT JOIN person pe ON pe.person_id = holder(ch.position_id, lower(ch.during))
 WHERE lower(ch.during) = '2007-02-01' OR upper(ch.during) = '2007-02-01'
 ORDER BY ch.position_id, lower(ch.during), ch.unit_id NULLS LAST;

\echo '=== 9. rchain functions and operators: c = command_chain(135, 2006-06-15), while 吴建华 1022 was acting director ==='
\echo '    @> contains post, <@ post is in, ~> contains person (held a post of it at its moment),'
\echo '    tail() the post itself, head() the head (一把手), link(c, n) the n-th link, persons() its holders'
\x on
SELECT c,
       c @> 131 AS "c @> 131",
       104 <@ c AS "104 <@ c",
       c ~> 1022 AS "c ~> 1022",
       c ~> 1021 AS "c ~> 1021",
       length(c) AS "length(c)",
       tail(c) AS "tail(c)",
       link(c, 4) AS "link(c, 4)",
       head(c) AS "head(c)",
       persons(c) AS "persons(c)",
       holder(131, '2006-04-01 09:00+08') AS "holder(131, 2006-04-01)"
  FROM command_chain(135, '2006-06-15 09:00+08') c;
\x off

\echo '=== 10. Whose chains pass through each vice-mayor in charge of work safety? (~> over every post) ==='
SELECT m.at::date AS "as of 时点",
       array_agg(p.position_id ORDER BY p.position_id) FILTER (WHERE command_chain(p.position_id, m.at) ~> 1004)
           AS "posts under 赵志刚 1004",
       array_agg(p.position_id ORDER BY p.position_id) FILTER (WHERE command_chain(p.position_id, m.at) ~> 1005)
           AS "posts under 黄海涛 1005"
  FROM (VALUES ('2006-10-21 09:00+08'::timestamptz), ('2007-10-21 09:00+08')) m(at)
  CROSS JOIN LATERAL posts_at(m.at) p
 GROUP BY m.at
 ORDER BY m.at;

\ir calendar_walkthrough.sql
