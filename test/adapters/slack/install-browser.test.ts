// The install flow in a real headless browser (Debian's chromium driven by playwright-core): "Add to Slack" →
// the stub's authorize page → "Allow" → back at /slack/oauth_redirect → the success page, with the state
// cookie set and checked by the browser's own cookie jar. Skipped, loudly, where no chromium is installed,
// except under CI=true, where that fails (.ci/run installs it).
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/storage/store.ts';
import { FakeBot } from './helpers/fake-bot.ts';
import { startOAuthApp, temporaryStore, type RunningOAuthApp } from './helpers/oauth-app.ts';
import { StubSlack } from './helpers/stub-slack.ts';
import { StubSlackOAuth, WORKSPACE_A, WORKSPACE_B } from './helpers/stub-slack-oauth.ts';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

function findChromium(): string | undefined {
  const found = CANDIDATES.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate)));
  if (found) return found;
  if (process.env.CI === 'true') {
    throw new Error(
      'CI=true but no chromium found (looked at CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser): ' +
        'the headless install test needs it (.ci/run installs Debian’s chromium)',
    );
  }
  console.warn(
    '\n*** No chromium found: SKIPPING the headless browser test of the Slack install flow. ' +
      'Install it (apt-get install -y chromium) or set CHROMIUM_PATH ***\n',
  );
  return undefined;
}

const executablePath = findChromium();
const keyOf = (teamId: string) => ({ teamId, enterpriseId: null, isEnterpriseInstall: false });

describe.skipIf(!executablePath)('the Slack install flow in a headless browser', () => {
  let browser: Browser;
  let stub: StubSlack;
  let oauth: StubSlackOAuth;
  let store: Store;
  let removeStore: () => Promise<void>;
  let running: RunningOAuthApp;

  beforeAll(async () => {
    // Root in a container has no user namespaces for chromium's sandbox.
    browser = await chromium.launch({ executablePath: executablePath!, args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    stub = await new StubSlack().start();
    oauth = new StubSlackOAuth(stub);
    ({ store, remove: removeStore } = temporaryStore());
    running = await startOAuthApp(stub, oauth, new FakeBot(), store);
  });
  afterEach(async () => {
    await running.close();
    await stub.close();
    await removeStore();
  });

  it('Add to Slack → the authorize page → Allow → the success page, and the installation is stored', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${running.baseUrl}/slack/install`);
    expect(await page.title()).toBe('Add k8s-release-bot to Slack');
    await page.click('#add-to-slack');
    await page.waitForURL(`${stub.baseUrl}/oauth/v2/authorize?**`);
    expect(await page.textContent('h1')).toContain('the Alpha Org Slack workspace');
    await page.click('#allow');
    await page.waitForURL(`${running.baseUrl}/slack/oauth_redirect?**`);
    expect(await page.textContent('#installed')).toContain('Installed in Alpha Org');
    const [token] = oauth.tokensOf(WORKSPACE_A);
    expect((await store.findInstallation(keyOf(WORKSPACE_A.teamId)))?.tokens.botToken).toBe(token);
    // The browser's state cookie was cleared by the redirect.
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('slack-app-oauth-state');
    await context.close();
  }, 30_000);

  it('refuses a forged state, and a state started in another browser', async () => {
    oauth.installing = WORKSPACE_B;
    const victim = await browser.newContext();
    const attacker = await browser.newContext();
    const victimPage = await victim.newPage();
    const attackerPage = await attacker.newPage();

    await victimPage.goto(`${running.baseUrl}/slack/install`);
    const forged = await victimPage.goto(`${running.baseUrl}/slack/oauth_redirect?code=code-1&state=forged.state`);
    expect(forged?.status()).toBe(400);
    expect(await victimPage.textContent('#refused')).toContain('did not come from an installation started here');

    // The attacker starts an install, stops at Slack's page, and sends its Allow link to the victim's browser.
    await attackerPage.goto(`${running.baseUrl}/slack/install`);
    await attackerPage.click('#add-to-slack');
    await attackerPage.waitForURL(`${stub.baseUrl}/oauth/v2/authorize?**`);
    const allow = await attackerPage.getAttribute('#allow', 'href');
    await victimPage.goto(`${running.baseUrl}/slack/install`);
    const crossed = await victimPage.goto(allow!);
    expect(crossed?.status()).toBe(400);
    expect(await victimPage.textContent('#refused')).toContain('its state does not match this browser');
    expect(await store.findInstallation(keyOf(WORKSPACE_B.teamId))).toBeNull();
    expect(stub.callsTo('oauth.v2.access')).toEqual([]);
    await victim.close();
    await attacker.close();
  }, 30_000);
});
