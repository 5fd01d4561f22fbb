// The Slack installation half of the one store contract, run against SQLite (subscription-store.test.ts) and
// PostgreSQL (postgres-store.test.ts): tokens encrypted at rest, key rotation, uninstall pausing the
// workspace's subscriptions, and one token refresh at a time across processes.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InstallationKey, NewInstallation } from '../../src/storage/installations.ts';
import { openStore, type StoreLocation } from '../../src/storage/open.ts';
import type { Store } from '../../src/storage/store.ts';
import { keyIdOf, TokenCipher } from '../../src/storage/token-cipher.ts';
import { rawExec, rawRows, type Backend } from './support/backends.ts';
import { raceProcesses } from './support/workers.ts';

const t0 = new Date('2026-12-01T09:00:00Z');
const team: InstallationKey = { enterpriseId: null, teamId: 'T0TEAM001', isEnterpriseInstall: false };
const org: InstallationKey = { enterpriseId: 'E0ORG0001', teamId: null, isEnterpriseInstall: true };
const SECRETS = {
  botToken: 'xoxb-1111-secret-bot-token',
  botRefreshToken: 'xoxe-1-secret-refresh-token',
  userToken: 'xoxp-2222-secret-user-token',
  userRefreshToken: null,
};
const installation = (key: InstallationKey, overrides: Partial<NewInstallation> = {}): NewInstallation => ({
  ...key,
  details: { team: key.teamId ? { id: key.teamId, name: 'Test team' } : undefined, botUserId: 'UBOT0001' },
  tokens: { ...SECRETS },
  botTokenExpiresAt: new Date(t0.getTime() + 12 * 3_600_000),
  userTokenExpiresAt: null,
  ...overrides,
});
const settings = { kind: 'both', time: '09:00', timeZone: 'UTC', weekday: 1 } as const;

