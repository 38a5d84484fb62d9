// Subscriptions and digests on the command line:
//   silkwatch subscribe --email E --cadence immediate|daily|weekly [--topics a,b] [--regions r1,r2]
//                       [--sources s1,s2] [--lang en,zh] [--tz ZONE] [--at HH:MM] [--day mon] [--min-score X]
//   silkwatch subscriptions [--email E] [--json]
//   silkwatch subscriptions import <file.yaml>
//   silkwatch unsubscribe --email E [--id N]
//   silkwatch digests [--failed] [--json]
// Validation (db/subscriptions.ts) happens before any service is touched; its errors exit 2
// naming the flag, the value and what is expected. Reads and writes PostgreSQL only.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config/env.js';
import { UsageError } from '../config/errors.js';
import { createLogger, type Logger } from '../config/logger.js';
import { loadSources } from '../config/sources.js';
import { createDb, type Db } from '../db/client.js';
import {
  CADENCES,
  describeFilters,
  describeSubscription,
  ensureSubscription,
  importSubscriptions,
  listDigests,
  listSubscriptions,
  parseSubscriptionsFile,
  unsubscribe,
  validateEmail,
  validateSubscription,
  type DigestRow,
  type SubscriptionRow,
} from '../db/subscriptions.js';
import { TOPIC_IDS } from '../seeds/schema.js';
import { prepareDatabase } from './runtime.js';

function context(): { config: Config; log: Logger } {
  const config = loadConfig();
  return { config, log: createLogger(config.LOG_LEVEL) };
}

async function withDb<T>(config: Config, log: Logger, fn: (db: Db) => Promise<T>): Promise<T> {
  await prepareDatabase(config, log);
  const db = createDb(config.DATABASE_URL, 2);
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}

/** The source ids of the sources file, read only when a subscription names sources. */
const sourceIds = (config: Config) => () => loadSources(config.SOURCES_FILE).map((s) => s.id);

// -- formatting -------------------------------------------------------------------------------

function table(head: string[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return `${[line(head), ...body.map(line)].join('\n')}\n`;
}

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '-');
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function formatSubscriptions(rows: SubscriptionRow[]): string {
  if (!rows.length) return 'no subscriptions\n';
  return table(
    ['ID', 'EMAIL', 'CADENCE', 'DAY', 'AT', 'ZONE', 'ACTIVE', 'CREATED (UTC)', 'LAST DIGEST', 'FILTERS'],
    rows.map((r) => [
      String(r.id),
      r.email,
      r.cadence,
      r.weekday ?? '-',
      r.sendAt ?? '-',
      r.tz,
      r.active ? 'yes' : 'no',
      when(r.createdAt),
      r.lastDigest ? `${r.lastDigest.status} ${r.lastDigest.periodKey}` : '-',
      describeFilters(r),
    ]),
  );
}

export function formatDigests(rows: DigestRow[], failed: boolean): string {
  if (!rows.length) return failed ? 'no failed digests\n' : 'no digests\n';
  return table(
    ['ID', 'SUB', 'EMAIL', 'PERIOD', 'STATUS', 'ITEMS', 'ATTEMPTS', 'SENT (UTC)', 'ERROR'],
    rows.map((d) => [String(d.id), String(d.subscriptionId), d.email, d.periodKey, d.status, String(d.items), String(d.attempts), when(d.sentAt), d.error ? oneLine(d.error) : '-']),
  );
}

// -- registration -----------------------------------------------------------------------------

interface SubscribeOpts {
  email: string;
  cadence: string;
  topics?: string;
  regions?: string;
  sources?: string;
  lang?: string;
  tz?: string;
  at?: string;
  day?: string;
  minScore?: string;
}

