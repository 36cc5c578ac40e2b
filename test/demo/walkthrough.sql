-- A short tour of the extension over the demo organisation (demo_data.sql):
-- a city government in 2005, its posts, who held them, and the chain of
-- responsibility (责任链) from a post up to the mayor as of a moment; then
-- absences, the duty and power lists, processes, the coverage report that
-- finds the defects planted in the data, a position description, the white
-- paper of a unit and diagrams (SVG when Graphviz is installed).
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

\echo '=== 11. Absences (缺位与代理): the holder keeps the post; an acting person named on the absence answers for it ==='
\echo '    section chief 马俊 (134) at the Party school 2005-05-09 to 2005-06-18, nobody named to act (缺位);'
\echo '    Health Bureau director 张卫民 (121) suspended for examination (停职检查) 2005-09-12 to 2005-11-14,'
\echo '    deputy director 孙丽 acting (主持工作)'
SELECT b.position_id AS post, split_part(pe.name, ' ', 1) AS "holder 在岗者",
       l.label_zh || ' ' || l.label_en AS "absence 缺位原因",
       lower(b.during)::date AS "from 起", upper(b.during)::date AS "until 止",
       coalesce(split_part(ac.name, ' ', 1), '(无人代理 nobody)') AS "acting 代理"
  FROM absence b
  JOIN person pe ON pe.person_id = b.person_id
  LEFT JOIN person ac ON ac.person_id = b.acting_person_id
  JOIN label l ON l.domain = 'absence_kind' AND l.code = b.kind::text
 ORDER BY lower(b.during);
SELECT m.at::date AS "as of 时点", p.position_id AS post, split_part(u.name, ' ', 1) AS "unit 单位",
       p.title AS "title 职务", p.person_name AS "person 人员",
       l.label_zh || ' ' || l.label_en AS "tenure 任职"
  FROM (VALUES ('2005-06-01 09:00+08'::timestamptz), ('2005-10-21 09:00+08')) m(at)
  CROSS JOIN LATERAL posts_at(m.at) p
  JOIN unit u USING (unit_id)
  JOIN label l ON l.domain = 'tenure_kind' AND l.code = p.tenure
 WHERE p.position_id IN (121, 122, 134)
 ORDER BY m.at, p.position_id;
\echo '    and in the chains (rchain tenure (absent) / (acting)):'
SELECT command_chain(135, '2005-06-01 09:00+08') AS "rchain 责任链"
UNION ALL
SELECT command_chain(121, '2005-10-21 09:00+08');

\echo '=== 12. Duty list (责任清单) of the Work Safety Bureau and its sections on 21 October 2005 ==='
\echo '    basis 依据, target 指标 (quantified 量化 where there is a number), owners: P primary 主体责任, S supervisory 监管责任'
SELECT d.code AS "code 编号", d.title AS "duty 责任",
       coalesce(d.target_value::text || ' ' || d.target_unit, '—') AS "target 指标",
       (SELECT string_agg(o.position_id || CASE o.kind WHEN 'primary' THEN ' P' ELSE ' S' END, ', '
                          ORDER BY o.kind, o.position_id)
          FROM duty_owner o WHERE o.duty_id = d.duty_id AND o.during @> '2005-10-21 09:00+08'::timestamptz) AS "owners 责任岗位",
       CASE WHEN d.public_interest THEN '✓' ELSE '' END AS "public 公共",
       CASE WHEN coalesce(d.consequence, '') = '' THEN '✗ none 无' ELSE '✓' END AS "consequence 追究"
  FROM duty d
 WHERE d.unit_id IN (4, 10, 11)
 ORDER BY d.unit_id, d.code;

\echo '=== 13. Power list (权力清单) and the duties each power implies (权责对应) ==='
SELECT pw.code AS "code 编号", l.label_zh || ' ' || l.label_en AS "kind 类型", pw.title AS "power 权力",
       coalesce((SELECT string_agg(d.code, ', ' ORDER BY d.code)
                   FROM power_duty pd JOIN duty d USING (duty_id) WHERE pd.power_id = pw.power_id),
                '✗ none 无 (有权无责)') AS "duties 对应责任"
  FROM power pw
  JOIN label l ON l.domain = 'power_kind' AND l.code = pw.kind::text
 ORDER BY pw.code;

