-- A small demo organisation for the walkthrough (walkthrough.sql): a city
-- government modelled on Shenzhen in 2005, the year of the municipal decision
-- on the "responsibility storm" (深发〔2005〕13号).  The units follow the real
-- structure; every person is fictional.
--
-- Loaded by `make demo` as superuser into the default tenant, after
-- CREATE EXTENSION responsibility.  Ids are explicit and small so that the
-- walkthrough can name them:
--   units      1-12    (1 = the municipal government, 3 = Health Bureau,
--                       4 = Work Safety Bureau, 5 = Transport Bureau)
--   positions  101-182 (101 = mayor, 131 = director of the Work Safety Bureau,
--                       135 = a staff post in its hazardous chemicals section)
--   persons    1001-1072
--   duties     1-29, powers 1-9, processes 1-3 with steps 11-14, 21-24, 31-35
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
-- The duty lists (责任清单), powers (权力清单) and processes (流程) of 2005,
-- with the defects a coverage report should find (see the end of the file):
--   * Section chief Ma Jun (马俊, 1024, post 134) is away at the Party school
--     (培训) from 2005-05-09 to 2005-06-18 and nobody is named to act: his
--     duties and his step in the licence process are unattended.
--   * After a food poisoning, Health Bureau director Zhang Weimin (张卫民,
--     1011, post 121) is suspended for examination (停职检查) from 2005-09-12
--     to 2005-11-14; deputy director Sun Li (孙丽, 1012) acts (主持工作).
--   * The chief of the Health Inspection Division (post 123) changes on
--     2005-07-01; the inspection duty of the post is only re-issued to it on
--     2005-08-15: six weeks with no owner.
--   * The acceptance clerk (post 125) leaves on 2005-04-01; the post stays
--     vacant until 2005-09-01.
--   * Road transport of hazardous chemicals: the Transport Bureau's deputy
--     director (142) is made a primary owner beside the hazardous chemicals
--     section chief (134) from 2005-04-01 until the demarcation of
--     2005-10-01 (多头管理).
--   * The on-site vehicle check of the dangerous-goods transport permit hands
--     off nowhere; the work-safety fund has no duty; the safety-training duty
--     carries no consequence; the secretary-general's duty has no target;
--     staff member Deng Ying (邓颖, 1029, post 138) has no duty at all.
--
-- Times are Beijing time: the session time zone is set below.
--
-- The regression test sql/white_paper.sql loads this file too (into a tenant
-- of its own): a change here may change expected/white_paper.out.

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
    NULL, 10),
(12, 3, 'health-inspection', '卫生监督处 Health Inspection Division', 'executing',
    ARRAY['食品卫生许可 food hygiene permits',
          '餐饮业和集体食堂食品卫生监督检查 food hygiene inspection of restaurants and canteens'],
    NULL, 12);

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
(123, 12, '处长 Division Chief', 'chief', 122),
(124, 12, '卫生监督员 Health Inspector', 'staff', 123),
(125, 12, '受理窗口科员 Acceptance Clerk', 'staff', 123),
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
(143, 5, '运输管理处科员 Transport Officer', 'staff', 142),
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
(1013, '周明 Zhou Ming',      'SZ-1013'),
(1014, '钱芳 Qian Fang',      'SZ-1014'),
(1015, '杨帆 Yang Fan',       'SZ-1015'),
(1016, '蔡琳 Cai Lin',        'SZ-1016'),
(1017, '彭丽 Peng Li',        'SZ-1017'),
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
(1033, '谢军 Xie Jun',        'SZ-1033'),
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
-- the Health Inspection Division: a new chief, a clerk who leaves
(123, 1013, '[2003-01-01,2005-07-01)', 'holder', '2005-07-01 退休 retired'),
(123, 1014, '[2005-07-01,2009-01-01)', 'holder', '2005-07-01 任命 appointed'),
(124, 1015, '[2003-01-01,2009-01-01)', 'holder', NULL),
(125, 1016, '[2003-01-01,2005-04-01)', 'holder', '2005-04-01 辞职 resigned'),
(125, 1017, '[2005-09-01,2009-01-01)', 'holder', '2005-09-01 招录 recruited'),
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
(143, 1033, '[2003-01-01,2009-01-01)', 'holder', NULL),
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

