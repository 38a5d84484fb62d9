// Traditional → simplified folding for the most common characters, and a length-preserving
// normalisation of the text every matcher in the classifier works on: one UTF-16 unit in, one out,
// so an offset in the folded text is the same offset in the original and evidence stays verbatim.
//
// - ASCII letters are lower-cased; full-width forms (Ａ, ０, ，) become their ASCII counterparts;
// - hyphens and dashes (‐ ‑ ‒ – — ―) become "-", no-break and ideographic spaces a space,
//   curly quotes straight ones;
// - traditional characters become their simplified forms: OpenCC's character table (opencc-js,
//   TSCharacters: 師→师, 壩→坝, 璃 stays) — about 2,950 of them — and the 950 of the table below,
//   written before it (帶→带, 絲→丝, 電→电, 歐→欧, 設→设, 貿→贸, 與→与, 國→国 …), which agree with it.
//   Characters that are also used in simplified text with another meaning (乾坤, 摺, 麴 …: those of
//   GB 2312, the simplified character set, other than the five the table below has always folded)
//   are left alone, so folding simplified text changes nothing.
import openccTS from 'opencc-js/dict/TSCharacters';

const TRADITIONAL =
  '帶絲綢電歐設貿與國經濟發區關實華業務灣東門點協會際資產統這個們來時對說學從後進過還開長現動將為爲於無體當麼頭問題員號車線' +
  '萬億價錢幣銀團傳運輸場廠機構權樣標準檢驗類議論記認識語話讓請調談講證護評計劃則層屬歷義麗鄉農鄰鐵鋼錄鍵鎮鏈鏽陽陸陳隊階隨' +
  '險雙雜雞離難雲靈韓順須預領頻顆額風飛飯館馬駐髮鬥魚魯鳥鹽麥黃齊齒龍龜優僅儀兒內兩冊凈創劇勞勢勵勝單賣厲參變叢啟喪嚴園圍圖' +
  '圓聖壞塊壓壇夢夠奧奪奮婦媽孫寧寶審寫專尋導屆岡島嶺巖幫幹廣庫廳彈強歸徑復徵態憂懷戰戲戶拋捨掃掛採換損搶擁擇擊擔據擴擬攝敗' +
  '敵數斷晉晝暢曆書條極槍樂樓樹橋檔櫃歡歲殘殺殼氣漢滿漁潔潛潤澤濤濱災烏煙熱燈營爭爾牆狀獨獲獻環畫異療盡監盤眾衆礎確禮種稅稱' +
  '穩窮競筆節範築簡簽籤籌糧緊紀約紅級紛納紙紡組細終結給絡絕綜綠維網緒締編緩練縣總績織繼續纖罰羅習聯聲聽職肅腦膚臨興舉舊艦藝' +
  '莊葉蓋蘇蘭處虛蝕術衛衝補裝製複見規視親覺觀觸訂討訓訪許診詞試詳誠誤課諾謀謝譜譯讀貝負財責貢貧貨販貫費貴貸賀賓質賴購賽贊贏' +
  '趙趨躍軌軍軟較載輕輔轉辦連週遊達違遠適遲遷選遺邊鄭醫釋針鈔銷鋒錯鍋鎖閉閑間閣閱闆陰隱雖靜項頁顏顧顯飲養餘驅驚鬧黨齡夥倫壯' +
  '喬嘆嗎噸橫濃獎瑪璽疊盧碼礦禍穀積窩籃純紐紮絨緣縮繫罷聞脅脫腳膽臺艱蘋虧蠶裡裏褲覽訊託詢該誌誕誰諮諸謂譽豐豬貓賬賺贈趕跡踐' +
  '蹤軸輛輪輩辭邁郵鄧醜釀鈴鉛鋪鍊鍾鐘鑄鑑鑒閃闊闖陣陝隸霧韋響頒頓頗顛飄飼飽饑駕騎騰驟鬆鬱鮮鳳鴻鵬鹹黴龐樞僑滬閩粵遼亞薩茲別' +
  '緬債匯彙溝綱諒誼賄賂氫鋰銅鋁並併佈係倉偉側備傘傷傾僱儲兌剛劍劑勳卻吳嘗堅報塗墾壽夾妝寬嶄廢廟張彌徹恆惡愛慣慶憑憲應懸戀執' +
  '擾攜攤敘暫曉毀決況淨減測湧溫滅滯滲漲濕瀏灘爐牽猶獅畢畝盃盜矯碩礙禦糾紋緯縫縱繞繪繩纜聰脹膠臉艙萊蒼蓮蔣薦藍藥蟲襲訴詩誇諧' +
  '貪貶貼賠賦賢輝輻轄辯遙遜遞銘錦鏡閥闡隴頂饋馮駁駛髒麵丟亂僞偽凍劉勸匱卹廈嚮噴墜孿屢嶼巔幟廬彎憶懲懶戧掙揚搖撐撲擠擺攏斂暈' +
  '曠棄棟榮槓樁櫥欄殯毆汙沒溼滙漸潑澆濾瀉瀕灑烴煉燒爺犢猻獄璣瓊甦痺瘡癢皺盪睞瞞礫禪稈穎窪竊筧箝簍籠粧糰紂紉絃絢綁綵綺緞緻縛' +
  '縝繃繡繹罈羨翹聶脈腎膩艤芻莖蔔蕭薑藎蘊虜蛻蠻衊袞褻覓訛詐詮誘諜諱謊謹譏讒豎豔貞賃賭贓贖趲躊軀軒輓輯轎轟辮迴邏酈醞醬釘釣鈣' +
  '鈦鉀銹鋸錘鍛鎊鏟鐲鑽閘闔阨隕雋雛靂頌顎顫颱飆飾餅餵騙騷驕驢骯鯨鴨鶴黌齋揮攬穫塵墊廂廚蕩鑰讚鑛蠟蘆蝦螞';
