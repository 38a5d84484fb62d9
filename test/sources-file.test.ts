// The committed sources file: valid, unique ids, every required site present, and every
// source's `articles` patterns match real article URLs of that site (canonical form, as
// discovery sees them) and none of its listing or pagination URLs.
//
// Sample URLs and where they were seen:
//   pages  = a stored copy of that page (search corpus "pages");
//   seed   = seeds/documents/index.json (the project's seed captures);
//   code   = a public repository file that links to the page (citations, scraper configs).
import { describe, expect, it } from 'vitest';
import { loadSources, type Source } from '../config/sources.js';
import { canonicalUrl } from '../crawlers/canonical.js';

const SAMPLES: Record<string, { url: string; seen: 'pages' | 'seed' | 'code' }[]> = {
  'shanghai-en': [
    { url: 'https://english.shanghai.gov.cn/en-Bulletin/20250312/782c54aba652495fb815f2553f564e8a.html', seen: 'pages' },
    { url: 'https://english.shanghai.gov.cn/en-InternationalTrade/20231229/315966f189054002821243c29b8f9200.html', seen: 'seed' },
    { url: 'https://english.shanghai.gov.cn/en-Latest-WhatsNew/20251223/43ad9e0a91d74169a5f13f671c38bdb6.html', seen: 'code' },
    { url: 'https://english.shanghai.gov.cn/en-LatestNews/20260127/d764a117cb9748bb8ab1b29df52a70f6.html', seen: 'code' },
    { url: 'https://english.shanghai.gov.cn/en-FinancialReformandInnovation/20250108/0d5502fd008549f1bb306f5ccf1ffe7a.html', seen: 'code' },
  ],
  'chinadaily-govt': [
    { url: 'https://govt.chinadaily.com.cn/s/202404/08/WS662700cf498ed2d7b7eac58a/shanghai-unveils-priorities-to-advance-belt-and-road-initiative-in-2024.html', seen: 'pages' },
    { url: 'https://govt.chinadaily.com.cn/s/202606/18/WS6a4b0053498e23165e070722/pboc-announces-six-financial-policy-measures-at-lujiazui-forum.html', seen: 'code' },
    { url: 'https://govt.chinadaily.com.cn/s/202511/28/WS69296de3498e368550338333/e-commerce-mkt-embraces-livestreaming.html', seen: 'code' },
    { url: 'https://govt.chinadaily.com.cn/s/202310/20/WS65337d08498ed2d7b7e9e1b8/population-in-the-wild-continues-to-rise.html', seen: 'code' },
  ],
  'zhejiang-en': [
    { url: 'https://www.zj.gov.cn/art/2020/7/9/art_1568591_50184955.html', seen: 'pages' }, // "GOVERNMENT > Government Bulletin", Report on the Work of the Government 2020
    { url: 'https://www.zj.gov.cn/art/2023/3/1/art_1229659935_60047184.html', seen: 'pages' }, // "Government > Government Work Report" 2023
  ],
  'ezhejiang-en': [
    { url: 'http://www.ezhejiang.gov.cn/2018-12/09/c_303953.htm', seen: 'pages' },
    { url: 'http://ezhejiang.gov.cn/jinhua/2021-09/07/c_658756.htm', seen: 'pages' },
    { url: 'https://www.ezhejiang.gov.cn/2026-03/17/c_1168994.htm', seen: 'code' },
    { url: 'https://www.ezhejiang.gov.cn/lishui/2026-03/09/c_1166228.htm', seen: 'code' },
    { url: 'https://www.ezhejiang.gov.cn/eyiwu/2020-02/19/c_332513.htm', seen: 'code' },
  ],
  'yidaiyilu-en': [
    // Stored as https://eng.yidaiyilu.gov.cn./p/01MT2C2C.html (host with a trailing dot); links on the site omit the dot.
    { url: 'https://eng.yidaiyilu.gov.cn/p/01MT2C2C.html', seen: 'pages' },
    { url: 'https://eng.yidaiyilu.gov.cn/p/05BGIF9S.html', seen: 'code' },
    { url: 'https://eng.yidaiyilu.gov.cn/p/0O3RTJ32.html', seen: 'code' },
    { url: 'https://eng.yidaiyilu.gov.cn/p/160558.html', seen: 'code' },
    { url: 'http://eng.yidaiyilu.gov.cn/p/1849.html', seen: 'code' },
  ],
  'yidaiyilu-zh': [
    { url: 'https://www.yidaiyilu.gov.cn/p/0MQRJ5N2.html', seen: 'code' },
    { url: 'https://www.yidaiyilu.gov.cn/p/113261.html', seen: 'code' },
    { url: 'https://www.yidaiyilu.gov.cn/p/04LID4LU.html', seen: 'code' },
    { url: 'https://www.yidaiyilu.gov.cn/p/070OB3ME.html', seen: 'code' },
    { url: 'https://www.yidaiyilu.gov.cn/p/0ODODQPQ.html', seen: 'code' },
  ],
  'gov-cn-en': [
    { url: 'https://english.www.gov.cn/policies/latestreleases/202610/09/content_WS6ac8d93ec6d00ca5f9a0d95c.html', seen: 'code' },
    { url: 'https://english.www.gov.cn/policies/latestreleases/202605/29/content_WS6a18db36c6d00ca5f9a0b500.html', seen: 'code' },
    { url: 'https://english.www.gov.cn/policies/latestreleases/202508/27/content_WS68ae7976c6d0868f4e8f51a0.html', seen: 'code' },
    { url: 'https://english.www.gov.cn/policies/latestreleases/202302/13/content_WS63ea2efcc640a757729e6b4b.html', seen: 'code' },
    { url: 'https://english.www.gov.cn/policies/latestreleases/202104/29/content_WS6089e6b4c6d0df57f98d8c5d.html', seen: 'code' },
  ],
  'ndrc-en': [
    { url: 'https://en.ndrc.gov.cn/news/activities/activitiespic/202105/t20210521_1280510.html', seen: 'pages' },
    { url: 'https://en.ndrc.gov.cn/news/mediarusources/202506/t20250626_1404387.html', seen: 'code' },
    { url: 'https://en.ndrc.gov.cn/news/mediarusources/202202/t20220218_1315947.html', seen: 'code' },
  ],
  'mofcom-en': [
    { url: 'https://english.mofcom.gov.cn/News/PressConference/art/2025/art_c7fc2b6626ad486eaeade1aca226a84d.html', seen: 'pages' },
    { url: 'https://english.mofcom.gov.cn/News/PressConference/art/2025/art_3df7064fbd204a6b8af21c0acb73e8e4.html', seen: 'pages' },
    { url: 'http://english.mofcom.gov.cn/article/newsrelease/press/202401/20240103466727.shtml', seen: 'pages' },
    { url: 'http://english.mofcom.gov.cn/article/newsrelease/press/201601/20160101230599.shtml', seen: 'pages' },
    { url: 'https://english.mofcom.gov.cn/News/SignificantNews/art/2026/art_1cc81037c291427ba64e696b6fbc0ad6.html', seen: 'code' },
  ],
  'ce-en': [
    { url: 'http://en.ce.cn/main/latest/202609/t20260902_3188198.shtml', seen: 'code' },
    { url: 'http://en.ce.cn/main/latest/202606/t20260608_3017756.shtml', seen: 'code' },
    { url: 'https://en.ce.cn/main/latest/202607/t20260719_3094765.shtml', seen: 'code' },
    { url: 'http://en.ce.cn/main/latest/201601/14/t20160114_8287665.shtml', seen: 'code' },
  ],
  'shanghai-zh': [
    { url: 'https://www.shanghai.gov.cn/nw4411/20260215/13cea19844984e7794b46a62c3b37d8f.html', seen: 'code' },
    { url: 'https://www.shanghai.gov.cn/nw4411/20251218/3507519749744088bd9b21f87ff6c81b.html', seen: 'code' },
    { url: 'https://www.shanghai.gov.cn/nw4411/20251202/4eab378222004d43acdfc9390078f90d.html', seen: 'code' },
    { url: 'https://www.shanghai.gov.cn/nw17239/20260806/ab8799763c384e7eb1b254cebf1e0cf5.html', seen: 'code' },
    { url: 'https://www.shanghai.gov.cn/nw12344/20220323/0001-12344_20220323_0001.html', seen: 'code' },
  ],
  'zhejiang-zh': [
    { url: 'https://www.zj.gov.cn/art/2024/1/26/art_1554467_60195319.html', seen: 'code' },
    { url: 'https://www.zj.gov.cn/art/2024/4/22/art_1229019365_2508821.html', seen: 'code' },
    { url: 'https://www.zj.gov.cn/art/2024/8/7/art_1229017138_2526807.html', seen: 'code' },
    { url: 'http://www.zj.gov.cn/art/2020/2/14/art_1551345_41917743.html', seen: 'code' },
    { url: 'https://www.zj.gov.cn/col/col1554467/art/2026/art_a5c0ac3429044dffb39c2d848f985520.html', seen: 'code' },
  ],
};

