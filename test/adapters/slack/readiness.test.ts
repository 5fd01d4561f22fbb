import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../../adapters/app.ts';
import { SOCKET_MODE_LOST } from '../../../adapters/slack/connection.ts';
import { startSlack } from '../../../adapters/slack/index.ts';
import { HEALTH_PATHS } from '../../../src/health.ts';
import { silentLogger } from '../../../src/log.ts';
import { StubSocketMode } from './helpers/socket-mode-server.ts';
import { StubSlack, waitFor } from './helpers/stub-slack.ts';

/** /readyz of the app's health server: the status code and the reason it names. */
async function readiness(app: App): Promise<{ code: number; status: string }> {
  const response = await fetch(`http://127.0.0.1:${app.healthPort}${HEALTH_PATHS.readiness}`);
  return { code: response.status, status: ((await response.json()) as { status: string }).status };
}

describe('readiness follows the Slack Socket Mode connection (npm start with Slack, against the stubs)', () => {
  let stub: StubSlack;
  let socket: StubSocketMode;
  let app: App;

  beforeEach(async () => {
    stub = await new StubSlack().start();
    socket = await StubSocketMode.start();
    stub.on('apps.connections.open', () => ({ body: { ok: true, url: socket.url } }));
    app = await startApp({
      env: {
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_APP_TOKEN: 'xapp-1-test',
        SLACK_API_URL: stub.apiUrl,
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'slack-ready-')),
        PORT: '0',
      },
      logger: silentLogger,
      digestCron: false,
      // The real adapter, with the socket client's reconnect back-off shortened from 5 s.
      adapters: { slack: (context) => startSlack({ ...context, socketPingTimeoutMs: 300 }) },
    });
  });
  afterEach(async () => {
    await app?.stop();
    await socket?.close();
    await stub?.close();
  });

  it('a dropped connection: 503 naming Socket Mode until Slack says hello again, then 200', async () => {
    expect(await readiness(app)).toEqual({ code: 200, status: 'ok' });
    expect(socket.connections).toBe(1);
    socket.holdHello = true;
    socket.drop();
    await expect.poll(() => readiness(app)).toEqual({ code: 503, status: SOCKET_MODE_LOST });
    // Reconnected (a fresh URL from apps.connections.open, a new WebSocket), but not yet greeted.
    await waitFor(() => socket.connections === 2, 'the reconnection');
    expect(stub.callsTo('apps.connections.open')).toHaveLength(2);
    expect(await readiness(app)).toEqual({ code: 503, status: SOCKET_MODE_LOST });
    socket.releaseHello();
    await expect.poll(() => readiness(app)).toEqual({ code: 200, status: 'ok' });
  });

  it("Slack's routine disconnect message: 503 while the connection is replaced, then 200", async () => {
    socket.holdHello = true;
    socket
      .connection()!
      .send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'stub' } }));
    await expect.poll(() => readiness(app)).toEqual({ code: 503, status: SOCKET_MODE_LOST });
    await waitFor(() => socket.connections === 2, 'the reconnection');
    socket.releaseHello();
    await expect.poll(() => readiness(app)).toEqual({ code: 200, status: 'ok' });
  });
});
