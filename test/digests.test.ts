// Digests on real services: rendering (grouped by topic, escaped), unsubscribe tokens and the
// HTTP endpoints, and SMTP failures — a 4xx that recovers is sent once, a 5xx is FAILED.
import type { Worker } from 'bullmq';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, type Runtime } from '../cli/runtime.js';
import { ConfigError, loadConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import type { Db } from '../db/client.js';
import { messageIdFor } from '../digests/collect.js';
import { clip, renderDigest, type DigestEntry } from '../digests/render.js';
import { signUnsubscribeToken, unsubscribeUrl, verifyUnsubscribeToken } from '../digests/unsubscribe.js';
import { startHttp } from '../http/server.js';
import { queues as registry } from '../queues/registry.js';
import { processDigest } from '../workers/digest.js';
import { startWorkers } from '../workers/index.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { deletePrefix, REDIS_URL, testPrefix } from './support/queues.js';

const SECRET = 'test-unsubscribe-secret-0123456789';
const BASE = 'https://watch.example.org';

// -- a real SMTP server whose answer to DATA the test sets -------------------------------------

interface Received {
  raw: string;
  mail: ParsedMail;
}
let smtpMode: { rejectFirst: number; code: number; message: string } = { rejectFirst: 0, code: 451, message: '' };
let dataCalls = 0;
const received: Received[] = [];
let arrivalWaiters: (() => void)[] = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      dataCalls++;
      if (dataCalls <= smtpMode.rejectFirst) {
        callback(Object.assign(new Error(smtpMode.message), { responseCode: smtpMode.code }));
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      simpleParser(raw).then((mail) => {
        received.push({ raw, mail });
        callback();
        for (const w of arrivalWaiters) w();
        arrivalWaiters = [];
      }, callback);
    });
  },
});
smtp.on('error', () => {}); // a client dropping its connection is not a test failure


function resetSmtp(mode: Partial<typeof smtpMode> = {}) {
  smtpMode = { rejectFirst: 0, code: 451, message: '', ...mode };
  dataCalls = 0;
  received.length = 0;
}

// -- fixtures --------------------------------------------------------------------------------

let database: TestDatabase;
let prefix: string;
let runtime: Runtime;
let db: Db;
let seq = 0;

async function seedDigest(opts: { title?: string; evidence?: string; why?: string; topics?: string[]; kind?: 'NEW' | 'UPDATED'; email?: string } = {}) {
  const n = ++seq;
  await db.source.upsert({ where: { id: 'test-src' }, create: { id: 'test-src', name: 'Test Source', region: 'shanghai', lang: 'en', baseUrl: 'https://news.example.org', config: {} }, update: {} });
  const doc = await db.document.create({ data: { canonicalUrl: `https://news.example.org/a/${n}.html`, sourceId: 'test-src' } });
  const version = await db.documentVersion.create({
    data: {
      documentId: doc.id,
      ordinal: 1,
      contentHash: `h${n}`,
      title: opts.title ?? `Belt and Road measure number ${n}`,
      body: 'body',
      lang: 'en',
      issuer: 'Shanghai Municipal Commission of Commerce',
      published: new Date('2026-11-20'),
      rawSha256: 'x'.repeat(64),
      extractorVersion: 1,
    },
  });
  await db.document.update({ where: { id: doc.id }, data: { currentVersionId: version.id, clusterId: doc.id } });
  // The relevance evidence as the classifier stores it: the headline first when it names the BRI.
  const why = opts.why ?? 'Shanghai will deepen cooperation under the <b>Belt and Road</b> Initiative.';
  await db.classification.create({
    data: { versionId: version.id, classifierVersion: 'test', relevant: true, score: 0.9, evidence: [version.title, why], topics: (opts.topics ?? ['trade']).map((id, i) => ({ id, score: 0.9 - i * 0.1, evidence: [] })) },
  });
  await db.measure.upsert({ where: { id: 'test-measure' }, create: { id: 'test-measure', title: 'Expand China-Europe freight trains', text: 'Expand China-Europe freight trains', policy: {} }, update: {} });
  await db.measureLink.create({ data: { versionId: version.id, measureId: 'test-measure', relation: 'implements', score: 0.8, evidence: [opts.evidence ?? 'The city will expand China-Europe freight train services.'] } });
  const event = await db.policyEvent.create({
    data: { kind: opts.kind ?? 'NEW', cause: opts.kind === 'UPDATED' ? 'amended' : 'new', clusterId: doc.id, documentId: doc.id, versionId: version.id, score: 0.9 },
  });
  const subscriber = await db.subscriber.upsert({ where: { email: opts.email ?? `reader${n}@example.org` }, create: { email: opts.email ?? `reader${n}@example.org` }, update: {} });
  const subscription = await db.subscription.create({ data: { subscriberId: subscriber.id, cadence: 'immediate', topics: [], regions: [], sources: [], languages: [] } });
  const periodKey = `i-${1_800_000_000_000 + n}`;
  const digest = await db.digest.create({ data: { subscriptionId: subscription.id, periodKey, dueAt: new Date(), messageId: messageIdFor(subscription.id, periodKey, 'watch.example.org') } });
  await db.digestItem.create({ data: { digestId: digest.id, subscriptionId: subscription.id, eventId: event.id } });
  return { subscription, digest, periodKey };
}

