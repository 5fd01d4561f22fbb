// `npm start` runs scripts/start.mjs: it bundles the bot when the bundle is missing or older than the sources,
// then runs dist/adapters/main.js (what the image runs) in its own process. Real processes, the real bundle,
// with each adapter against the stubs the adapter tests use (the bundle holds Bolt and discord.js too).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayDispatchEvents } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/data/paths.ts';
import { chatInputInteraction, IDS } from '../adapters/discord/support/payloads.ts';
import { embedText } from '../adapters/discord/support/limits.ts';
import { StubDiscord } from '../adapters/discord/support/stubDiscord.ts';
import { postSigned, SIGNING_SECRET, slashCommandBody } from '../adapters/slack/helpers/signed-request.ts';
import { StubSlack } from '../adapters/slack/helpers/stub-slack.ts';

const ENTRY = path.join(REPO_ROOT, 'dist', 'adapters', 'main.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

interface Session {
  code: number | null;
  stdout: string;
  stderr: string;
  healthz: number;
  /** Processes below the bot's own while it was answering. */
  children: number;
}

/** Starts `node scripts/start.mjs`, asks one question, checks /healthz, then ends stdin and waits for the exit. */
async function startAndAsk(question: string, expectInAnswer: string): Promise<Session> {
  const cwd = mkdtempSync(path.join(tmpdir(), 'start-'));
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'start.mjs')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, DATA_DIR: path.join(cwd, 'var'), PORT: String(port) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const answered = new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes(expectInAnswer)) resolve();
    }),
  );
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  child.stdin.write(`${question}\n`);
  await Promise.race([answered, exited]);
  const healthz = await fetch(`http://127.0.0.1:${port}/healthz`).then(
    (response) => response.status,
    () => 0,
  );
  // ps exits 1 when it lists nothing.
  const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)])
    .stdout.toString()
    .trim()
    .split('\n')
    .filter(Boolean).length;
  child.stdin.end();
  const code = await exited;
  rmSync(cwd, { recursive: true, force: true });
  return { code, stdout, stderr, healthz, children };
}

describe('npm start (scripts/start.mjs → the bundle in dist/adapters)', () => {
  it('bundles when there is no bundle, answers from it in one process, and does not bundle again while it is current', async () => {
    rmSync(path.join(REPO_ROOT, 'dist'), { recursive: true, force: true });

    const first = await startAndAsk('who led 1.24', 'James Laverack');
    expect(first.stderr).toContain('bundling (npm run build)');
    expect(first.stdout).toContain('James Laverack');
    expect(first.healthz).toBe(200);
    // esbuild's service process is stopped once the bundle is written: the bot runs alone.
    expect(first.children).toBe(0);
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(ENTRY)).toBe(true);

    const builtAt = statSync(ENTRY).mtimeMs;
    const second = await startAndAsk('/k8s-release 1.31', 'Elli');
    expect(second.stderr).not.toContain('bundling');
    expect(second.code, second.stderr).toBe(0);
    expect(statSync(ENTRY).mtimeMs).toBe(builtAt);
  }, 120_000);

  it('bundles again when a source file is newer than the bundle', async () => {
    if (!existsSync(ENTRY)) await startAndAsk('help', 'k8s>');
    const source = path.join(REPO_ROOT, 'src', 'engine', 'parse.ts');
    const original = statSync(source);
    const builtAt = statSync(ENTRY).mtimeMs;
    utimesSync(source, original.atime, new Date(builtAt + 1_000));
    try {
      const run = await startAndAsk('when is code freeze for 1.33', '1.33');
      expect(run.stderr).toContain('bundling (npm run build)');
      expect(run.code, run.stderr).toBe(0);
      expect(statSync(ENTRY).mtimeMs).toBeGreaterThan(builtAt);
    } finally {
      utimesSync(source, original.atime, original.mtime);
    }
  }, 120_000);
});

/** Runs the bundle (`node dist/adapters/main.js`, the image's command) until /readyz answers 200. */
async function runBundle(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number; stderr: () => string }> {
  if (!existsSync(ENTRY)) await startAndAsk('help', 'k8s>');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bundle-'));
  const port = await freePort();
  const child = spawn(process.execPath, [ENTRY], {
    cwd: dataDir,
    env: { PATH: process.env.PATH ?? '', HOME: dataDir, DATA_DIR: dataDir, PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await expect
    .poll(
      () => {
        if (child.exitCode !== null) throw new Error(`the bundle exited ${child.exitCode}: ${stderr}`);
        return fetch(`http://127.0.0.1:${port}/readyz`).then(
          (response) => response.status,
          () => 0,
        );
      },
      { timeout: 30_000, interval: 50 },
    )
    .toBe(200);
  return { child, port, stderr: () => stderr };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

describe('the bundle runs the chat adapters (the image, against stub platforms)', () => {
  it('Slack over HTTP: a signed /k8s-release is answered with Block Kit, and SIGTERM exits 0', async () => {
    const slack = await new StubSlack().start();
    const bot = await runBundle({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
    });
    try {
      const reply = await postSigned(
        `http://127.0.0.1:${bot.port}/slack/events`,
        slashCommandBody('1.31'),
        'application/x-www-form-urlencoded',
      );
      expect(reply.status).toBe(200);
      const body = JSON.stringify(await reply.json());
      expect(body).toContain('"blocks"');
      expect(body).toContain('Elli');
    } finally {
      expect(await stop(bot.child), bot.stderr()).toBe(0);
      await slack.close();
    }
  }, 60_000);

  it('Discord: an interaction over the gateway is answered with embeds, and SIGTERM exits 0', async () => {
    const discord = await StubDiscord.start();
    const bot = await runBundle({
      DISCORD_TOKEN: 'stub-token',
      DISCORD_APPLICATION_ID: IDS.application,
      DISCORD_API_URL: discord.apiUrl,
    });
    try {
      const interaction = chatInputInteraction('release', { version: '1.31' });
      discord.dispatch(GatewayDispatchEvents.InteractionCreate, interaction);
      const callback = await discord.waitForRequest(
        (request) => request.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
        10_000,
      );
      expect(embedText(callback.body.data.embeds)).toContain('Elli');
    } finally {
      expect(await stop(bot.child), bot.stderr()).toBe(0);
      await discord.close();
    }
  }, 60_000);
});
