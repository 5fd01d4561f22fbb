import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../../adapters/app.ts';
import { silentLogger } from '../../../src/log.ts';
import { CapturedOutput, typedInput } from './streams.ts';

let app: App | null = null;
afterEach(async () => {
  await app?.stop();
  app = null;
});

describe('console: subscribe, then a due digest arrives in the terminal', () => {
  it('posts the 1.31 code-freeze reminder seven days ahead, once, at the subscribed time', async () => {
    let now = new Date('2024-07-10T08:00:00Z');
    const input = typedInput();
    const output = new CapturedOutput();
    app = await startApp({
      env: { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'console-digest-')), PORT: '0' },
      clock: () => now,
      stdin: input,
      stdout: output,
      logger: silentLogger,
      digestCron: false,
    });
    expect(app.adapters.map((adapter) => adapter.platform)).toEqual(['console']);

    input.write('subscribe milestones 09:00 UTC\n');
    const reply = await output.waitFor(/k8s> subscribe milestones 09:00 UTC\n[\s\S]+\n\n/);
    expect(reply).toMatch(/milestone/i);
    expect(reply).not.toMatch(/scheduled digest/);

    // Nothing is due the day before the reminder.
    now = new Date('2024-07-16T09:00:00Z');
    await app.tickDigests(now);
    expect(output.text).not.toMatch(/scheduled digest/);

    // 2024-07-17 09:00 UTC: seven days before code freeze (2024-07-24 02:00 UTC).
    now = new Date('2024-07-17T09:00:00Z');
    const from = output.text.length;
    const result = (await app.tickDigests(now)) as { posted: number };
    expect(result.posted).toBe(1);
    const digest = output.text.slice(from);
    expect(digest).toMatch(/── scheduled digest ──/);
    expect(digest).toMatch(/code freeze/i);
    expect(digest).toContain('2024-07-24');

    // Exactly once: the same moment again posts nothing.
    const again = (await app.tickDigests(now)) as { posted: number };
    expect(again.posted).toBe(0);
    expect(output.text.slice(from).match(/── scheduled digest ──/g)).toHaveLength(1);

    input.write('subscriptions\n');
    await output.waitFor(/k8s> subscriptions\n[\s\S]+\n\n/, from);

    input.end();
    await app.finished;
  });
});
