// npm start with OAuth distribution in Socket Mode: Slack's events arrive over the socket, but the install
// pages must be reachable by a browser, so the bot's own HTTP server (the one serving /healthz on PORT) serves
// /slack/install and /slack/oauth_redirect. Through the composition root, with the key from the environment.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startApp, type App } from '../../../adapters/app.ts';
import { silentLogger } from '../../../src/log.ts';
import { openSqliteStore } from '../../../src/storage/subscription-store.ts';
import { TokenCipher } from '../../../src/storage/token-cipher.ts';
import { INSTALLATION_KEY, installThroughHttp, oauthEnv } from './helpers/oauth-app.ts';
import { StubSocketMode } from './helpers/socket-mode-server.ts';
import { StubSlack } from './helpers/stub-slack.ts';
import { StubSlackOAuth, WORKSPACE_B } from './helpers/stub-slack-oauth.ts';

let app: App | undefined;
let stub: StubSlack | undefined;
let socket: StubSocketMode | undefined;
afterEach(async () => {
  await app?.stop();
  await socket?.close();
  await stub?.close();
});

it('in Socket Mode the health server serves the install flow, and the installation is stored sealed under DATA_DIR', async () => {
  stub = await new StubSlack().start();
  socket = await StubSocketMode.start();
  stub.on('apps.connections.open', () => ({ body: { ok: true, url: socket!.url } }));
  const oauth = new StubSlackOAuth(stub);
  oauth.installing = WORKSPACE_B;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'slack-oauth-socket-'));
  app = await startApp({
    env: {
      ...oauthEnv(stub),
      SLACK_APP_TOKEN: 'xapp-1-test',
      SLACK_SIGNING_SECRET: '',
      DATA_DIR: dataDir,
      DATA_REFRESH: 'off',
    },
    logger: silentLogger,
    digestCron: false,
  });
  expect(app.healthPort).not.toBeNull();
  const base = `http://127.0.0.1:${app.healthPort}`;
  oauth.redirectUrl = `${base}/slack/oauth_redirect`;
  const steps = await installThroughHttp(base);
  expect(steps.finished.status).toBe(200);
  expect(steps.finishedHtml).toContain('Beta Org');
  await app.stop();
  app = undefined;
  // Sealed with SLACK_INSTALLATION_KEY from the environment: that key opens it.
  const key = { teamId: WORKSPACE_B.teamId, enterpriseId: null, isEnterpriseInstall: false };
  const reopened = openSqliteStore(dataDir, { installationCipher: new TokenCipher(INSTALLATION_KEY) });
  expect((await reopened.findInstallation(key))?.tokens.botToken).toBe(oauth.tokensOf(WORKSPACE_B)[0]);
  await reopened.close();
});
