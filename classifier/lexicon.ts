// The classifier's own vocabulary, beside the topic taxonomy of seeds/topics.yaml: BRI anchor
// phrases, the cues of the hard negatives, policy and action words, regions and issuers, and a
// small English → Chinese glossary for linking a Chinese report to an English catalog entry.
// Phrases are matched by matcher.ts (folded: case, traditional/simplified, dashes and quotes do
// not matter; English plurals match; a phrase never spans punctuation other than quotes/hyphens).

export type AnchorKind = 'core' | 'flagship' | 'acronym';

/**
 * Phrases that name the Belt and Road Initiative (core), one of its named flagship mechanisms
 * (flagship: subjects that are BRI cooperation by definition), or its acronym. Where anchors
 * overlap the longest counts once.
 */
export const ANCHORS: { text: string; weight: number; kind: AnchorKind }[] = [
  // ("Marine Silk Road": how some translations of 海上丝绸之路 name the maritime route)
  ...['Belt and Road', 'One Belt One Road', 'One Belt and One Road', 'Silk Road Economic Belt', '21st Century Maritime Silk Road', 'Maritime Silk Road', 'Marine Silk Road', 'B&R'].map((text) => ({
    text,
    weight: 1,
    kind: 'core' as const,
  })),
  { text: 'New Silk Road', weight: 0.8, kind: 'core' },
  ...['一带一路', '丝绸之路经济带', '21世纪海上丝绸之路', '海上丝绸之路', '海上丝路'].map((text) => ({ text, weight: 1, kind: 'core' as const })),
  ...[
    'China-Europe Railway Express',
    'China-Europe freight train',
    'China-Europe freight train service',
    'China-Europe rail',
    'China Railway Express',
    'Shanghai-Europe freight train',
    // the trains' brands in English: CR Express (the railway's own), Shanghai's Shanghai-Europe Express
    'CR Express',
    'Shanghai-Europe Express',
    // the China-Europe trains' route brands: Yiwu's (义新欧), Chongqing's (渝新欧), Wuhan's (汉新欧)
    'Yiwu-Xinjiang-Europe',
    'Yixinou',
    'Yi-Xin-Ou',
    'Chongqing-Xinjiang-Europe',
    'Yuxinou',
    'Yu-Xin-Ou',
    'Wuhan-Xinjiang-Europe',
    'Hanxinou',
    'Han-Xin-Ou',
    // the same trains as Jiangsu's and Yiwu's reports name them, and a route by its two ends
    'China-Europe-Asia freight train',
    'Eurasian freight train',
    // the same trains as machine translations of 中欧班列 and 义新欧 name them
    'China-EU freight train',
    'China-EU train',
    'Yixin Europe',
    'Yiwu-Madrid',
    'New International Land-Sea Trade Corridor',
    'International Land-Sea Trade Corridor',
    'Silk Road Fund',
    'Silk Road e-commerce',
    'Digital Silk Road',
    'Green Silk Road',
    'Health Silk Road',
    'Clean Silk Road',
    'Air Silk Road',
    'Silk Road Spirit',
    'Luban Workshop',
    'China-Pakistan Economic Corridor',
    'CPEC',
    'China-Laos Railway',
    'Jakarta-Bandung High-Speed Railway',
    'Mombasa-Nairobi Standard Gauge Railway',
    '中欧班列',
    '中欧亚班列',
    '义新欧',
    '渝新欧',
    '汉新欧',
    '西部陆海新通道',
    '陆海新通道',
    '国际陆海贸易新通道',
    '丝路基金',
    '丝路电商',
    '数字丝绸之路',
    '数字丝路',
    '绿色丝绸之路',
    '绿色丝路',
    '健康丝绸之路',
    '廉洁丝绸之路',
    '廉洁丝路',
    '空中丝绸之路',
    '空中丝路',
    '丝路精神',
    '鲁班工坊',
    '中巴经济走廊',
    '中老铁路',
    '雅万高铁',
    '匈塞铁路',
    '蒙内铁路',
  ].map((text) => ({ text, weight: 0.7, kind: 'flagship' as const })),
  { text: 'BRI', weight: 0.9, kind: 'acronym' },
  { text: 'OBOR', weight: 0.9, kind: 'acronym' },
];

/** Anchors that also name the historical route (GUIDE.md §2 rule 7): in a sentence about the past
 *  (features.ts) they are no anchor. */
export const HISTORICAL_ANCHORS = ['Maritime Silk Road', 'Marine Silk Road', '海上丝绸之路', '海上丝路'];

/** Words of a field rather than of one measure's name. A catalog alias made only of these, topic
 *  terms and BRI anchors ("green Belt and Road", "free trade port", 科技创新合作, 标志性工程) says
 *  which field its entry is in, not which entry it is: knowledge.ts weighs it as a generic alias. */