export function describeInstallationContract(backend: Backend): void {
  describe(`Slack installations in the ${backend.name} store`, () => {
    let location: StoreLocation;
    const key = randomBytes(32);
    const open: Store[] = [];
    /** A store sealing with `cipher` (by default one with `key`); null opens one with no key at all. */
    const openWith = async (cipher: TokenCipher | null = new TokenCipher(key)): Promise<Store> => {
      const store = await openStore({ ...location, ...(cipher ? { installationCipher: cipher } : {}) });
      open.push(store);
      return store;
    };

    beforeEach(async () => {
      location = await backend.fresh();
    });
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
      await backend.cleanUp();
    });

    it('are saved and found by team, replaced in place, and kept across reopening', async () => {
      const store = await openWith();
      const saved = await store.saveInstallation(installation(team), t0);
      expect(saved).toMatchObject({ ...team, tokens: SECRETS, installedAt: t0, updatedAt: t0 });
      const later = new Date(t0.getTime() + 60_000);
      await store.saveInstallation(installation(team, { tokens: { ...SECRETS, botToken: 'xoxb-new' } }), later);
      const reopened = await openWith();
      expect(await reopened.findInstallation(team)).toMatchObject({
        tokens: { botToken: 'xoxb-new' },
        installedAt: t0,
        updatedAt: later,
        details: { team: { id: 'T0TEAM001', name: 'Test team' } },
      });
      expect(await reopened.findInstallation({ ...team, teamId: 'T0OTHER01' })).toBeNull();
    });

    it('an org-wide installation serves every team of its enterprise; a team’s own installation wins', async () => {
      const store = await openWith();
      await store.saveInstallation(installation(org, { tokens: { ...SECRETS, botToken: 'xoxb-org' } }), t0);
      const inOrg = { enterpriseId: 'E0ORG0001', teamId: 'T0INORG01', isEnterpriseInstall: false };
      expect((await store.findInstallation(inOrg))?.tokens.botToken).toBe('xoxb-org');
      expect((await store.findInstallation(org))?.tokens.botToken).toBe('xoxb-org');
      await store.saveInstallation(installation(inOrg, { tokens: { ...SECRETS, botToken: 'xoxb-team' } }), t0);
      expect((await store.findInstallation(inOrg))?.tokens.botToken).toBe('xoxb-team');
    });

    it('keeps no token in plain text at rest', async () => {
      await (await openWith()).saveInstallation(installation(team), t0);
      const rows = await rawRows(location, 'slack_installations');
      expect(rows).toHaveLength(1);
      const atRest = JSON.stringify(rows);
      for (const secret of [SECRETS.botToken, SECRETS.botRefreshToken, SECRETS.userToken]) {
        expect(atRest).not.toContain(secret);
      }
      expect(atRest).not.toMatch(/secret|1111|2222/); // no fragment of them either
      expect(rows[0]).toMatchObject({ team_id: 'T0TEAM001', key_id: keyIdOf(key) });
    });

    it('a row sealed with an unknown key is refused with an error naming the variable to set', async () => {
      await (await openWith()).saveInstallation(installation(team), t0);
      const stranger = await openWith(new TokenCipher(randomBytes(32)));
      await expect(stranger.findInstallation(team)).rejects.toThrow(
        new RegExp(`encrypted with key ${keyIdOf(key)}.*SLACK_INSTALLATION_KEY_PREVIOUS`),
      );
    });

    it('without a key the installation methods name SLACK_INSTALLATION_KEY', async () => {
      const store = await openWith(null);
      await expect(store.saveInstallation(installation(team), t0)).rejects.toThrow(/SLACK_INSTALLATION_KEY is not set/);
    });

    it('tokens moved onto another installation’s row do not decrypt there', async () => {
      const store = await openWith();
      await store.saveInstallation(installation(team), t0);
      const other = { ...team, teamId: 'T0OTHER01' };
      await store.saveInstallation(installation(other, { tokens: { ...SECRETS, botToken: 'xoxb-other' } }), t0);
      const [row] = (await rawRows(location, 'slack_installations')).filter((r) => r.id === 'team:T0TEAM001');
      await rawExec(location, 'UPDATE slack_installations SET tokens = $1 WHERE id = $2', [
        row!.tokens,
        'team:T0OTHER01',
      ]);
      await expect(store.findInstallation(other)).rejects.toThrow(/team:T0OTHER01 do not decrypt.*altered/);
      expect((await store.findInstallation(team))?.tokens.botToken).toBe(SECRETS.botToken);
    });

    it('key rotation: the previous key still reads, new writes use the current key, re-encryption moves every row', async () => {
      await (await openWith()).saveInstallation(installation(team), t0);
      await (await openWith()).saveInstallation(installation(org), t0);
      const next = randomBytes(32);
      const rotated = await openWith(new TokenCipher(next, [key]));
      expect((await rotated.findInstallation(team))?.tokens).toEqual(SECRETS);
      const other = { ...team, teamId: 'T0OTHER01' };
      await rotated.saveInstallation(installation(other), t0);
      const keyIds = async () =>
        Object.fromEntries((await rawRows(location, 'slack_installations')).map((r) => [r.id, r.key_id]));
      expect(await keyIds()).toEqual({
        'team:T0TEAM001': keyIdOf(key),
        'enterprise:E0ORG0001': keyIdOf(key),
        'team:T0OTHER01': keyIdOf(next),
      });
      expect(await rotated.reencryptInstallations(t0)).toEqual({ reencrypted: 2, total: 3 });
      expect(Object.values(await keyIds())).toEqual([keyIdOf(next), keyIdOf(next), keyIdOf(next)]);
      expect(await rotated.reencryptInstallations(t0)).toEqual({ reencrypted: 0, total: 3 });
      // The old key is no longer needed.
      expect((await (await openWith(new TokenCipher(next))).findInstallation(org))?.tokens).toEqual(SECRETS);
    });

    it('deleting an installation pauses that workspace’s Slack subscriptions, with the reason, and nothing else', async () => {
      const store = await openWith();
      await store.saveInstallation(installation(team), t0);
      await store.save({ platform: 'slack', workspace: 'T0TEAM001', channel: 'C1' }, settings, t0);
      await store.save({ platform: 'slack', workspace: 'T0TEAM001', channel: 'C2' }, settings, t0);
      await store.save({ platform: 'slack', workspace: 'T0OTHER01', channel: 'C1' }, settings, t0);
      await store.save({ platform: 'discord', workspace: 'T0TEAM001', channel: 'C1' }, settings, t0);
      const at = new Date(t0.getTime() + 1000);
      expect(await store.deleteInstallation(team, 'the app was uninstalled (app_uninstalled)', at)).toEqual({
        deleted: true,
        paused: 2,
      });
      expect(await store.findInstallation(team)).toBeNull();
      const byChannel = Object.fromEntries(
        (await store.list()).map((s) => [`${s.channel.platform}/${s.channel.workspace}/${s.channel.channel}`, s]),
      );
      expect(byChannel['slack/T0TEAM001/C1']).toMatchObject({
        pausedAt: at,
        pausedReason: 'the app was uninstalled (app_uninstalled)',
      });
      expect(byChannel['slack/T0TEAM001/C2']?.pausedAt).toEqual(at);
      expect(byChannel['slack/T0OTHER01/C1']?.pausedAt).toBeNull();
      expect(byChannel['discord/T0TEAM001/C1']?.pausedAt).toBeNull();
      expect(await store.listActive()).toHaveLength(2);
      expect(await store.deleteInstallation(team, 'again', at)).toEqual({ deleted: false, paused: 0 });
    });

    it('a refresh runs only when still needed once the row is locked, and a failed one keeps the old tokens', async () => {
      const store = await openWith();
      await store.saveInstallation(installation(team), t0);
      let calls = 0;
      const refreshTo = (botToken: string) => ({
        needed: () => true,
        async refresh() {
          calls++;
          return {
            tokens: { ...SECRETS, botToken },
            botTokenExpiresAt: new Date(t0.getTime() + 24 * 3_600_000),
            userTokenExpiresAt: null,
          };
        },
      });
      const later = new Date(t0.getTime() + 5000);
      expect(await store.refreshInstallation(team, refreshTo('xoxb-fresh'), later)).toMatchObject({
        tokens: { botToken: 'xoxb-fresh' },
        updatedAt: later,
      });
      expect(
        await store.refreshInstallation(team, { ...refreshTo('unused'), needed: () => false }, later),
      ).toMatchObject({ tokens: { botToken: 'xoxb-fresh' } });
      expect(calls).toBe(1);
      const failing = {
        needed: () => true,
        refresh: () => Promise.reject(new Error('invalid_refresh_token')),
      };
      await expect(store.refreshInstallation(team, failing, later)).rejects.toThrow('invalid_refresh_token');
      expect((await store.findInstallation(team))?.tokens.botToken).toBe('xoxb-fresh');
      // The store still works after the rolled-back refresh.
      await store.save({ platform: 'slack', workspace: 'T0TEAM001', channel: 'C1' }, settings, t0);
      expect(await store.refreshInstallation({ ...team, teamId: 'T0GONE001' }, refreshTo('x'), later)).toBeNull();
    });

    it('two processes refreshing the same expiring installation at once: exactly one refresh, both get its token', async () => {
      const store = await openWith();
      await store.saveInstallation(
        installation(team, { botTokenExpiresAt: new Date(Date.now() + 10 * 60_000) }), // expires in 10 minutes
        t0,
      );
      const results = await refreshWorkers(location, key, team, 2, 400);
      const refreshed = results.filter((result) => result.refreshed !== null);
      expect(refreshed).toHaveLength(1);
      const winner = refreshed[0]!;
      expect(new Set(results.map((result) => result.token))).toEqual(new Set([winner.token]));
      expect(winner.token).toMatch(/^xoxe\.xoxb-refreshed-by-\d+$/);
      // Meaningful only if the other process asked while the refresh was under way.
      const loser = results.find((result) => result !== winner)!;
      expect(loser.startedAt).toBeLessThan(winner.refreshed!.finishedAt);
      expect((await store.findInstallation(team))?.tokens.botToken).toBe(winner.token);
    }, 60_000);
  });
}

interface RefreshResult {
  refreshed: { startedAt: number; finishedAt: number } | null;
  startedAt: number;
  finishedAt: number;
  token: string | undefined;
}

/** Runs `count` refresh-worker processes against one database, released at the same moment. */
function refreshWorkers(
  location: StoreLocation,
  key: Buffer,
  installationKey: InstallationKey,
  count: number,
  delayMs: number,
): Promise<RefreshResult[]> {
  const worker = path.join(import.meta.dirname, 'fixtures', 'refresh-worker.ts');
  return raceProcesses<RefreshResult>(worker, count, (startFile) => [
    JSON.stringify(location),
    key.toString('base64'),
    JSON.stringify(installationKey),
    startFile,
    String(delayMs),
  ]);
}
