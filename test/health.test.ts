import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { closeServer, listen } from '../adapters/http-server.ts';
import { Health, type HealthView, handleHealthRequest, HEALTH_PATHS } from '../src/health.ts';
import { silentLogger } from '../src/log.ts';

function setUp() {
  const readiness = new Health(silentLogger);
  const state = () => ({ ready: readiness.view.isReady, status: readiness.view.status });
  return { readiness, state, slack: readiness.connection('slack'), discord: readiness.connection('discord') };
}

describe('Health: start-up, shutdown, the storage and every adapter connection', () => {
  it('not ready while starting, even with every connection up', () => {
    const { slack, state } = setUp();
    slack({ connected: true });
    expect(state()).toEqual({ ready: false, status: 'starting' });
  });

  it('a connection lost during start-up keeps the app unready once running, until it is back', () => {
    const { readiness, slack, state } = setUp();
    slack({ connected: false, reason: 'Slack Socket Mode connection lost; reconnecting' });
    readiness.markRunning();
    expect(state()).toEqual({ ready: false, status: 'Slack Socket Mode connection lost; reconnecting' });
    slack({ connected: true });
    expect(state()).toEqual({ ready: true, status: 'ok' });
  });

  it('names every adapter that is down, and is ready only when all are back', () => {
    const { readiness, slack, discord, state } = setUp();
    readiness.markRunning();
    slack({ connected: false, reason: 'slack down' });
    discord({ connected: false, reason: 'discord down' });
    expect(state()).toEqual({ ready: false, status: 'slack down; discord down' });
    slack({ connected: true });
    expect(state()).toEqual({ ready: false, status: 'discord down' });
    discord({ connected: true });
    expect(state()).toEqual({ ready: true, status: 'ok' });
  });

  it('shutdown wins: no connection coming back makes a stopping app ready', () => {
    const { readiness, slack, state } = setUp();
    readiness.markRunning();
    slack({ connected: false, reason: 'slack down' });
    readiness.markStopping();
    slack({ connected: true });
    readiness.markRunning();
    expect(state()).toEqual({ ready: false, status: 'shutting down' });
  });
});

describe('Health.view: what serves HTTP reads', () => {
  it('is read-only: it follows the owner but has no way to change readiness', () => {
    const health = new Health(silentLogger);
    const view: HealthView = health.view;
    expect(Object.isFrozen(view)).toBe(true);
    expect(Object.keys(view).sort()).toEqual(['isReady', 'routes', 'status']);
    expect(() => {
      (view as { isReady: boolean }).isReady = true;
    }).toThrow(TypeError);
    expect(view.isReady).toBe(false);
    health.markRunning();
    expect(view).toMatchObject({ isReady: true, status: 'ok' });
  });

  it('names a failing storage like any connection, and clears it when a write works again', () => {
    const health = new Health(silentLogger);
    health.markRunning();
    const storage = health.connection('storage');
    storage({ connected: false, reason: 'storage failing: disk full (bot.sqlite)' });
    expect(health.view).toMatchObject({ isReady: false, status: 'storage failing: disk full (bot.sqlite)' });
    storage({ connected: true });
    expect(health.view).toMatchObject({ isReady: true, status: 'ok' });
  });

  describe('served over HTTP', () => {
    const health = new Health(silentLogger);
    health.route('/status', (_request, response) => {
      response.writeHead(200).end('fine\n');
    });
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = createServer((request, response) => {
        if (!handleHealthRequest(request, response, health.view)) response.writeHead(404).end();
      });
      base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
    });
    afterAll(() => closeServer(server));

    const probe = async (path: string) => {
      const response = await fetch(base + path);
      return { code: response.status, body: await response.text() };
    };

    it('/healthz is 200 {"status":"ok"} throughout; /readyz follows the owner with its reason', async () => {
      expect(await probe(HEALTH_PATHS.liveness)).toEqual({ code: 200, body: '{"status":"ok"}' });
      expect(await probe(HEALTH_PATHS.readiness)).toEqual({ code: 503, body: '{"status":"starting"}' });
      health.markRunning();
      expect(await probe(HEALTH_PATHS.readiness)).toEqual({ code: 200, body: '{"status":"ok"}' });
      health.connection('discord')({ connected: false, reason: 'Discord gateway session lost' });
      expect(await probe(HEALTH_PATHS.readiness)).toEqual({
        code: 503,
        body: '{"status":"Discord gateway session lost"}',
      });
      health.markStopping();
      expect(await probe(HEALTH_PATHS.readiness)).toEqual({ code: 503, body: '{"status":"shutting down"}' });
      expect(await probe(HEALTH_PATHS.liveness)).toEqual({ code: 200, body: '{"status":"ok"}' });
    });

    it('serves the registered routes beside the probes, and nothing else', async () => {
      expect(await probe('/status')).toEqual({ code: 200, body: 'fine\n' });
      expect((await probe('/elsewhere')).code).toBe(404);
    });
  });
});