export const FIELD_WORDS = [
  'cooperation', 'exchanges', 'development', 'international', 'global', 'regional', 'construction', 'joint',
  'services', 'projects', 'platform', 'system', 'network', 'mechanism', 'countries', 'enterprises',
  'free trade zone', 'pilot free trade zone', 'free trade port', 'free trade harbor', 'landmark',
  'sister city', 'sister cities', 'opening up', 'sector', 'cross-border', 'RMB', 'renminbi', 'yuan',
  '合作', '交流', '发展', '国际', '全球', '区域', '建设', '共建', '服务', '项目', '工程', '平台', '体系', '机制',
  '网络', '国家', '企业', '自由贸易试验区', '自贸试验区', '自贸区', '自由贸易港', '自贸港', '标志性', '友好城市',
  '扩大', '开放', '领域', '营造', '环境', '先行先试',
  // the Chinese of the English field words above and of the topic terms' fields, as national
  // documents write them (人民币跨境使用, 金融市场互联互通, 跨境电子商务综合试验区, 长三角一体化)
  '人民币', '跨境', '离岸', '金融', '市场', '资产', '业务', '使用', '互联互通', '一体化', '长三角', '海事', '规则',
  '促进', '机构', '贸易', '投资', '科技', '创新', '设施', '大科学', '海洋', '数据', '无纸化', '电子商务', '电商',
  '综合', '试验区', '综试区',
  // function characters
  '和', '与', '及', '的', '等', '之',
];

/** Endings of a Chinese institution's or event's name (绿色技术银行, 上海国际碳中和博览会): an alias
 *  ending so names one body, even when its words are the field's. */
export const NAME_ENDINGS_ZH = ['银行', '博览会', '交易所', '联盟', '中心', '创新园', '研究院', '基地'];

/** "Belt", "road" and "Silk Road" in other senses (the anchor wins where they overlap). */
export const OTHER_SENSE: string[] = [
  'Yangtze River Economic Belt',
  'Yangtze Economic Belt',
  'economic belt',
  'Huaihe River Economic Belt',
  'Rust Belt',
  'seat belt',
  'seatbelt',
  'seat-belt',
  'conveyor belt',
  'belted',
  'unbelted',
  'ancient Silk Road',
  'historic Silk Road',
  '长江经济带',
  '经济带',
  '锈带',
  '铁锈地带',
  '安全带',
  '古丝绸之路',
  '绿化带',
  '道路交通',
];

/** Other countries' and blocs' programmes, usually presented against the BRI. */
export const OTHER_PROGRAMMES: string[] = [
  'Global Gateway',
  'Partnership for Global Infrastructure and Investment',
  'PGII',
  'Build Back Better World',
  'B3W',
  'Blue Dot Network',
  'India-Middle East-Europe Economic Corridor',
  'India-Middle East-Europe Corridor',
  'IMEC',
  'Lobito Corridor',
  'Partnership for Quality Infrastructure',
  'Clean Green Initiative',
  'Team Europe',
  '全球门户',
  // (Chinese names as the English ones are given: the translations of B3W and PGII in use, and
  // Japan's Partnership for Quality Infrastructure — batch22's zh-642 and zh-644 passed without them.)
  '重建更好世界',
  '重建美好世界',
  '重建更美好世界',
  '印度中东欧洲经济走廊',
  '印欧经济走廊',
  '蓝点网络',
  '全球基础设施和投资伙伴关系',
  '全球基础设施与投资伙伴关系',
  '全球基建和投资伙伴关系',
  '高质量基础设施合作伙伴关系',
  '洛比托走廊',
];

/** Words that set one programme against another. */
export const CONTRAST: string[] = [
  'counter',
  'countering',
  'rival',
  'rivalry',
  'alternative to',
  'compete with',
  'competing with',
  'competition with',
  'competitor',
  'unlike',
  'versus',
  '对抗',
  '抗衡',
  '竞争',
  '对冲',
  '替代',
];

/** Other Chinese global initiatives (not the BRI). */
export const OTHER_INITIATIVES: string[] = [
  'Global Development Initiative',
  'GDI',
  'Global Security Initiative',
  'Global Civilization Initiative',
  'Global Governance Initiative',
  '全球发展倡议',
  '全球安全倡议',
  '全球文明倡议',
  '全球治理倡议',
];

/** Domestic strategies and zones that sit next to the BRI in lists of national strategies. */
export const STRATEGIES: string[] = [
  'Yangtze River Delta',
  'YRD',
  'Yangtze River Economic Belt',
  'Beijing-Tianjin-Hebei',
  'Greater Bay Area',
  'Guangdong-Hong Kong-Macao',
  'free trade zone',
  'pilot free trade zone',
  'FTZ',
  'free trade port',
  'dual circulation',
  'western development',
  'rural revitalization',
  'Yellow River',
  '长三角一体化',
  '长三角',
  '长江三角洲',
  '长江经济带',
  '京津冀',
  '粤港澳大湾区',
  '大湾区',
  '自贸试验区',
  '自由贸易试验区',
  '自贸区',
  '自由贸易港',
  '双循环',
  '西部大开发',
  '乡村振兴',
  '黄河流域',
  // a place's stock description, "(lies) at the meeting point of the Silk Road Economic Belt and the
  // 21st Century Maritime Silk Road" (地处丝绸之路经济带和21世纪海上丝绸之路交汇点): where it stands, as
  // background as a strategy list — only of the two routes: "a Belt and Road junction", "the BRI at
  // a crossroads" and "the junction of two highways" say something else
  ...['meeting point', 'intersection', 'junction', 'convergence', 'crossroads', 'confluence'].flatMap((where) =>
    ['Silk Road Economic Belt', '21st Century Maritime Silk Road'].map((route) => `${where} of the ${route}`), // ("21st-Century": a hyphen joins)
  ),
  ...['和', '与'].flatMap((and) =>
    ['21世纪海上丝绸之路', '海上丝绸之路'].flatMap((msr) => ['交汇', '的交汇'].flatMap((meet) => [`丝绸之路经济带${and}${msr}${meet}`, `${msr}${and}丝绸之路经济带${meet}`])),
  ),
];

