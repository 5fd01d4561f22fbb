// Installing to any workspace, through the real pieces: the bot's HTTP receiver with @slack/oauth's
// InstallProvider, a real SQLite store with sealed tokens, signed Slack requests, and a stub Slack that issues
// a different token to each workspace (so it can tell which token every call used).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleAnswer } from './helpers/answers.ts';
import { FakeBot } from './helpers/fake-bot.ts';
import { installThroughHttp, startOAuthApp, temporaryStore, type RunningOAuthApp } from './helpers/oauth-app.ts';
import { eventEnvelope, postSigned, slashCommandBody } from './helpers/signed-request.ts';
import { StubSlack, waitFor } from './helpers/stub-slack.ts';
import { StubSlackOAuth, WORKSPACE_A, WORKSPACE_B, type StubWorkspace } from './helpers/stub-slack-oauth.ts';
import type { Store } from '../../../src/storage/store.ts';
import { rawRows } from '../../storage/support/backends.ts';

const FORM = 'application/x-www-form-urlencoded';
const settings = { kind: 'both', time: '09:00', timeZone: 'UTC', weekday: 1 } as const;

/** An Events API envelope from `workspace`. */
const fromWorkspace = (workspace: StubWorkspace, event: Record<string, unknown>) => ({
  ...eventEnvelope(event),
  team_id: workspace.teamId,
  authorizations: [
    {
      enterprise_id: null,
      team_id: workspace.teamId,
      user_id: workspace.botUserId,
      is_bot: true,
      is_enterprise_install: false,
    },
  ],
});

const mention = (workspace: StubWorkspace, ts: string) =>
  fromWorkspace(workspace, {
    type: 'app_mention',
    user: 'U0ASKER01',
    text: `<@${workspace.botUserId}> 1.31`,
    ts,
    channel: 'C0CHANNEL1',
    event_ts: ts,
  });

