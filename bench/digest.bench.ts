// Digest scheduling and claiming, each beside a baseline measured in the same run:
// - dueDigests for 1,000 subscriptions over the bundled dataset, one call per tick, at ticks spread over the
//   year before the data's date (in-cycle weeks, freezes, gaps between cycles); baseline: walking the same
//   subscriptions through the checks dueDigests makes before it schedules anything.
// - claims on a real SQLite file (WAL, in a temp dir) through the subscription store: new claims, claims
//   of keys already claimed (what every replica's tick does for postings someone else has), and takeovers
//   of expired claims; baseline: the same checks against an in-memory Set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadDataset } from '../src/data/load.ts';
import { dueDigests } from '../src/digest/due.ts';
import { DEFAULT_CLAIM_LEASE_MS } from '../src/digest/scheduler.ts';
import { DIGEST_KINDS, type Subscription, type Weekday } from '../src/domain/subscription.ts';
import { canonicalZone } from '../src/digest/time.ts';
import { openStore, type StoreLocation } from '../src/storage/open.ts';
import type { ClaimRequest } from '../src/storage/store.ts';
import { ms, summarize } from './stats.ts';

const SUBSCRIPTIONS = 1_000;
const TICKS = 400;
const WARM_UP_TICKS = 20;
const CLAIMS = 5_000;
const GRACE_HOURS = 6;
const TARGET_TICK_P99_MS = 100;
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Australia/Sydney',
  'Europe/London',
  'America/Sao_Paulo',
  'Asia/Shanghai',
  'Africa/Johannesburg',
  'Pacific/Auckland',
];

const us = (value: number): string => `${(value * 1000).toFixed(1)} µs`;
const perSecond = (count: number, totalMs: number): string =>
  `${Math.round(count / (totalMs / 1000)).toLocaleString('en-US')}/s`;

/** Varied, deterministic subscribers: every zone, kind and weekday, times on the quarter hour. */
function subscriptions(): Subscription[] {
  const created = new Date('2020-01-01T00:00:00Z');
  return Array.from({ length: SUBSCRIPTIONS }, (_, index) => {
    const minutes = (index * 15 * 7) % (24 * 60);
    return {
      id: index + 1,
      channel: { platform: 'slack', workspace: `T${index % 7}`, channel: `C${index + 1}` },
      kind: DIGEST_KINDS[index % DIGEST_KINDS.length]!,
      time: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
      timeZone: ZONES[index % ZONES.length]!,
      weekday: ((index % 7) + 1) as Weekday,
      createdAt: created,
      updatedAt: created,
      consecutivePermanentFailures: 0,
      lastFailure: null,
      pausedAt: null,
      pausedReason: null,
    };
  });
}

/** Tick instants over the year before `dataDate`, on odd minutes so they fall all over the day. */
function tickInstants(dataDate: string): Date[] {
  const end = Date.parse(`${dataDate}T00:00:00Z`);
  const start = end - 365 * 86_400_000;
  const step = Math.floor((end - start) / TICKS / 60_000) * 60_000 + 7 * 60_000;
  return Array.from({ length: TICKS }, (_, index) => new Date(start + index * step));
}

function timeEach<T>(inputs: readonly T[], run: (input: T) => unknown): number[] {
  return inputs.map((input) => {
    const started = performance.now();
    run(input);
    return performance.now() - started;
  });
}

/** One at a time, like timeEach, for a store whose calls are asynchronous. */
async function timeEachAsync<T>(inputs: readonly T[], run: (input: T) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (const input of inputs) {
    const started = performance.now();
    await run(input);
    samples.push(performance.now() - started);
  }
  return samples;
}

async function benchScheduling(): Promise<void> {
  const dataset = loadDataset();
  const subs = subscriptions();
  const ticks = tickInstants(dataset.manifest.dataDate);

  const coldStarted = performance.now();
  dueDigests(subs, dataset, ticks[0]!, { graceHours: GRACE_HOURS });
  const cold = performance.now() - coldStarted;
  for (const now of ticks.slice(0, WARM_UP_TICKS)) dueDigests(subs, dataset, now, { graceHours: GRACE_HOURS });

  const dueCounts: number[] = [];
  const scheduling = summarize(
    timeEach(ticks, (now) => dueCounts.push(dueDigests(subs, dataset, now, { graceHours: GRACE_HOURS }).length)),
  );
  let served = 0;
  const baseline = summarize(
    timeEach(ticks, () => {
      for (const subscription of subs) if (!subscription.pausedAt && canonicalZone(subscription.timeZone)) served++;
    }),
  );
  const due = summarize(dueCounts);

  console.log(
    `${SUBSCRIPTIONS.toLocaleString('en-US')} subscriptions (${ZONES.length} zones, all kinds and weekdays), ${TICKS} ticks over the year to ${dataset.manifest.dataDate}, grace ${GRACE_HOURS} h`,
  );
  console.log(
    `due postings per tick: p50 ${due.p50}, p99 ${due.p99}, max ${due.max} (answers are rendered only for claimed postings, not here)`,
  );
  console.log(`first tick (cold, includes zone caches): ${ms(cold)}`);
  console.log(`| ${TICKS} ticks | p50 | p99 | max |`);
  console.log(`| --- | --- | --- | --- |`);
  console.log(
    `| dueDigests, 1,000 subscriptions | ${ms(scheduling.p50)} | ${ms(scheduling.p99)} | ${ms(scheduling.max)} |`,
  );
  console.log(
    `| baseline: walk the subscriptions, no scheduling | ${ms(baseline.p50)} | ${ms(baseline.p99)} | ${ms(baseline.max)} |`,
  );
  console.log(
    `target: a tick (every 60 s) schedules 1,000 subscriptions in under ${TARGET_TICK_P99_MS} ms at p99 → ${scheduling.p99 < TARGET_TICK_P99_MS ? 'met' : 'NOT met'}`,
  );
  if (served !== SUBSCRIPTIONS * TICKS) throw new Error('baseline walked the wrong number of subscriptions');
}