/** Subjects of the near-miss classes: zones, markets and statistics that are not the BRI. */
export const OFF_SUBJECT: string[] = [
  'free trade zone',
  'pilot free trade zone',
  'FTZ',
  'Lin-gang',
  'Lingang',
  'special area',
  'GDP',
  'gross domestic product',
  'PMI',
  'purchasing managers',
  'CPI',
  'retail sales',
  'National Bureau of Statistics',
  'elderly',
  'pension',
  'garbage',
  'Yangtze River Delta',
  '自贸试验区',
  '自由贸易试验区',
  '自贸区',
  '临港',
  '新片区',
  '国内生产总值',
  '采购经理指数',
  '国家统计局',
  '养老',
  '垃圾',
  '长三角',
  '长江三角洲',
];

/** Policy and action vocabulary: what a BRI policy, measure or cooperation report is made of. */
export const ACTION: string[] = [
  'plan',
  'action plan',
  'measure',
  'opinions',
  'guideline',
  'policy',
  'agreement',
  'memorandum',
  'MoU',
  'signed',
  'sign',
  'launched',
  'launch',
  'cooperation',
  'project',
  'forum',
  'priorities',
  'tasks',
  'promote',
  'build',
  'building',
  'construction',
  'support',
  'implement',
  'deepen',
  'strengthen',
  'jointly',
  'established',
  'set up',
  'partner',
  'partnership',
  'framework',
  '方案',
  '意见',
  '措施',
  '规划',
  '计划',
  '签署',
  '合作',
  '项目',
  '建设',
  '推进',
  '推动',
  '论坛',
  '发布',
  '印发',
  '举办',
  '开通',
  '成立',
  '落地',
  '实施',
  '工作要点',
  '重点',
  '服务',
  '共建',
];

/** Verbs of carrying a measure out (for `implements`). */
export const IMPLEMENT: string[] = [
  'launched',
  'opened',
  'inaugurated',
  'held',
  'hosted',
  'signed',
  'established',
  'set up',
  'put into operation',
  'began operation',
  'commissioned',
  'completed',
  'kicked off',
  'debuted',
  'started',
  'unveiled',
  'approved',
  'opens',
  'launches',
  'hosts',
  'holds',
  'concluded',
  'wrapped up',
  'convened',
  '开通',
  '启用',
  '揭牌',
  '举办',
  '举行',
  '签署',
  '成立',
  '建成',
  '投运',
  '投产',
  '开行',
  '开幕',
  '闭幕',
  '落幕',
  '落地',
  '启动',
  '上线',
  // a meeting convened, and what a meeting held did (研究部署…重点工作)
  '召开',
  '研究部署',
  '批复',
  '获批',
];

/**
 * Foreign partners: countries, regions and blocs China cooperates with. BRI articles report
 * cooperation with them; the domestic near-misses (free trade zones, regional integration,
 * macro-economic statistics, local news) rarely name any.
 */
export const PARTNERS: string[] = [
  ...(
    'Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan Bahrain Bangladesh Belarus Belgium Benin Bolivia ' +
    'Bosnia Botswana Brazil Brunei Bulgaria Burundi Cambodia Cameroon Canada Chad Chile Colombia Congo Croatia Cuba Cyprus Czech ' +
    'Denmark Djibouti Ecuador Egypt Eritrea Estonia Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece Guinea Guyana ' +
    'Hungary India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kiribati Korea Kuwait Kyrgyzstan Laos Latvia ' +
    'Lebanon Liberia Libya Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta Mauritania Mexico Moldova Mongolia Montenegro ' +
    'Morocco Mozambique Myanmar Namibia Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Panama Peru Philippines Poland ' +
    'Portugal Qatar Romania Russia Rwanda Samoa Senegal Serbia Seychelles Singapore Slovakia Slovenia Somalia Spain Sudan Suriname Sweden ' +
    'Switzerland Syria Tajikistan Tanzania Thailand Togo Tonga Tunisia Turkey Turkmenistan Uganda Ukraine Uruguay Uzbekistan Vanuatu ' +
    'Venezuela Vietnam Yemen Zambia Zimbabwe ASEAN Africa Europe Eurasia'
  ).split(' '),
  'Sri Lanka', 'Saudi Arabia', 'United Arab Emirates', 'UAE', 'New Zealand', 'South Africa', 'Papua New Guinea', 'Viet Nam', 'Central Asia',
  'Southeast Asia', 'South Asia', 'West Asia', 'Middle East', 'Latin America', 'Pacific island', 'Central and Eastern Europe', 'Arab states',
  'partner countries', 'countries along the route', 'participating countries',
  ...(
    '阿富汗 阿尔巴尼亚 阿尔及利亚 安哥拉 阿根廷 亚美尼亚 澳大利亚 奥地利 阿塞拜疆 巴林 孟加拉国 白俄罗斯 比利时 贝宁 玻利维亚 波黑 巴西 文莱 保加利亚 柬埔寨 喀麦隆 ' +
    '智利 哥伦比亚 刚果 克罗地亚 古巴 塞浦路斯 捷克 吉布提 厄瓜多尔 埃及 埃塞俄比亚 斐济 芬兰 法国 加蓬 格鲁吉亚 德国 加纳 希腊 几内亚 匈牙利 印度 印度尼西亚 印尼 伊朗 伊拉克 ' +
    '以色列 意大利 牙买加 日本 约旦 哈萨克斯坦 肯尼亚 基里巴斯 韩国 科威特 吉尔吉斯斯坦 老挝 拉脱维亚 黎巴嫩 利比里亚 利比亚 立陶宛 卢森堡 马达加斯加 马来西亚 ' +
    '马尔代夫 马里 马耳他 墨西哥 摩尔多瓦 蒙古 黑山 摩洛哥 莫桑比克 缅甸 纳米比亚 尼泊尔 荷兰 尼加拉瓜 尼日利亚 挪威 阿曼 巴基斯坦 巴拿马 秘鲁 菲律宾 波兰 ' +
    '葡萄牙 卡塔尔 罗马尼亚 俄罗斯 卢旺达 萨摩亚 塞内加尔 塞尔维亚 新加坡 斯洛伐克 斯洛文尼亚 西班牙 苏丹 瑞典 瑞士 叙利亚 塔吉克斯坦 坦桑尼亚 泰国 突尼斯 土耳其 ' +
    '土库曼斯坦 乌干达 乌克兰 乌拉圭 乌兹别克斯坦 委内瑞拉 越南 也门 赞比亚 津巴布韦 斯里兰卡 沙特 阿联酋 新西兰 南非 巴布亚新几内亚 东盟 非洲 欧洲 欧亚 中亚 ' +
    '东南亚 南亚 西亚 中东 拉美 太平洋岛国 中东欧 阿拉伯 沿线国家 共建国家 伙伴国'
  ).split(' '),
];

