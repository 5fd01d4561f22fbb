// The `ask` CLI through a real process: tsx running src/cli/ask.ts, as `npm run ask` does.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function ask(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [path.join(root, 'src', 'cli', 'ask.ts'), ...args], {
      cwd: root,
      env: { ...process.env, DATASET_DIR: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

interface JsonAnswer {
  intent: string;
  text: string;
  release: string | null;
  summary: string;
  items: Array<{ kep: number | null; title: string; stage: string | null; sig: string | null }>;
  now: string;
}

describe('ask CLI', () => {
  it('prints the plain-text answer and exits 0', async () => {
    const run = await ask(['--now', '2024-09-01', 'who led 1.24']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('James Laverack (@JamesLaverack) led the Kubernetes 1.24 release');
    expect(run.stdout).toContain('Data as of 2026-08-22');
  });

  it('joins several words into one question', async () => {
    const run = await ask(['--now', '2024-09-01T12:00:00Z', 'when', 'is', 'code', 'freeze', 'for', '1.31']);
    expect(run.stdout).toContain('2024-07-24 02:00 UTC');
  });

  it('--json prints intent, text, release and items (kep, title, stage, sig)', async () => {
    const run = await ask(['--json', '--now', '2024-09-01T12:00:00Z', 'what went GA in 1.31']);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as JsonAnswer;
    expect(answer.intent).toBe('stage-list');
    expect(answer.release).toBe('1.31');
    expect(answer.text).toContain('KEP-2395');
    expect(answer.text).toContain('Graduated to stable in Kubernetes 1.31');
    expect(answer.items).toContainEqual(
      expect.objectContaining({
        kep: 3836,
        stage: 'stable',
        sig: 'sig-network',
        title: 'Kube-proxy improved ingress connectivity reliability',
      }),
    );
    expect(answer.items).toContainEqual(expect.objectContaining({ kep: 2395, sig: 'sig-cloud-provider' }));
    expect(answer.now).toBe('2024-09-01T12:00:00.000Z');
  });

  it('--now changes what "latest" means', async () => {
    const [before, after] = await Promise.all([
      ask(['--json', '--now', '2024-09-01', 'what went GA']),
      ask(['--json', '--now', '2026-08-22T12:00:00Z', 'what went GA']),
    ]);
    expect((JSON.parse(before.stdout) as JsonAnswer).release).toBe('1.31');
    expect((JSON.parse(after.stdout) as JsonAnswer).release).toBe('1.36');
  });

  it('reads stdin one question per line and writes JSON Lines with --json', async () => {
    const run = await ask(
      ['--json', '--now', '2024-09-01'],
      'KEP-3836\n\nwho led 1.24\r\n<!channel> is 1.28 still supported @everyone\nxyzzy frobnicate',
    );
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    const answers = lines.map((line) => JSON.parse(line) as JsonAnswer);
    expect(answers.map((answer) => answer.intent)).toEqual(['kep', 'team', 'support', 'search']);
    expect(answers[0]!.items).toEqual([]);
    expect(answers[0]!.text).toContain('KubeProxyDrainingTerminatingNodes');
    expect(answers[2]!.text).toContain('2024-10-22');
    expect(run.stdout).not.toMatch(/<!channel>|@everyone/);
  });

  it('answers the reported questions honestly: 1.37 as a plan, nonsense as no match', async () => {
    const run = await ask(
      ['--json', '--now', '2026-11-21T12:00:00Z'],
      'tell me about 1.37\nwhat went GA in 1.37\nfoo bar baz\napparmour',
    );
    expect(run.code).toBe(0);
    const [summary, list, nonsense, typo] = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as JsonAnswer);
    expect(summary!.text).toContain('Targeting stable in 1.37 (kep.yaml)');
    expect(summary!.text).not.toContain('Reached stable');
    expect(list!.summary).toContain('28 KEPs target stable in Kubernetes 1.37 by kep.yaml');
    expect(list!.items).toContainEqual(expect.objectContaining({ kep: 4006, stage: 'beta' }));
    expect(nonsense!.intent).toBe('search');
    expect(nonsense!.items).toEqual([]);
    expect(nonsense!.text).toContain('No match for “foo bar baz”');
    expect(nonsense!.text).not.toContain('Did you mean');
    expect(typo!.intent).toBe('kep');
    expect(typo!.text).toContain('Did you mean “apparmor”?');
  });

  it('reads stdin in plain text with a separator between answers', async () => {
    const run = await ask(['--now', '2024-09-01'], '1.31\n1.24\n');
    expect(run.code).toBe(0);
    const answers = run.stdout.split('\n---\n');
    expect(answers).toHaveLength(2);
    expect(answers[0]).toContain('Elli');
    expect(answers[1]).toContain('Stargazer');
  });

  it('rejects a bad --now with exit 2 and a message naming the option', async () => {
    const run = await ask(['--now', 'yesterday', '1.31']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--now: not an ISO-8601 date or time: "yesterday"');
  });

  it('rejects unknown options with exit 2', async () => {
    const run = await ask(['--verbose', '1.31']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--verbose'");
  });

  it('exits 1 naming the file when the dataset cannot be loaded', async () => {
    const run = await ask(['--data', path.join(root, 'test', 'no-such-dataset'), '1.31']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(path.join('no-such-dataset', 'manifest.json'));
  });

  it('prints usage for --help', async () => {
    const run = await ask(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: npm run --silent ask');
  });
});
