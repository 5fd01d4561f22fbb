import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addPatchRelease, BotProcess, buildDataset, copyMiniTree, PATCH_DATA } from './helpers.ts';

const running: BotProcess[] = [];
const temporary: string[] = [];
afterEach(async () => {
  for (const bot of running.splice(0)) {
    bot.child.kill('SIGKILL');
    await bot.exited;
  }
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function startBot(env: Record<string, string>): BotProcess {
  const bot = new BotProcess(env);
  running.push(bot);
  return bot;
}

describe('the running bot refreshes its data from SYNC_FROM (a real process, console adapter)', () => {
  it('a new patch upstream changes the answer and alerts a releases subscriber within one refresh, without a restart', async () => {
    const tree = copyMiniTree();
    const datasetDir = await buildDataset(tree);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'k8s-live-var-'));
    temporary.push(tree, datasetDir, dataDir);
    const env = { DATASET_DIR: datasetDir, DATA_DIR: dataDir, SYNC_FROM: tree, DATA_REFRESH: '1s' };
    const bot = startBot(env);

    expect(await bot.ask('subscribe releases patches Asia/Tokyo')).toContain('release alerts (new patches)');
    const before = await bot.ask('latest patch of 1.36');
    expect(before).toContain('1.36.4');
    expect(before).not.toContain('1.36.5');
    // An unchanged tree: a refresh runs and keeps the data it started with.
    let quiet = await bot.status();
    for (let tries = 0; quiet.refresh.lastAttempt === null && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      quiet = await bot.status();
    }
    expect(quiet.refresh.lastAttempt).toMatchObject({ result: 'unchanged' });
    expect(quiet.data).toMatchObject({ dataDate: '2026-08-22', loadedFrom: datasetDir });

    addPatchRelease(tree, '1.36.5', '2026-09-09');
    await bot.waitFor('the release alert', () => bot.stdout.includes('Kubernetes 1.36.5 is released'));
    expect(bot.stdout).toContain('Kubernetes 1.36.5, a patch release of 1.36, is out (Wed 2026-09-09)');
    const after = await bot.ask('latest patch of 1.36');
    expect(after).toContain('1.36.5');
    const status = await bot.status();
    expect(status.data.loadedFrom).toMatch(new RegExp(`^${dataDir}/datasets/2026-08-22-[0-9a-f]{12}$`));
    expect(status.refresh.lastAttempt).toMatchObject({ result: expect.stringMatching(/updated|unchanged/) });

    // A broken file: answers stay as they were, /status and the log name the file.
    writeFileSync(path.join(tree, PATCH_DATA), '{ "versions": { "1.36.6": ');
    await bot.waitFor('the failed refresh', () => bot.stderr.includes('data refresh failed'));
    const failed = await bot.status();
    expect(failed.refresh.lastAttempt).toMatchObject({
      result: 'failed',
      file: expect.stringContaining('kubernetes.json'),
    });
    expect(await bot.ask('latest patch of 1.36')).toContain('1.36.5');
    expect(bot.stdout.match(/Kubernetes 1\.36\.5 is released/g)).toHaveLength(1);

    // The same story in /metrics (Prometheus text).
    await bot.ask('frobnicate the quantum flux capacitor');
    const metrics = await bot.metrics();
    expect(metrics).toMatch(/^k8s_release_bot_questions_total\{kind="support"\} 3$/m);
    expect(metrics).toMatch(/^k8s_release_bot_unanswered_total 1$/m);
    expect(metrics).toMatch(/^k8s_release_bot_answer_duration_seconds_count\{kind="support"\} 3$/m);
    expect(metrics).toMatch(/^k8s_release_bot_digest_posts_total\{platform="console",outcome="posted"\} 1$/m);
    expect(metrics).toMatch(/^k8s_release_bot_refresh_attempts_total\{result="updated"\} [1-9]/m);
    expect(metrics).toMatch(/^k8s_release_bot_refresh_attempts_total\{result="failed"\} [1-9]/m);
    const age = Number(/^k8s_release_bot_data_age_seconds (\d+)$/m.exec(metrics)![1]);
    expect(age).toBeGreaterThan((Date.now() - Date.parse('2026-08-23T00:00:00Z')) / 1000);
    expect(await bot.stop()).toBe(0);

    // After a restart the persisted dataset is served, not the older DATASET_DIR one, and nothing is re-announced.
    const restarted = startBot({ ...env, DATA_REFRESH: 'off' });
    expect(await restarted.ask('latest patch of 1.36')).toContain('1.36.5');
    expect((await restarted.status()).refresh).toMatchObject({ enabled: false });
    expect(await restarted.stop()).toBe(0);
    expect(restarted.stdout).not.toContain('is released');
  }, 120_000);
});