/**
 * Topic terms the classifier adds to seeds/topics.yaml, taken from the topic table of the
 * labelling guide (test/eval/GUIDE.md §3: "assign when the article is about …"): the words a
 * report uses when it is about freight routes, trade figures, debt, scholarships, courts, MoUs …
 * (grouped by the guide's wording where it helps to see where a term comes from).
 * Weighted like the taxonomy (0.2 a bare word that only adds up … 1 unambiguous).
 */
export const TOPIC_EXTRA: Record<string, [string, number][]> = {
  connectivity: [
    ['high-speed railway', 0.6], ['rail', 0.3], ['sea route', 0.6], ['shipping route', 0.6], ['air route', 0.6], ['container', 0.3],
    ['TEU', 0.4], ['throughput', 0.5], ['cargo', 0.4], ['rail-sea', 0.6], ['sea-rail', 0.6], ['transport', 0.3], ['power grid', 0.4],
    ['pipeline', 0.3], ['land-sea', 0.5], ['train', 0.2], ['route', 0.2],
    ['班列', 0.6], ['高铁', 0.5], ['航线', 0.5], ['集装箱', 0.4], ['吞吐量', 0.5], ['海铁联运', 0.7], ['铁海联运', 0.7], ['陆港', 0.5],
    ['口岸', 0.4], ['运输', 0.3], ['通道', 0.3], ['公路', 0.3], ['铁路', 0.3],
    // Taiwan's and Hong Kong's word for infrastructure (基礎建設 → 基础建设), and its short form
    ['基础建设', 0.3], ['基建', 0.3], ['交通设施', 0.4],
    // a fast sea route (Chancay–Shanghai 海上快线)
    ['海上快线', 0.6],
    // transport infrastructure and projects (交通基础设施项目), and the trains as machine translations name them
    ['交通基础设施', 0.6], ['交通项目', 0.4], ['China-EU train', 0.8], ['China-EU freight train', 0.9], ['Yixin Europe', 0.8],
    // roads, bridges and energy links (GUIDE.md §3: "infrastructure projects as transport/energy links")
    ['expressway', 0.4], ['highway', 0.3], ['motorway', 0.4], ['railroad', 0.4], ['oil pipeline', 0.5], ['gas pipeline', 0.5],
    ['deep-water port', 0.5], ['dry port', 0.5], ['seaport', 0.4], ['light rail', 0.4],
    // (not bare 桥梁: in policy prose it is nearly always a figure, 架起友谊的桥梁, 桥梁纽带作用)
    ['高速公路', 0.5], ['油气管道', 0.5], ['天然气管道', 0.5], ['输油管道', 0.5], ['电网', 0.3], ['公路桥梁', 0.4], ['大桥', 0.3],
    ['桥梁工程', 0.4], ['桥梁建设', 0.4], ['输电线路', 0.4], ['输电工程', 0.4], ['联网工程', 0.4],
    ['transmission line', 0.4], ['power interconnection', 0.5],
    ['深水港', 0.5], ['码头', 0.4], ['机场', 0.3], ['航道', 0.4], ['轻轨', 0.4],
  ],
  trade: [
    ['imports and exports', 0.6], ['import and export', 0.6], ['foreign trade', 0.5], ['bilateral trade', 0.7], ['trade with', 0.4],
    ['exhibitor', 0.4], ['expo', 0.4], ['goods', 0.3], ['commodities', 0.3], ['tariff', 0.5], ['trade route', 0.6],
    ['trade imbalance', 0.6], ['trade development', 0.5], ['exports to', 0.4], ['imports from', 0.4],
    ['进出口', 0.6], ['外贸', 0.5], ['双边贸易', 0.7], ['经贸', 0.4], ['商品', 0.3], ['展商', 0.4], ['博览会', 0.4], ['海关', 0.4],
    ['关税', 0.5], ['进口', 0.3], ['出口', 0.3], ['商贸', 0.5], ['贸易通道', 0.6], ['国际贸易', 0.5], ['贸易往来', 0.6],
    // trade figures and facilitation in the words of Chinese reports (货物贸易总额, 贸易投资便利化)
    ['货物贸易', 0.6], ['贸易额', 0.5], ['贸易总额', 0.6], ['贸易投资便利化', 0.8], ['投资贸易便利化', 0.8],
    // customs clearance and declaration, as English "customs" (0.4) counts them
    ['通关', 0.4], ['报关', 0.4],
    // the short form of 自由贸易协定 (free trade agreement, 0.7 in seeds/topics.yaml)
    ['自贸协定', 0.7],
  ],
  'digital-economy': [
    ['data center', 0.6], ['submarine cable', 0.6], ['fiber optic', 0.5], ['cloud computing', 0.5], ['smart city', 0.5], ['ICT', 0.5],
    ['internet', 0.3], ['cyberspace', 0.5], ['broadband', 0.5],
    ['数据中心', 0.6], ['海底光缆', 0.6], ['云计算', 0.5], ['互联网', 0.4], ['数字技术', 0.7], ['数字化', 0.5], ['电商', 0.6], ['网络空间', 0.5],
    ['区块链', 0.5], ['智慧城市', 0.5], ['数字', 0.2],
    // Taiwan's words (folded from traditional characters: 數位經濟 → 数位经济), as CNA, UDN and LTN write them
    ['数位丝绸之路', 1], ['数位丝路', 1], ['数位经济', 1], ['数位贸易', 0.9], ['数位转型', 0.8], ['数位基础设施', 0.8], ['数位基础建设', 0.8],
    ['数位化', 0.5], ['人工智慧', 0.5], ['行动支付', 0.6], ['资料中心', 0.6], ['云端运算', 0.5],
  ],
  finance: [
    ['debt', 0.6], ['debt trap', 1], ['loan', 0.5], ['lending', 0.5], ['bond', 0.5], ['panda bond', 1], ['fund', 0.3], ['equity investment', 0.6],
    ['bank', 0.3], ['Export-Import Bank', 0.8], ['China Development Bank', 0.8], ['insurance', 0.4], ['currency', 0.4],
    ['债务', 0.7], ['债务陷阱', 1], ['贷款', 0.6], ['融资', 0.5], ['债券', 0.5], ['熊猫债', 1], ['基金', 0.3], ['银行', 0.3], ['金融', 0.4],
    ['保险', 0.4], ['货币', 0.4], ['投融资', 0.6], ['进出口银行', 0.8], ['国家开发银行', 0.8],
    // the policy banks as translations and the press shorten them
    ['National Development Bank', 0.8], ['Exim Bank', 0.8], ['国开行', 0.8],
    ['development finance', 0.6], ['developmental financial', 0.6], ['开发性金融', 0.8],
  ],
  green: [
    ['solar', 0.6], ['photovoltaic', 0.7], ['wind power', 0.7], ['hydropower', 0.7], ['clean electricity', 0.7], ['emissions', 0.6],
    ['carbon', 0.5], ['sustainable development', 0.4], ['environmental', 0.4], ['ecological', 0.4], ['energy', 0.2],
    ['光伏', 0.7], ['风电', 0.7], ['水电', 0.6], ['清洁能源', 0.8], ['新能源', 0.5], ['低碳', 0.7], ['碳排放', 0.6], ['减排', 0.6], ['生态', 0.4],
    ['环保', 0.5], ['气候', 0.6], ['可持续发展', 0.4], ['绿色', 0.3], ['能源', 0.2],
    ['biodiversity', 0.6], ['生物多样性', 0.6],
  ],
  'sci-tech': [
    ['laboratory', 0.6], ['lab', 0.4], ['research', 0.3], ['scientific', 0.4], ['satellite', 0.6], ['space cooperation', 0.8],
    ['young scientists', 0.7], ['technology cooperation', 0.8], ['innovation cooperation', 0.8],
    ['实验室', 0.7], ['联合实验室', 1], ['科技合作', 1], ['科研', 0.5], ['卫星', 0.6], ['航天', 0.5], ['科学家', 0.5], ['技术转移', 0.9],
    ['创新', 0.2], ['科技', 0.4],
  ],
  'industry-investment': [
    ['direct investment', 0.7], ['economic and trade cooperation zone', 0.9], ['special economic zone', 0.6], ['contracts', 0.4],
    ['contracted projects', 0.7], ['production capacity', 0.8], ['manufacturing', 0.3], ['jobs', 0.4], ['invest', 0.3],
    ['境外经贸合作区', 1], ['经贸合作区', 0.9], ['海外园区', 0.9], ['工业园', 0.7], ['产业园', 0.7], ['园区', 0.4], ['对外投资', 0.8], ['直接投资', 0.7],
    ['投资', 0.3], ['产能合作', 1], ['走出去', 0.6], ['工程承包', 0.8], ['产业链', 0.6], ['就业', 0.4],
    // the guide's "enterprises going global", "overseas investment", "industrial parks and zones"
    ['Chinese enterprises', 0.5], ['Chinese companies', 0.5], ['Chinese firms', 0.5], ['Chinese firm', 0.4], ['Chinese company', 0.4],
    ['state-owned enterprises', 0.4], ['enterprises', 0.2], ['companies', 0.2], ['joint venture', 0.6], ['stake', 0.4], ['acquisition', 0.4],
    ['investors', 0.4], ['outbound investment', 0.8], ['outward investment', 0.8], ['industrial zone', 0.7], ['economic zone', 0.5],
    ['consortium', 0.4], ['factory', 0.4],
    ['企业', 0.2], ['中国企业', 0.5], ['中资企业', 0.6], ['合资', 0.5], ['并购', 0.5], ['投资项目', 0.5], ['工程合同', 0.6], ['承包工程', 0.7],
    ['境外投资', 0.7], ['海外投资', 0.7], ['工业园区', 0.8], ['出海', 0.5], ['投资开发', 0.6], ['工厂', 0.4],
    // contracting (not farmers' land: see the negatives) and the state-owned firms that do it; the
    // zones with their head first
    ['承包', 0.4], ['央企', 0.4], ['zone for economic and trade cooperation', 0.9],
  ],
  'people-to-people': [
    ['scholarship', 0.8], ['students', 0.5], ['university', 0.4], ['vocational', 0.6], ['youth', 0.4], ['media', 0.3], ['film', 0.4],
    ['art', 0.3], ['festival', 0.3], ['medicine', 0.4], ['medical', 0.4], ['health', 0.4], ['poverty', 0.5], ['livelihood projects', 0.7],
    ['tourists', 0.4], ['education', 0.5],
    ['奖学金', 0.8], ['留学生', 0.7], ['学生', 0.4], ['教育', 0.5], ['职业教育', 0.6], ['培训', 0.4], ['人文交流', 1], ['文化', 0.4], ['旅游', 0.4],
    ['民生', 0.5], ['民心', 0.7], ['医疗', 0.4], ['卫生', 0.4], ['中医药', 0.6], ['减贫', 0.6], ['青年', 0.4], ['媒体', 0.3],
    // international communication: campaigns, storytelling, publicity abroad
    ['international communication', 0.6], ["tell China's stories", 0.6], ['storytelling', 0.4], ['国际传播', 0.7], ['对外传播', 0.6], ['讲好中国故事', 0.6],
  ],
  'cooperation-mechanisms': [
    // the Belt and Road Forum and summits
    ['forum', 0.5], ['summit', 0.4], ['高峰论坛', 1], ['论坛', 0.5], ['峰会', 0.4],
    // cooperation documents and MoUs
    ['cooperation agreement', 0.7], ['memorandum', 0.6], ['memoranda', 0.6], ['memoranda of understanding', 0.7], ['letter of intent', 0.6], ['cooperation initiative', 0.5], ['white paper', 0.5], ["chair's statement", 0.8],
    ['合作协议', 0.7], ['合作文件', 0.8], ['谅解备忘录', 0.8], ['备忘录', 0.6], ['白皮书', 0.5],
    // strategy alignment
    ['align', 0.4], ['synergy', 0.4], ['synergize', 0.4], ['docking', 0.6], ['对接', 0.6],
    // service centres and platforms
    ['service platform', 0.5], ['service center', 0.5], ['platform', 0.3], ['服务中心', 0.5], ['平台', 0.3],
    // coordination bodies
    ['coalition', 0.6], ['alliance', 0.5], ['secretariat', 0.5], ['leading group', 0.7], ['联盟', 0.5], ['秘书处', 0.5], ['领导小组', 0.7],
    ['合作机制', 0.8], ['联系机制', 0.6],
    // the principle of 共商共建共享 in English
    ['joint contribution and shared benefits', 0.6], ['joint construction and shared benefits', 0.6],
    // intergovernmental policy dialogue
    ['intergovernmental', 0.6], ['bilateral cooperation', 0.5], ['ministerial', 0.5], ['dialogue', 0.4], ['policy dialogue', 0.8],
    ['政府间', 0.6], ['对话', 0.4], ['座谈会', 0.4],
    // diplomacy that carries the cooperation: signed documents, visits, talks, partnerships
    ['joint statement', 0.7], ['joint communique', 0.7], ['signing ceremony', 0.5], ['framework agreement', 0.6], ['cooperation framework', 0.6],
    ['cooperation plan', 0.6], ['consensus', 0.3], ['strategic partnership', 0.5], ['partnership', 0.3], ['held talks', 0.5], ['talks', 0.3],
    ['state visit', 0.5], ['official visit', 0.4], ['bilateral relations', 0.5], ['bilateral', 0.3], ['co-launched', 0.4], ['working group', 0.5],
    ['joint committee', 0.6], ['joint commission', 0.6], ['friendship city', 0.7], ['twin city', 0.7], ['ambassador', 0.3], ['embassy', 0.3],
    ['delegation', 0.3], ['envoy', 0.3], ['coordination', 0.3], ['development strategy', 0.4], ['national strategy', 0.4], ['dovetail', 0.5],
    ['联合声明', 0.7], ['联合公报', 0.7], ['意向书', 0.6], ['合作意向书', 0.7], ['签约仪式', 0.5], ['框架协议', 0.6], ['合作规划', 0.6], ['共识', 0.3], ['战略伙伴', 0.5], ['伙伴关系', 0.4],
    ['会谈', 0.5], ['会见', 0.4], ['国事访问', 0.5], ['双边关系', 0.5], ['双边', 0.3], ['多边', 0.3], ['签署', 0.3], ['工作组', 0.5], ['联委会', 0.6],
    ['友城', 0.7], ['友好省州', 0.7], ['大使', 0.3], ['使馆', 0.3], ['代表团', 0.3], ['协调', 0.3], ['发展战略', 0.4], ['相衔接', 0.5], ['衔接', 0.4],
  ],
  'legal-compliance': [
    ['court', 0.6], ['commercial court', 0.9], ['disputes', 0.6], ['corruption', 0.8], ['bribery', 0.8], ['transparency', 0.4],
    ['legal', 0.4], ['law', 0.3], ['judicial', 0.6], ['extradition', 0.7], ['mediation', 0.6],
    ['法院', 0.6], ['法庭', 0.6], ['纠纷', 0.6], ['争端', 0.7], ['腐败', 0.8], ['反腐', 0.8], ['廉洁', 0.7], ['法律', 0.5], ['司法', 0.6], ['调解', 0.6],
    // lawyers and legal cooperation
    ['lawyer', 0.5], ['law firm', 0.6], ['bar association', 0.6], ['legal cooperation', 0.7],
    ['律师', 0.5], ['律师事务所', 0.6], ['律师协会', 0.6], ['法律合作', 0.7],
  ],
};