-- ---------------------------------------------------------------------------
-- Absences (缺位).  The holder keeps the post; the person named as acting
-- answers for it meanwhile, or nobody when nobody is named.
-- ---------------------------------------------------------------------------
INSERT INTO absence (assignment_id, kind, during, acting_person_id, note)
SELECT a.assignment_id, v.kind::absence_kind, v.during::tstzrange, v.acting, v.note
  FROM (VALUES
    (134, 1024, 'training', '[2005-05-09,2005-06-18)', NULL::bigint,
        '市委党校中青年干部培训班，未指定代理 at the Party school; nobody named to act'),
    (121, 1011, 'suspended', '[2005-09-12,2005-11-14)', 1012,
        '食物中毒事件后停职检查，副局长孙丽主持工作 suspended after a food poisoning; the deputy director acts')
  ) v(position_id, person_id, kind, during, acting, note)
  JOIN assignment a ON a.position_id = v.position_id AND a.person_id = v.person_id
                   AND a.during @> lower(v.during::tstzrange);

-- Key competencies of some posts (关键能力, for the position description).
UPDATE position p SET competencies = v.c
  FROM (VALUES
    (131, ARRAY['安全生产法律法规 work-safety law', '重大事故应急指挥 command in major emergencies', '统筹协调 coordination across departments']),
    (134, ARRAY['危险化学品安全技术 hazardous-chemicals safety engineering', '行政许可程序 licensing procedure', '现场检查 on-site inspection']),
    (135, ARRAY['窗口服务 front-desk service', '材料审查 document checking']),
    (123, ARRAY['食品卫生法规 food hygiene law', '现场卫生学评价 on-site hygiene assessment', '团队管理 team leadership']),
    (125, ARRAY['窗口服务 front-desk service', '一次性告知 one-time notice of missing documents'])
  ) v(id, c)
 WHERE p.position_id = v.id;

-- ---------------------------------------------------------------------------
-- Duty lists (责任清单) of 2005: basis, domain, target, measure, consequence;
-- public-interest duties go into the white paper of the unit.
-- ---------------------------------------------------------------------------
INSERT INTO duty (duty_id, unit_id, code, title, basis, domain, target, target_value, target_unit,
                  measure, consequence, public_interest, valid)
