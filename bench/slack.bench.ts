// Loopback load test of the Slack HTTP receiver: 2,000 varied signed `/k8s-release <question>` slash
// commands (the engine bench's question mix) through the bot (signature check, routing, the real Bot
// over the bundled dataset, Block Kit rendering), beside two baselines measured in the same run: a
// minimal Bolt app (Bolt's own HTTP receiver, one command listener acking a fixed answer of the same
// size) and a bare node:http server answering fixed bytes. The servers run in a child process so the
// load generator does not share their event loop.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { bundleAsTheBot } from './bundle.ts';
import { Bot } from '../src/bot.ts';
import { loadConfig } from '../src/config.ts';
import { loadDataset } from '../src/data/load.ts';
import { REPO_ROOT } from '../src/data/paths.ts';
import { Health } from '../src/health.ts';
import { silentLogger } from '../src/log.ts';
import { App, LogLevel } from '@slack/bolt';
import { createSlackApp } from '../adapters/slack/index.ts';
import { questions } from './engine.bench.ts';
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
const QUESTIONS = 2_000;
const TARGET_RATIO = 0.6;
const WARM_UP_SECONDS = 4;

interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

interface Target {
  slackUrl: string;
  minimalUrl: string;
  bareUrl: string;
  requests: SignedRequest[];
  payloadBytes: number;
  meanReplyBytes: number;
}

interface LoadResult {
  /** The server process's CPU time per answered request, in microseconds (max-throughput runs only). */
  cpuPerRequest?: number;
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
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ ok: true, user_id: 'UBENCH', bot_id: 'BBENCH', team_id: 'TBENCH' }));
  });
  const webApiPort = await listen(webApi);
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `http://127.0.0.1:${webApiPort}/api/`,
    PORT: '0',
  });
  const slack = createSlackApp({
    config,
    bot: new Bot(loadDataset()),
    logger: silentLogger,
    health: new Health().view,
    host: '127.0.0.1',
  });
  const slackUrl = `http://127.0.0.1:${await slack.start()}/slack/events`;

  // One timestamp serves the whole run: Slack only rejects timestamps older than 5 minutes.
  const timestamp = Math.floor(Date.now() / 1000);
  const sign = (text: string, user: number): SignedRequest => {
    const body = new URLSearchParams({
      command: '/k8s-release',
      text,
      team_id: 'TBENCH',
      channel_id: 'CBENCH',
      user_id: `UBENCH${user}`,
      response_url: 'http://127.0.0.1:9/unused',
      api_app_id: 'ABENCH',
    }).toString();
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    };
    return { body, headers };
  };
  const requests = questions(loadDataset(), QUESTIONS).map((question, index) => sign(question.text, index % 50));
  let replyBytes = 0;
  for (const { body, headers } of requests) {
    const reply = await fetch(slackUrl, { method: 'POST', headers, body });
    const bytes = (await reply.arrayBuffer()).byteLength;
    if (reply.status !== 200 || bytes === 0) throw new Error(`slash command probe failed: HTTP ${reply.status}`);
    replyBytes += bytes;
  }
  const probe = await fetch(slackUrl, { method: 'POST', ...sign('1.31', 0) });
  const payload = Buffer.from(await probe.arrayBuffer());
  if (probe.status !== 200 || payload.length === 0) throw new Error(`slash command probe failed: HTTP ${probe.status}`);

  // What an app costs that does nothing but Bolt's own work: its receiver, signature check and one listener.
  const fixedAnswer = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
  const minimal = new App({
    token: 'xoxb-bench',
    signingSecret: SIGNING_SECRET,
    clientOptions: { slackApiUrl: `http://127.0.0.1:${webApiPort}/api/` },
    logLevel: LogLevel.ERROR,
  });
  minimal.command('/k8s-release', async ({ ack }) => {
    await ack(fixedAnswer);
  });
  const minimalServer = (await minimal.start(0)) as Server;
  const minimalUrl = `http://127.0.0.1:${(minimalServer.address() as AddressInfo).port}/slack/events`;
  const minimalProbe = await fetch(minimalUrl, { method: 'POST', ...requests[0]! });
  if ((await minimalProbe.arrayBuffer()).byteLength !== payload.length)
    throw new Error(`minimal app probe failed: HTTP ${minimalProbe.status}`);

  const bare = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(payload));
  });
  const bareUrl = `http://127.0.0.1:${await listen(bare)}/slack/events`;

  process.on('message', (message) => {
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send!({ cpuMicros: user + system });
      return;
    }
    void Promise.all([slack.stop(), minimal.stop(), close(bare), close(webApi)]).then(() => process.disconnect());
  });
  process.send!({
    slackUrl,
    minimalUrl,
    bareUrl,
    requests,
    payloadBytes: payload.length,
    meanReplyBytes: replyBytes / requests.length,
  } satisfies Target);
}