/**
 * Cues the classifier adds to a topic's negative list (an occurrence inside them does not count for
 * that topic): cooperation zones abroad are industry-investment in the guide, not trade; "local
 * customs" are traditions, not the border's; farmers' land contracts are no contracting abroad.
 */
export const TOPIC_NEGATIVE_EXTRA: Record<string, string[]> = {
  // a figure of speech, a traffic authority, a power company's name: no transport or energy link built
  connectivity: ['信息高速公路', '资讯高速公路', '电力高速公路', '高速公路局', 'information highway', 'information superhighway', 'highway safety', 'highway traffic safety', '国家电网', '南方电网'],
  // land contracted by farmers, not engineering contracted abroad
  'industry-investment': ['土地承包', '农户承包', '农民承包', '村民承包', '承包田', '承包户'],
  // telecoms, not the press
  'people-to-people': ['international communications', 'international communication network', 'international communication networks', 'international communication cable', 'international communication hub'],
  trade: [
    'economic and trade cooperation zone', 'trade cooperation zone', 'zone for economic and trade cooperation', '经贸合作区', '经贸合作园区',
    // customs as traditions, goods in an event's name (a spot-check's culture report)
    'local customs and', 'folk customs', 'unique customs', 'cultural customs', 'customs and traditions', 'traditions and customs',
    'customs and habits', 'customs and culture', 'culture and customs', 'goods festival', '年货节',
    // a festival's customs ("traditional cultural elements such as customs, flavors and goods")
    'traditional customs', 'elements such as customs', 'festive customs', 'festival customs', 'new year customs', 'spring festival customs',
  ],
};