\echo '=== 14. Processes (业务流程) on 21 October 2005: steps 受理 → 承办 → 审核 → 批准, time limits in working days, owners ==='
SELECT pr.process_id AS proc, split_part(pr.title, ' ', 1) AS "process 流程", st.seq AS "#",
       st.name AS "step 环节", l.label_zh AS "role 角色", st.time_limit AS "limit 时限",
       (SELECT string_agg(o.position_id::text, ', ' ORDER BY o.position_id) FROM step_owner o
         WHERE o.step_id = st.step_id AND o.during @> '2005-10-21 09:00+08'::timestamptz) AS "post 岗位",
       coalesce((SELECT string_agg(h.to_step::text, ', ' ORDER BY h.to_step) FROM step_handoff h
                  WHERE h.from_step = st.step_id),
                CASE WHEN st.is_end THEN '(end 终点)' ELSE '✗ nowhere 断链' END) AS "hands off to 移交"
  FROM process pr
  JOIN process_step st USING (process_id)
  JOIN label l ON l.domain = 'step_role' AND l.code = st.role::text
 ORDER BY pr.process_id, st.seq;

\echo '=== 15. Coverage report of the city for 2005 (2005年全市责任覆盖检查): coverage_report(1, 2005-01-01, 2006-01-01) ==='
\echo '    gaps, overlaps and unattended posts to the microsecond; broken hand-offs; powers, duties and posts without'
\echo '    duties, consequences or indicators.  Every finding below was planted in demo_data.sql.'
SELECT kind, kind_zh, count(*) AS n
  FROM coverage_report(1, '2005-01-01', '2006-01-01')
 GROUP BY kind, kind_zh
 ORDER BY kind;
\x on
SELECT kind, kind_zh, explanation, explanation_zh
  FROM coverage_report(1, '2005-01-01', '2006-01-01');
\x off

\echo '=== 16. The report at one moment, 1 June 2005 (时点检查): coverage_report(1, 2005-06-01 09:00) ==='
\echo '    the findings in force then, each with its whole span'
SELECT kind || ' ' || kind_zh AS "finding 问题", object_kind || ' ' || object_id AS "object 对象",
       object_title AS "title 名称", span_text(span) AS "span", span_text(span, 'zh') AS "期间"
  FROM coverage_report(1, '2005-06-01 09:00+08');

\echo '=== 17. The chain of a process step passes through the leader in charge of its domain: step_chain() ==='
\echo '    step 34 (review of the dangerous-goods transport permit, domain 安全生产 work safety) is owned by the'
\echo '    Transport Bureau deputy director 142: its chain goes to the vice-mayor in charge of work safety,'
\echo '    not to the one in charge of the Transport Bureau'
SELECT m.at::date AS "as of 时点", w.what AS "chain 链",
       (SELECT string_agg(k.position_id || ' ' || coalesce(split_part(pe.name, ' ', 1), '(空缺 vacant)')
                          || CASE k.role WHEN 'in_charge' THEN ' (分管 in charge)' ELSE '' END,
                          ' > ' ORDER BY k.depth)
          FROM links(w.c) k LEFT JOIN person pe USING (person_id)) AS "post → head 岗位 → 一把手"
  FROM (VALUES ('2005-10-21 09:00+08'::timestamptz), ('2007-10-21 09:00+08')) m(at)
  CROSS JOIN LATERAL (VALUES ('step_chain(34) 流程环节', step_chain(34, m.at)),
                             ('command_chain(142) 指挥链', command_chain(142, m.at))) w(what, c)
 ORDER BY m.at, w.what DESC;

\pset format unaligned
\pset tuples_only on
\echo
\echo '=== 18. Position description (职位说明书) of post 134, section chief for hazardous chemicals, on 21 October 2005 ==='
SELECT jsonb_pretty(position_description(134, '2005-10-21 09:00+08'));