/**
 * The servers' side of this file as one esbuild bundle, built the way `npm run build` builds the bot
 * (scripts/build.mjs): the bot is measured as production runs it, not through tsx's per-file
 * transform, and the minimal Bolt app is bundled alike. bench/.build sits two folders below the
 * repository, as src/data/paths.ts expects.
 */
async function bundleServers(): Promise<string> {
  const outfile = path.join(REPO_ROOT, 'bench', '.build', 'slack-servers.mjs');
  return pathToFileURL(await bundleAsTheBot(fileURLToPath(import.meta.url), outfile, ['autocannon'])).href;
}

interface Servers {
  target: Target;
  /** The server process's CPU time so far (user + system, all threads), in microseconds. */
  cpuMicros: () => Promise<number>;
  stop: () => Promise<void>;
}

async function startServers(): Promise<Servers> {
  const module = await bundleServers();
  const code = `const bench = await import(${JSON.stringify(module)}); await bench.serveForBench();`;
  const child = spawn(process.execPath, ['--input-type=module', '--eval', code], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return await new Promise((resolve, reject) => {
    child.once('error', reject);
    void exited.then(() => reject(new Error('bench server process exited before it was ready')));
    child.once('message', (target) =>
      resolve({
        target: target as Target,
        cpuMicros: () =>
          new Promise((answered) => {
            child.once('message', (reply) => answered((reply as { cpuMicros: number }).cpuMicros));
            child.send('cpu');
          }),
        stop: async () => {
          child.send('stop');
          await exited;
        },
      }),
    );
  });
}

/** Hands out the signed requests in turn, across all connections. */
function rotation(target: Target): () => SignedRequest {
  let next = 0;
  return () => target.requests[next++ % target.requests.length]!;
}

async function load(url: string, target: Target, options: { rate?: number; seconds: number }): Promise<LoadResult> {
  const samples: number[] = [];
  const nextRequest = rotation(target);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        requests: [
          {
            setupRequest: (request) => {
              const { body, headers } = nextRequest();
              return { ...request, method: 'POST', body, headers };
            },
          },
        ],
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
  return loadResult(samples, {
    rps: result.requests.average,
    total: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  });
}

/**
 * Open-loop load without autocannon's per-second bursts: one request every 1000/RATE ms, each on
 * its own schedule whether or not earlier ones have finished.
 */
async function paced(url: string, target: Target, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const { hostname, port, pathname } = new URL(url);
  const nextRequest = rotation(target);
  const one = (): Promise<number | null> =>
    new Promise((resolve) => {
      const { body, headers: signed } = nextRequest();
      const headers = { ...signed, 'content-length': String(Buffer.byteLength(body)) };
      const started = performance.now();
      const request = httpRequest(
        { host: hostname, port, path: pathname, method: 'POST', headers, agent },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode === 200 ? performance.now() - started : null));
        },
      );
      request.on('error', () => resolve(null));
      request.end(body);
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
  return loadResult(samples, {
    rps: samples.length / elapsed,
    total: results.length,
    errors: results.length - samples.length,
  });
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
  const { target, stop, cpuMicros } = await startServers();
  /** A max-throughput run with the server process's CPU time per request: robust to other processes' load. */
  const atMaxWithCpu = async (url: string): Promise<LoadResult> => {
    const before = await cpuMicros();
    const result = await load(url, target, { seconds: MAX_SECONDS });
    return { ...result, cpuPerRequest: ((await cpuMicros()) - before) / Math.max(1, result.total) };
  };
  const loadBefore = os.loadavg()[0]!;
  const servers = [
    { name: 'bot (guarded receiver, real Bot, Block Kit)', url: target.slackUrl },
    { name: 'baseline: minimal Bolt app acking a fixed answer', url: target.minimalUrl },
    { name: 'baseline: bare node:http, fixed bytes', url: target.bareUrl },
  ];
  // Warm every path (JIT: each of the 2,000 questions several times) before measuring.
  for (const server of servers) await load(server.url, target, { seconds: WARM_UP_SECONDS });
  const atRate = servers.map(() => [] as LoadResult[]);
  const atMax = servers.map(() => [] as LoadResult[]);
  // Interleaved, so a noisy neighbour hurts every server alike and the spread is visible.
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [index, server] of servers.entries())
      atRate[index]!.push(await load(server.url, target, { rate: RATE, seconds: RATE_SECONDS }));
    for (const [index, server] of servers.entries()) atMax[index]!.push(await atMaxWithCpu(server.url));
  }
  const pacedResults: LoadResult[] = [];
  for (const server of servers) pacedResults.push(await paced(server.url, target, PACED_SECONDS));
  const loadAfter = os.loadavg()[0]!;
  await stop();

  const row = (name: string, r: LoadResult): string =>
    `| ${name} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.rps.toFixed(0)} | ${r.total} | ${r.errors} |`;
  const rounds = (results: LoadResult[]): string => results.map((r) => ms(r.p99)).join(', ');
  console.log(
    `payload: ${target.requests.length} varied signed \`/k8s-release <question>\` commands (the engine bench's mix) → ephemeral ` +
      `Block Kit replies (mean ${target.meanReplyBytes.toFixed(0)} B); the baselines answer a fixed ${target.payloadBytes} B reply`,
  );
  console.log(
    `load: autocannon, ${CONNECTIONS} keep-alive connections, servers in a child process; at a fixed rate autocannon sends each ` +
      `connection's per-second quota back to back, so ${RATE} req/s arrives as bursts of ${CONNECTIONS} concurrent requests; ` +
      `the paced rows send one request every ${1000 / RATE} ms instead`,
  );
  console.log(
    `machine load average (1 min) before/after: ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)} on ${os.cpus().length} CPUs`,
  );
  console.log(`| run | p50 | p99 | max | req/s | requests | errors |`);
  console.log(`| --- | --- | --- | --- | --- | --- | --- |`);
  servers.forEach((server, index) => {
    console.log(row(`${server.name} @ ${RATE} req/s, ${ROUNDS}×${RATE_SECONDS} s`, pooled(atRate[index]!)));
  });
  servers.forEach((server, index) => {
    console.log(row(`${server.name}, paced ${RATE} req/s, ${PACED_SECONDS} s`, pacedResults[index]!));
  });
  servers.forEach((server, index) => {
    console.log(row(`${server.name}, max throughput ${ROUNDS}×${MAX_SECONDS} s`, pooled(atMax[index]!)));
  });
  console.log(
    `p99 per round @ ${RATE} req/s: ${servers.map((server, index) => `${server.name.split(' (')[0]} ${rounds(atRate[index]!)}`).join('; ')}`,
  );
  const ratios = atMax[0]!.map((bot, round) => bot.rps / atMax[1]![round]!.rps);
  const ratio = pooled(atMax[0]!).rps / pooled(atMax[1]!).rps;
  console.log(
    `bot / minimal Bolt app max throughput: ${(ratio * 100).toFixed(0)} % (per round ${ratios.map((r) => `${(r * 100).toFixed(0)} %`).join(', ')}); ` +
      `target ≥ ${TARGET_RATIO * 100} % → ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}`,
  );
  const cpuPerRequest = (results: LoadResult[]): number =>
    results.reduce((sum, r) => sum + r.cpuPerRequest! * r.total, 0) / results.reduce((sum, r) => sum + r.total, 0);
  const [botCpu, minimalCpu, bareCpu] = atMax.map(cpuPerRequest) as [number, number, number];
  const cpuRatios = atMax[0]!.map((bot, round) => atMax[1]![round]!.cpuPerRequest! / bot.cpuPerRequest!);
  console.log(
    `server CPU time per request at max throughput: bot ${botCpu.toFixed(0)} µs, minimal Bolt app ${minimalCpu.toFixed(0)} µs, ` +
      `bare node:http ${bareCpu.toFixed(0)} µs → a CPU-bound bot reaches ${((minimalCpu / botCpu) * 100).toFixed(0)} % of the ` +
      `minimal app's throughput (per round ${cpuRatios.map((r) => `${(r * 100).toFixed(0)} %`).join(', ')}); unlike req/s, ` +
      'CPU time is not shared with the load generator or other processes',
  );
  const verdict = (r: LoadResult): string => (r.p99 < TARGET_P99_MS && r.errors === 0 ? 'met' : 'NOT met');
  console.log(
    `target: p99 < ${TARGET_P99_MS} ms at ${RATE} req/s with zero errors → autocannon bursts: ${verdict(pooled(atRate[0]!))}; ` +
      `paced: ${verdict(pacedResults[0]!)}`,
  );
}