/**
 * Topic companions: when the first topic leads a text, the second gets the topic model's
 * `companion` feature — a freight route or corridor carries trade, so reports on them weigh trade
 * less in words than in substance.
 */
export const TOPIC_COMPANIONS: [string, string][] = [['connectivity', 'trade']];

/** Region ids (as in the sources file and the catalog's policy.region) and their names. */
export const REGIONS: Record<string, string[]> = {
  shanghai: ['Shanghai', 'Pudong', 'Hongqiao', 'Lin-gang', 'Lingang', '上海', '沪', '浦东', '虹桥', '临港'],
  zhejiang: ['Zhejiang', 'Hangzhou', 'Ningbo', 'Zhoushan', 'Yiwu', 'Jinhua', 'Wenzhou', 'Shaoxing', 'Huzhou', 'Jiaxing', 'Taizhou', 'Quzhou', 'Lishui', '浙江', '杭州', '宁波', '舟山', '义乌', '金华', '温州', '绍兴', '湖州', '嘉兴', '衢州', '丽水'],
  china: ['State Council', 'National Development and Reform Commission', 'NDRC', 'Ministry of Commerce', 'MOFCOM', 'central government', '国务院', '国家发展改革委', '国家发展和改革委员会', '国家发改委', '商务部', '中共中央', '党中央'],
};