\echo
\echo '=== 19. The white paper (部门责任白皮书) of the Health Bureau as of 20 July 2005, in Markdown ==='
\echo '    (the inspection duty has no owner that day: the gap of the coverage report)'
\echo
SELECT white_paper_markdown(3, '2005-07-20 09:00+08');

\echo '=== 20. Diagrams (图示): unit_diagram() and process_diagram(), as Mermaid or Graphviz DOT text ==='
\echo '    the Hazardous Chemicals Section on 1 June 2005, its chief away with nobody acting (Mermaid);'
\echo '    the work-safety licence on 1 April 2006, the director removed and his approval step vacant (DOT)'
\echo
SELECT unit_diagram(10, '2005-06-01 09:00+08');
SELECT process_diagram(1, '2006-04-01 09:00+08', 'dot');
\o /tmp/responsibility_demo_process.dot
SELECT process_diagram(1, '2006-04-01 09:00+08', 'dot');
\o
\! command -v dot >/dev/null && dot -Tsvg /tmp/responsibility_demo_process.dot -o /tmp/responsibility_demo_process.svg && echo "wrote /tmp/responsibility_demo_process.svg (Graphviz)" || echo "Graphviz is not installed: apt-get install graphviz, or paste the Mermaid text into https://mermaid.live"
\pset tuples_only off
\pset format aligned

\echo
\echo '=== 21. Back-trace (责任倒查) of incident 1: the gas explosion of 20 November 2005 at a mine licensed in October ==='
\echo '    handler, reviewer and approver of the licence by the case-handling rules; then, work safety being pursued'
\echo '    severely and the incident serious, up the chain through the vice-mayor in charge of work safety to the mayor'
SELECT b.level AS "level 层级", b.person_id || ' ' || coalesce(split_part(pe.name, ' ', 1), '') AS "person 人员",
       b.position_id AS "post 岗位", b.kind_zh AS "kind 责任", b.rule AS "rule 规则", b.reason_zh AS "reason 理由"
  FROM backtrace(1::bigint) b LEFT JOIN person pe USING (person_id);
\echo '    the chain it climbed, as of the incident''s moment (an rchain):'
SELECT DISTINCT chain FROM backtrace(1::bigint);

\echo
\echo '=== 22. The case (问责案件) against the handler 罗斌, from opening to sanctions in force ==='
\echo '    opened and decided by the Supervision Bureau (梁清 1051, 宋明 1052), who are neither in the trace nor on'
\echo '    his chain of command; the mayor, in the trace, must recuse himself (回避):'
SELECT open_case(1, 1027, 1051, '2005-11-25 09:00+08') AS case_id \gset
SELECT p AS "recused 回避", split_part(pe.name, ' ', 1) AS "name 姓名"
  FROM unnest(case_recused(current_tenant(), :case_id)) p JOIN person pe ON pe.person_id = p ORDER BY p;
SELECT case_advance(:case_id, 'notified', 1051, '告知违纪事实 facts served', '2005-11-28 09:00+08') AS ignored \gset
SELECT case_advance(:case_id, 'statement', 1027, '陈述申辩：通风报告系企业伪造 the ventilation report was forged by the mine', '2005-12-01 09:00+08') AS ignored \gset
SELECT case_advance(:case_id, 'decided', 1051, '局务会集体决定 collective decision of the bureau meeting', '2005-12-20 09:00+08') AS ignored \gset
SELECT decide_sanction(:case_id, 'major_demerit') AS sanction_id \gset
SELECT case_advance(:case_id, 'served', 1051, '处分决定书送达 decision served in writing', '2005-12-22 09:00+08') AS ignored \gset
SELECT case_advance(:case_id, 'reexamination_requested', 1027, '申请复核 asks for re-examination', '2006-01-10 09:00+08') AS ignored \gset
SELECT case_advance(:case_id, 'reexamined', 1052, '复核维持原处分 upheld', '2006-02-01 09:00+08') AS ignored \gset
SELECT case_advance(:case_id, 'closed', 1051, '结案 closed', '2006-02-20 09:00+08') AS ignored \gset
\echo '    every transition, with who, when and why (an illegal one is an error, 55000; a recused person''s, 42501):'
SELECT e.seq, coalesce(lf.label_zh, '') || ' → ' || lt.label_zh AS "transition 程序", e.at::date AS "date 日期",
       split_part(pe.name, ' ', 1) AS "by 经办", e.reason AS "reason 事由"
  FROM case_event e
  LEFT JOIN label lf ON lf.domain = 'case_state' AND lf.code = e.from_state::text
  JOIN label lt ON lt.domain = 'case_state' AND lt.code = e.to_state::text
  JOIN person pe ON pe.person_id = e.actor_person_id
 WHERE e.case_id = :case_id ORDER BY e.seq;
