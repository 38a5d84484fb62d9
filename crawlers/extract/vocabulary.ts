// Article extraction, shared vocabulary: the tag sets, class / id words and label patterns the
// walks over the page (extract/measure.ts, extract/lines.ts) and the body, title, date, source and
// issuer steps match against. Data only; see crawlers/extract.ts for the pipeline.

export const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'svg', 'math', 'canvas', 'object', 'embed',
  'select', 'option', 'textarea', 'input', 'button', 'head', 'title', 'meta', 'link', 'base', 'map', 'area', 'audio',
  'video', 'source', 'track', 'img', 'picture', 'wbr',
]);
export const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul',
  'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'blockquote', 'pre',
  'figure', 'figcaption', 'form', 'fieldset', 'legend', 'address', 'center', 'hr', 'details', 'summary', 'dialog',
  'hgroup', 'menu', 'body', 'html',
]);
export const BOILER_TAGS = new Set(['nav', 'footer', 'aside']);
// Class / id words of page furniture. Whole words (split at - _ space and camelCase)…
export const BOILER_WORDS = new Set([
  'nav', 'navbar', 'navigation', 'menu', 'menubar', 'submenu', 'breadcrumb', 'breadcrumbs', 'crumb', 'crumbs', 'bread',
  'location', 'position', 'weizhi', 'dqwz', 'share', 'sharing', 'shares', 'social', 'fenxiang', 'footer', 'foot',
  'copyright', 'banquan', 'sidebar', 'side', 'aside', 'comment', 'comments', 'related', 'relate', 'relates', 'xgxw',
  'xgwz', 'xglj', 'recommend', 'recommended', 'hot', 'hotnews', 'ranking', 'rank', 'pager', 'pagination', 'toolbar',
  'tools', 'tool', 'print', 'login', 'search', 'advert', 'advertisement', 'ad', 'ads', 'qrcode', 'qr', 'ewm', 'erweima',
  'more', 'popup', 'modal', 'cookie', 'subscribe', 'newsletter', 'tags', 'keywords', 'prevnext', 'prev', 'next',
]);
// …and substrings that are furniture wherever they appear.
export const BOILER_SUBSTR = /breadcrumb|copyright|sidebar|bdshare|jiathis|sharebox|share_box|sharebar|qrcode|erweima|footer|related|recommend|navbar/i;
export const HIDDEN_WORDS = new Set(['hidden', 'hide', 'invisible', 'sr-only', 'visually-hidden']);
export const POSITIVE_CLASS = /article|body|content|entry|main|post|text|story|detail|zoom|editor|zhengwen|(^|[^a-z])(con|zw|nr)([^a-z]|$)/i;
export const NEGATIVE_CLASS = /hidden|banner|combx|comment|contact|foot|masthead|media|meta|promo|related|scroll|share|sidebar|sponsor|tags|tool|widget|nav|menu|crumb|list|recommend|hot|rank|side|copyright|location|position|header|logo|top/i;

// Known article containers of the sources' CMSs (TRS WCM, www.gov.cn, China Daily, Zhejiang, ce.cn…).
export const STRONG_CLASSES = new Set([
  'TRS_Editor', 'TRS_UEDITOR', 'trs_editor', 'article-content', 'article_content', 'articleContent', 'art-con', 'article_con',
  'pages_content', 'detail-content', 'detail_content', 'content_detail', 'news_content', 'news-content', 'newsContent',
  'article-body', 'article_body', 'articleBody', 'post-content', 'entry-content', 'zw', 'TRS_PreAppend',
]);
export const STRONG_IDS = new Set([
  'UCAP-CONTENT', 'ivs_content', 'zoom', 'Zoom', 'articleText', 'article_content', 'articleContent', 'Content', 'content_detail',
  'mainText', 'fontzoom', 'zhengwen', 'text', 'Article', 'art_content', 'newsContent', 'news_content', 'detailContent',
]);

