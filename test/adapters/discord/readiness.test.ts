import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayCloseCodes, GatewayOpcodes } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../../adapters/app.ts';
import { GATEWAY_LOST } from '../../../adapters/discord/connection.ts';
import { HEALTH_PATHS } from '../../../src/health.ts';
import { silentLogger } from '../../../src/log.ts';
import { IDS } from './support/payloads.ts';
import { StubDiscord } from './support/stubDiscord.ts';

/** /readyz of the app's health server: the status code and the reason it names. */
async function readiness(app: App): Promise<{ code: number; status: string }> {
  const response = await fetch(`http://127.0.0.1:${app.healthPort}${HEALTH_PATHS.readiness}`);
  return { code: response.status, status: ((await response.json()) as { status: string }).status };
}

describe('readiness follows the Discord gateway session (npm start with Discord, against the stub)', () => {
  let stub: StubDiscord;
  let app: App;

  beforeEach(async () => {
    stub = await StubDiscord.start();
    app = await startApp({
      env: {
        DISCORD_TOKEN: 'stub-token',
        DISCORD_APPLICATION_ID: IDS.application,
        DISCORD_API_URL: stub.apiUrl,
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'discord-ready-')),
        PORT: '0',
      },
      logger: silentLogger,
      digestCron: false,
    });
  });
  afterEach(async () => {
    await app?.stop();
    await stub?.close();
  });

  it('a dropped connection: 503 naming the gateway until the session is resumed, then 200', async () => {
    expect(await readiness(app)).toEqual({ code: 200, status: 'ok' });
    stub.holdSessions = true;
    stub.dropGateway(GatewayCloseCodes.UnknownError);
    await expect.poll(() => readiness(app)).toEqual({ code: 503, status: GATEWAY_LOST });
    // Reconnected and asked to resume, but the session is not back yet.
    await stub.waitForGatewayOp(GatewayOpcodes.Resume);
    expect(await readiness(app)).toEqual({ code: 503, status: GATEWAY_LOST });
    stub.releaseSessions();
    await expect.poll(() => readiness(app)).toEqual({ code: 200, status: 'ok' });
  });

  it('an invalidated session: 503 until a new session is ready, then 200', async () => {
    expect(stub.gatewayOps).toEqual([GatewayOpcodes.Identify]);
    stub.holdSessions = true;
    stub.invalidateSession(false);
    await expect.poll(() => readiness(app)).toEqual({ code: 503, status: GATEWAY_LOST });
    // @discordjs/ws spaces identifies 5 s apart (Discord's identify rate limit).
    await stub.waitForGatewayOp(GatewayOpcodes.Identify, 2, 10_000);
    expect(await readiness(app)).toEqual({ code: 503, status: GATEWAY_LOST });
    stub.releaseSessions();
    await expect.poll(() => readiness(app)).toEqual({ code: 200, status: 'ok' });
  });

  it('a close Discord does not let the client recover from: 503 naming the close code, for good', async () => {
    stub.dropGateway(GatewayCloseCodes.AuthenticationFailed);
    await expect.poll(() => readiness(app)).toMatchObject({ code: 503 });
    const { status } = await readiness(app);
    expect(status).toContain('code 4004 (AuthenticationFailed)');
    expect(stub.gatewayOps).toEqual([GatewayOpcodes.Identify]);
  });

  it('shutdown wins over a connection coming back', async () => {
    stub.holdSessions = true;
    stub.dropGateway(GatewayCloseCodes.UnknownError);
    await stub.waitForGatewayOp(GatewayOpcodes.Resume);
    const stopping = app.stop();
    stub.releaseSessions();
    await stopping;
    expect(app.health.isReady).toBe(false);
    expect(app.health.status).toBe('shutting down');
  });
});