SELECT v.*, '[2005-01-01,2009-01-01)'::tstzrange
  FROM (VALUES
-- the municipal government 市政府
(1, 1, 'SZ-01', '全市安全生产控制指标 Work-safety targets of the city',
    '《安全生产法》第8条；国发〔2004〕2号 Work Safety Law art. 8; State Council decision 2004 No. 2',
    '安全生产 work safety', '亿元GDP生产安全事故死亡率比上年下降5% deaths in work accidents per 100 million yuan of GDP down 5% on the year',
    5, '%', '省政府安全生产目标考核 annual assessment by the provincial government',
    '未完成控制指标的，年度考核一票否决 missing the target vetoes the annual assessment', true),
(2, 1, 'SZ-02', '财政预算执行 Execution of the budget', '《预算法》 Budget Law', '财政 public finance',
    '预算执行率不低于95% at least 95% of the budget executed', 95, '%', '市人大预算审查 review by the People''s Congress',
    '向市人大作出说明并整改 explanation to the People''s Congress and correction', false),
(3, 1, 'SZ-03', '全市食品安全 Food safety of the city', '《食品卫生法》 Food Hygiene Law', '食品安全 food safety',
    '不发生重大食物中毒事故 no major food poisoning', 0, 'major incidents', '卫生部门事故统计 incident statistics of the Health Bureau',
    '发生重大食物中毒的，追究分管领导责任 a major poisoning: the leader in charge answers for it', true),
(4, 1, 'SZ-04', '城市规划实施 Carrying out the city plan', '《深圳市城市规划条例》 Shenzhen City Planning Regulations', '城市规划 urban planning',
    '法定图则覆盖建成区80% statutory plans cover 80% of the built-up area', 80, '%', '规划局年度统计 annual statistics of the Planning Bureau',
    '未完成的向市长作出说明 an explanation to the mayor', false),
(5, 1, 'SZ-05', '协调市政府各部门工作 Coordinating the departments', '《深圳市人民政府工作规则》 Working Rules of the Government', NULL,
    NULL, NULL, NULL, NULL, '协调不力贻误工作的，予以诫勉 a warning talk for delays caused by poor coordination', false),
-- the General Office 办公厅
(6, 2, 'BGT-01', '市政府决定事项督查督办 Follow-up of the government''s decisions', '《深圳市人民政府工作规则》 Working Rules of the Government', NULL,
    '督办事项按期办结率100% every decision followed up on time', 100, '%', '督查室台账 register of the inspection office',
    '逾期未办结的通报批评 late items are criticised in a circular', false),
-- the Health Bureau 卫生局
(7, 3, 'WSJ-01', '突发公共卫生事件报告与处置 Reporting and handling public-health emergencies',
    '《突发公共卫生事件应急条例》第19条 Regulations on Public-Health Emergencies art. 19', '食品安全 food safety',
    '接报后2小时内向市政府报告 reported to the government within 2 hours', 2, 'hours', '应急办接报记录 log of the emergency office',
    '迟报、漏报、瞒报的，依法追究主要负责人责任 late, missing or concealed reports: the head answers for them', true),
(8, 3, 'WSJ-02', '法定传染病网络直报 Online reporting of notifiable diseases', '《传染病防治法》(2004) Law on Infectious Diseases', NULL,
    '医疗机构网络直报率100% every hospital reports online', 100, '%', '疾控中心直报系统统计 statistics of the reporting system',
    '直报率未达标的通报批评 a circular criticising the shortfall', false),
-- its Health Inspection Division 卫生监督处
(9, 12, 'WSJ-JD-01', '食品卫生许可 Food hygiene permits',
    '《食品卫生法》第27条；《行政许可法》第42条 Food Hygiene Law art. 27; Administrative Licensing Law art. 42', '食品安全 food safety',
    '受理后20个工作日内作出决定 decided within 20 working days of acceptance', 20, 'working days',
    '市监察局行政审批电子监察系统 electronic supervision of approvals (Supervision Bureau)',
    '超时或违法发证的，追究承办、审核、批准人员责任 late or unlawful permits: the handler, reviewer and approver answer for them', true),
(10, 12, 'WSJ-JD-02', '餐饮业和集体食堂食品卫生监督检查 Hygiene inspection of restaurants and canteens',
    '《食品卫生法》第32条 Food Hygiene Law art. 32', '食品安全 food safety',
    '持证餐饮单位和食堂每年检查覆盖率100% every licensed restaurant and canteen inspected each year', 100, '%',
    '监督检查记录抽查 sample checks of inspection records',
    '因漏检失察导致食物中毒的，追究监管责任 a poisoning after a missed inspection: supervisory liability', true),
(11, 12, 'WSJ-JD-03', '许可申请受理与一次性告知 Accepting applications, one-time notice of missing documents',
    '《行政许可法》第32条 Administrative Licensing Law art. 32', '食品安全 food safety',
    '当场或5个工作日内作出是否受理的决定 accepted or refused on the spot or within 5 working days', 5, 'working days',
    '窗口登记簿 register of the front desk',
    '不一次性告知补正材料的，责令改正并通报 no one-time notice: correction and a circular', true),
-- the Work Safety Bureau 安监局
(12, 4, 'AJJ-01', '安全生产综合监督管理 Overall supervision of work safety',
    '《安全生产法》第9条 Work Safety Law art. 9', '安全生产 work safety',
    '全市生产安全事故死亡人数控制在120人以内 no more than 120 deaths in work accidents in the city', 120, 'deaths',
    '事故统计快报 accident statistics',
    '超控制指标或发生重特大事故的，依国务院令第302号追究行政责任 over the quota or a major accident: administrative liability under State Council Decree 302', true),
(13, 4, 'AJJ-02', '生产安全事故调查处理 Investigating work accidents',
    '《企业职工伤亡事故报告和处理规定》(国务院令第75号) State Council Decree 75', '安全生产 work safety',
    '事故调查报告在90日内完成 investigation reports within 90 days', 90, 'days', '结案台账 register of closed cases',
    '调查处理不力的，追究调查组长责任 a poor investigation: its leader answers for it', true),
-- its Hazardous Chemicals Section 危险化学品监管科
(14, 10, 'AJJ-WH-01', '安全生产许可证核发 Work-safety licences',
    '《安全生产许可证条例》第7条(国务院令第397号) Work Safety Licence Regulations art. 7', '安全生产 work safety',
    '受理后45日内审查完毕 decided within 45 days of acceptance', 45, 'days',
    '市监察局行政审批电子监察系统 electronic supervision of approvals (Supervision Bureau)',
    '超时或违法发证的，追究承办、审核、批准人员责任 late or unlawful licences: the handler, reviewer and approver answer for them', true),
(15, 10, 'AJJ-WH-02', '危险化学品经营单位监督检查 Inspection of hazardous-chemicals businesses',
    '《危险化学品安全管理条例》第5条 Regulations on Hazardous Chemicals art. 5', '安全生产 work safety',
    '持证经营单位每季度检查一次 every licensed business inspected each quarter', 100, '%', '检查记录 inspection records',
    '漏检导致事故的，追究监管责任 an accident after a missed inspection: supervisory liability', true),
(16, 10, 'AJJ-WH-03', '许可申请受理与一次性告知 Accepting applications, one-time notice of missing documents',
    '《行政许可法》第32条 Administrative Licensing Law art. 32', '安全生产 work safety',
    '5个工作日内作出是否受理的决定 accepted or refused within 5 working days', 5, 'working days', '窗口登记簿 register of the front desk',
    '不一次性告知的，责令改正并通报 no one-time notice: correction and a circular', false),
(17, 10, 'AJJ-WH-04', '危险化学品道路运输安全监管 Safety of hazardous chemicals on the road',
    '《危险化学品安全管理条例》第5条、第35条 Regulations on Hazardous Chemicals arts. 5, 35', '安全生产 work safety',
    '运输车辆GPS安装率100% every tanker fitted with GPS', 100, '%', '联合检查 joint inspections',
    '发生运输事故的，追究监管责任 a transport accident: supervisory liability', true),
-- its Industry and Commerce Section 工矿商贸监管科
(18, 11, 'AJJ-GM-01', '工矿商贸企业安全监督检查 Safety inspection of factories, shops and trade',
    '《安全生产法》第53条 Work Safety Law art. 53', '安全生产 work safety',
    '规模以上企业年度检查覆盖率100% every large firm inspected each year', 100, '%', '检查记录 inspection records',
    '漏检导致事故的，追究监管责任 an accident after a missed inspection: supervisory liability', true),
(19, 11, 'AJJ-GM-02', '企业主要负责人安全培训 Safety training of company heads',
    '《安全生产法》第20条 Work Safety Law art. 20', '安全生产 work safety',
    '规模以上企业主要负责人持证率100% every head of a large firm certified', 100, '%', '培训证书统计 certificates issued',
    NULL, true),
-- the Transport Bureau 交通局
(20, 5, 'JTJ-01', '道路危险货物运输许可 Permits for road transport of dangerous goods',
    '《道路运输条例》第24条；《道路危险货物运输管理规定》(交通部令2005年第9号) Road Transport Regulations art. 24',
    '安全生产 work safety',
    '受理后20日内作出决定 decided within 20 days of acceptance', 20, 'days',
    '市监察局行政审批电子监察系统 electronic supervision of approvals (Supervision Bureau)',
    '超时或违法许可的，追究承办、审核、批准人员责任 late or unlawful permits: the handler, reviewer and approver answer for them', true),
(21, 5, 'JTJ-02', '公共汽车准点运营 Punctual buses', '《深圳市公共交通管理条例》 Shenzhen public transport rules', '交通 transport',
    '公交准点率不低于90% at least 90% of buses on time', 90, '%', '公交智能调度系统 bus dispatch system',
    '连续两季度未达标的，约谈局长 two quarters below target: the director is summoned', true),
-- the Audit Bureau 审计局
(22, 6, 'SJJ-01', '预算执行审计 Audit of the budget', '《审计法》第16条 Audit Law art. 16', '财政 public finance',
    '市直部门每年审计覆盖率100% every municipal department audited each year', 100, '%', '审计计划完成情况 audit plan',
    '未完成审计计划的，向市政府作出说明 an explanation to the government', false),
(23, 6, 'SJJ-02', '领导干部经济责任审计 Economic-responsibility audit of leading cadres', '中办发〔1999〕20号 General Office of the CPC 1999 No. 20', NULL,
    '离任审计率100% every departing head audited', 100, '%', '干部离任名单比对 compared with the list of departures',
    '应审未审的，追究审计组责任 an audit left undone: the audit team answers for it', false),
-- the Supervision Bureau 监察局
(24, 7, 'JCJ-01', '行政审批电子监察 Electronic supervision of approvals', '《行政监察法》第18条 Administrative Supervision Law art. 18', NULL,
    '市级审批事项电子监察覆盖率100% every municipal approval under electronic supervision', 100, '%', '电子监察系统统计 statistics of the system',
    '监察失职的，依法处分 a disciplinary sanction for neglect', false),
(25, 7, 'JCJ-02', '行政问责调查 Accountability investigations', '《行政监察法》 Administrative Supervision Law', NULL,
    '问责案件3个月内办结 cases closed within 3 months', 3, 'months', '案件台账 case register',
    '久拖不结的，追究承办人责任 cases left open: the case officer answers for them', false),
-- the districts 区政府
(26, 8, 'FT-01', '福田区安全生产控制指标 Work-safety targets of Futian', '《安全生产法》第8条 Work Safety Law art. 8', '安全生产 work safety',
    '辖区事故死亡人数不超过25人 no more than 25 deaths in work accidents', 25, 'deaths', '市安委会考核 assessment by the city safety committee',
    '超控制指标的，年度考核一票否决 over the quota vetoes the annual assessment', true),
(27, 8, 'FT-02', '福田区食品安全 Food safety in Futian', '《食品卫生法》 Food Hygiene Law', '食品安全 food safety',
    '不发生重大食物中毒事故 no major food poisoning', 0, 'major incidents', '卫生部门事故统计 incident statistics',
    '发生重大食物中毒的，追究分管副区长责任 a major poisoning: the deputy in charge answers for it', true),
(28, 9, 'LH-01', '罗湖区安全生产控制指标 Work-safety targets of Luohu', '《安全生产法》第8条 Work Safety Law art. 8', '安全生产 work safety',
    '辖区事故死亡人数不超过20人 no more than 20 deaths in work accidents', 20, 'deaths', '市安委会考核 assessment by the city safety committee',
    '超控制指标的，年度考核一票否决 over the quota vetoes the annual assessment', true),
(29, 9, 'LH-02', '罗湖区食品安全 Food safety in Luohu', '《食品卫生法》 Food Hygiene Law', '食品安全 food safety',
    '不发生重大食物中毒事故 no major food poisoning', 0, 'major incidents', '卫生部门事故统计 incident statistics',
    '发生重大食物中毒的，追究分管副区长责任 a major poisoning: the deputy in charge answers for it', true)
  ) v;