export function registerSubscriptionCommands(program: Command): void {
  program
    .command('subscribe')
    .description('subscribe an email to policy events matching filters, sent immediately or as a daily or weekly digest (an identical active subscription is not duplicated)')
    .requiredOption('--email <address>', 'the subscriber email address')
    .requiredOption('--cadence <cadence>', `${CADENCES.join(' | ')}`)
    .option('--topics <ids>', `comma-separated topic ids: ${TOPIC_IDS.join(',')} (default: all)`)
    .option('--regions <regions>', 'comma-separated source regions, e.g. shanghai,zhejiang (default: all)')
    .option('--sources <ids>', 'comma-separated source ids of the sources file (default: all)')
    .option('--lang <langs>', 'comma-separated languages: en,zh (default: both)')
    .option('--tz <zone>', 'IANA time zone the send time and periods are computed in (default Asia/Shanghai)')
    .option('--at <HH:MM>', 'daily/weekly: local send time (default 08:00); not with immediate')
    .option('--day <weekday>', 'weekly only: mon, tue, wed, thu, fri, sat or sun (default mon)')
    .option('--min-score <score>', 'only events scoring at least this, between 0 and 1')
    .addHelpText('after', '\nTo load many subscriptions from a YAML file, see `silkwatch subscriptions import --help`.')
    .action(async (opts: SubscribeOpts) => {
      const { config, log } = context();
      const wanted = validateSubscription(
        { email: opts.email, cadence: opts.cadence, topics: opts.topics, regions: opts.regions, sources: opts.sources, lang: opts.lang, tz: opts.tz, at: opts.at, day: opts.day, minScore: opts.minScore },
        { validSources: sourceIds(config) },
      );
      const { subscription, created } = await withDb(config, log, (db) => ensureSubscription(db, wanted));
      const summary = describeSubscription(subscription);
      process.stdout.write(
        created
          ? `created subscription ${subscription.id} for ${wanted.email}: ${summary}\n`
          : `unchanged: ${wanted.email} already has subscription ${subscription.id}: ${summary}\n`,
      );
    });

  const subscriptions = program
    .command('subscriptions')
    .description('list the subscriptions with their filters, cadence, zone, send time, weekday, active flag and last digest; `subscriptions import <file>` loads them from YAML')
    .option('--email <address>', 'only the subscriptions of this email')
    .option('--json', 'print a JSON array')
    .action(async (opts: { email?: string; json?: boolean }) => {
      const { config, log } = context();
      const email = opts.email === undefined ? undefined : validateEmail(opts.email);
      const rows = await withDb(config, log, (db) => listSubscriptions(db, { email }));
      process.stdout.write(opts.json ? `${JSON.stringify(rows, null, 2)}\n` : formatSubscriptions(rows));
    });

  subscriptions
    .command('import')
    .description('create the subscriptions a YAML file lists; idempotent (an identical active subscription of the same email is left unchanged)')
    .argument('<file>', 'a YAML file: subscriptions: [{ email, cadence, topics?, regions?, sources?, lang?, tz?, at?, day?, minScore? }]')
    .addHelpText(
      'after',
      `
Example file:
  subscriptions:
    - email: team@example.org
      cadence: weekly          # immediate | daily | weekly
      topics: [trade, green]   # lists or comma-separated strings, as the subscribe flags
      regions: [shanghai]
      sources: [shanghai-en]
      lang: [en]
      tz: Europe/Berlin
      at: "09:30"
      day: fri
      minScore: 0.5
Unknown keys and invalid values are errors naming the entry and the key; nothing is imported then.`,
    )
    .action(async (file: string) => {
      const { config, log } = context();
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      const validSources = sourceIds(config);
      parseSubscriptionsFile(text, file, { validSources }); // a bad file fails before any service is touched
      const report = await withDb(config, log, (db) => importSubscriptions(db, text, file, { validSources }));
      const ids = (list: number[]) => (list.length ? ` (${list.join(', ')})` : '');
      process.stdout.write(`${file}: ${report.created.length} created${ids(report.created)}, ${report.unchanged.length} unchanged${ids(report.unchanged)}\n`);
    });

  program
    .command('unsubscribe')
    .description('deactivate all subscriptions of an email, or only one with --id (nothing is deleted)')
    .requiredOption('--email <address>', 'the subscriber email address')
    .option('--id <n>', 'only this subscription (see `silkwatch subscriptions`)')
    .action(async (opts: { email: string; id?: string }) => {
      const { config, log } = context();
      const email = validateEmail(opts.email);
      let id: number | undefined;
      if (opts.id !== undefined) {
        id = Number(opts.id);
        if (!/^\d+$/.test(opts.id.trim()) || !Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) {
          throw new UsageError(`--id: "${opts.id}": expected a subscription id (a positive whole number)`);
        }
      }
      const r = await withDb(config, log, (db) => unsubscribe(db, { email, id }));
      const parts: string[] = [];
      if (r.deactivated.length) parts.push(`deactivated subscription${r.deactivated.length > 1 ? 's' : ''} ${r.deactivated.join(', ')} of ${email}`);
      if (r.alreadyInactive.length) parts.push(`already inactive: ${r.alreadyInactive.join(', ')}`);
      process.stdout.write(`${parts.join('; ') || `${email} has no subscriptions`}\n`);
    });

  program
    .command('digests')
    .description('list the digests: subscription, email, period key, status, items, attempts, when sent and, for FAILED ones, why')
    .option('--failed', 'only FAILED digests')
    .option('--json', 'print a JSON array')
    .action(async (opts: { failed?: boolean; json?: boolean }) => {
      const { config, log } = context();
      const rows = await withDb(config, log, (db) => listDigests(db, { failed: opts.failed }));
      process.stdout.write(opts.json ? `${JSON.stringify(rows, null, 2)}\n` : formatDigests(rows, !!opts.failed));
    });
}
