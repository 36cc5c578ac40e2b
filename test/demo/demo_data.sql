-- A small demo organisation for the walkthrough (walkthrough.sql): a city
-- government modelled on Shenzhen in 2005, the year of the municipal decision
-- on the "responsibility storm" (深发〔2005〕13号).  The units follow the real
-- structure; every person is fictional.
--
-- Loaded by `make demo` as superuser into the default tenant, after
-- CREATE EXTENSION responsibility.  Ids are explicit and small so that the
-- walkthrough can name them:
--   units      1-11    (1 = the municipal government, 4 = Work Safety Bureau)
--   positions  101-182 (101 = mayor, 131 = director of the Work Safety Bureau,
--                       135 = a staff post in its hazardous chemicals section)
--   persons    1001-1072
--
-- The story, 2003-2008:
--   * 2006-03-01 Director Li Guoqiang (李国强, 1021) of the Work Safety Bureau
--     is removed; the post (131) is vacant for two months, then deputy director
--     Wu Jianhua (吴建华, 1022) is acting director (代理局长) from 2006-05-01
--     until Zheng Hong (郑宏, 1025) takes office on 2006-08-01.
--   * 2007-02-01 the mayor reassigns portfolios: work safety passes from
--     vice-mayor Zhao Zhigang (赵志刚, 1004, post 104) to vice-mayor Huang
--     Haitao (黄海涛, 1005, post 105); Zhao takes over transport from the
--     executive vice-mayor.
--   * The secretary-general Liu Wenbo (刘文博, 1006) is concurrently (兼)
--     director of the General Office (post 111) throughout.
--   * Staff member Luo Bin (罗斌, 1027) leaves post 136 on 2007-07-01; it stays
--     vacant.
--
-- Times are Beijing time: the session time zone is set below.

\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET TimeZone = 'Asia/Shanghai';
SET search_path = responsibility, public;

BEGIN;

-- ---------------------------------------------------------------------------
-- Units and their three fixes (三定: functions, internal structure, staffing)
-- ---------------------------------------------------------------------------
INSERT INTO unit (unit_id, parent_id, code, name, kind, functions, internal_structure, staffing_quota) VALUES
(1, NULL, 'szgov', '深圳市人民政府 Municipal People''s Government', 'decision',
    ARRAY['贯彻执行法律法规和市人大决议 carry out laws and the decisions of the People''s Congress',
          '领导所属工作部门和区政府 lead the municipal departments and district governments',
          '编制和执行国民经济和社会发展计划及预算 plan and execute the economic plan and budget'],
    '市长、常务副市长、副市长、秘书长；办公厅及各工作部门 mayor, executive vice-mayor, vice-mayors, secretary-general; General Office and departments',
    NULL),
(2, 1, 'office', '市政府办公厅 General Office', 'other',
    ARRAY['协助市政府领导处理日常工作 assist the leadership in daily business',
          '督查督办市政府决定事项 follow up the government''s decisions',
          '公文处理与政务信息 documents and government information'],
    '秘书处、督查室、综合处 secretariat, inspection office, general division',
    120),
(3, 1, 'health', '市卫生局 Health Bureau', 'executing',
    ARRAY['医疗机构监督管理 regulate medical institutions',
          '疾病预防控制与突发公共卫生事件应急 disease control and public-health emergencies',
          '食品卫生监督 food hygiene supervision'],
    '办公室、医政处、疾病控制处、卫生监督处 office, medical administration, disease control, health inspection',
    85),
(4, 1, 'worksafety', '市安全生产监督管理局 Work Safety Bureau', 'executing',
    ARRAY['综合监督管理全市安全生产 overall supervision of work safety in the city',
          '危险化学品安全监督管理 safety of hazardous chemicals',
          '组织生产安全事故调查处理 investigate work accidents',
          '安全生产行政许可与执法 work-safety licensing and law enforcement'],
    '办公室、危险化学品监管科、工矿商贸监管科、执法监察支队 office, hazardous chemicals section, industry and commerce section, enforcement detachment',
    60),
