// `silkwatch subscribe | subscriptions [import] | unsubscribe | digests` on the real CLI against
// a real PostgreSQL: every flag stored as given, bad values exit 2 naming the flag and what is
// expected, unsubscribe deactivates (the alert worker's `active: true` query then skips it),
// a YAML import is idempotent and rejects unknown keys, and FAILED digests show their reason.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../db/client.js';
import { demoSourcesYaml } from '../fixtures/site-server.js';
import { runCli } from './support/cli.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

let database: TestDatabase;
let db: Db;
let dir: string;
let sourcesFile: string;

beforeAll(async () => {
  database = await createTestDatabase('subs');
  db = createDb(database.url, 2);
  dir = mkdtempSync(join(tmpdir(), 'silkwatch-subs-'));
  sourcesFile = join(dir, 'sources.yaml');
  writeFileSync(sourcesFile, demoSourcesYaml('http://127.0.0.1:1')); // one source: fixture-bri
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const env = () => ({
  DATABASE_URL: database.url,
  REDIS_URL: 'redis://127.0.0.1:1', // nothing here needs Redis: a closed port proves it
  SOURCES_FILE: sourcesFile,
  LOG_LEVEL: 'silent',
});
const cli = (...args: string[]) => runCli(args, env());

function yamlFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('silkwatch subscribe', () => {
  it('stores every flag, normalised, and prints the id with a one-line summary', async () => {
    const r = await cli(
      'subscribe', '--email', 'Analyst@Example.ORG', '--topics', 'trade,green', '--regions', 'Shanghai,zhejiang', '--sources', 'fixture-bri',
      '--lang', 'en,zh', '--cadence', 'weekly', '--tz', 'Europe/Berlin', '--at', '9:30', '--day', 'fri', '--min-score', '0.6',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const id = Number(r.stdout.match(/^created subscription (\d+) for analyst@example\.org: /)?.[1]);
    expect(id).toBeGreaterThan(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toContain('weekly fri 09:30 Europe/Berlin; topics trade,green; regions shanghai,zhejiang; sources fixture-bri; lang en,zh; min-score 0.6');
    const row = await db.subscription.findUniqueOrThrow({ where: { id }, include: { subscriber: true } });
    expect(row).toMatchObject({
      topics: ['trade', 'green'],
      regions: ['shanghai', 'zhejiang'],
      sources: ['fixture-bri'],
      languages: ['en', 'zh'],
      cadence: 'weekly',
      tz: 'Europe/Berlin',
      sendAt: '09:30',
      weekday: 5,
      minScore: 0.6,
      active: true,
    });
    expect(row.subscriber.email).toBe('analyst@example.org');
  });

  it('defaults: weekly without --day is monday at 08:00 Asia/Shanghai; immediate has no weekday; all filters empty', async () => {
    const weekly = await cli('subscribe', '--email', 'weekly@example.org', '--cadence', 'weekly');
    const immediate = await cli('subscribe', '--email', 'now@example.org', '--cadence', 'immediate', '--tz', 'Asia/Tokyo');
    expect(weekly.code).toBe(0);
    expect(weekly.stdout).toContain('weekly mon 08:00 Asia/Shanghai; all policy events');
    expect(immediate.code).toBe(0);
    const rows = await db.subscription.findMany({ where: { subscriber: { email: { in: ['weekly@example.org', 'now@example.org'] } } }, include: { subscriber: true } });
    const byEmail = Object.fromEntries(rows.map((s) => [s.subscriber.email, s]));
    expect(byEmail['weekly@example.org']).toMatchObject({ cadence: 'weekly', weekday: 1, sendAt: '08:00', tz: 'Asia/Shanghai', topics: [], regions: [], sources: [], languages: [], minScore: null });
    expect(byEmail['now@example.org']).toMatchObject({ cadence: 'immediate', weekday: null, tz: 'Asia/Tokyo' });
  });

  it('does not duplicate an identical active subscription', async () => {
    const args = ['subscribe', '--email', 'twice@example.org', '--cadence', 'daily', '--topics', 'finance,trade', '--at', '07:00'];
    const first = await cli(...args);
    const second = await cli('subscribe', '--email', 'TWICE@example.org', '--cadence', 'daily', '--topics', 'trade,finance', '--at', '7:00');
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    const id = first.stdout.match(/subscription (\d+)/)![1];
    expect(second.stdout).toMatch(new RegExp(`^unchanged: twice@example\\.org already has subscription ${id}: `));
    expect(await db.subscription.count({ where: { subscriber: { email: 'twice@example.org' } } })).toBe(1);
  });

  // Many CLI runs in sequence: each boots a process, so give a loaded machine time.
  it('exits 2 naming the flag, the value and what is expected, and stores nothing', { timeout: 300_000 }, async () => {
    const base = ['subscribe', '--email', 'bad-cases@example.org'];
    const cases: [string[], string][] = [
      [['subscribe', '--email', 'not-an-email', '--cadence', 'daily'], '--email: "not-an-email": expected an email address'],
      [['subscribe', '--email', 'a@@example.org', '--cadence', 'daily'], '--email: "a@@example.org": expected an email address'],
      [[...base, '--cadence', 'daily', '--tz', 'Mars/Olympus_Mons'], '--tz: "Mars/Olympus_Mons": expected an IANA time zone'],
      [[...base, '--cadence', 'daily', '--tz', '+08:00'], '--tz: "+08:00": expected an IANA time zone'],
      [[...base, '--cadence', 'daily', '--topics', 'trade,railways'], '--topics: unknown topic "railways"; expected some of connectivity, trade,'],
      [[...base, '--cadence', 'daily', '--sources', 'fixture-bri,nowhere-en'], '--sources: unknown source id "nowhere-en"; expected some of fixture-bri'],
      [[...base, '--cadence', 'daily', '--lang', 'en,fr'], '--lang: unknown language "fr"; expected some of en, zh'],
      [[...base, '--cadence', 'daily', '--at', '25:00'], '--at: "25:00": expected a time HH:MM'],
      [[...base, '--cadence', 'daily', '--at', 'noon'], '--at: "noon": expected a time HH:MM'],
      [[...base, '--cadence', 'immediate', '--at', '08:00'], '--at: not with cadence immediate'],
      [[...base, '--cadence', 'weekly', '--day', 'someday'], '--day: "someday": expected a weekday: mon, tue, wed, thu, fri, sat or sun'],
      [[...base, '--cadence', 'daily', '--day', 'mon'], '--day: only with cadence weekly'],
      [[...base, '--cadence', 'daily', '--min-score', '1.5'], '--min-score: "1.5": expected a number between 0 and 1'],
      [[...base, '--cadence', 'daily', '--min-score', 'high'], '--min-score: "high": expected a number between 0 and 1'],
      [[...base, '--cadence', 'hourly'], '--cadence: "hourly": expected one of immediate, daily, weekly'],
      [['subscribe', '--email', 'x@example.org'], "required option '--cadence <cadence>' not specified"],
    ];
    // 16 processes at once: on a loaded 2-core machine each may wait long for a core.
    const results = await Promise.all(cases.map(([args]) => runCli(args, env(), { timeoutMs: 180_000 })));
    results.forEach((r, i) => {
      expect(r.code, cases[i][0].join(' ')).toBe(2);
      expect(r.stderr, cases[i][0].join(' ')).toContain(cases[i][1]);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
    expect(await db.subscriber.count({ where: { email: { in: ['bad-cases@example.org', 'x@example.org', 'not-an-email'] } } })).toBe(0);
  });
});

describe('silkwatch subscriptions and unsubscribe', () => {
  it('lists the subscriptions as JSON with filters, cadence, zone, time, weekday, active, createdAt and last digest', async () => {
    const r = await cli('subscriptions', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    const analyst = rows.find((s: { email: string }) => s.email === 'analyst@example.org');
    expect(analyst).toMatchObject({
      topics: ['trade', 'green'],
      regions: ['shanghai', 'zhejiang'],
      sources: ['fixture-bri'],
      languages: ['en', 'zh'],
      minScore: 0.6,
      cadence: 'weekly',
      tz: 'Europe/Berlin',
      sendAt: '09:30',
      weekday: 'fri',
      active: true,
      lastDigest: null,
    });
    expect(new Date(analyst.createdAt).getTime()).toBeGreaterThan(Date.now() - 600_000);
    expect(rows.find((s: { email: string }) => s.email === 'now@example.org')).toMatchObject({ cadence: 'immediate', sendAt: null, weekday: null });
    const table = await cli('subscriptions');
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+EMAIL\s+CADENCE\s+DAY\s+AT\s+ZONE\s+ACTIVE\s+CREATED \(UTC\)\s+LAST DIGEST\s+FILTERS$/);
    expect(table.stdout).toMatch(/analyst@example\.org\s+weekly\s+fri\s+09:30\s+Europe\/Berlin\s+yes\s+.*topics trade,green; regions shanghai,zhejiang/);
  });

  it('unsubscribe --id deactivates one subscription, without --id all of them; nothing is deleted and the alert query skips them', async () => {
    const a = await cli('subscribe', '--email', 'leaver@example.org', '--cadence', 'immediate');
    const b = await cli('subscribe', '--email', 'leaver@example.org', '--cadence', 'daily', '--topics', 'green');
    const [idA, idB] = [a, b].map((r) => Number(r.stdout.match(/subscription (\d+)/)![1]));

    const one = await cli('unsubscribe', '--email', 'Leaver@example.org', '--id', String(idA));
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    expect(one.stdout).toBe(`deactivated subscription ${idA} of leaver@example.org\n`);
    expect((await db.subscription.findUniqueOrThrow({ where: { id: idA } })).active).toBe(false);
    expect((await db.subscription.findUniqueOrThrow({ where: { id: idB } })).active).toBe(true);

    const all = await cli('unsubscribe', '--email', 'leaver@example.org');
    expect(all.code).toBe(0);
    expect(all.stdout).toContain(`deactivated subscription ${idB} of leaver@example.org`);
    expect(all.stdout).toContain(`already inactive: ${idA}`);
    const rows = await db.subscription.findMany({ where: { id: { in: [idA, idB] } } });
    expect(rows.map((s) => s.active)).toEqual([false, false]); // still there, inactive
    // The alert worker (workers/alert.ts) fans out to `active: true` subscriptions only.
    const alerted = await db.subscription.findMany({ where: { active: true, createdAt: { lte: new Date() } } });
    expect(alerted.map((s) => s.id)).not.toContain(idA);
    expect(alerted.map((s) => s.id)).not.toContain(idB);
    expect(alerted.length).toBeGreaterThan(0);

    const listed = JSON.parse((await cli('subscriptions', '--json', '--email', 'leaver@example.org')).stdout);
    expect(listed.map((s: { id: number; active: boolean }) => [s.id, s.active])).toEqual([[idA, false], [idB, false]]);
  });

  it('unsubscribe exits 2 on an unknown email, an id that is not theirs, or a bad id', async () => {
    const other = await db.subscription.findFirstOrThrow({ where: { subscriber: { email: 'analyst@example.org' } } });
    const [unknown, notTheirs, bad] = await Promise.all([
      cli('unsubscribe', '--email', 'nobody@example.org'),
      cli('unsubscribe', '--email', 'weekly@example.org', '--id', String(other.id)),
      cli('unsubscribe', '--email', 'weekly@example.org', '--id', 'first'),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--email: no subscriber "nobody@example.org"');
    expect(notTheirs.code).toBe(2);
    expect(notTheirs.stderr).toContain(`--id: ${other.id} is not a subscription of weekly@example.org`);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--id: "first": expected a subscription id');
    expect((await db.subscription.findUniqueOrThrow({ where: { id: other.id } })).active).toBe(true);
  });
});

describe('silkwatch subscriptions import', () => {
  it('creates the subscriptions of a YAML file once; a second import leaves them all unchanged', async () => {
    const file = yamlFile(
      'team.yaml',
      `subscriptions:
  - email: desk@example.org
    cadence: daily
    topics: [connectivity, trade]
    regions: shanghai
    sources: [fixture-bri]
    lang: [zh]
    tz: Asia/Hong_Kong
    at: "07:15"
    minScore: 0.4
  - email: desk@example.org
    cadence: immediate
  - email: Lead@Example.org
    cadence: weekly
    day: wed
    at: 17:00
`,
    );
    const first = await cli('subscriptions', 'import', file);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/: 3 created \(\d+, \d+, \d+\), 0 unchanged\n$/);
    const second = await cli('subscriptions', 'import', file);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/: 0 created, 3 unchanged \(\d+, \d+, \d+\)\n$/);
    const rows = await db.subscription.findMany({ where: { subscriber: { email: { in: ['desk@example.org', 'lead@example.org'] } } }, orderBy: { id: 'asc' } });
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ cadence: 'daily', topics: ['connectivity', 'trade'], regions: ['shanghai'], sources: ['fixture-bri'], languages: ['zh'], tz: 'Asia/Hong_Kong', sendAt: '07:15', minScore: 0.4 });
    expect(rows[1]).toMatchObject({ cadence: 'immediate', weekday: null });
    expect(rows[2]).toMatchObject({ cadence: 'weekly', weekday: 3, sendAt: '17:00' });
  });

  it('exits 2 naming the entry and the unknown key, and imports nothing from that file', async () => {
    const file = yamlFile(
      'bad.yaml',
      `subscriptions:
  - email: fine@example.org
    cadence: daily
  - email: typo@example.org
    cadence: daily
    topic: [trade]
  - email: zone@example.org
    cadence: weekly
    tz: Moon/Base
    day: funday
`,
    );
    const r = await cli('subscriptions', 'import', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`bad subscriptions file ${file}`);
    expect(r.stderr).toContain('subscription #2 (typo@example.org): unknown key "topic"');
    expect(r.stderr).toContain('subscription #3 (zone@example.org): tz: "Moon/Base": expected an IANA time zone');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await db.subscriber.count({ where: { email: { in: ['fine@example.org', 'typo@example.org', 'zone@example.org'] } } })).toBe(0);

    const noList = await cli('subscriptions', 'import', yamlFile('empty.yaml', 'subs: []\n'));
    expect(noList.code).toBe(2);
    expect(noList.stderr).toContain('expected a top-level "subscriptions:" list');
    const missing = await cli('subscriptions', 'import', join(dir, 'missing.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ENOENT');
  });
});

describe('silkwatch digests', () => {
  it('--failed shows only FAILED digests with their reason; subscriptions shows the last digest status', async () => {
    const sub = await db.subscription.findFirstOrThrow({ where: { subscriber: { email: 'weekly@example.org' } } });
    const sent = await db.digest.create({
      data: { subscriptionId: sub.id, periodKey: 'w-2024-W14', status: 'SENT', dueAt: new Date('2024-04-01T00:00:00Z'), sentAt: new Date('2024-04-01T00:00:05Z'), messageId: '<a@x>', attempts: 1 },
    });
    const failed = await db.digest.create({
      data: { subscriptionId: sub.id, periodKey: 'w-2024-W15', status: 'FAILED', dueAt: new Date('2024-04-08T00:00:00Z'), messageId: '<b@x>', attempts: 3, error: '550 5.1.1 mailbox unavailable' },
    });

    const r = await cli('digests', '--failed', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows).toEqual([
      { id: failed.id, subscriptionId: sub.id, email: 'weekly@example.org', periodKey: 'w-2024-W15', status: 'FAILED', items: 0, attempts: 3, dueAt: '2024-04-08T00:00:00.000Z', sentAt: null, error: '550 5.1.1 mailbox unavailable' },
    ]);

    const table = await cli('digests', '--failed');
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+SUB\s+EMAIL\s+PERIOD\s+STATUS\s+ITEMS\s+ATTEMPTS\s+SENT \(UTC\)\s+ERROR$/);
    expect(table.stdout).toMatch(new RegExp(`^${failed.id}\\s+${sub.id}\\s+weekly@example\\.org\\s+w-2024-W15\\s+FAILED\\s+0\\s+3\\s+-\\s+550 5\\.1\\.1 mailbox unavailable$`, 'm'));
    expect(table.stdout).not.toContain('w-2024-W14');

    const all = JSON.parse((await cli('digests', '--json')).stdout);
    expect(all.map((d: { id: number; status: string }) => [d.id, d.status])).toEqual([[sent.id, 'SENT'], [failed.id, 'FAILED']]);

    const subs = JSON.parse((await cli('subscriptions', '--json', '--email', 'weekly@example.org')).stdout);
    expect(subs[0].lastDigest).toMatchObject({ id: failed.id, status: 'FAILED', periodKey: 'w-2024-W15', error: '550 5.1.1 mailbox unavailable' });
  });
});
