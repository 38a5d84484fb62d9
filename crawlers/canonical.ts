// Canonical URLs: one document per article however a listing spells its link. Lower-case
// scheme and host, no default port, no fragment, no tracking parameters, no trailing
// "index.html" or slash. The canonical URL is the Document's natural key.

const TRACKING = /^(utm_[a-z]+|spm|from|isappinstalled|share_token|fbclid|gclid|wt\.mc_id|mc_cid|mc_eid)$/i;

export function canonicalUrl(input: string, base?: string): string {
  const url = new URL(input, base);
  url.hash = '';
  url.hostname = url.hostname.toLowerCase();
  if ((url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443')) url.port = '';
  for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
  url.searchParams.sort();
  url.pathname = url.pathname.replace(/\/index\.s?html?$/i, '/');
  if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.toString();
}