/**
 * Places below the region (a city's districts and new areas, a province's cities), in English and
 * Chinese (traditional forms where the fold table does not simplify them). A policy of the city and
 * one of its district share most of their title's words ("上海…2025年推进"一带一路"高质量发展重点工作",
 * "浦东新区2025年推进…"), so a headline is a report of a catalog policy only where both are of the
 * same place (knowledge.ts issuingPlace: the issuer's place, or the one a headline starts with as issuer).
 */
export const PLACES: Record<string, string[]> = {
  pudong: ['Pudong', '浦东'],
  hongqiao: ['Hongqiao', '虹桥'],
  lingang: ['Lin-gang', 'Lingang', '临港'],
  zhangjiang: ['Zhangjiang', '张江'],
  huangpu: ['Huangpu', '黄浦'],
  xuhui: ['Xuhui', '徐汇'],
  changning: ['Changning', '长宁'],
  jingan: ["Jing'an", 'Jingan', '静安'],
  putuo: ['Putuo', '普陀'],
  hongkou: ['Hongkou', '虹口'],
  yangpu: ['Yangpu', '杨浦', '楊浦'],
  minhang: ['Minhang', '闵行', '閔行'],
  baoshan: ['Baoshan', '宝山'],
  jiading: ['Jiading', '嘉定'],
  jinshan: ['Jinshan', '金山'],
  songjiang: ['Songjiang', '松江'],
  qingpu: ['Qingpu', '青浦'],
  fengxian: ['Fengxian', '奉贤'],
  chongming: ['Chongming', '崇明'],
  hangzhou: ['Hangzhou', '杭州'],
  ningbo: ['Ningbo', '宁波'],
  wenzhou: ['Wenzhou', '温州'],
  jiaxing: ['Jiaxing', '嘉兴'],
  huzhou: ['Huzhou', '湖州'],
  shaoxing: ['Shaoxing', '绍兴', '紹興'],
  jinhua: ['Jinhua', '金华'],
  quzhou: ['Quzhou', '衢州'],
  zhoushan: ['Zhoushan', '舟山'],
  taizhou: ['Taizhou', '台州'],
  lishui: ['Lishui', '丽水'],
  yiwu: ['Yiwu', '义乌'],
  xiaoshan: ['Xiaoshan', '萧山', '蕭山'],
  cixi: ['Cixi', '慈溪'],
};

