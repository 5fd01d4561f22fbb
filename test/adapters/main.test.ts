import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/data/paths.ts';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

// The image's command, `node --import tsx adapters/main.ts`, with tsx resolved from the repository (the cwd is elsewhere).
const TSX_LOADER = pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** Runs the bot's entry point in a clean environment and a fresh working directory. */
function start(
  env: Record<string, string>,
  options: {
    stdin?: string | 'none';
    cwd?: string;
    onStderr?: (text: string, child: ReturnType<typeof spawn>) => void;
    onStdout?: (text: string, child: ReturnType<typeof spawn>) => void;
    /** Written to stdin, which then stays open (the process must be stopped). */
    stdinKeepOpen?: string;
  } = {},
): Promise<Run> {
  const cwd = options.cwd ?? mkdtempSync(path.join(tmpdir(), 'main-'));
  const child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(REPO_ROOT, 'adapters/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, DATA_DIR: path.join(cwd, 'var'), PORT: '0', ...env },
    // 'none': stdin is /dev/null, as in a container with no terminal attached.
    stdio: [options.stdin === 'none' ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    options.onStdout?.(stdout, child);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    options.onStderr?.(stderr, child);
  });
  if (options.stdin !== undefined && options.stdin !== 'none') child.stdin!.end(options.stdin);
  if (options.stdinKeepOpen !== undefined) child.stdin!.write(options.stdinKeepOpen);
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

describe('npm start (adapters/main.ts)', () => {
  it('with no tokens and piped questions: answers them with the console adapter and exits 0', async () => {
    const run = await start({}, { stdin: 'who led 1.24\n/k8s-release 1.31\n' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^k8s> who led 1\.24\n/);
    expect(run.stdout).toContain('James Laverack');
    expect(run.stdout).toContain('k8s> 1.31\n');
    expect(run.stdout).toContain('Elli');
    expect(run.stderr).toBe(''); // the console logs warnings only, unless LOG_LEVEL says otherwise
  });

  it('no tokens and no terminal or piped input (an empty Secret in a pod): exit 1 naming the variables, not a silent 0', async () => {
    const run = await start({}, { stdin: 'none' });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/SLACK_BOT_TOKEN .* or DISCORD_TOKEN .* must be set/);
    expect(run.stderr).toContain('no terminal or piped input');
  });

  it('a bad variable: exit 1 with a message naming it, never its value', async () => {
    const run = await start({ SLACK_BOT_TOKEN: 'xapp-Zq9s3cr3t-token', PORT: 'eighty' }, { stdin: '' });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Invalid configuration/);
    expect(run.stderr).toMatch(/SLACK_BOT_TOKEN holds an app-level token/);
    expect(run.stderr).toMatch(/PORT must be a whole port number/);
    expect(run.stderr).not.toContain('Zq9s3cr3t');
  });

  it('reads .env from the working directory; the environment wins over it', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'main-env-'));
    writeFileSync(path.join(cwd, '.env'), 'LOG_LEVEL=loud\nDIGEST_GRACE_HOURS=soon\n');
    const run = await start({ LOG_LEVEL: 'warn' }, { stdin: '', cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/DIGEST_GRACE_HOURS must be a number of hours/);
    expect(run.stderr).not.toMatch(/LOG_LEVEL/);
  });

  it('SIGTERM: shuts down gracefully and exits 0', async () => {
    let signalled = false;
    const run = await start(
      { LOG_LEVEL: 'info' },
      {
        onStderr: (text, child) => {
          if (!signalled && text.includes('k8s-release-bot ready')) {
            signalled = true;
            child.kill('SIGTERM');
          }
        },
      },
    );
    expect(signalled).toBe(true);
    expect(run.code, run.stderr).toBe(0);
    const messages = run.stderr
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(expect.arrayContaining(['k8s-release-bot ready', 'shutting down', 'stopped']));
    expect(messages.indexOf('shutting down')).toBeGreaterThan(messages.indexOf('k8s-release-bot ready'));
  });

  // better-sqlite3 12 aborted Node 24 (exit 134, `RemoveEnvironmentCleanupHook: Assertion (env) != nullptr`)
  // once the garbage collector freed one of its statements: a while after start-up, or at shutdown.
  it(`SIGTERM after a subscription and 300 answers (the collections they cause) exits 0 (Node ${process.versions.node})`, async () => {
    const questions = Array.from({ length: 300 }, (_, i) => `what went GA in 1.${20 + (i % 17)}\n`).join('');
    let signalled = false;
    const run = await start(
      {},
      {
        onStdout: (text, child) => {
          if (signalled || (text.match(/Graduated to stable/g) ?? []).length < 300) return;
          signalled = true;
          child.kill('SIGTERM');
        },
        stdinKeepOpen: `subscribe weekly\n${questions}`,
      },
    );
    expect(signalled).toBe(true);
    expect(run.stderr).not.toMatch(/Assertion failed/);
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 0, signal: null });
    expect(run.stdout).toContain('Subscribed');
  });
});