/** The sites the issue asks for, by the host each source's listing is on. */
const REQUIRED_HOSTS = [
  'english.shanghai.gov.cn',
  'govt.chinadaily.com.cn',
  'www.zj.gov.cn', // Zhejiang, English and Chinese
  'eng.yidaiyilu.gov.cn',
  'www.yidaiyilu.gov.cn',
  'english.www.gov.cn',
  'en.ndrc.gov.cn',
  'english.mofcom.gov.cn',
  'en.ce.cn',
  'www.shanghai.gov.cn',
];

const sources: Source[] = loadSources(new URL('../config/sources.yaml', import.meta.url).pathname);
const matches = (source: Source, url: string) => source.articles.some((p) => new RegExp(p).test(url));

describe('config/sources.yaml', () => {
  it('validates, has unique ids and at least 11 sources', () => {
    expect(sources.length).toBeGreaterThanOrEqual(11);
    expect(new Set(sources.map((s) => s.id)).size).toBe(sources.length);
  });

  it('covers every site the issue names, in both languages for Shanghai, Zhejiang and the Belt and Road Portal', () => {
    const hosts = new Set(sources.flatMap((s) => s.listing.map((u) => new URL(u).hostname)));
    for (const host of REQUIRED_HOSTS) expect(hosts, host).toContain(host);
    for (const region of ['shanghai', 'zhejiang']) {
      expect(new Set(sources.filter((s) => s.region === region).map((s) => s.lang))).toEqual(new Set(['en', 'zh']));
    }
    expect(sources.filter((s) => /yidaiyilu/.test(s.listing[0])).map((s) => s.lang).sort()).toEqual(['en', 'zh']);
  });

  it('uses Asia/Shanghai, baseline first crawls, polite defaults and schedules spread over the hour', () => {
    for (const s of sources) {
      expect(s.tz, s.id).toBe('Asia/Shanghai');
      expect(s.firstCrawl, s.id).toBe('baseline');
      expect(s.politeness.perHostConcurrency, s.id).toBe(1);
      expect(s.politeness.delayMs, s.id).toBeGreaterThanOrEqual(1000);
    }
    const minutes = sources.flatMap((s) => s.schedule.trim().split(/\s+/)[0].split(','));
    expect(minutes.every((m) => /^\d+$/.test(m)), minutes.join(' ')).toBe(true);
    expect(new Set(minutes).size, 'two sources start in the same minute').toBe(minutes.length);
  });

  it('has anchored article patterns', () => {
    for (const s of sources) for (const p of s.articles) expect(p, s.id).toMatch(/^\^.*\$$/);
  });

  it.each(sources.map((s) => [s.id, s] as const))('%s: patterns match the sample article URLs and no listing URL', (id, source) => {
    const samples = SAMPLES[id];
    expect(samples, `no sample URLs listed for ${id}`).toBeDefined();
    expect(samples.length).toBeGreaterThanOrEqual(2);
    for (const { url } of samples) expect(matches(source, canonicalUrl(url)), url).toBe(true);
    const listings = [...source.listing];
    const p = source.pagination;
    if (p && 'template' in p) listings.push(p.template.replace('{n}', '2'));
    for (const url of listings) {
      expect(matches(source, url), url).toBe(false);
      expect(matches(source, canonicalUrl(url)), url).toBe(false);
    }
  });

  it('does not take one site\'s articles for another\'s', () => {
    for (const source of sources) {
      const host = new URL(source.listing[0]).hostname;
      for (const [id, samples] of Object.entries(SAMPLES)) {
        for (const { url } of samples) {
          if (new URL(url).hostname.replace(/^www\./, '') === host.replace(/^www\./, '')) continue;
          expect(matches(source, canonicalUrl(url)), `${source.id} must not match ${id}'s ${url}`).toBe(false);
        }
      }
    }
  });
});