(5, 1, 'transport', '市交通局 Transport Bureau', 'executing',
    ARRAY['道路运输与港航管理 road transport, ports and shipping',
          '交通基础设施建设管理 transport infrastructure projects',
          '公共交通行业监管 public transport regulation'],
    '办公室、运输管理处、建设管理处、安全监督处 office, transport division, construction division, safety division',
    95),
(6, 1, 'audit', '市审计局 Audit Bureau', 'supervising',
    ARRAY['财政预算执行审计 audit of budget execution',
          '领导干部经济责任审计 economic-responsibility audit of leading cadres',
          '重大投资项目审计 audit of major investment projects'],
    '办公室、财政审计处、经济责任审计处、投资审计处 office, fiscal audit, economic-responsibility audit, investment audit',
    70),
(7, 1, 'supervision', '市监察局 Supervision Bureau', 'supervising',
    ARRAY['监督行政机关及其工作人员依法履职 supervise the lawful conduct of administrative bodies and staff',
          '受理检举控告 receive complaints and reports',
          '行政问责调查 accountability investigations',
          '行政审批电子监察 electronic supervision of administrative approvals'],
    '办公室、执法监察室、案件审理室、电子监察中心 office, enforcement supervision, case review, e-supervision centre',
    65),
(8, 1, 'futian', '福田区人民政府 Futian District Government', 'decision',
    ARRAY['领导本区行政工作 lead the administration of the district',
          '本区经济社会发展与公共服务 district development and public services'],
    '区长、副区长；区政府办公室及工作部门 district head, deputies; district office and departments',
    400),
(9, 1, 'luohu', '罗湖区人民政府 Luohu District Government', 'decision',
    ARRAY['领导本区行政工作 lead the administration of the district',
          '本区经济社会发展与公共服务 district development and public services'],
    '区长、副区长；区政府办公室及工作部门 district head, deputies; district office and departments',
    380),
(10, 4, 'ws-hazchem', '危险化学品监管科 Hazardous Chemicals Section', 'executing',
    ARRAY['危险化学品生产经营许可 licensing of hazardous chemicals businesses',
          '危险化学品企业日常监督检查 routine inspection of hazardous chemicals firms'],
    NULL, 8),
(11, 4, 'ws-industry', '工矿商贸监管科 Industry and Commerce Section', 'executing',
    ARRAY['工矿商贸企业安全监督检查 safety inspection of factories, shops and trade'],
    NULL, 10);

-- ---------------------------------------------------------------------------
-- Positions: each answers to the post above it (一级对一级负责).  The head of
-- a department answers to the mayor; where a vice-mayor is in charge of the
-- department (charge table below) the chain passes through that vice-mayor.
-- ---------------------------------------------------------------------------
INSERT INTO position (position_id, unit_id, title, kind, reports_to) VALUES
-- municipal leadership 市政府领导
(101, 1, '市长 Mayor', 'head', NULL),
(102, 1, '常务副市长 Executive Vice-Mayor', 'deputy', 101),
(103, 1, '副市长 Vice-Mayor', 'deputy', 101),
(104, 1, '副市长 Vice-Mayor', 'deputy', 101),
(105, 1, '副市长 Vice-Mayor', 'deputy', 101),
(106, 1, '秘书长 Secretary-General', 'leader', 101),
-- General Office 办公厅
(111, 2, '办公厅主任 Director of the General Office', 'head', 101),
-- Health Bureau 卫生局
(121, 3, '局长 Director', 'head', 101),
(122, 3, '副局长 Deputy Director', 'deputy', 121),
-- Work Safety Bureau 安全生产监督管理局
(131, 4, '局长 Director', 'head', 101),
(132, 4, '副局长 Deputy Director', 'deputy', 131),
(133, 4, '副局长 Deputy Director', 'deputy', 131),
(134, 10, '科长 Section Chief', 'chief', 132),
(135, 10, '科员 Staff Member', 'staff', 134),
(136, 10, '科员 Staff Member', 'staff', 134),
(137, 11, '科长 Section Chief', 'chief', 133),
(138, 11, '科员 Staff Member', 'staff', 137),
-- Transport Bureau 交通局
(141, 5, '局长 Director', 'head', 101),
(142, 5, '副局长 Deputy Director', 'deputy', 141),
-- Audit Bureau 审计局 (answers to the mayor directly: no vice-mayor in charge)
(151, 6, '局长 Director', 'head', 101),
(152, 6, '副局长 Deputy Director', 'deputy', 151),
-- Supervision Bureau 监察局
(161, 7, '局长 Director', 'head', 101),
(162, 7, '副局长 Deputy Director', 'deputy', 161),
-- districts 区政府 (the district heads answer to the mayor)
(171, 8, '区长 District Head', 'head', 101),
(172, 8, '副区长 Deputy District Head', 'deputy', 171),
(181, 9, '区长 District Head', 'head', 101),
(182, 9, '副区长 Deputy District Head', 'deputy', 181);

