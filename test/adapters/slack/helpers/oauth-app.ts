import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SlackBot } from '../../../../adapters/slack/answering.ts';
import { createSlackApp, type SlackApp } from '../../../../adapters/slack/index.ts';
import { loadConfig } from '../../../../src/config.ts';
import { Health } from '../../../../src/health.ts';
import { silentLogger } from '../../../../src/log.ts';
import type { Store } from '../../../../src/storage/store.ts';
import { openSqliteStore } from '../../../../src/storage/subscription-store.ts';
import { TokenCipher } from '../../../../src/storage/token-cipher.ts';
import { SIGNING_SECRET } from './signed-request.ts';
import type { StubSlack } from './stub-slack.ts';
import { CLIENT_ID, CLIENT_SECRET, type StubSlackOAuth } from './stub-slack-oauth.ts';

export const STATE_SECRET = 'stub-state-secret-0123456789abcdef0123456789';
export const INSTALLATION_KEY = randomBytes(32);

export interface RunningOAuthApp {
  slack: SlackApp;
  store: Store;
  baseUrl: string;
  eventsUrl: string;
  close(): Promise<void>;
}

/** The environment of a bot any workspace can install, in HTTP mode, talking to `stub`. */
export const oauthEnv = (stub: StubSlack, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  SLACK_CLIENT_ID: CLIENT_ID,
  SLACK_CLIENT_SECRET: CLIENT_SECRET,
  SLACK_STATE_SECRET: STATE_SECRET,
  SLACK_INSTALLATION_KEY: INSTALLATION_KEY.toString('base64'),
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: stub.apiUrl,
  PORT: '0',
  ...extra,
});

/** A SQLite store in a fresh folder, sealing installations with INSTALLATION_KEY. */
export function temporaryStore(): { store: Store; dir: string; remove(): Promise<void> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'k8s-bot-oauth-'));
  const store = openSqliteStore(dir, { installationCipher: new TokenCipher(INSTALLATION_KEY) });
  return {
    store,
    dir,
    async remove() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The real Bolt app in OAuth mode on a free loopback port; the stub's redirect URL points back at it. */
export async function startOAuthApp(
  stub: StubSlack,
  oauth: StubSlackOAuth,
  bot: SlackBot,
  store: Store,
): Promise<RunningOAuthApp> {
  const config = loadConfig(oauthEnv(stub));
  const health = new Health();
  const slack = createSlackApp({
    config,
    bot,
    logger: silentLogger,
    health: health.view,
    addRoute: (routePath, handler) => health.route(routePath, handler),
    host: '127.0.0.1',
    installations: store,
    deliveryKeys: store,
  });
  const port = await slack.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  oauth.redirectUrl = `${baseUrl}/slack/oauth_redirect`;
  return { slack, store, baseUrl, eventsUrl: `${baseUrl}/slack/events`, close: () => slack.stop() };
}

const hrefOf = (html: string, id: string): string => {
  const match = new RegExp(`id="${id}" href="([^"]+)"`).exec(html);
  if (!match) throw new Error(`no link #${id} in: ${html}`);
  return match[1]!.replaceAll('&amp;', '&');
};

export interface InstallSteps {
  installPage: Response;
  installHtml: string;
  stateCookie: string;
  authorizeUrl: URL;
  redirectUrl: URL;
  finished: Response;
  finishedHtml: string;
}

/** A person's install, as a browser would do it: Add to Slack → the stub's authorize page → Allow → back. */
export async function installThroughHttp(baseUrl: string): Promise<InstallSteps> {
  const installPage = await fetch(`${baseUrl}/slack/install`);
  const installHtml = await installPage.text();
  const stateCookie = (installPage.headers.get('set-cookie') ?? '').split(';')[0]!;
  const authorizeUrl = new URL(hrefOf(installHtml, 'add-to-slack'));
  const authorizeHtml = await (await fetch(authorizeUrl)).text();
  const redirectUrl = new URL(hrefOf(authorizeHtml, 'allow'));
  const finished = await fetch(redirectUrl, { headers: { cookie: stateCookie } });
  return {
    installPage,
    installHtml,
    stateCookie,
    authorizeUrl,
    redirectUrl,
    finished,
    finishedHtml: await finished.text(),
  };
}
