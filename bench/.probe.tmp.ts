import * as cheerio from 'cheerio';
import { startBenchSite } from './site.js';
const site = await startBenchSite({ pages: 2000 });
const html = await (await fetch(site.articleUrls[4])).text();
let t = performance.now(); let n=0;
for (let i=0;i<300;i++){ const $=cheerio.load(html); n+=$('*').length; }
console.log('cheerio.load ms', ((performance.now()-t)/300).toFixed(2), 'elements', n/300);
async function loop(parse: boolean, c=16){ let next=0; const t=performance.now(); await Promise.all(Array.from({length:c}, async()=>{ while(next<2000){ const u=site.articleUrls[next++]; const r=await fetch(u); const h=await r.text(); if(parse) cheerio.load(h);} })); return 2000/((performance.now()-t)/1000); }
console.log('fetch only', (await loop(false)).toFixed(0), (await loop(false)).toFixed(0));
console.log('fetch+load', (await loop(true)).toFixed(0));
await site.close();