-- ---------------------------------------------------------------------------
-- Persons (fictional) with their staff numbers
-- ---------------------------------------------------------------------------
INSERT INTO person (person_id, name, staff_no) VALUES
(1001, '王建国 Wang Jianguo', 'SZ-1001'),
(1002, '陈立新 Chen Lixin',   'SZ-1002'),
(1003, '林晓梅 Lin Xiaomei',  'SZ-1003'),
(1004, '赵志刚 Zhao Zhigang', 'SZ-1004'),
(1005, '黄海涛 Huang Haitao', 'SZ-1005'),
(1006, '刘文博 Liu Wenbo',    'SZ-1006'),
(1011, '张卫民 Zhang Weimin', 'SZ-1011'),
(1012, '孙丽 Sun Li',         'SZ-1012'),
(1021, '李国强 Li Guoqiang',  'SZ-1021'),
(1022, '吴建华 Wu Jianhua',   'SZ-1022'),
(1023, '何敏 He Min',         'SZ-1023'),
(1024, '马俊 Ma Jun',         'SZ-1024'),
(1025, '郑宏 Zheng Hong',     'SZ-1025'),
(1026, '高洁 Gao Jie',        'SZ-1026'),
(1027, '罗斌 Luo Bin',        'SZ-1027'),
(1028, '许志远 Xu Zhiyuan',   'SZ-1028'),
(1029, '邓颖 Deng Ying',      'SZ-1029'),
(1031, '朱海 Zhu Hai',        'SZ-1031'),
(1032, '胡平 Hu Ping',        'SZ-1032'),
(1041, '郭正 Guo Zheng',      'SZ-1041'),
(1042, '曹云 Cao Yun',        'SZ-1042'),
(1051, '梁清 Liang Qing',     'SZ-1051'),
(1052, '宋明 Song Ming',      'SZ-1052'),
(1061, '韩东 Han Dong',       'SZ-1061'),
(1062, '唐静 Tang Jing',      'SZ-1062'),
(1071, '冯涛 Feng Tao',       'SZ-1071'),
(1072, '于洋 Yu Yang',        'SZ-1072');