export const ATTACHMENT = /\.(pdf|docx?|xlsx?|pptx?|zip|rar|7z|wps|ofd|et|dps|txt|csv)(?:[?#]|$)/i;
export const DOC_NUMBER = /[\u4e00-\u9fa5]{1,12}\s*[〔[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*\d+\s*号/;
export const DOC_NUMBER_2 = /[\u4e00-\u9fa5]{2,16}(?:公告|令|通告)\s*(?:19|20)\d{2}\s*年\s*第\s*\d+\s*号/;
export const DOC_NUMBER_LABEL = /(?:^|\s)(?:文\s*号|发文字号|发文号|文件编号|文件号)\s*[:：]\s*(.*)$/;

// Labels of the lines around the title: dates, sources, authors, counters.
export const LABEL_WORDS =
  'updated|update time|last updated|post(?:ed)?\\s*(?:time|on|date)?|published(?:\\s*(?:on|date|time))?|publish(?:ed)?\\s*time|release(?:d)?(?:\\s*date| on)?|date|time|source|sources|from|author|authors|by|editor|editors|web editor|edited by|reporter|writer|translator|translated by|photo|browse number|views|hits|clicks|' +
  '发布时间|发布日期|发文日期|成文日期|印发日期|更新时间|更新日期|时间|日期|来源|文章来源|信息来源|稿件来源|稿源|出处|作者|撰稿|编辑|责任编辑|责编|审核|校对|记者|通讯员|摄影|浏览次数|浏览量|点击数|点击量|阅读次数|阅读量|访问量|访问次数|字号|字体|發佈時間|發布日期|日期|來源|資料來源|作者|編輯|責任編輯';
export const LABEL_AT_START = new RegExp(`^[\\[【(（]?\\s*(?:${LABEL_WORDS})\\s*[:：]`, 'i');
export const STRONG_LABEL_AT_START =
  /^[[【(（]?\s*(?:updated|post(?:ed)?\s*time|published|release date|source|sources|editor|editors|web editor|browse number|发布时间|发布日期|更新时间|来源|文章来源|信息来源|稿件来源|稿源|责任编辑|责编|编辑|浏览次数|点击数|阅读次数|發佈時間|發布日期|來源|資料來源|責任編輯)\s*[:：]/i;
export const DATE_LABEL = /(?:(?:^|[^a-z])(?:updated|update time|post(?:ed)?\s*(?:time|on|date)?|published(?:\s*(?:on|date|time))?|publish(?:ed)?\s*time|release(?:d)?\s*(?:date|on)?|date|time)|发布时间|发布日期|发文日期|更新时间|时间|日期|發佈時間|發布日期|發布時間)\s*[:：]?\s*$/i;
export const PUBLISH_LABEL = /(?:(?:^|[^a-z])(?:updated|post(?:ed)?\s*(?:time|on|date)?|published(?:\s*(?:on|date|time))?|publish(?:ed)?\s*time|release(?:d)?\s*(?:date|on)?)|发布时间|发布日期|發佈時間|發布日期|發布時間)\s*[:：]?\s*$/i;
export const WEEKDAY = /星期[一二三四五六日天]|週[一二三四五六日]|周[一二三四五六日]|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/gi;
export const SOURCE_LABEL = /(?:^|[\s【\[(（|｜])(?:sources?|from|来源|文章来源|信息来源|稿件来源|稿源|出处|來源|資料來源)\s*[:：]\s*/i;
export const NEXT_LABEL = new RegExp(`\\s*(?:[|｜【\\[]|\\s(?:${LABEL_WORDS})\\s*[:：]|(?:发布时间|发布日期|日期|时间|作者|编辑|责任编辑|浏览次数|点击数|字号|發佈時間|作者)\\s*[:：]|\\s(?:print|share|font size|fontlarger)\\b)`, 'i');
export const ISSUER_LABEL = /(?:^|\s)(?:发文机关|发布机构|发布单位|发文单位|成文机关|发布机关|Issuing (?:authority|body|agency|department)|Issued by|Issuer)\s*[:：]\s*(.*)$/i;

export const BOILER_LINE =
  /^(?:share(?: to| this(?: article| story| page)?)?|share\s*[-–:]\s*\S+(?:\s+\S+){0,4}|print|print this page|close|close window|more|more news|read more|related(?: news| stories| articles| links| reading)?|latest(?: news)?|most viewed|top stories|next|previous|prev|next article|previous article|back to top|top|home|font size:?.*|a\+\s*a-?|a-\s*a\+|fontlarger\s*fontsmaller|source text:?|scan (?:the )?qr code.*|原文链接.*|分享到.*|分享|打印|打印本页|打印文章|关闭|关闭窗口|收藏|更多|更多>>|相关新闻|相关链接|相关文章|相关阅读|延伸阅读|推荐阅读|上一篇.*|下一篇.*|返回顶部|返回|扫一扫.*|微信扫一扫.*|用微信扫描.*|【[^】]{0,20}】(?:\s*【[^】]{0,20}】)*|\[(?:print|close|打印|关闭)\](?:\s*\[[^\]]{0,10}\])*|字号[:：]?\s*大\s*中\s*小.*|【?字体[:：].*)$/i;
export const BREADCRUMB_LINE = /^(?:当前位置|您的位置|您现在的位置|你的位置|你现在的位置|所在位置|现在位置|current location|your location|your position|you are here|location)\s*[:：>]|^(?:home|首页)\s*(?:>|»|›|\/|-)/i;
// "Today is …" widgets print the day of the visit, never the article's date.
export const TODAY = /今天是|今日是|今天：|当前时间|现在时间|现在是|today is|current time/i;
export const ELLIPSIS_END = /(?:\.\.\.|…|……)\s*$/;

// Government bodies (issuers) versus media and web sites (sources only).
export const ZH_GOV_BODY = /(?:人民政府|政府|办公厅|办公室|委员会|领导小组|局|部|厅|署|院|委|中心|司|处|管委会|商会|协会|联合会|人民银行|政府總部|局|署|處|辦公室|委員會)$/;
export const EN_GOV_BODY = /\b(?:government|ministry|commission|committee|council|bureau|office|administration|department|authority|congress|court|procuratorate|people's bank|state council|municipality|chamber|mofcom|ndrc|scio|mfa|pboc|sasac|miit|gacc)\b/i;
export const EN_MEDIA = /\b(?:news|xinhua|daily|times|press|post|net|network|media|tv|radio|agency|portal|online|magazine|weekly|channel|global|cgtn)\b|\.(?:com|cn|net|org|gov|hk)\b/i;