/** Polls `check` (an event listener runs after the ack) until it holds, or fails naming `what`. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const slashCommand = (running: RunningOAuthApp, workspace: StubWorkspace, text = '1.31') =>
  postSigned(running.eventsUrl, slashCommandBody(text, { team_id: workspace.teamId }), FORM);

describe('Slack: install to any workspace (OAuth v2)', () => {
  let stub: StubSlack;
  let oauth: StubSlackOAuth;
  let store: Store;
  let removeStore: () => Promise<void>;
  let dataDir: string;
  let running: RunningOAuthApp;
  let bot: FakeBot;

  beforeEach(async () => {
    stub = await new StubSlack().start();
    oauth = new StubSlackOAuth(stub);
    ({ store, dir: dataDir, remove: removeStore } = temporaryStore());
    bot = new FakeBot(() => sampleAnswer('release-summary'));
    running = await startOAuthApp(stub, oauth, bot, store);
  });
  afterEach(async () => {
    await running.close();
    await stub.close();
    await removeStore();
  });

  const install = async (workspace: StubWorkspace) => {
    oauth.installing = workspace;
    return installThroughHttp(running.baseUrl);
  };

  it('/slack/install sets a state cookie and links to the authorize page named by SLACK_API_URL, with that state', async () => {
    const page = await fetch(`${running.baseUrl}/slack/install`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const cookie = page.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^slack-app-oauth-state=[^;]+; Secure; HttpOnly; Path=\/; Max-Age=600$/);
    const html = await page.text();
    const link = new URL(/id="add-to-slack" href="([^"]+)"/.exec(html)![1]!.replaceAll('&amp;', '&'));
    expect(`${link.origin}${link.pathname}`).toBe(`${stub.baseUrl}/oauth/v2/authorize`);
    expect(link.searchParams.get('client_id')).toBe('1111111111.2222222222');
    expect(link.searchParams.get('scope')).toBe(
      'commands,chat:write,app_mentions:read,im:history,im:read,im:write,channels:history,groups:history',
    );
    expect(link.searchParams.get('state')).toBe(/^slack-app-oauth-state=([^;]+)/.exec(cookie)![1]);
  });

  it('an install stores the workspace’s installation, its tokens sealed, and shows the success page', async () => {
    const steps = await install(WORKSPACE_A);
    expect(steps.finished.status).toBe(200);
    expect(steps.finishedHtml).toContain('Installed in <strong>Alpha Org</strong>');
    // The state cookie is cleared whatever the outcome.
    expect(steps.finished.headers.get('set-cookie')).toMatch(/^slack-app-oauth-state=deleted;/);
    const [token] = oauth.tokensOf(WORKSPACE_A);
    const installation = await store.findInstallation({
      teamId: 'T0AAAA001',
      enterpriseId: null,
      isEnterpriseInstall: false,
    });
    expect(installation).toMatchObject({
      teamId: 'T0AAAA001',
      tokens: { botToken: token, userToken: null },
      details: { team: { id: 'T0AAAA001', name: 'Alpha Org' }, bot: { userId: 'UBOTA0001', id: 'B0AAAA001' } },
    });
    expect(JSON.stringify(await rawRows({ dataDir }, 'slack_installations'))).not.toContain(token);
    // oauth.v2.access got the code from the redirect, then auth.test the new token.
    expect(stub.callsTo('oauth.v2.access')[0]!.params).toMatchObject({
      code: steps.redirectUrl.searchParams.get('code'),
    });
    expect(stub.callsTo('auth.test').map((call) => call.authorization)).toEqual([`Bearer ${token}`]);
  });

  it('each workspace is answered with its own token', async () => {
    await install(WORKSPACE_A);
    await install(WORKSPACE_B);
    const [tokenA] = oauth.tokensOf(WORKSPACE_A);
    const [tokenB] = oauth.tokensOf(WORKSPACE_B);
    expect(tokenA).not.toBe(tokenB);

    // A signed slash command from A is answered (in the ack) …
    const answered = await slashCommand(running, WORKSPACE_A);
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { response_type: string }).response_type).toBe('ephemeral');
    expect(bot.asked.at(-1)?.conversation.channel).toEqual({
      platform: 'slack',
      workspace: 'T0AAAA001',
      channel: 'C0CHANNEL1',
    });

    // … and mentions are posted with the token of the workspace they came from.
    for (const [workspace, ts] of [
      [WORKSPACE_B, '1700000001.000100'],
      [WORKSPACE_A, '1700000002.000100'],
    ] as const) {
      const delivered = await postSigned(running.eventsUrl, JSON.stringify(mention(workspace, ts)), 'application/json');
      expect(delivered.status).toBe(200);
    }
    const posts = await waitFor(
      () => stub.callsTo('chat.postMessage').length === 2 && stub.callsTo('chat.postMessage'),
      'two replies',
    );
    expect(posts.map((post) => [post.params.thread_ts, post.authorization])).toEqual([
      ['1700000001.000100', `Bearer ${tokenB}`],
      ['1700000002.000100', `Bearer ${tokenA}`],
    ]);

    // Digests too: the poster takes the token of the subscription's workspace.
    await running.slack.poster.post(
      { platform: 'slack', workspace: 'T0BBBB001', channel: 'C0DIGEST01' },
      sampleAnswer('cycle-status'),
    );
    expect(stub.callsTo('chat.postMessage').at(-1)).toMatchObject({
      params: { channel: 'C0DIGEST01' },
      authorization: `Bearer ${tokenB}`,
    });
  });

  it('app_uninstalled deletes the installation and pauses its subscriptions; the next command is refused politely', async () => {
    await install(WORKSPACE_A);
    await install(WORKSPACE_B);
    const inA = { platform: 'slack', workspace: 'T0AAAA001', channel: 'C0CHANNEL1' } as const;
    const inB = { platform: 'slack', workspace: 'T0BBBB001', channel: 'C0CHANNEL1' } as const;
    await store.save(inA, settings, new Date());
    await store.save(inB, settings, new Date());

    const uninstalled = await postSigned(
      running.eventsUrl,
      JSON.stringify(fromWorkspace(WORKSPACE_A, { type: 'app_uninstalled', event_ts: '1700000003.000100' })),
      'application/json',
    );
    expect(uninstalled.status).toBe(200);
    await until(async () => (await store.find(inA))?.pausedAt !== null, 'the subscription paused');
    expect(await store.find(inA)).toMatchObject({ pausedReason: 'the app was uninstalled from this Slack workspace' });
    expect((await store.find(inB))?.pausedAt).toBeNull();
    expect(
      await store.findInstallation({ teamId: 'T0AAAA001', enterpriseId: null, isEnterpriseInstall: false }),
    ).toBeNull();

    const asked = bot.asked.length;
    const refused = await slashCommand(running, WORKSPACE_A);
    expect(refused.status).toBe(200);
    const reply = (await refused.json()) as { response_type: string; text: string };
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(/^k8s-release-bot is not installed in this workspace/);
    expect(bot.asked).toHaveLength(asked);
    // A mention from A is dropped (no token to answer with); B still works.
    await postSigned(running.eventsUrl, JSON.stringify(mention(WORKSPACE_A, '1700000004.000100')), 'application/json');
    expect(((await (await slashCommand(running, WORKSPACE_B)).json()) as { response_type: string }).response_type).toBe(
      'ephemeral',
    );
    expect(bot.asked).toHaveLength(asked + 1);
    expect(stub.callsTo('chat.postMessage')).toEqual([]);
    // A digest for A is a permanent failure, not a retry.
    await expect(running.slack.poster.post(inA, sampleAnswer('cycle-status'))).rejects.toMatchObject({
      name: 'PermanentPostError',
      reason: 'not_installed',
    });
  });

  it('a slash command from a workspace that never installed the app is refused politely', async () => {
    const reply = (await (await slashCommand(running, WORKSPACE_B)).json()) as { text: string };
    expect(reply.text).toMatch(/not installed in this workspace/);
    expect(bot.asked).toEqual([]);
  });

  it('tokens_revoked for the bot ends the installation like an uninstall', async () => {
    await install(WORKSPACE_B);
    await store.save({ platform: 'slack', workspace: 'T0BBBB001', channel: 'C1' }, settings, new Date());
    const revoked = fromWorkspace(WORKSPACE_B, {
      type: 'tokens_revoked',
      tokens: { bot: ['UBOTB0001'] },
      event_ts: '1',
    });
    expect((await postSigned(running.eventsUrl, JSON.stringify(revoked), 'application/json')).status).toBe(200);
    const key = { teamId: 'T0BBBB001', enterpriseId: null, isEnterpriseInstall: false };
    await until(async () => (await store.findInstallation(key)) === null, 'the installation deleted');
    expect((await store.list())[0]).toMatchObject({
      pausedReason: "the app's bot token was revoked in this Slack workspace",
    });
  });

  describe('the state check', () => {
    it('refuses a forged state, even with a state cookie of its own, and never exchanges the code', async () => {
      const { stateCookie } = await installThroughHttp(running.baseUrl);
      const calls = stub.callsTo('oauth.v2.access').length;
      const page = await fetch(`${running.baseUrl}/slack/install`);
      const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
      const forged = await fetch(`${running.baseUrl}/slack/oauth_redirect?code=code-999&state=forged.state`, {
        headers: { cookie: 'slack-app-oauth-state=forged.state' },
      });
      expect(forged.status).toBe(400);
      expect(await forged.text()).toContain('did not come from an installation started here');
      // A real state from another browser (its cookie not sent) is refused too.
      const stolen = cookie.split('=')[1];
      const elsewhere = await fetch(`${running.baseUrl}/slack/oauth_redirect?code=code-998&state=${stolen}`, {
        headers: { cookie: stateCookie },
      });
      expect(elsewhere.status).toBe(400);
      expect(stub.callsTo('oauth.v2.access')).toHaveLength(calls);
    });

    it('refuses a redirect with no state, and one with no code', async () => {
      const noState = await fetch(`${running.baseUrl}/slack/oauth_redirect?code=code-1`);
      expect(noState.status).toBe(400);
      const page = await fetch(`${running.baseUrl}/slack/install`);
      const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
      const noCode = await fetch(`${running.baseUrl}/slack/oauth_redirect?state=${cookie.split('=')[1]}`, {
        headers: { cookie },
      });
      expect(noCode.status).toBe(400);
      expect(stub.callsTo('oauth.v2.access')).toEqual([]);
      expect(
        await store.findInstallation({ teamId: 'T0AAAA001', enterpriseId: null, isEnterpriseInstall: false }),
      ).toBeNull();
    });

    it('a code Slack does not accept shows a failure page and stores nothing', async () => {
      const page = await fetch(`${running.baseUrl}/slack/install`);
      const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
      const failed = await fetch(
        `${running.baseUrl}/slack/oauth_redirect?code=not-issued&state=${cookie.split('=')[1]}`,
        {
          headers: { cookie },
        },
      );
      expect(failed.status).toBe(502);
      expect(await failed.text()).toContain('Slack did not complete the installation');
      expect(
        await store.findInstallation({ teamId: 'T0AAAA001', enterpriseId: null, isEnterpriseInstall: false }),
      ).toBeNull();
    });
  });
});