-- Which post owns which duty when: primary (主体责任) or supervisory (监管责任).
INSERT INTO duty_owner (duty_id, position_id, kind, during) VALUES
(1, 101, 'primary', '[2005-01-01,2009-01-01)'),         -- the mayor: 第一责任人
(1, 104, 'supervisory', '[2005-01-01,2007-02-01)'),     -- the vice-mayor in charge of work safety …
(1, 105, 'supervisory', '[2007-02-01,2009-01-01)'),     -- … who changes on 2007-02-01
(2, 102, 'primary', '[2005-01-01,2009-01-01)'),
(3, 103, 'primary', '[2005-01-01,2009-01-01)'),
(4, 105, 'primary', '[2005-01-01,2009-01-01)'),
(5, 106, 'primary', '[2005-01-01,2009-01-01)'),         -- defect: the secretary-general owns no duty with a target
(6, 111, 'primary', '[2005-01-01,2009-01-01)'),
(7, 121, 'primary', '[2005-01-01,2009-01-01)'),
(8, 122, 'primary', '[2005-01-01,2009-01-01)'),
(9, 124, 'primary', '[2005-01-01,2009-01-01)'),
(9, 123, 'supervisory', '[2005-01-01,2009-01-01)'),
-- defect: the division chief changes on 2005-07-01, the duty is re-issued to the post only on 2005-08-15
(10, 123, 'primary', '[2005-01-01,2005-07-01)'),
(10, 123, 'primary', '[2005-08-15,2009-01-01)'),
(11, 125, 'primary', '[2005-01-01,2009-01-01)'),         -- defect: post 125 is vacant 2005-04-01 to 2005-09-01
(12, 131, 'primary', '[2005-01-01,2009-01-01)'),
(12, 132, 'supervisory', '[2005-01-01,2009-01-01)'),
(12, 133, 'supervisory', '[2005-01-01,2009-01-01)'),
(13, 133, 'primary', '[2005-01-01,2009-01-01)'),
(14, 134, 'primary', '[2005-01-01,2009-01-01)'),
(14, 132, 'supervisory', '[2005-01-01,2009-01-01)'),
(15, 136, 'primary', '[2005-01-01,2009-01-01)'),
(16, 135, 'primary', '[2005-01-01,2009-01-01)'),
-- defect: two primary owners of the same duty (多头管理) until the demarcation of 2005-10-01
(17, 134, 'primary', '[2005-01-01,2009-01-01)'),
(17, 142, 'primary', '[2005-04-01,2005-10-01)'),
(17, 142, 'supervisory', '[2005-10-01,2009-01-01)'),
(18, 137, 'primary', '[2005-01-01,2009-01-01)'),
(19, 137, 'primary', '[2005-01-01,2009-01-01)'),
-- (defect: staff post 138 owns nothing)
(20, 143, 'primary', '[2005-01-01,2009-01-01)'),
(20, 142, 'supervisory', '[2005-01-01,2009-01-01)'),
(21, 141, 'primary', '[2005-01-01,2009-01-01)'),
(21, 102, 'supervisory', '[2005-01-01,2007-02-01)'),     -- transport passes from the executive vice-mayor …
(21, 104, 'supervisory', '[2007-02-01,2009-01-01)'),     -- … to vice-mayor Zhao on 2007-02-01
(22, 151, 'primary', '[2005-01-01,2009-01-01)'),
(23, 152, 'primary', '[2005-01-01,2009-01-01)'),
(24, 161, 'primary', '[2005-01-01,2009-01-01)'),
(25, 162, 'primary', '[2005-01-01,2009-01-01)'),
(26, 171, 'primary', '[2005-01-01,2009-01-01)'),
(27, 172, 'primary', '[2005-01-01,2009-01-01)'),
(28, 181, 'primary', '[2005-01-01,2009-01-01)'),
(29, 182, 'primary', '[2005-01-01,2009-01-01)');