const SIMPLIFIED =
  '带丝绸电欧设贸与国经济发区关实华业务湾东门点协会际资产统这个们来时对说学从后进过还开长现动将为为于无体当么头问题员号车线' +
  '万亿价钱币银团传运输场厂机构权样标准检验类议论记认识语话让请调谈讲证护评计划则层属历义丽乡农邻铁钢录键镇链锈阳陆陈队阶随' +
  '险双杂鸡离难云灵韩顺须预领频颗额风飞饭馆马驻发斗鱼鲁鸟盐麦黄齐齿龙龟优仅仪儿内两册净创剧劳势励胜单卖厉参变丛启丧严园围图' +
  '圆圣坏块压坛梦够奥夺奋妇妈孙宁宝审写专寻导届冈岛岭岩帮干广库厅弹强归径复征态忧怀战戏户抛舍扫挂采换损抢拥择击担据扩拟摄败' +
  '敌数断晋昼畅历书条极枪乐楼树桥档柜欢岁残杀壳气汉满渔洁潜润泽涛滨灾乌烟热灯营争尔墙状独获献环画异疗尽监盘众众础确礼种税称' +
  '稳穷竞笔节范筑简签签筹粮紧纪约红级纷纳纸纺组细终结给络绝综绿维网绪缔编缓练县总绩织继续纤罚罗习联声听职肃脑肤临兴举旧舰艺' +
  '庄叶盖苏兰处虚蚀术卫冲补装制复见规视亲觉观触订讨训访许诊词试详诚误课诺谋谢谱译读贝负财责贡贫货贩贯费贵贷贺宾质赖购赛赞赢' +
  '赵趋跃轨军软较载轻辅转办连周游达违远适迟迁选遗边郑医释针钞销锋错锅锁闭闲间阁阅板阴隐虽静项页颜顾显饮养余驱惊闹党龄伙伦壮' +
  '乔叹吗吨横浓奖玛玺叠卢码矿祸谷积窝篮纯纽扎绒缘缩系罢闻胁脱脚胆台艰苹亏蚕里里裤览讯托询该志诞谁咨诸谓誉丰猪猫账赚赠赶迹践' +
  '踪轴辆轮辈辞迈邮邓丑酿铃铅铺炼钟钟铸鉴鉴闪阔闯阵陕隶雾韦响颁顿颇颠飘饲饱饥驾骑腾骤松郁鲜凤鸿鹏咸霉庞枢侨沪闽粤辽亚萨兹别' +
  '缅债汇汇沟纲谅谊贿赂氢锂铜铝并并布系仓伟侧备伞伤倾雇储兑刚剑剂勋却吴尝坚报涂垦寿夹妆宽崭废庙张弥彻恒恶爱惯庆凭宪应悬恋执' +
  '扰携摊叙暂晓毁决况净减测涌温灭滞渗涨湿浏滩炉牵犹狮毕亩杯盗矫硕碍御纠纹纬缝纵绕绘绳缆聪胀胶脸舱莱苍莲蒋荐蓝药虫袭诉诗夸谐' +
  '贪贬贴赔赋贤辉辐辖辩遥逊递铭锦镜阀阐陇顶馈冯驳驶脏面丢乱伪伪冻刘劝匮恤厦向喷坠孪屡屿巅帜庐弯忆惩懒戗挣扬摇撑扑挤摆拢敛晕' +
  '旷弃栋荣杠桩橱栏殡殴污没湿汇渐泼浇滤泻濒洒烃炼烧爷犊狲狱玑琼苏痹疮痒皱荡睐瞒砾禅秆颖洼窃笕钳篓笼妆团纣纫弦绚绑彩绮缎致缚' +
  '缜绷绣绎坛羡翘聂脉肾腻舣刍茎卜萧姜荩蕴虏蜕蛮蔑衮亵觅讹诈诠诱谍讳谎谨讥谗竖艳贞赁赌赃赎趱踌躯轩挽辑轿轰辫回逻郦酝酱钉钓钙' +
  '钛钾锈锯锤锻镑铲镯钻闸阖厄陨隽雏雳颂颚颤台飙饰饼喂骗骚骄驴肮鲸鸭鹤黉斋挥揽获尘垫厢厨荡钥赞矿蜡芦虾蚂';