beforeAll(async () => {
  database = await createTestDatabase('digests');
  prefix = testPrefix('digests');
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const config = loadConfig({
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    PUBLIC_BASE_URL: BASE,
    UNSUBSCRIBE_SECRET: SECRET,
    LOG_LEVEL: 'silent',
  });
  runtime = await boot(config, createLogger('silent', { pretty: false }), { seed: false });
  db = runtime.deps.db;
});

afterAll(async () => {
  await runtime?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await Promise.all([database?.drop(), prefix && deletePrefix(prefix)]);
});

// -- rendering -------------------------------------------------------------------------------

const entry = (over: Partial<DigestEntry>): DigestEntry => ({
  kind: 'NEW',
  title: 'A title',
  url: 'https://news.example.org/a.html',
  sourceName: 'Example',
  issuer: null,
  published: '2026-11-20',
  topics: ['trade'],
  ...over,
});

describe('rendering', () => {
  it('groups NEW and UPDATED items under their top topic, with source, issuer, date, measures, copies and changes', () => {
    const { subject, text, html } = renderDigest(
      [
        entry({ title: 'Trade one', topics: ['trade', 'finance'], issuer: 'MOFCOM', why: 'Trade with Belt and Road partners rose.', measures: [{ title: 'Freight trains', relation: 'implements', evidence: 'Trains will run weekly.' }] }),
        entry({ title: 'Finance one', topics: ['finance'], alsoAt: [{ url: 'https://copy.example.org/x', sourceName: 'Copy' }] }),
        entry({ title: 'Trade two', topics: ['trade'] }),
        entry({ kind: 'UPDATED', title: 'Changed one', topics: ['green'], changes: ['Added: a new paragraph.'] }),
        entry({ title: 'No topic', topics: [] }),
      ],
      { periodLabel: 'immediate', topicNames: { trade: 'Trade', finance: 'Finance' }, unsubscribeUrl: `${BASE}/unsubscribe?token=abc` },
    );
    expect(subject).toBe('silkwatch: 4 new BRI policy items, 1 updated (immediate)');
    const order = ['== New ==', '-- Trade --', 'Trade one', 'Trade two', '-- Finance --', 'Finance one', '-- Other topics --', 'No topic', '== Updated ==', '-- green --', 'Changed one', 'Added: a new paragraph.'];
    const positions = order.map((s) => text.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const trade = text.slice(text.indexOf('* Trade one')).split('\n').slice(0, 5).join('\n');
    expect(trade).toContain('Example · MOFCOM · 2026-11-20 · topics: trade, finance');
    expect(trade).toContain('Example · MOFCOM · 2026-11-20 · topics: trade, finance\n  why: “Trade with Belt and Road partners rose.”\n  measure: Freight trains (implements): “Trains will run weekly.”');
    expect(text).not.toContain('* Trade two\n  https://news.example.org/a.html\n  Example · 2026-11-20 · topics: trade\n  why');
    expect(text).toContain('also published: https://copy.example.org/x (Copy)');
    expect(text).toContain(`Unsubscribe: ${BASE}/unsubscribe?token=abc`);
    expect(html).toContain('<h3 style="font-size:14px">Trade</h3>');
    expect(html).toContain('href="https://copy.example.org/x"');
    expect(html).toContain(`href="${BASE}/unsubscribe?token=abc"`);
  });

  it('clips long evidence at a word, and says how many more catalog links there are', () => {
    const long = `${'The municipality will expand international data services and promote paperless trade with partner countries '.repeat(4)}in every sector.`;
    const { text, html } = renderDigest([entry({ measures: [{ title: 'Data services', relation: 'announces', evidence: long }], moreMeasures: 48 })], { periodLabel: 'immediate' });
    const shown = /measure: Data services \(announces\): “(.*)…”/.exec(text)![1];
    expect(shown.length).toBeLessThanOrEqual(300);
    expect(long.startsWith(shown)).toBe(true);
    expect(long[shown.length]).toBe(' '); // ends at a whole word
    expect(text).toContain('  and 48 more catalog links');
    expect(html).toContain('and 48 more catalog links');
    // Never half of a surrogate pair.
    const emoji = clip(`${'a'.repeat(298)}😀😀😀`, 300);
    expect(emoji).toBe(`${'a'.repeat(298)}…`);
  });

  it('escapes what came from a crawled page and links only http(s) URLs', () => {
    const { html, text } = renderDigest(
      [entry({ title: '<script>alert(1)</script> & "quotes"', url: 'javascript:alert(1)', sourceName: '<b>src</b>', measures: [{ title: 'M<i>', relation: 'mentions', evidence: '<img src=x onerror=alert(1)>' }] })],
      { periodLabel: 'immediate' },
    );
    expect(html).not.toMatch(/<script|<img|<b>src|<i>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('href="#"');
    expect(text).toContain('<script>alert(1)</script>'); // plain text shows it as text
  });
});

// -- unsubscribe tokens ----------------------------------------------------------------------

describe('unsubscribe tokens', () => {
  it('signs and verifies, and refuses tampered, truncated, foreign-key or malformed tokens', () => {
    const token = signUnsubscribeToken(SECRET, 42);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(verifyUnsubscribeToken(SECRET, token)).toBe(42);
    const [, mac] = Buffer.from(token, 'base64url').toString().split('.');
    expect(verifyUnsubscribeToken(SECRET, Buffer.from(`43.${mac}`).toString('base64url'))).toBeNull(); // another id, same MAC
    const flipped = mac.slice(0, -1) + (mac.at(-1) === '0' ? '1' : '0');
    expect(verifyUnsubscribeToken(SECRET, Buffer.from(`42.${flipped}`).toString('base64url'))).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, token.slice(0, -2))).toBeNull();
    expect(verifyUnsubscribeToken('another-secret-0123456789', token)).toBeNull();
    for (const bad of ['', '42', 'not a token', Buffer.from('42.').toString('base64url'), 'x'.repeat(500)]) expect(verifyUnsubscribeToken(SECRET, bad)).toBeNull();
    expect(unsubscribeUrl(BASE, SECRET, 42)).toBe(`${BASE}/unsubscribe?token=${token}`);
    expect(unsubscribeUrl(`${BASE}/silkwatch/`, SECRET, 42)).toBe(`${BASE}/silkwatch/unsubscribe?token=${token}`);
  });
});

