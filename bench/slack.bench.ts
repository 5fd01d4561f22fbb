// Loopback load test of the Slack HTTP receiver: signed `/k8s-release 1.31` slash commands through
// Bolt (signature check, routing, the real Bot over the bundled dataset, Block Kit rendering),
// beside a bare node:http server answering the same bytes, measured in the same run. The servers
// run in a child process so the load generator does not share their event loop.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import autocannon from 'autocannon';
import { Bot } from '../src/bot.ts';
import { loadConfig } from '../src/config.ts';
import { loadDataset } from '../src/data/load.ts';
import { REPO_ROOT } from '../src/data/paths.ts';
import { HealthState } from '../src/health.ts';
import { silentLogger } from '../src/log.ts';
import { createSlackApp } from '../adapters/slack/index.ts';
import { ms, summarize } from './stats.ts';

const SIGNING_SECRET = 'bench-signing-secret';
const RATE = 200;
/** Interleaved rounds, so a noisy neighbour hurts both servers alike and the spread is visible. */
const ROUNDS = 3;
const RATE_SECONDS = 5;
const MAX_SECONDS = 5;
const CONNECTIONS = 10;
const PACED_SECONDS = 10;
const TARGET_P99_MS = 20;

interface Target {
  slackUrl: string;
  bareUrl: string;
  body: string;
  headers: Record<string, string>;
  payloadBytes: number;
}

interface LoadResult {
  samples: number[];
  p50: number;
  p99: number;
  max: number;
  rps: number;
  total: number;
  errors: number;
}

function loadResult(samples: number[], counts: Pick<LoadResult, 'rps' | 'total' | 'errors'>): LoadResult {
  const { p50, p99, max } = summarize(samples);
  return { samples, p50, p99, max, ...counts };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

/**
 * Child-process side: the Slack app (with a stub Web API answering auth.test) and the bare
 * baseline server. Reports the target over IPC and stops when told to.
 */
export async function serveForBench(): Promise<void> {
  const webApi = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, user_id: 'UBENCH', bot_id: 'BBENCH', team_id: 'TBENCH' }));
  });
  const webApiPort = await listen(webApi);
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `http://127.0.0.1:${webApiPort}/api/`,
    PORT: '0',
  });
  const slack = createSlackApp({ config, bot: new Bot(loadDataset()), logger: silentLogger, health: new HealthState(), host: '127.0.0.1' });
  const slackUrl = `http://127.0.0.1:${await slack.start()}/slack/events`;

  const body = new URLSearchParams({
    command: '/k8s-release',
    text: '1.31',
    team_id: 'TBENCH',
    channel_id: 'CBENCH',
    user_id: 'UBENCH1',
    response_url: 'http://127.0.0.1:9/unused',
    api_app_id: 'ABENCH',
  }).toString();
  // One signature serves the whole run: Slack only rejects timestamps older than 5 minutes.
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`,
  };
  const probe = await fetch(slackUrl, { method: 'POST', headers, body });
  const payload = Buffer.from(await probe.arrayBuffer());
  if (probe.status !== 200 || payload.length === 0) throw new Error(`slash command probe failed: HTTP ${probe.status}`);

  const bare = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(payload));
  });
  const bareUrl = `http://127.0.0.1:${await listen(bare)}/slack/events`;

  process.once('message', () => {
    void Promise.all([slack.stop(), close(bare), close(webApi)]).then(() => process.disconnect());
  });
  process.send!({ slackUrl, bareUrl, body, headers, payloadBytes: payload.length } satisfies Target);
}

function startServers(): Promise<{ target: Target; stop: () => Promise<void> }> {
  const module = new URL(import.meta.url).href;
  const code = `const bench = await import(${JSON.stringify(module)}); await bench.serveForBench();`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', code], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    void exited.then(() => reject(new Error('bench server process exited before it was ready')));
    child.once('message', (target) =>
      resolve({
        target: target as Target,
        stop: async () => {
          child.send('stop');
          await exited;
        },
      }),
    );
  });
}

async function load(url: string, target: Target, options: { rate?: number; seconds: number }): Promise<LoadResult> {
  const samples: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: target.headers,
        body: target.body,
        connections: CONNECTIONS,
        duration: options.seconds,
        ...(options.rate ? { overallRate: options.rate } : {}),
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    // autocannon's own histogram keeps whole milliseconds; keep the exact times for p50/p99.
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) samples.push(responseTime);
    });
  });
  return loadResult(samples, { rps: result.requests.average, total: result.requests.total, errors: result.errors + result.timeouts + result.non2xx });
}

/**
 * Open-loop load without autocannon's per-second bursts: one request every 1000/RATE ms, each on
 * its own schedule whether or not earlier ones have finished.
 */