async function benchClaims(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'k8s-bot-digest-bench-'));
  try {
    await benchClaimsOn({ dataDir: dir }, 'SQLite', 'WAL, synchronous=NORMAL, a temp dir');
    // PostgreSQL when a server is at hand (.ci/run exports TEST_DATABASE_URL); its tables go in a throwaway schema.
    const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (url) await benchPostgresClaims(url);
    else console.log('\n(PostgreSQL claims not measured: set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgresClaims(url: string): Promise<void> {
  const pg = (await import('pg')).default;
  const schema = `bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    const scoped = new URL(url);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    await benchClaimsOn(
      { databaseUrl: scoped.toString(), dataDir: tmpdir() },
      'PostgreSQL',
      `${scoped.host}, loopback, one pooled connection at a time`,
    );
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

async function benchClaimsOn(location: StoreLocation, backend: string, setting: string): Promise<void> {
  const store = await openStore(location);
  try {
    const { id } = await store.save(
      { platform: 'slack', workspace: 'T1', channel: 'C1' },
      { kind: 'both', time: '09:00', timeZone: 'UTC', weekday: 1 },
      new Date('2024-01-01T00:00:00Z'),
    );
    const scheduledAt = new Date('2024-07-17T09:00:00Z');
    const graceEndsAt = new Date(scheduledAt.getTime() + GRACE_HOURS * 3_600_000);
    const keys = Array.from({ length: CLAIMS }, (_, index) => `sub:${id}:bench:${index}`);
    const request = (occurrenceKey: string, now: Date): ClaimRequest => ({
      occurrenceKey,
      subscriptionId: id,
      scheduledAt,
      now,
      leaseMs: DEFAULT_CLAIM_LEASE_MS,
      graceEndsAt,
    });
    const expired = new Date(scheduledAt.getTime() + DEFAULT_CLAIM_LEASE_MS);

    const claimWon = (won: unknown): void => {
      if (!won) throw new Error('a new claim was refused');
    };
    const claimLost = (won: unknown): void => {
      if (won) throw new Error('a claim already held was granted again');
    };
    const total = (samples: number[]): number => samples.reduce((sum, value) => sum + value, 0);

    const fresh = await timeEachAsync(keys, async (key) => claimWon(await store.claim(request(key, scheduledAt))));
    const held = await timeEachAsync(keys, async (key) =>
      claimLost(await store.claim(request(key, new Date(scheduledAt.getTime() + 60_000)))),
    );
    const takeover = await timeEachAsync(keys, async (key) => claimWon(await store.claim(request(key, expired))));

    const set = new Set<string>();
    const setFresh = timeEach(keys, (key) => claimWon(!set.has(key) && set.add(key)));
    const setHeld = timeEach(keys, (key) => claimLost(!set.has(key) && set.add(key)));

    const rows: Array<[string, number[]]> = [
      [`${backend}: new claim (INSERT … ON CONFLICT, one transaction each)`, fresh],
      [`${backend}: already claimed (statement changes nothing)`, held],
      [`${backend}: take over an expired claim`, takeover],
      ['baseline: in-memory Set, new key', setFresh],
      ['baseline: in-memory Set, key already there', setHeld],
    ];
    console.log(
      `\nclaims on ${store.backend === 'sqlite' ? path.basename(store.location) : store.location} (${setting}), ${CLAIMS.toLocaleString('en-US')} keys, one connection`,
    );
    console.log(`| ${CLAIMS.toLocaleString('en-US')} claims | p50 | p99 | max | throughput |`);
    console.log(`| --- | --- | --- | --- | --- |`);
    for (const [label, samples] of rows) {
      const stats = summarize(samples);
      console.log(
        `| ${label} | ${us(stats.p50)} | ${us(stats.p99)} | ${us(stats.max)} | ${perSecond(samples.length, total(samples))} |`,
      );
    }
  } finally {
    await store.close();
  }
}

export default async function benchDigest(): Promise<void> {
  await benchScheduling();
  await benchClaims();
}
