// Token rotation with several replicas: installations whose token expires soon are refreshed once, by one
// replica, and every replica then uses the new token. Two real Bolt apps ("replicas"), each with its own
// connection to one real PostgreSQL database, and a stub Slack that counts refresh calls and, like Slack,
// accepts each refresh token only once.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/storage/open.ts';
import type { Store } from '../../../src/storage/store.ts';
import { TokenCipher } from '../../../src/storage/token-cipher.ts';
import { postgresBackend, postgresUrl, type Backend } from '../../storage/support/backends.ts';
import { FakeBot } from './helpers/fake-bot.ts';
import {
  INSTALLATION_KEY,
  installThroughHttp,
  startOAuthApp,
  temporaryStore,
  type RunningOAuthApp,
} from './helpers/oauth-app.ts';
import { eventEnvelope, postSigned } from './helpers/signed-request.ts';
import { StubSlack, waitFor } from './helpers/stub-slack.ts';
import { StubSlackOAuth, WORKSPACE_A } from './helpers/stub-slack-oauth.ts';

const url = postgresUrl();

const mentionFromA = (ts: string) => ({
  ...eventEnvelope({
    type: 'app_mention',
    user: 'U0ASKER01',
    text: '<@UBOTA0001> 1.31',
    ts,
    channel: 'C1',
    event_ts: ts,
  }),
  team_id: WORKSPACE_A.teamId,
  authorizations: [{ enterprise_id: null, team_id: WORKSPACE_A.teamId, user_id: 'UBOTA0001', is_bot: true }],
});

describe('Slack token rotation', () => {
  let stub: StubSlack;
  let oauth: StubSlackOAuth;
  const apps: RunningOAuthApp[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await stub.close();
  });

  /** Installs workspace A through the first app with a token that expires in 10 minutes (inside the refresh window). */
  async function installExpiringSoon(): Promise<string> {
    oauth.expiresIn = 600;
    oauth.redirectUrl = `${apps[0]!.baseUrl}/slack/oauth_redirect`;
    const steps = await installThroughHttp(apps[0]!.baseUrl);
    expect(steps.finished.status).toBe(200);
    oauth.expiresIn = 12 * 3600; // the refreshed token lasts 12 hours, as Slack's do
    oauth.refreshDelayMs = 300; // long enough for the other replica to ask meanwhile
    return oauth.tokensOf(WORKSPACE_A)[0]!;
  }

  async function mentionBothAtOnce(): Promise<string[]> {
    const delivered = await Promise.all(
      apps.map((app, i) =>
        postSigned(app.eventsUrl, JSON.stringify(mentionFromA(`170000000${i}.000100`)), 'application/json'),
      ),
    );
    expect(delivered.map((response) => response.status)).toEqual(apps.map(() => 200));
    const posts = await waitFor(
      () => stub.callsTo('chat.postMessage').length === apps.length && stub.callsTo('chat.postMessage'),
      'a reply from every replica',
      10_000,
    );
    return posts.map((post) => post.authorization!);
  }

  it.skipIf(!url)(
    'two replicas on one PostgreSQL database: exactly one refresh, and both reply with its token',
    async () => {
      stub = await new StubSlack().start();
      oauth = new StubSlackOAuth(stub);
      const backend: Backend = postgresBackend(url!);
      cleanups.push(() => backend.cleanUp());
      const location = await backend.fresh();
      for (let i = 0; i < 2; i++) {
        const store: Store = await openStore({ ...location, installationCipher: new TokenCipher(INSTALLATION_KEY) });
        cleanups.push(() => store.close());
        apps.push(await startOAuthApp(stub, oauth, new FakeBot(), store));
      }
      const first = await installExpiringSoon();

      const used = await mentionBothAtOnce();
      expect(oauth.refreshCalls).toBe(1);
      const [, refreshed] = oauth.tokensOf(WORKSPACE_A);
      expect(refreshed).toBeDefined();
      expect(refreshed).not.toBe(first);
      expect(used).toEqual([`Bearer ${refreshed}`, `Bearer ${refreshed}`]);
      const stored = await apps[1]!.store.findInstallation({
        teamId: WORKSPACE_A.teamId,
        enterpriseId: null,
        isEnterpriseInstall: false,
      });
      expect(stored?.tokens.botToken).toBe(refreshed);
      expect(stored!.botTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 11 * 3_600_000);
    },
    30_000,
  );

  it('one process on SQLite: concurrent events share one refresh', async () => {
    stub = await new StubSlack().start();
    oauth = new StubSlackOAuth(stub);
    const { store, remove } = temporaryStore();
    cleanups.push(remove);
    const app = await startOAuthApp(stub, oauth, new FakeBot(), store);
    apps.push(app);
    await installExpiringSoon();
    // Two events at once in the same process.
    apps.push({ ...app, close: async () => undefined });
    const used = await mentionBothAtOnce();
    expect(oauth.refreshCalls).toBe(1);
    expect(new Set(used)).toEqual(new Set([`Bearer ${oauth.tokensOf(WORKSPACE_A)[1]}`]));
  }, 30_000);
});