// -- HTTP ------------------------------------------------------------------------------------

describe('HTTP unsubscribe', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = await startHttp({ port: 0, host: '127.0.0.1', db, redis: runtime.redis, log: runtime.deps.log, unsubscribe: { secret: SECRET } });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const active = async (id: number) => (await db.subscription.findUniqueOrThrow({ where: { id } })).active;

  it('shows a confirmation form on GET and changes nothing', async () => {
    const { subscription } = await seedDigest({ email: 'get@example.org' });
    const token = signUnsubscribeToken(SECRET, subscription.id);
    const res = await fetch(`${base}/unsubscribe?token=${token}`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('<form method="post"');
    expect(body).toContain(`action="/unsubscribe?token=${token}"`);
    expect(body).toContain('get@example.org');
    expect(await active(subscription.id)).toBe(true);
  });

  it('unsubscribes on the RFC 8058 one-click POST and on the form post, idempotently', async () => {
    const { subscription } = await seedDigest();
    const token = signUnsubscribeToken(SECRET, subscription.id);
    const post = () =>
      fetch(`${base}/unsubscribe?token=${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    const res = await post();
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Unsubscribed');
    expect(await active(subscription.id)).toBe(false);
    expect((await post()).status).toBe(200); // twice is fine
    expect(await (await fetch(`${base}/unsubscribe?token=${token}`)).text()).toContain('Already unsubscribed');
  });

  it('answers 400 to a tampered, unknown or missing token and changes nothing', async () => {
    const { subscription } = await seedDigest();
    const token = signUnsubscribeToken(SECRET, subscription.id);
    const tampered = Buffer.from(Buffer.from(token, 'base64url').toString().replace(/^\d+/, String(subscription.id + 1000))).toString('base64url');
    for (const t of [tampered, token.slice(0, -3), 'garbage', signUnsubscribeToken(SECRET, 999_999)]) {
      const res = await fetch(`${base}/unsubscribe?token=${t}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('not valid');
      expect((await fetch(`${base}/unsubscribe?token=${t}`)).status).toBe(400);
    }
    expect((await fetch(`${base}/unsubscribe`, { method: 'POST' })).status).toBe(400);
    expect(await active(subscription.id)).toBe(true);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('refuses to serve the unsubscribe endpoint without UNSUBSCRIBE_SECRET', async () => {
    await expect(startHttp({ port: 0, db, redis: runtime.redis, log: runtime.deps.log, unsubscribe: { secret: undefined } })).rejects.toThrow(ConfigError);
    await expect(startHttp({ port: 0, db, redis: runtime.redis, log: runtime.deps.log, unsubscribe: { secret: undefined } })).rejects.toThrow(/UNSUBSCRIBE_SECRET/);
  });
});

// -- sending ---------------------------------------------------------------------------------

const headerBlock = (raw: string) => raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');

describe('sending', () => {
  it('sends an escaped digest whose headers carry no crawled CR/LF, with one-click List-Unsubscribe', async () => {
    resetSmtp();
    const title = 'Evil <script>alert(1)</script>\r\nBcc: victim@example.org\r\nX-Injected: yes';
    const { digest, subscription } = await seedDigest({ title, evidence: 'Evidence <img src=x onerror=alert(1)>\r\nX-Evidence: yes' });
    await processDigest({ subscriptionId: subscription.id, periodKey: digest.periodKey }, runtime.deps);
    expect(received).toHaveLength(1);
    const { raw, mail } = received[0];
    const headers = headerBlock(raw);
    expect(headers).not.toMatch(/^(Bcc|X-Injected|X-Evidence):/im);
    expect(mail.bcc).toBeUndefined();
    expect(mail.headers.has('x-injected')).toBe(false);
    expect(mail.html).not.toMatch(/<script|<img/);
    expect(mail.html).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; Bcc: victim@example.org X-Injected: yes');
    expect(mail.text).toContain('* Evil <script>alert(1)</script> Bcc: victim@example.org X-Injected: yes');
    expect(mail.text).toMatch(/measure: Expand China-Europe freight trains \(implements\): “Evidence <img src=x onerror=alert\(1\)> X-Evidence: yes”/);
    // Why it was flagged: the relevance evidence's first sentence other than the headline.
    expect(mail.text).toContain('  why: “Shanghai will deepen cooperation under the <b>Belt and Road</b> Initiative.”');
    expect(mail.text).not.toContain('why: “Evil');
    // Nothing is said twice: a relevance sentence that is also the measure's evidence is not repeated.
    resetSmtp();
    const same = await seedDigest({ evidence: 'Shanghai will expand China-Europe freight trains under the Belt and Road Initiative.', why: 'Shanghai will expand China-Europe freight trains under the Belt and Road Initiative.' });
    await processDigest({ subscriptionId: same.subscription.id, periodKey: same.digest.periodKey }, runtime.deps);
    expect(received.at(-1)!.mail.text).not.toContain('why:');
    // Nor a sentence of a two-sentence headline (the evidence takes one sentence of it).
    const part = await seedDigest({ title: 'Belt and Road: Shanghai opens hub. Exports to rise', why: 'Belt and Road: Shanghai opens hub.' });
    await processDigest({ subscriptionId: part.subscription.id, periodKey: part.digest.periodKey }, runtime.deps);
    expect(received.at(-1)!.mail.text).toContain('* Belt and Road: Shanghai opens hub. Exports to rise');
    expect(received.at(-1)!.mail.text).not.toContain('why:');
    expect(mail.html).toContain('why: “Shanghai will deepen cooperation under the &lt;b&gt;Belt and Road&lt;/b&gt; Initiative.”');
    const url = unsubscribeUrl(BASE, SECRET, subscription.id);
    expect(headers).toMatch(new RegExp(`^List-Unsubscribe: <${url.replace(/[.?]/g, '\\$&')}>$`, 'm'));
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(mail.text).toContain(`Unsubscribe: ${url}`);
    expect(mail.messageId).toBe(digest.messageId);
    expect(await db.digest.findUniqueOrThrow({ where: { id: digest.id } })).toMatchObject({ status: 'SENT', attempts: 1, error: null });
  });

  it('without UNSUBSCRIBE_SECRET sends no link and says in the footer how to unsubscribe', async () => {
    resetSmtp();
    const { digest, subscription } = await seedDigest({ email: 'nolink@example.org' });
    await processDigest({ subscriptionId: subscription.id, periodKey: digest.periodKey }, { ...runtime.deps, config: { ...runtime.deps.config, UNSUBSCRIBE_SECRET: undefined } });
    const { raw, mail } = received[0];
    expect(headerBlock(raw)).not.toMatch(/List-Unsubscribe/i);
    expect(mail.text).toContain(`silkwatch unsubscribe --email nolink@example.org --id ${subscription.id}`);
    expect(mail.text).not.toContain('token=');
  });

  async function runJob(subscriptionId: number, periodKey: string, attempts: number): Promise<'completed' | 'failed'> {
    const [worker] = startWorkers(['digest'], runtime.deps, runtime.redis) as Worker[];
    try {
      const done = new Promise<'completed' | 'failed'>((resolve) => {
        worker.on('completed', () => resolve('completed'));
        worker.on('failed', (job) => {
          if (job && job.attemptsMade >= attempts) resolve('failed');
          if (job?.finishedOn && job.failedReason) resolve('failed'); // unrecoverable
        });
      });
      // The registry's policy with a short back-off, so the test waits milliseconds, not minutes.
      await runtime.deps.producer.queues.digest.add('digest', { subscriptionId, periodKey }, { jobId: registry.digest.jobId({ subscriptionId, periodKey }), attempts, backoff: { type: 'exponential', delay: 50 } });
      return await done;
    } finally {
      await worker.close();
    }
  }

  it('retries a 4xx with back-off and sends exactly once when the server recovers', async () => {
    resetSmtp({ rejectFirst: 2, code: 451, message: 'Try again later' });
    const { digest, subscription, periodKey } = await seedDigest();
    expect(await runJob(subscription.id, periodKey, registry.digest.attempts)).toBe('completed');
    expect(dataCalls).toBe(3);
    expect(received).toHaveLength(1);
    expect(received[0].mail.messageId).toBe(digest.messageId);
    expect(await db.digest.findUniqueOrThrow({ where: { id: digest.id } })).toMatchObject({ status: 'SENT', attempts: 3, error: null });
  });

  it('marks a 5xx FAILED at once with the reason', async () => {
    resetSmtp({ rejectFirst: 100, code: 550, message: 'Mailbox unavailable' });
    const { digest, subscription, periodKey } = await seedDigest();
    expect(await runJob(subscription.id, periodKey, registry.digest.attempts)).toBe('failed');
    expect(dataCalls).toBe(1);
    const row = await db.digest.findUniqueOrThrow({ where: { id: digest.id } });
    expect(row).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(row.error).toMatch(/^SMTP 550: .*Mailbox unavailable/);
  });

  it('marks a temporary failure FAILED with the reason once the attempts are used up', async () => {
    resetSmtp({ rejectFirst: 100, code: 421, message: 'Service not available' });
    const { digest, subscription, periodKey } = await seedDigest();
    expect(await runJob(subscription.id, periodKey, 3)).toBe('failed');
    expect(dataCalls).toBe(3);
    const row = await db.digest.findUniqueOrThrow({ where: { id: digest.id } });
    expect(row).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(row.error).toMatch(/^gave up after 3 attempt\(s\): SMTP 421: .*Service not available/);
    expect(received).toHaveLength(0);
  });

  it('keeps a digest SENDING with the error between temporary failures (connection refused)', async () => {
    const { digest, subscription, periodKey } = await seedDigest();
    const deps = { ...runtime.deps, mailer: (await import('../digests/mailer.js')).createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'x@example.org', outboxDir: '/tmp' }) };
    await expect(processDigest({ subscriptionId: subscription.id, periodKey }, deps)).rejects.toThrow();
    const row = await db.digest.findUniqueOrThrow({ where: { id: digest.id } });
    expect(row.status).toBe('SENDING');
    expect(row.error).toMatch(/ECONNECTION|ECONNREFUSED/);
    deps.mailer.close();
  });
});