\echo '    his sanctions in force (the appeal did not suspend it; lifted at the end of its 18 months):'
SELECT m.at::date AS "as of 时点", coalesce(s.label_zh || ' ' || s.label_en, '(none 无)') AS "sanction 处分",
       s.starts_at::date AS "from 起", s.ends_at::date AS "until 止", s.no_promotion AS "no promotion 不得晋升",
       s.grade_effect AS "annual grade 年度考核"
  FROM (VALUES ('2006-06-01 09:00+08'::timestamptz), ('2007-07-01 09:00+08')) m(at)
  LEFT JOIN LATERAL sanctions_in_force(1027, m.at) s ON true
 ORDER BY m.at;

\echo '    the frozen trace of the case as a diagram (Mermaid; case_diagram(id, ''dot'') for Graphviz):'
\pset format unaligned
\pset tuples_only on
SELECT case_diagram(:case_id);
\pset tuples_only off
\pset format aligned

\echo
\echo '=== 23. Scoring (考核计分), the first pieces of the assessment: multi_source_score() and its working ==='
\echo '    staff member 高洁 (1026) rated by leaders (weight 0.5), colleagues (0.3, the highest and lowest dropped) and'
\echo '    the public (0.2, at least 5 raters needed, only 2 came): the public is left out and the weights renormalised'
SELECT round(multi_source_score(src, score, weight, min_raters, trim_each)::numeric, 2) AS "score 得分",
       jsonb_pretty(multi_source_detail(src, score, weight, min_raters, trim_each)) AS "working 计算过程"
  FROM (VALUES ('leaders 领导', 88.0, 0.5, 2, 0), ('leaders 领导', 92, 0.5, 2, 0),
               ('colleagues 同事', 75, 0.3, 3, 1), ('colleagues 同事', 82, 0.3, 3, 1), ('colleagues 同事', 95, 0.3, 3, 1),
               ('colleagues 同事', 60, 0.3, 3, 1), ('colleagues 同事', 80, 0.3, 3, 1),
               ('public 群众', 70, 0.2, 5, 0), ('public 群众', 90, 0.2, 5, 0)) v(src, score, weight, min_raters, trim_each);

\echo
\echo '=== 24. The annual assessment (年度考核) of the Work Safety Bureau, 2005 and 2006: grades, quota, caps, consequences ==='
\echo '    the default scheme (德能勤绩廉 15/10/30/30/15; leaders 0.5, colleagues and the public 0.3, service recipients 0.2,'
\echo '    at least 3 raters each, the highest and lowest dropped; excellent at most 15% of those graded):'
SELECT create_default_scheme('annual', '年度考核 annual assessment') AS scheme_id \gset
SELECT activate_scheme(:scheme_id);
SELECT code AS "source 来源", label_zh AS "name 名称", weight AS "weight 权重", min_raters AS "min raters 最少评议人数"
  FROM scheme_source WHERE scheme_id = :scheme_id ORDER BY weight DESC, code;
INSERT INTO assessment_period (scheme_id, unit_id, kind, span) VALUES
    (:scheme_id, 4, 'annual', '[2005-01-01,2006-01-01)'), (:scheme_id, 4, 'annual', '[2006-01-01,2007-01-01)');
