// Spawned by crash-repost.test.ts: one bot replica's digest scheduler posting to Slack (the stub Web API)
// from the shared SQLite file, ticking once at the given time. The test kills it with SIGKILL mid-post.
import { createSlackPoster } from '../../../adapters/slack/poster.ts';
import { startDigestScheduler } from '../../../src/digest/scheduler.ts';
import { silentLogger } from '../../../src/log.ts';
import { openSqliteStore as openSubscriptionStore } from '../../../src/storage/subscription-store.ts';
import { cycle131, dataset } from '../fixtures.ts';

const [dataDir, apiUrl, nowText] = process.argv.slice(2);
const store = openSubscriptionStore(dataDir!);
const poster = createSlackPoster({
  token: 'xoxb-test-token',
  clientOptions: { slackApiUrl: apiUrl!, retryConfig: { retries: 0 } },
});
const scheduler = startDigestScheduler({
  store,
  dataset: dataset({ schedules: [cycle131] }),
  posters: [poster],
  logger: silentLogger,
  graceHours: 6,
  cronExpression: false,
});
process.stdout.write(`${JSON.stringify(await scheduler.tick(new Date(nowText!)))}\n`);
