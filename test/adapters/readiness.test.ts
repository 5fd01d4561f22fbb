import { describe, expect, it } from 'vitest';
import { Readiness } from '../../adapters/readiness.ts';
import { HealthState } from '../../src/health.ts';
import { silentLogger } from '../../src/log.ts';

function setUp() {
  const health = new HealthState();
  const readiness = new Readiness(health, silentLogger);
  const state = () => ({ ready: health.isReady, status: health.status });
  return { readiness, state, slack: readiness.connection('slack'), discord: readiness.connection('discord') };
}

describe('Readiness: start-up, shutdown and every adapter connection', () => {
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