SELECT period_id AS p2005 FROM assessment_period WHERE unit_id = 4 AND span @> '2005-06-01'::date \gset
SELECT period_id AS p2006 FROM assessment_period WHERE unit_id = 4 AND span @> '2006-06-01'::date \gset
SELECT enrol_period(:p2005) AS "enrolled 2005 参加考核人数", enrol_period(:p2006) AS "enrolled 2006";
-- 李国强 left office in March 2006: he is assessed where he went.
DELETE FROM assessment_subject WHERE period_id = :p2006 AND person_id = 1021;
-- Three raters per source: leaders (1001 1002 1005), colleagues (1031 1032 1033), service recipients (1061 1062 1071).
INSERT INTO evaluation (period_id, person_id, source, rater_id, score)
SELECT v.period, v.person, s.source, s.raters[r], v.scores[s.k * 3 + r]
  FROM (VALUES (:p2005, 1021, '{80,80,80,80,80,80,80,80,80}'::float8[]), (:p2005, 1022, '{85,85,85,85,85,85,85,85,85}'),
               (:p2005, 1023, '{80,80,80,80,80,80,80,80,80}'), (:p2005, 1024, '{65,65,65,65,65,65,65,65,65}'),
               (:p2005, 1026, '{92,92,92,92,92,92,92,92,92}'), (:p2005, 1027, '{75,75,75,75,75,75,75,75,75}'),
               (:p2005, 1028, '{84,84,84,84,84,84,84,84,84}'), (:p2005, 1029, '{78,78,78,78,78,78,78,78,78}'),
               (:p2006, 1022, '{88,88,88,88,88,88,88,88,88}'), (:p2006, 1023, '{82,82,82,82,82,82,82,82,82}'),
               (:p2006, 1024, '{64,64,64,64,64,64,64,64,64}'), (:p2006, 1025, '{96,96,96,96,96,96,96,96,96}'),
               (:p2006, 1026, '{90,95,97,85,94,99,80,93,93}'), (:p2006, 1027, '{70,70,70,70,70,70,70,70,70}'),
               (:p2006, 1028, '{91,91,91,91,91,91,91,91,91}'), (:p2006, 1029, '{78,78,78,78,78,78,78,78,78}')) v(period, person, scores)
 CROSS JOIN (VALUES (0, 'leaders', '{1001,1002,1005}'::bigint[]), (1, 'colleagues', '{1031,1032,1033}'),
                    (2, 'service_recipients', '{1061,1062,1071}')) s(k, source, raters)
 CROSS JOIN generate_series(1, 3) r;
-- Two complaints against 许志远 in 2006 found valid (投诉有效), one not.
INSERT INTO complaint (person_id, received_at, kind, summary, outcome, decided_at) VALUES
    (1028, '2006-03-14 10:00+08', 'complaint', '许可受理窗口态度恶劣 rude at the licensing window', 'valid', '2006-03-30 10:00+08'),
    (1028, '2006-09-02 15:00+08', 'complaint', '检查中索要材料费 asked a mine for a materials fee', 'valid', '2006-09-20 10:00+08'),
    (1028, '2006-11-11 09:00+08', 'criticism', '答复迟缓 slow to answer', 'invalid', '2006-11-30 10:00+08');
SELECT finalise_period(:p2005, 1001) AS ignored \gset
\echo '    the grades of 2006, before they are finalised: 郑宏 takes the one excellent place (7 graded x 15% = 1);'
\echo '    高洁 scores excellent too but is over the quota; 许志远''s two valid complaints cap him at basically'
\echo '    competent (the seed''s rule); 罗斌, in his major demerit''s year after, gets no grade:'
SELECT rank AS "rank 名次", split_part(name, ' ', 1) AS "name 姓名", round(score::numeric, 2) AS "score 得分",
       grade_zh || ' ' || grade_en AS "grade 等次", array_to_string(caps, ', ') AS "caps 限制"
  FROM period_grades(:p2006);