async function paced(url: string, target: Target, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const { hostname, port, pathname } = new URL(url);
  const headers = { ...target.headers, 'content-length': String(Buffer.byteLength(target.body)) };
  const one = (): Promise<number | null> =>
    new Promise((resolve) => {
      const started = performance.now();
      const request = httpRequest({ host: hostname, port, path: pathname, method: 'POST', headers, agent }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode === 200 ? performance.now() - started : null));
      });
      request.on('error', () => resolve(null));
      request.end(target.body);
    });
  const pending: Promise<number | null>[] = [];
  const count = RATE * seconds;
  const start = performance.now();
  for (let index = 0; index < count; index += 1) {
    const wait = start + (index * 1000) / RATE - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(one());
  }
  const results = await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const samples = results.filter((value): value is number => value !== null);
  return loadResult(samples, { rps: samples.length / elapsed, total: results.length, errors: results.length - samples.length });
}

function pooled(results: LoadResult[]): LoadResult {
  return loadResult(
    results.flatMap((r) => r.samples),
    {
      rps: results.reduce((sum, r) => sum + r.rps, 0) / results.length,
      total: results.reduce((sum, r) => sum + r.total, 0),
      errors: results.reduce((sum, r) => sum + r.errors, 0),
    },
  );
}

export default async function benchSlack(): Promise<void> {
  const { target, stop } = await startServers();
  const loadBefore = os.loadavg()[0]!;
  // Warm both paths (JIT) before measuring.
  await load(target.slackUrl, target, { seconds: 1 });
  await load(target.bareUrl, target, { seconds: 1 });
  const slackRounds: LoadResult[] = [];
  const bareRounds: LoadResult[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    slackRounds.push(await load(target.slackUrl, target, { rate: RATE, seconds: RATE_SECONDS }));
    bareRounds.push(await load(target.bareUrl, target, { rate: RATE, seconds: RATE_SECONDS }));
  }
  const slackPaced = await paced(target.slackUrl, target, PACED_SECONDS);
  const barePaced = await paced(target.bareUrl, target, PACED_SECONDS);
  const slackMax = await load(target.slackUrl, target, { seconds: MAX_SECONDS });
  const bareMax = await load(target.bareUrl, target, { seconds: MAX_SECONDS });
  const loadAfter = os.loadavg()[0]!;
  await stop();

  const slackAtRate = pooled(slackRounds);
  const bareAtRate = pooled(bareRounds);
  const row = (name: string, r: LoadResult): string =>
    `| ${name} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.rps.toFixed(0)} | ${r.total} | ${r.errors} |`;
  const rounds = (results: LoadResult[]): string => results.map((r) => ms(r.p99)).join(', ');
  console.log(`payload: signed \`/k8s-release 1.31\` (${target.body.length} B) → ephemeral Block Kit reply (${target.payloadBytes} B)`);
  console.log(
    `load: autocannon, ${CONNECTIONS} keep-alive connections, servers in a child process; at a fixed rate autocannon sends each ` +
      `connection's per-second quota back to back, so ${RATE} req/s arrives as bursts of ${CONNECTIONS} concurrent requests; ` +
      `the paced rows send one request every ${1000 / RATE} ms instead`,
  );
  console.log(`machine load average (1 min) before/after: ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)} on ${os.cpus().length} CPUs`);
  console.log(`| run | p50 | p99 | max | req/s | requests | errors |`);
  console.log(`| --- | --- | --- | --- | --- | --- | --- |`);
  console.log(row(`Bolt HTTP receiver @ ${RATE} req/s, ${ROUNDS}×${RATE_SECONDS} s`, slackAtRate));
  console.log(row(`baseline: bare node:http, same bytes @ ${RATE} req/s`, bareAtRate));
  console.log(row(`Bolt HTTP receiver, paced ${RATE} req/s (evenly spaced), ${PACED_SECONDS} s`, slackPaced));
  console.log(row(`baseline: bare node:http, paced ${RATE} req/s`, barePaced));
  console.log(row(`Bolt HTTP receiver, max throughput ${MAX_SECONDS} s`, slackMax));
  console.log(row(`baseline: bare node:http, max throughput`, bareMax));
  console.log(`p99 per round @ ${RATE} req/s: Bolt ${rounds(slackRounds)}; bare ${rounds(bareRounds)}`);
  const verdict = (r: LoadResult): string => (r.p99 < TARGET_P99_MS && r.errors === 0 ? 'met' : 'NOT met');
  console.log(`target: p99 < ${TARGET_P99_MS} ms at ${RATE} req/s with zero errors → autocannon bursts: ${verdict(slackAtRate)}; paced: ${verdict(slackPaced)}`);
}