-- ---------------------------------------------------------------------------
-- Who held which post when (任职), [from, to)
-- ---------------------------------------------------------------------------
INSERT INTO assignment (position_id, person_id, during, tenure, note) VALUES
(101, 1001, '[2003-01-01,2009-01-01)', 'holder', NULL),
(102, 1002, '[2003-01-01,2009-01-01)', 'holder', NULL),
(103, 1003, '[2003-01-01,2009-01-01)', 'holder', NULL),
(104, 1004, '[2003-01-01,2009-01-01)', 'holder', NULL),
(105, 1005, '[2003-01-01,2009-01-01)', 'holder', NULL),
(106, 1006, '[2003-01-01,2009-01-01)', 'holder', NULL),
(111, 1006, '[2003-01-01,2009-01-01)', 'concurrent', '秘书长兼办公厅主任 secretary-general, concurrently director of the General Office'),
(121, 1011, '[2003-01-01,2009-01-01)', 'holder', NULL),
(122, 1012, '[2003-01-01,2009-01-01)', 'holder', NULL),
-- the Work Safety Bureau: director removed, vacancy, acting director, successor
(131, 1021, '[2003-01-01,2006-03-01)', 'holder', '2006-03-01 免职 removed from office'),
(131, 1022, '[2006-05-01,2006-08-01)', 'acting', '副局长代理局长 deputy director acting as director'),
(131, 1025, '[2006-08-01,2009-01-01)', 'holder', '2006-08-01 任命 appointed'),
(132, 1022, '[2003-01-01,2009-01-01)', 'holder', NULL),
(133, 1023, '[2003-01-01,2009-01-01)', 'holder', NULL),
(134, 1024, '[2003-01-01,2009-01-01)', 'holder', NULL),
(135, 1026, '[2003-01-01,2009-01-01)', 'holder', NULL),
(136, 1027, '[2003-01-01,2007-07-01)', 'holder', '2007-07-01 调离 transferred out'),
(137, 1028, '[2003-01-01,2009-01-01)', 'holder', NULL),
(138, 1029, '[2003-01-01,2009-01-01)', 'holder', NULL),
(141, 1031, '[2003-01-01,2009-01-01)', 'holder', NULL),
(142, 1032, '[2003-01-01,2009-01-01)', 'holder', NULL),
(151, 1041, '[2003-01-01,2009-01-01)', 'holder', NULL),
(152, 1042, '[2003-01-01,2009-01-01)', 'holder', NULL),
(161, 1051, '[2003-01-01,2009-01-01)', 'holder', NULL),
(162, 1052, '[2003-01-01,2009-01-01)', 'holder', NULL),
(171, 1061, '[2003-01-01,2009-01-01)', 'holder', NULL),
(172, 1062, '[2003-01-01,2009-01-01)', 'holder', NULL),
(181, 1071, '[2003-01-01,2009-01-01)', 'holder', NULL),
(182, 1072, '[2003-01-01,2009-01-01)', 'holder', NULL);

-- ---------------------------------------------------------------------------
-- Leaders in charge (分管) of departments and of domains.  On 2007-02-01 the
-- portfolios of vice-mayors 104 and 105 and of the executive vice-mayor change.
-- The Audit Bureau answers to the mayor directly; so do the districts.
-- ---------------------------------------------------------------------------
INSERT INTO charge (position_id, unit_id, domain, during) VALUES
(102, 7,    NULL, '[2003-01-01,2009-01-01)'),                        -- exec. vice-mayor: Supervision Bureau
(102, 5,    NULL, '[2003-01-01,2007-02-01)'),                        -- exec. vice-mayor: Transport Bureau, until 2007
(102, NULL, '财政 public finance', '[2003-01-01,2009-01-01)'),
(103, 3,    NULL, '[2003-01-01,2009-01-01)'),                        -- vice-mayor Lin: Health Bureau
(103, NULL, '食品安全 food safety', '[2003-01-01,2009-01-01)'),
(104, 4,    NULL, '[2003-01-01,2007-02-01)'),                        -- vice-mayor Zhao: Work Safety Bureau, until 2007
(104, NULL, '安全生产 work safety', '[2003-01-01,2007-02-01)'),
(104, 5,    NULL, '[2007-02-01,2009-01-01)'),                        -- then Transport Bureau
(104, NULL, '交通 transport', '[2007-02-01,2009-01-01)'),
(105, NULL, '城市规划 urban planning', '[2003-01-01,2009-01-01)'),
(105, 4,    NULL, '[2007-02-01,2009-01-01)'),                        -- vice-mayor Huang: Work Safety Bureau from 2007
(105, NULL, '安全生产 work safety', '[2007-02-01,2009-01-01)'),
(106, 2,    NULL, '[2003-01-01,2009-01-01)');                        -- secretary-general: General Office

-- New rows get ids past the demo's own.
DO $$
BEGIN
    PERFORM setval('responsibility.unit_id_seq', 100);
    PERFORM setval('responsibility.position_id_seq', 200);
    PERFORM setval('responsibility.person_id_seq', 2000);
END
$$;

COMMIT;