\echo '    高洁''s grade explained (assessment_explanation() gives it all as JSON): each source, what was trimmed, the'
\echo '    shares, the rank against the quota:'
SELECT s.label_zh AS "source 来源", s.raters AS "raters 人数", s.mean AS "mean 平均", round(s.share::numeric, 3) AS "share 占比",
       (SELECT string_agg((x ->> 'score') || CASE WHEN (x ->> 'trimmed')::boolean THEN ' (去掉 dropped)' ELSE '' END, ', ')
          FROM jsonb_array_elements(s.scores) x) AS "scores 评分"
  FROM jsonb_to_recordset(assessment_explanation(:p2006, 1026) -> 'sources')
       AS s(label_zh text, raters int, mean float8, share float8, scores jsonb, weight float8)
 ORDER BY s.weight DESC;
SELECT round((e ->> 'score')::numeric, 2) AS "score 得分", e ->> 'base_grade' AS "by the cut-offs 按分数",
       e #>> '{caps,0,label_zh}' AS "cap 限制", e #>> '{caps,0,detail}' AS "why 依据", e ->> 'grade_zh' AS "grade 等次"
  FROM assessment_explanation(:p2006, 1026) e;
SELECT finalise_period(:p2006, 1001) AS digest \gset
\echo '    finalised, with the digest of its inputs (定稿摘要)' :digest
\echo '    the measures the two years call for (考核结果运用):'
SELECT split_part(p.name, ' ', 1) AS "name 姓名", c.grade AS "grade 等次", c.label_zh AS "measure 措施", c.label_en AS "measure",
       c.rule AS "rule 依据"
  FROM assessment_consequences(:p2006) c JOIN person p ON p.person_id = c.person_id
 ORDER BY c.person_id, c.measure;

\echo
\echo '=== 25. Electronic supervision of approvals (行政审批电子监察), October 2005: the National Day holiday inside ==='
\echo '    two approval items with their statutory limits in working days (行政许可法 art. 42: 20, +10 with the head''s approval):'
INSERT INTO approval_item (item_id, power_id, code, title, basis, kind, process_id) VALUES
    (1, 1, 'SP-AJJ-01', '安全生产许可证核发 Work-safety licence', '《安全生产许可证条例》第7条', 'licence', 1),
    (2, 5, 'SP-WSJ-01', '食品卫生许可证核发 Food hygiene permit', '《食品卫生法》第27条', 'licence', 2);
SELECT i.code AS "item 事项", split_part(i.title, ' ', 1) AS "title 名称", u.name AS "unit 单位",
       i.statutory_limit AS "limit 法定时限", i.max_extension AS "extension 可延长"
  FROM approval_item i JOIN unit u USING (tenant_id, unit_id) ORDER BY i.item_id;
-- The month's applications.  The red one: accepted 09-22 by 高洁, handled
-- by 罗斌 from 09-23 and never finished.  The yellow one at the Health
-- Bureau, the reminder, a pause for expert review, an extension, and
-- decisions made before their deadline.
INSERT INTO application (application_id, item_id, ref, applicant, received_at, accepted_at) VALUES
    (1, 1, 'AJ-2005-0152', '宝安某煤矿 a Bao''an coal mine', '2005-09-22 09:00+08', '2005-09-22 10:00+08'),
    (2, 2, 'WS-2005-0388', '罗湖某酒楼 a Luohu restaurant', '2005-09-26 09:00+08', '2005-09-26 11:00+08'),
    (3, 1, 'AJ-2005-0155', '龙岗某化工厂 a Longgang chemical plant', '2005-09-29 09:00+08', '2005-09-29 10:00+08'),
    (4, 1, 'AJ-2005-0154', '南山某矿 a Nanshan mine', '2005-09-28 09:00+08', '2005-09-28 10:00+08'),
    (5, 1, 'AJ-2005-0153', '福田某加油站 a Futian petrol station', '2005-09-22 09:00+08', '2005-09-22 10:00+08'),
    (6, 2, 'WS-2005-0390', '福田某食堂 a Futian canteen', '2005-10-10 09:00+08', '2005-10-10 10:00+08'),
    (7, 2, 'WS-2005-0391', '南山某餐厅 a Nanshan restaurant', '2005-10-11 09:00+08', '2005-10-11 10:00+08'),
    (8, 1, 'AJ-2005-0160', '盐田某仓库 a Yantian warehouse', '2005-10-24 09:00+08', '2005-10-24 10:00+08');