-- ---------------------------------------------------------------------------
-- Powers (权力清单) and the duties they imply (权责对应)
-- ---------------------------------------------------------------------------
INSERT INTO power (power_id, unit_id, position_id, kind, code, title, basis, valid) VALUES
(1, 4, 131, 'approval', 'QL-AJJ-01', '安全生产许可证核发 Issuing work-safety licences', '《安全生产许可证条例》 Work Safety Licence Regulations', '[2005-01-01,2009-01-01)'),
(2, 4, NULL, 'inspection', 'QL-AJJ-02', '安全生产监督检查 Work-safety inspections', '《安全生产法》第53条 Work Safety Law art. 53', '[2005-01-01,2009-01-01)'),
(3, 4, NULL, 'penalty', 'QL-AJJ-03', '安全生产行政处罚 Work-safety penalties', '《安全生产法》第六章 Work Safety Law ch. 6', '[2005-01-01,2009-01-01)'),
-- defect: a spending power that implies no duty (有权无责)
(4, 4, 131, 'spending', 'QL-AJJ-04', '安全生产专项资金拨付 Allocating the work-safety fund', '市财政预算 the city budget', '[2005-01-01,2009-01-01)'),
(5, 3, 122, 'approval', 'QL-WSJ-01', '食品卫生许可证核发 Issuing food hygiene permits', '《食品卫生法》第27条 Food Hygiene Law art. 27', '[2005-01-01,2009-01-01)'),
(6, 3, NULL, 'penalty', 'QL-WSJ-02', '食品卫生行政处罚 Food hygiene penalties', '《食品卫生法》第七章 Food Hygiene Law ch. 7', '[2005-01-01,2009-01-01)'),
(7, 5, 141, 'approval', 'QL-JTJ-01', '道路危险货物运输许可 Permits for road transport of dangerous goods', '《道路运输条例》第24条 Road Transport Regulations art. 24', '[2005-01-01,2009-01-01)'),
(8, 6, NULL, 'inspection', 'QL-SJJ-01', '审计监督检查 Audits', '《审计法》 Audit Law', '[2005-01-01,2009-01-01)'),
(9, 7, NULL, 'inspection', 'QL-JCJ-01', '行政问责调查 Accountability investigations', '《行政监察法》 Administrative Supervision Law', '[2005-01-01,2009-01-01)');