/** Kinds of issuing bodies, in English and Chinese, for comparing issuers across languages. */
export const ISSUER_BODIES: Record<string, string[]> = {
  drc: ['development and reform commission', 'drc', 'ndrc', '发展和改革委员会', '发展改革委', '发改委'],
  commerce: ['commission of commerce', 'commerce commission', 'ministry of commerce', 'mofcom', 'department of commerce', '商务委员会', '商务委', '商务部', '商务厅'],
  government: ["people's government", 'municipal government', 'provincial government', '人民政府', '市政府', '省政府'],
  'state-council': ['state council', '国务院'],
  'foreign-affairs': ['foreign affairs', '外事办', '外办', '外交部'],
  'science-technology': ['science and technology commission', 'ministry of science and technology', '科学技术委员会', '科委', '科技部', '科技厅'],
  customs: ['customs', '海关'],
};

/**
 * English → Chinese glossary: Chinese renderings of English catalog wording, added to an English
 * catalog entry's BM25 terms so a Chinese report of the same policy or measure can match it.
 */
export const GLOSSARY: [string, string[]][] = [
  ['Belt and Road', ['一带一路']],
  ['BRI', ['一带一路']],
  ['high-quality development', ['高质量发展']],
  ['priorities', ['重点工作', '工作要点']],
  ['nine aspects', ['九个方面']],
  ['Shanghai', ['上海']],
  ['Zhejiang', ['浙江']],
  ['Pudong', ['浦东']],
  ['Hongqiao', ['虹桥']],
  ['Yangtze River Delta', ['长三角']],
  ['YRD', ['长三角']],
  ['promotion association', ['促进会']],
  ['comprehensive service center', ['综合服务中心']],
  ['information sharing', ['信息共享']],
  ['mini-program', ['小程序']],
  ['connectivity', ['互联互通']],
  ['Shanghai Port', ['上海港']],
  ['shipping hub', ['航运中心', '航运枢纽']],
  ['shipping', ['航运']],
  ['airport', ['机场']],
  ['Air Silk Road', ['空中丝绸之路', '空中丝路']],
  ['routes', ['航线', '线路']],
  ['frequencies', ['班次']],
  ['freight train', ['班列']],
  ['China-Europe', ['中欧']],
  ['Shanghai-Europe', ['中欧班列']],
  ['Import Expo', ['进博会', '进口博览会']],
  ['CIIE', ['进博会']],
  ['seventh', ['第七届']],
  ['Silk Road e-commerce', ['丝路电商']],
  ['pilot zone', ['先行区', '试验区']],
  ['cross-border e-commerce', ['跨境电商']],
  ['e-commerce', ['电商', '电子商务']],
  ['digital trade', ['数字贸易']],
  ['data flow', ['数据流动']],
  ['renminbi', ['人民币']],
  ['RMB', ['人民币']],
  ['clearing', ['清算']],
  ['settlement', ['结算']],
  ['financial cooperation', ['金融合作']],
  ['financial', ['金融']],
  ['financing', ['融资']],
  ['green development', ['绿色发展']],
  ['green', ['绿色']],
  ['carbon neutrality', ['碳中和']],
  ['Green Technology Bank', ['绿色技术银行']],
  ['science and technology', ['科技']],
  ['scientific and technological', ['科技']],
  ['innovation', ['创新']],
  ['joint laboratories', ['联合实验室']],
  ['technology transfer', ['技术转移']],
  ['people-to-people', ['人文交流']],
  ['cultural', ['文化']],
  ['tourism', ['旅游']],
  ['education', ['教育']],
  ['vocational', ['职业教育']],
  ['traditional Chinese medicine', ['中医药']],
  ['TCM', ['中医药']],
  ['healthcare', ['卫生健康', '医疗']],
  ['sports', ['体育']],
  ['sister city', ['友好城市', '友城']],
  ['think tank', ['智库']],
  ['cooperation mechanisms', ['合作机制']],
  ['compliance', ['合规']],
  ['clean Silk Road', ['廉洁丝绸之路', '廉洁丝路']],
  ['action plan', ['行动方案', '行动计划']],
  ['bridgehead', ['桥头堡']],
  ['platform', ['平台']],
  ['trade facilitation', ['贸易便利化']],
  ['investment', ['投资']],
  ['industrial parks', ['产业园区', '工业园']],
  ['capacity cooperation', ['产能合作']],
  ['exhibition', ['展会', '会展']],
  ['standards', ['标准']],
  ['rules', ['规则']],
  ['enterprises', ['企业']],
  ['cooperation', ['合作']],
];

/** English words that carry no content for BM25 (phrases may still use them). */
export const STOPWORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does for from had has have he her his how i if in into is it its ' +
    'more most no not of on or our over shall she should so such than that the their them then there these they this those ' +
    'through to under up was we were what when where which while who will with within would you your also other such both each ' +
    'all any its new further well including include s t about after before between during per than via among across ' +
    'year years percent said says will'
  ).split(' '),
);