INSERT INTO application_step (application_id, step_no, step_id, person_id, position_id, started_at, done_at, action) VALUES
    (1, 1, 11, 1026, 135, '2005-09-22 09:00+08', '2005-09-22 10:00+08', 'passed'),
    (1, 2, 12, 1027, 136, '2005-09-23 09:00+08', NULL, NULL),
    (2, 1, 21, 1017, 125, '2005-09-26 09:00+08', '2005-09-26 11:00+08', 'passed'),
    (2, 2, 22, 1015, 124, '2005-09-27 09:00+08', NULL, NULL),
    (3, 1, 11, 1026, 135, '2005-09-29 09:00+08', '2005-09-29 10:00+08', 'passed'),
    (3, 2, 12, 1027, 136, '2005-09-30 09:00+08', '2005-10-25 17:00+08', 'passed'),
    (3, 3, 13, 1024, 134, '2005-10-26 09:00+08', NULL, NULL),
    (4, 1, 11, 1026, 135, '2005-09-28 09:00+08', '2005-09-28 10:00+08', 'passed'),
    (4, 2, 12, 1027, 136, '2005-09-29 09:00+08', NULL, NULL),
    (6, 1, 21, 1017, 125, '2005-10-10 09:00+08', '2005-10-10 10:00+08', 'passed'),
    (6, 2, 22, 1015, 124, '2005-10-10 10:00+08', '2005-10-14 17:00+08', 'passed'),
    (7, 1, 21, 1017, 125, '2005-10-11 09:00+08', '2005-10-11 10:00+08', 'passed'),
    (7, 2, 22, 1015, 124, '2005-10-11 10:00+08', '2005-10-18 17:00+08', 'passed');
INSERT INTO application_pause (application_id, kind, during, reason) VALUES
    (4, 'expert_review', '[2005-10-17 09:00+08, 2005-10-21 18:00+08)', '通风系统专家评审 expert review of the ventilation system');
INSERT INTO application_extension (application_id, days, approved_by, approved_at, reason) VALUES
    (5, 10, 1021, '2005-10-20 10:00+08', '需现场复核 a second site check');
SELECT decide_application(6, 'granted', 1012, NULL, '2005-10-19 10:00+08') AS ignored \gset
SELECT decide_application(7, 'granted', 1012, NULL, '2005-10-20 10:00+08') AS ignored \gset
\echo '    the monitor on Monday 31 October 2005, 17:00 (the holiday 10-01..10-07 does not count; the weekend 10-08/09 does):'
SELECT s.label_zh AS "status 状态", s.label_en, s.applications AS "applications 件数"
  FROM supervision_monitor(NULL, '2005-10-31 17:00+08') s;
SELECT s.ref AS "application 受理编号", s.status AS "status 状态", s.due_on AS "deadline 时限",
       s.remind_on AS "reminder 预警日", s.act_by AS "act by 黄牌期限", s.workdays_over AS "days over 超时工作日",
       s.paused_since AS "paused 暂停自"
  FROM application_status('2005-10-31 17:00+08') s ORDER BY s.due_on NULLS FIRST, s.ref;
\echo '    the expert review of AJ-2005-0154 (10-17..10-21) moved its deadline from 10-31 to 11-07; the extension of'
\echo '    AJ-2005-0153 approved by 李国强 moved its from 10-25 to 11-08.  Where the delay sits (delay_hotspots()):'
SELECT split_part(h.person_name, ' ', 1) AS "person 人员", split_part(h.step_name, ' ', 1) AS "step 环节", h.steps AS "steps 件次",
       h.late_steps AS "late 超时", h.workdays_over AS "days over 超时工作日"
  FROM delay_hotspots(1, '2005-09-01 00:00+08', '2005-10-31 17:00+08') h WHERE h.late_steps > 0;
