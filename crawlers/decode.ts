// Decoding fetched bytes into text: the charset of the Content-Type header, else of a <meta>
// tag, else UTF-8. Chinese government sites often serve GBK / GB2312 pages.

/** Decodes HTML bytes; `override` (e.g. `--charset gbk`) wins over what the page declares. */
export function decodeHtml(body: Buffer, contentType: string | null, override?: string): string {
  const head = body.subarray(0, 4096).toString('latin1');
  const label =
    override ??
    contentType?.match(/charset\s*=\s*["']?([\w-]+)/i)?.[1] ??
    head.match(/<meta[^>]+charset\s*=\s*["']?([\w-]+)/i)?.[1] ??
    'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label.toLowerCase() === 'gb2312' ? 'gbk' : label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(body);
}
