// Loopback load test of the Slack HTTP receiver: signed `/k8s-release 1.31` slash commands through
// Bolt (signature check, routing, the real Bot over the bundled dataset, Block Kit rendering),
// beside a bare node:http server answering the same number of bytes, measured in the same run.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { Bot } from '../src/bot.ts';
import { loadConfig } from '../src/config.ts';
import { loadDataset } from '../src/data/load.ts';
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
const TARGET_P99_MS = 20;

interface LoadResult {
  samples: number[];
  p50: number;
  p99: number;
  max: number;
  rps: number;
  total: number;
  errors: number;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Answers auth.test so Bolt can start without contacting Slack. */
function stubWebApi(): Server {
  return createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, user_id: 'UBENCH', bot_id: 'BBENCH', team_id: 'TBENCH' }));
  });
}

async function load(url: string, body: string, headers: Record<string, string>, options: { rate?: number; seconds: number }): Promise<LoadResult> {
  const samples: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers,
        body,
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
  const stats = summarize(samples);
  return { samples, p50: stats.p50, p99: stats.p99, max: stats.max, rps: result.requests.average, total: result.requests.total, errors: result.errors + result.timeouts + result.non2xx };
}

export default async function benchSlack(): Promise<void> {
  const webApi = stubWebApi();
  const webApiPort = await listen(webApi);
  const bot = new Bot(loadDataset());
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `http://127.0.0.1:${webApiPort}/api/`,
    PORT: '0',
  });
  const slack = createSlackApp({ config, bot, logger: silentLogger, health: new HealthState(), host: '127.0.0.1' });
  const slackPort = await slack.start();

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
  const slackUrl = `http://127.0.0.1:${slackPort}/slack/events`;
  const probe = await fetch(slackUrl, { method: 'POST', headers, body });
  const payload = Buffer.from(await probe.arrayBuffer());
  if (probe.status !== 200 || payload.length === 0) throw new Error(`slash command probe failed: HTTP ${probe.status}`);

  const bare = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(payload));
  });
  const barePort = await listen(bare);
  const bareUrl = `http://127.0.0.1:${barePort}/slack/events`;

  // Warm both paths (JIT) before measuring.
  await load(slackUrl, body, headers, { seconds: 1 });
  await load(bareUrl, body, headers, { seconds: 1 });
  const loadBefore = os.loadavg()[0]!;
  const slackRounds: LoadResult[] = [];
  const bareRounds: LoadResult[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    slackRounds.push(await load(slackUrl, body, headers, { rate: RATE, seconds: RATE_SECONDS }));
    bareRounds.push(await load(bareUrl, body, headers, { rate: RATE, seconds: RATE_SECONDS }));
  }
  const slackAtRate = pooled(slackRounds);
  const bareAtRate = pooled(bareRounds);
  const slackMax = await load(slackUrl, body, headers, { seconds: MAX_SECONDS });
  const bareMax = await load(bareUrl, body, headers, { seconds: MAX_SECONDS });
  const loadAfter = os.loadavg()[0]!;

  await slack.stop();
  await new Promise((resolve) => bare.close(resolve));
  await new Promise((resolve) => webApi.close(resolve));

  const row = (name: string, r: LoadResult): string =>
    `| ${name} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.rps.toFixed(0)} | ${r.total} | ${r.errors} |`;
  const rounds = (results: LoadResult[]): string => results.map((r) => ms(r.p99)).join(', ');
  console.log(`payload: signed \`/k8s-release 1.31\` (${body.length} B) → ephemeral Block Kit reply (${payload.length} B)`);
  console.log(
    `load: autocannon in the same process, ${CONNECTIONS} keep-alive connections; at a fixed rate autocannon sends each connection's ` +
      `per-second quota back to back, so ${RATE} req/s arrives as bursts of ${CONNECTIONS} concurrent requests`,
  );
  console.log(`machine load average (1 min) before/after: ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)} on ${os.cpus().length} CPUs`);
  console.log(`| run | p50 | p99 | max | req/s | requests | errors |`);
  console.log(`| --- | --- | --- | --- | --- | --- | --- |`);
  console.log(row(`Bolt HTTP receiver @ ${RATE} req/s, ${ROUNDS}×${RATE_SECONDS} s`, slackAtRate));
  console.log(row(`baseline: bare node:http, same bytes @ ${RATE} req/s`, bareAtRate));
  console.log(row(`Bolt HTTP receiver, max throughput ${MAX_SECONDS} s`, slackMax));
  console.log(row(`baseline: bare node:http, max throughput`, bareMax));
  console.log(`p99 per round @ ${RATE} req/s: Bolt ${rounds(slackRounds)}; bare ${rounds(bareRounds)}`);
  const met = slackAtRate.p99 < TARGET_P99_MS && slackAtRate.errors === 0;
  console.log(`target: p99 < ${TARGET_P99_MS} ms at ${RATE} req/s with zero errors → ${met ? 'met' : 'NOT met'}`);
}

function pooled(results: LoadResult[]): LoadResult {
  const samples = results.flatMap((r) => r.samples);
  const stats = summarize(samples);
  return {
    samples,
    p50: stats.p50,
    p99: stats.p99,
    max: stats.max,
    rps: results.reduce((sum, r) => sum + r.rps, 0) / results.length,
    total: results.reduce((sum, r) => sum + r.total, 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
  };
}