\echo '    the supervision issues its cards (supervise()); the red card opens an incident, once, with the application as'
\echo '    the failed piece of work:'
SELECT c.ref AS "application 受理编号", l.label_zh AS "signal 信号", c.raised_on AS "raised 日期", c.act_by AS "act by 期限",
       c.incident_id AS "incident 事件"
  FROM supervise(NULL, '2005-10-31 17:00+08', '2005-10-01') c
  JOIN label l ON l.domain = 'supervision_signal' AND l.code = c.kind::text
 ORDER BY c.raised_on, c.ref;
SELECT c.incident_id AS red_incident FROM supervision_card c WHERE c.kind = 'red' AND c.incident_id IS NOT NULL \gset
\echo '    the red card traced to the people who answer for it (back-trace of its incident):'
SELECT b.level AS "level 层级", split_part(pe.name, ' ', 1) AS "person 人员", b.position_id AS "post 岗位",
       b.kind_zh AS "kind 责任", b.reason_zh AS "reason 理由"
  FROM backtrace(:red_incident::bigint) b LEFT JOIN person pe USING (person_id);
-- November: the five still open are decided.
SELECT count(*) AS decided FROM (SELECT decide_application(a, 'granted', d, NULL, at)
  FROM (VALUES (1, 1021, '2005-11-03 10:00+08'::timestamptz), (2, 1012, '2005-11-01 16:00+08'),
               (3, 1021, '2005-11-01 11:00+08'), (4, 1021, '2005-11-04 10:00+08'), (5, 1021, '2005-11-07 10:00+08'),
               (8, 1021, '2005-11-15 10:00+08')) v(a, d, at)) x \gset
\echo '    the unit scores of October 2005 and of the fourth quarter (100 points; −5 a yellow card, −10 a red card,'
\echo '    +1 per 10% finished early; the quarter also counts 罗斌''s major demerit of December, −30):'
SELECT s.unit_name AS "unit 单位", s.score AS "score 得分", s.grade_zh AS "grade 等次", s.decisions AS "decided 办结",
       s.early AS "early 提前", (SELECT string_agg((d ->> 'label_zh') || ' ×' || (d ->> 'times') || ' ' || (d ->> 'points'), '；')
                                  FROM jsonb_array_elements(s.deductions) d) AS "deductions 扣分"
  FROM supervision_scores('[2005-10-01,2005-11-01)') s;
SELECT s.unit_name AS "unit 单位", s.score AS "Q4 score 第四季度得分", s.grade_zh AS "grade 等次"
  FROM supervision_scores('[2005-10-01,2006-01-01)') s;
\echo '    after the explosion, the Supervision Bureau inspects the Work Safety Bureau; a finding not rectified by its'
\echo '    deadline, and the unit that failed the quarter, are criticised in a circular (通报批评, S3):'
INSERT INTO audit (audit_id, unit_id, kind, title, conducted_by, held) VALUES
    (1, 4, 'inspection', '安全生产许可专项检查 Inspection of work-safety licensing', '市监察局 Supervision Bureau', '[2005-11-25,2005-12-02)');
INSERT INTO audit_finding (audit_id, kind, severity, duty_id, description, found_on, rectify_by) VALUES
    (1, 'licensing', 'severe', 14, '凭伪造通风报告发证 licence issued on a forged ventilation report', '2005-11-30', '2005-12-20');
SELECT count(*) AS criticisms FROM circulate_criticism('[2005-10-01,2006-01-01)', '2006-01-05') \gset
SELECT a.issued_on AS "issued 日期", a.kind_zh AS "kind 类别", a.text_zh AS "announcement 通报", a.text_en
  FROM announcements('[2006-01-01,2006-02-01)') a;

\ir calendar_walkthrough.sql
