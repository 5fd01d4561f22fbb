// npm run --silent digest -- --now <ISO> [--kind weekly|milestones|both] [--release 1.31] [--tz Europe/Berlin] [--data <dir>]
// Prints, as plain text, what a channel subscribed at that moment's local time would receive right then.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { loadDataset } from '../data/load.ts';
import type { Dataset } from '../domain/dataset.ts';
import { dueDigests } from '../digest/due.ts';
import { DIGEST_KINDS, type DigestKind, type Subscription, type Weekday } from '../domain/subscription.ts';
import { canonicalZone } from '../digest/time.ts';
import { upcomingPostings } from '../digest/upcoming.ts';
import { renderText } from '../render/text.ts';
import { parseUsage, UsageError } from './usage.ts';

const USAGE = `usage: npm run --silent digest -- --now <ISO> [--kind weekly|milestones|both] [--release 1.31] [--tz Europe/Berlin] [--data <dir>]
  --now <ISO>       the moment to preview, e.g. 2024-07-17T09:00:00Z (without an offset: local to --tz; default: now)
  --kind <kind>     milestones (reminders), weekly (the digest) or both (default)
  --release <x.y>   only this release's milestones and cycle
  --tz <zone>       the subscriber's IANA time zone or UTC (default UTC)
  --data <dir>      dataset folder (default: DATASET_DIR or the bundled data/)`;

export interface PreviewRequest {
  now: Date;
  zone: string;
  kind: DigestKind;
  release?: string;
}

export function parsePreviewArgs(argv: string[]): PreviewRequest & { dataDir: string | undefined; help: boolean } {
  const { values } = parseUsage(() =>
    parseArgs({
      args: argv,
      options: {
        now: { type: 'string' },
        kind: { type: 'string' },
        release: { type: 'string' },
        tz: { type: 'string' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }),
  );
  const zone = canonicalZone(values.tz ?? 'UTC');
  if (!zone)
    throw new UsageError(
      `--tz: unknown time zone ${JSON.stringify(values.tz)}; use an IANA name such as Europe/Berlin, or UTC`,
    );
  const kind = (values.kind ?? 'both').toLowerCase();
  if (!(DIGEST_KINDS as readonly string[]).includes(kind))
    throw new UsageError(`--kind: expected weekly, milestones or both, got ${JSON.stringify(values.kind)}`);
  let now = new Date();
  if (values.now !== undefined) {
    const parsed = DateTime.fromISO(values.now, { zone });
    if (!parsed.isValid)
      throw new UsageError(`--now: not an ISO date-time: ${JSON.stringify(values.now)} (e.g. 2024-07-17T09:00:00Z)`);
    now = parsed.toJSDate();
  }
  const release = values.release?.trim().replace(/^v/, '');
  if (release !== undefined && !/^1\.\d{1,2}$/.test(release))
    throw new UsageError(`--release: expected a minor version like 1.31, got ${JSON.stringify(values.release)}`);
  return {
    now,
    zone,
    kind: kind as DigestKind,
    ...(release ? { release } : {}),
    dataDir: values.data ?? process.env.DATASET_DIR,
    help: values.help ?? false,
  };
}

/** A subscription whose local time and weekday are exactly `now`, so everything due at that moment shows. */
function previewSubscription({ now, zone, kind }: PreviewRequest): Subscription {
  const local = DateTime.fromJSDate(now, { zone });
  return {
    id: 0,
    channel: { platform: 'console', workspace: 'local', channel: 'preview' },
    kind,
    time: local.toFormat('HH:mm'),
    timeZone: zone,
    weekday: local.weekday as Weekday,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    consecutivePermanentFailures: 0,
    lastFailure: null,
    pausedAt: null,
    pausedReason: null,
  };
}

/** The text the CLI prints: each posting rendered, or what comes next when nothing is due. */
export function previewText(dataset: Dataset, request: PreviewRequest): string {
  const subscription = previewSubscription(request);
  const due = dueDigests([subscription], dataset, request.now, {
    graceHours: 0,
    ...(request.release ? { release: request.release } : {}),
  });
  const moment = `${DateTime.fromJSDate(request.now, { zone: request.zone }).toFormat('ccc yyyy-MM-dd HH:mm')} ${request.zone}`;
  if (due.length === 0) {
    const next = upcomingPostings(subscription, dataset, request.now);
    const lines = [`Nothing would be posted at ${moment}${request.release ? ` for ${request.release}` : ''}.`];
    if (next.reminder)
      lines.push(
        `Next reminder: ${next.reminder.what} at ${next.reminder.at.toFormat('ccc yyyy-MM-dd HH:mm')} ${request.zone}.`,
      );
    return `${lines.join('\n')}\n`;
  }
  return `${due.map((digest) => renderText(digest.answer).trimEnd()).join('\n\n────────\n\n')}\n`;
}

function main(argv: string[]): number {
  let request: ReturnType<typeof parsePreviewArgs>;
  try {
    request = parsePreviewArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`digest: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (request.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dataset = request.dataDir ? loadDataset(path.resolve(request.dataDir)) : loadDataset();
  if (
    request.release &&
    !dataset.schedules.some((s) => s.version === request.release) &&
    !dataset.releases.some((r) => r.version === request.release)
  ) {
    const known = dataset.schedules.map((s) => s.version);
    process.stderr.write(
      `digest: --release: the data has nothing for ${request.release} (schedules ${known[0]} … ${known.at(-1)})\n`,
    );
    return 2;
  }
  process.stdout.write(previewText(dataset, request));
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`digest: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