INSERT INTO power_duty (power_id, duty_id) VALUES
(1, 14), (2, 15), (2, 18), (3, 15), (3, 18), (3, 17),
(5, 9), (6, 10), (7, 20), (8, 22), (9, 25);

-- ---------------------------------------------------------------------------
-- Processes (业务流程): steps 受理 → 承办 → 审核 → 批准 with time limits in
-- working days, owned by posts over time, and their hand-offs.
-- ---------------------------------------------------------------------------
INSERT INTO process (process_id, unit_id, code, title, domain, valid) VALUES
(1, 4, 'LC-AJJ-01', '安全生产许可证核发 Work-safety licence', '安全生产 work safety', '[2005-01-01,2009-01-01)'),
(2, 3, 'LC-WSJ-01', '食品卫生许可证核发 Food hygiene permit', '食品安全 food safety', '[2005-01-01,2009-01-01)'),
(3, 5, 'LC-JTJ-01', '道路危险货物运输许可 Permit for road transport of dangerous goods', '安全生产 work safety', '[2005-01-01,2009-01-01)');

INSERT INTO process_step (step_id, process_id, seq, name, role, time_limit, is_end) VALUES
(11, 1, 1, '受理 Acceptance', 'acceptance', 5, false),
(12, 1, 2, '材料审查和现场核查 Document review and site check', 'handler', 15, false),
(13, 1, 3, '科长审核 Review by the section chief', 'reviewer', 5, false),
(14, 1, 4, '局长批准 Approval by the director', 'approver', 5, true),
(21, 2, 1, '受理 Acceptance', 'acceptance', 5, false),
(22, 2, 2, '现场卫生审查 On-site hygiene check', 'handler', 10, false),
(23, 2, 3, '处长审核 Review by the division chief', 'reviewer', 3, false),
(24, 2, 4, '局领导批准 Approval by the bureau', 'approver', 2, true),
(31, 3, 1, '受理 Acceptance', 'acceptance', 2, false),
(32, 3, 2, '材料审查 Document review', 'handler', 5, false),
(33, 3, 3, '车辆现场核查 On-site check of the vehicles', 'other', 3, false),
(34, 3, 4, '副局长审核 Review by the deputy director', 'reviewer', 3, false),
(35, 3, 5, '局长批准 Approval by the director', 'approver', 2, true);

