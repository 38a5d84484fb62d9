// Decoding fetched bytes into text. Chinese government and press sites serve UTF-8, GBK / GB2312 /
// GB18030 and (Hong Kong, Taiwan) Big5, and their labels are often missing or wrong: a page whose
// header or <meta> says utf-8 but whose bytes are GBK, or a gb2312 label on a UTF-8 page.
//
// Order: an explicit override (`--charset gbk`) wins outright. Otherwise a byte order mark, then
// the Content-Type header, then the page's own <meta charset> / <meta http-equiv> / <?xml encoding>.
// The label is then checked against the bytes:
//   - labelled UTF-8 (or unlabelled): the bytes must be valid UTF-8; if not, UTF-8, GB18030 and
//     Big5 decodings compete and the one with the most common Chinese characters and the fewest
//     replacement characters wins;
//   - labelled with a legacy encoding: bytes that are valid UTF-8 with multi-byte sequences are
//     UTF-8 (no GBK or Big5 text of any length is valid UTF-8 by chance); otherwise the label, GB18030
//     and Big5 compete and the label keeps its place unless another decoding is clearly better.
// GBK and GB2312 labels are decoded as GB18030, their superset (pages labelled gb2312 routinely
// contain GBK-only characters such as 镕 or 堃).

export type CharsetSource = 'override' | 'bom' | 'header' | 'meta' | 'detected' | 'default';

export interface DecodedHtml {
  html: string;
  /** The WHATWG name of the encoding used, e.g. "utf-8", "gb18030", "big5". */
  charset: string;
  /** What the header or page declared (normalised), or null. */
  declared: string | null;
  source: CharsetSource;
  /** A charset was declared and the bytes were not in it. */
  mislabelled: boolean;
}

/** Decodes HTML bytes; `override` (e.g. `--charset gbk`) wins over what the page declares. */
export function decodeHtml(body: Buffer | Uint8Array, contentType: string | null, override?: string): string {
  return decodeHtmlDetailed(body, contentType, override).html;
}

const LEGACY_CJK = new Set(['gb18030', 'gbk', 'big5', 'shift_jis', 'euc-jp', 'iso-2022-jp', 'euc-kr']);

/** The WHATWG encoding name for a label, or null when TextDecoder does not know it. */
export function normaliseCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  let l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!l) return null;
  if (/^(gb[-_ ]?2312|gb2312[-_]80|x-gbk|cp936|ms936|windows-936|gbk)$/.test(l)) l = 'gbk';
  else if (/^(big[-_ ]?5|big5[-_]hkscs|cp950|ms950|x-x-big5)$/.test(l)) l = 'big5';
  else if (l === 'utf8' || l === 'utf-8n') l = 'utf-8';
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

function decoderFor(encoding: string, fatal = false): TextDecoder {
  // The WHATWG gbk decoder is the gb18030 decoder; name it so for clarity.
  return new TextDecoder(encoding === 'gbk' ? 'gb18030' : encoding, { fatal });
}

function bomEncoding(b: Uint8Array): string | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/** The charset a Content-Type header names, or null. */
export function headerCharset(contentType: string | null | undefined): string | null {
  const m = contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i);
  return m ? m[1] : null;
}

/** The charset the page itself declares in its first 16 KB (meta charset, http-equiv, XML prolog). */
export function metaCharset(b: Uint8Array): string | null {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, 16384)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1];
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct) return direct[1];
  }
  return null;
}

function highBytes(b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) n++;
  return n;
}

function isAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return false;
  return true;
}

function validUtf8(b: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return null;
  }
}

// --- Scoring candidate decodings -------------------------------------------------------------

// The most frequent characters of Chinese news and policy text, simplified and traditional.
const TOP =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞' +
  '這個們來時國會對說為發過還後開學裡從動種樣現與經進點麼沒長關於實當問體題應機義無頭將總給記該務區戰產業認員間條門馬鐵車東兩議計設廣電見線報資組統據處華帶邊運導軍傳結達術書變離轉類龍飛顯識際輸權協聯歷響稱辦團貿區會濟設務與倡議絲綢路帶'.replace(/\s/g, '');

let topSet: Set<number> | undefined;
let commonSet: Set<number> | undefined;

function sets(): { top: Set<number>; common: Set<number> } {
  if (!topSet || !commonSet) {
    topSet = new Set([...TOP].map((c) => c.codePointAt(0)!));
    commonSet = new Set<number>();
    // GB2312 level 1: the 3,755 most common simplified characters (GBK B0A1-D7F9).
    const gbk = new TextDecoder('gb18030');
    for (let lead = 0xb0; lead <= 0xd7; lead++) {
      for (let trail = 0xa1; trail <= 0xfe; trail++) {
        const s = gbk.decode(Uint8Array.of(lead, trail));
        if (s.length === 1 && s !== '\ufffd') commonSet.add(s.charCodeAt(0));
      }
    }
    // Big5 level 1: the 5,401 common traditional characters (A440-C67E).
    const big5 = new TextDecoder('big5');
    for (let lead = 0xa4; lead <= 0xc6; lead++) {
      for (const [from, to] of [[0x40, 0x7e], [0xa1, 0xfe]]) {
        for (let trail = from; trail <= to; trail++) {
          if (lead === 0xc6 && trail > 0x7e) continue;
          const s = big5.decode(Uint8Array.of(lead, trail));
          if (s.length === 1 && s !== '\ufffd') commonSet.add(s.charCodeAt(0));
        }
      }
    }
  }
  return { top: topSet, common: commonSet };
}

