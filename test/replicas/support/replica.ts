// A real bot process (`node --import tsx adapters/main.ts`, the image's command) in Slack HTTP mode, against
// a stub Slack API and a shared PostgreSQL database. Its JSON log lines tell the test its port and state.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../../src/data/paths.ts';
import { SIGNING_SECRET } from '../../adapters/slack/helpers/signed-request.ts';

const TSX_LOADER = pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface LogLine {
  msg?: string;
  level?: number;
  [key: string]: unknown;
}

export interface Replica {
  name: string;
  child: ChildProcess;
  port: number;
  baseUrl: string;
  logs: LogLine[];
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  kill(signal: NodeJS.Signals): void;
}

export interface ReplicaOptions {
  databaseUrl: string;
  slackApiUrl: string;
  env?: Record<string, string>;
}

/** Starts one replica and resolves once it logged 'k8s-release-bot ready'. */
export function startReplica(name: string, { databaseUrl, slackApiUrl, env = {} }: ReplicaOptions): Promise<Replica> {
  const cwd = mkdtempSync(path.join(tmpdir(), `replica-${name}-`));
  const child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(REPO_ROOT, 'adapters/main.ts')], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: cwd,
      DATA_DIR: path.join(cwd, 'var'),
      PORT: '0',
      LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApiUrl,
      DATABASE_URL: databaseUrl,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const logs: LogLine[] = [];
  let stderr = '';
  let buffered = '';
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return new Promise((resolve, reject) => {
    let port = 0;
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const text of lines) {
        let line: LogLine;
        try {
          line = JSON.parse(text) as LogLine;
        } catch {
          continue;
        }
        logs.push(line);
        if (line.msg === 'Slack adapter started') port = Number(line.port);
        if (line.msg === 'k8s-release-bot ready') {
          resolve({
            name,
            child,
            port,
            baseUrl: `http://127.0.0.1:${port}`,
            logs,
            exited,
            kill: (signal) => child.kill(signal),
          });
        }
      }
    });
    void exited.then((code) => reject(new Error(`replica ${name} exited (${code}) before it was ready:\n${stderr}`)));
  });
}

/** Stops every replica still running (kill -9: the tests that care about graceful stops do them themselves). */
export async function killAll(replicas: Replica[]): Promise<void> {
  for (const replica of replicas.splice(0)) {
    if (replica.child.exitCode === null && replica.child.signalCode === null) replica.kill('SIGKILL');
    await replica.exited;
  }
}