INSERT INTO step_handoff (process_id, from_step, to_step) VALUES
(1, 11, 12), (1, 12, 13), (1, 13, 14),
(2, 21, 22), (2, 22, 23), (2, 23, 24),
-- defect: the vehicle check added by the 2005 rules hands off nowhere
(3, 31, 32), (3, 32, 33), (3, 32, 34), (3, 34, 35);

INSERT INTO step_owner (step_id, position_id, during) VALUES
(11, 135, '[2005-01-01,2009-01-01)'),
(12, 136, '[2005-01-01,2009-01-01)'),
(13, 134, '[2005-01-01,2009-01-01)'),
(14, 131, '[2005-01-01,2009-01-01)'),
(21, 125, '[2005-01-01,2009-01-01)'),
(22, 124, '[2005-01-01,2009-01-01)'),
(23, 123, '[2005-01-01,2009-01-01)'),
(24, 121, '[2005-01-01,2006-01-01)'),     -- the director signs until 2005 …
(24, 122, '[2006-01-01,2009-01-01)'),     -- … then the deputy director in charge
(31, 143, '[2005-01-01,2009-01-01)'),
(32, 143, '[2005-01-01,2009-01-01)'),
(33, 143, '[2005-01-01,2009-01-01)'),
(34, 142, '[2005-01-01,2009-01-01)'),
(35, 141, '[2005-01-01,2009-01-01)');