/** How much a decoding looks like real Chinese text: common characters up, artefacts down. */
export function cjkScore(s: string): number {
  const { top, common } = sets();
  let score = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c === 0xfffd) score -= 10;
    else if (c >= 0x3400 && c <= 0x9fff) {
      if (top.has(c)) score += 3;
      else if (common.has(c)) score += 1;
    } else if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff5e) || c === 0x201c || c === 0x201d) score += 0.5;
    else if ((c >= 0xe000 && c <= 0xf8ff) || (c >= 0x80 && c <= 0x9f) || (c >= 0xd800 && c <= 0xdfff)) score -= 3;
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x2500 && c <= 0x257f) || (c >= 0x0370 && c <= 0x04ff)) score -= 1; // kana, box drawing, Greek/Cyrillic: typical mojibake
  }
  return score;
}

function bestOf(b: Uint8Array, encodings: string[], preferred?: string): { html: string; charset: string; score: number } {
  let best: { html: string; charset: string; score: number } | null = null;
  let pref: { html: string; charset: string; score: number } | null = null;
  for (const enc of encodings) {
    const html = decoderFor(enc).decode(b);
    const score = cjkScore(html);
    const cand = { html, charset: enc === 'gbk' ? 'gb18030' : enc, score };
    if (enc === preferred) pref = cand;
    if (!best || score > best.score) best = cand;
  }
  // The declared encoding keeps its place unless another is clearly better.
  if (pref && best && best !== pref && best.score <= pref.score + Math.max(20, Math.abs(pref.score) * 0.3)) return pref;
  return best!;
}

export function decodeHtmlDetailed(body: Buffer | Uint8Array, contentType: string | null, override?: string): DecodedHtml {
  const b = body instanceof Uint8Array ? body : new Uint8Array(body);
  const forced = normaliseCharset(override);
  if (forced) return { html: decoderFor(forced).decode(b), charset: forced === 'gbk' ? 'gb18030' : forced, declared: forced, source: 'override', mislabelled: false };

  const bom = bomEncoding(b);
  if (bom) return { html: new TextDecoder(bom).decode(b), charset: bom, declared: bom, source: 'bom', mislabelled: false };

  const fromHeader = normaliseCharset(headerCharset(contentType));
  const fromMeta = fromHeader ? null : normaliseCharset(metaCharset(b));
  const declared = fromHeader ?? fromMeta;
  const source: CharsetSource = fromHeader ? 'header' : fromMeta ? 'meta' : 'default';

  if (isAscii(b)) return { html: Buffer.from(b).toString('latin1'), charset: declared ?? 'utf-8', declared, source, mislabelled: false };

  const utf8 = validUtf8(b);
  if (!declared || declared === 'utf-8') {
    if (utf8 !== null) return { html: utf8, charset: 'utf-8', declared, source: declared ? source : 'detected', mislabelled: false };
    const pick = bestOf(b, ['utf-8', 'gb18030', 'big5']);
    // Neither UTF-8 nor Chinese: a Western page (Latin-1 accents, a © byte).
    if (pick.charset !== 'utf-8' && pick.score < Math.max(1, highBytes(b) / 4)) {
      return { html: new TextDecoder('windows-1252').decode(b), charset: 'windows-1252', declared, source: 'detected', mislabelled: declared !== null };
    }
    return { html: pick.html, charset: pick.charset, declared, source: 'detected', mislabelled: declared !== null && pick.charset !== 'utf-8' };
  }
  // A legacy label on bytes that are valid UTF-8 with multi-byte sequences: the label is wrong.
  if (utf8 !== null && declared !== 'utf-16le' && declared !== 'utf-16be') {
    return { html: utf8, charset: 'utf-8', declared, source: 'detected', mislabelled: true };
  }
  if (LEGACY_CJK.has(declared)) {
    const candidates = declared === 'gbk' || declared === 'gb18030' ? ['gb18030', 'big5'] : [declared, 'gb18030', 'big5'];
    const pref = declared === 'gbk' ? 'gb18030' : declared;
    const pick = bestOf(b, candidates, pref);
    return { html: pick.html, charset: pick.charset, declared, source: pick.charset === (declared === 'gbk' ? 'gb18030' : declared) ? source : 'detected', mislabelled: pick.charset !== pref };
  }
  // A Western single-byte label (iso-8859-1, windows-1252) on a Chinese page is a common mistake.
  const labelled = decoderFor(declared).decode(b);
  const cjk = bestOf(b, ['gb18030', 'big5']);
  // Real Chinese text scores about 1-3 per two-byte character; Latin accents read as GBK score ~0.
  if (cjk.score >= Math.max(40, highBytes(b) / 4)) return { html: cjk.html, charset: cjk.charset, declared, source: 'detected', mislabelled: true };
  return { html: labelled, charset: declared, declared, source, mislabelled: false };
}