/** FOLD[c] is the folded UTF-16 code of c. */
export const FOLD = new Uint16Array(65536);
for (let c = 0; c < 65536; c++) FOLD[c] = c;
for (let c = 65; c <= 90; c++) FOLD[c] = c + 32;
for (let c = 0xff01; c <= 0xff5e; c++) {
  const ascii = c - 0xfee0;
  FOLD[c] = ascii >= 65 && ascii <= 90 ? ascii + 32 : ascii;
}
for (const c of [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe63]) FOLD[c] = 45; // -
for (const c of [0x00a0, 0x2002, 0x2003, 0x2009, 0x200a, 0x202f, 0x3000]) FOLD[c] = 32; // space
for (const c of [0x2018, 0x2019, 0x201b, 0x2032]) FOLD[c] = 39; // '
for (const c of [0x201c, 0x201d, 0x201f, 0x2033]) FOLD[c] = 34; // "
/** OpenCC's traditional characters that GB 2312 also holds, as characters of simplified text. */
const ALSO_SIMPLIFIED = '乾吒拚捱摺榘菸薹袷醣麴麽';
// OpenCC's table: "T S[ S2 …]|…", the first simplified form; one UTF-16 unit each (length-preserving).
for (const entry of openccTS.split('|')) {
  const [t, s] = entry.split(' ');
  if (t.length === 1 && s?.length === 1 && !ALSO_SIMPLIFIED.includes(t)) FOLD[t.charCodeAt(0)] = s.charCodeAt(0);
}
if (TRADITIONAL.length !== SIMPLIFIED.length) throw new Error("fold: table lengths differ");
for (let i = 0; i < TRADITIONAL.length; i++) FOLD[TRADITIONAL.charCodeAt(i)] = SIMPLIFIED.charCodeAt(i);

/** The number of traditional characters folded. */
export const FOLDED_CHARACTERS = (() => {
  let n = 0;
  for (let c = 0x3400; c < 0xfb00; c++) if (FOLD[c] !== c) n++;
  return n;
})();

export function foldCode(c: number): number {
  return FOLD[c];
}

const UTF16 = new TextDecoder('utf-16le');

/** The folded text: same length as the input, position for position. */
export function foldText(text: string): string {
  const n = text.length;
  if (n === 0) return text;
  const out = new Uint16Array(n);
  const fold = FOLD;
  for (let i = 0; i < n; i++) out[i] = fold[text.charCodeAt(i)];
  return UTF16.decode(out);
}

/** Traditional → simplified only (no other normalisation), e.g. for display or tests. */
export function toSimplified(text: string): string {
  let s = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    s += c >= 0x3400 && c <= 0x9fff ? String.fromCharCode(FOLD[c]) : text[i];
  }
  return s;
}