-- ---------------------------------------------------------------------------
-- An incident (过错事件) to trace: on 20 November 2005 a gas explosion at a
-- mine licensed in October (application AJ-2005-0147).  Staff member Luo
-- Bin (罗斌, post 136) handled the application and missed the forged
-- ventilation report, section chief Ma Jun (马俊, 134) reviewed it and
-- director Li Guoqiang (李国强, 131) approved it: an error the reviewer and
-- approver should have caught.  Work safety is pursued severely; serious.
-- ---------------------------------------------------------------------------
INSERT INTO incident (incident_id, occurred_at, unit_id, title, category, severity, loss, step_id, work_ref, source) VALUES
(1, '2005-11-20 03:40+08', 4, '煤矿瓦斯爆炸 Gas explosion at a licensed mine', 'work_safety', 'serious', 3200000.00,
 14, 'AJ-2005-0147', 'report');
INSERT INTO incident_actor (incident_id, role, person_id, position_id) VALUES
(1, 'handler', 1027, 136),
(1, 'reviewer', 1024, 134),
(1, 'approver', 1021, 131);

-- New rows get ids past the demo's own.
DO $$
BEGIN
    PERFORM setval('responsibility.unit_id_seq', 100);
    PERFORM setval('responsibility.position_id_seq', 200);
    PERFORM setval('responsibility.person_id_seq', 2000);
    PERFORM setval('responsibility.duty_id_seq', 100);
    PERFORM setval('responsibility.power_id_seq', 100);
    PERFORM setval('responsibility.process_id_seq', 100);
    PERFORM setval('responsibility.step_id_seq', 100);
    PERFORM setval('responsibility.incident_id_seq', 100);
END
$$;

COMMIT;
