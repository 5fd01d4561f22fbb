// The one store test suite, run against SQLite (subscription-store.test.ts) and PostgreSQL
// (postgres-store.test.ts): both implementations must behave the same, claims and races included.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/domain/channel.ts';
import { openStore, type StoreLocation } from '../../src/storage/open.ts';
import type { ClaimRequest, Store } from '../../src/storage/store.ts';
import type { Backend } from './support/backends.ts';
import { raceProcesses } from './support/workers.ts';

const channel: ChannelRef = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const settings = { kind: 'both', time: '09:00', timeZone: 'UTC', weekday: 1 } as const;
const t0 = new Date('2024-07-17T09:00:00Z');
const LEASE_MS = 10 * 60_000;
const msAfterStart = (ms: number): Date => new Date(t0.getTime() + ms);
/** A claim on `key` scheduled at t0 with a 6-hour grace window and a 10-minute lease. */
const request = (occurrenceKey: string, subscriptionId: number, now: Date = t0): ClaimRequest => ({
  occurrenceKey,
  subscriptionId,
  scheduledAt: t0,
  now,
  leaseMs: LEASE_MS,
  graceEndsAt: msAfterStart(6 * 3_600_000),
});

export function describeStoreContract(backend: Backend): void {
  describe(`the ${backend.name} store`, () => {
    let location: StoreLocation;
    const open: Store[] = [];
    const openOne = async (): Promise<Store> => {
      const store = await openStore(location);
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

    it('names its backend and where its data lives, without a password', async () => {
      const store = await openOne();
      expect(store.backend).toBe(backend.name);
      expect(store.location).not.toMatch(/:[^:@/]+@/);
    });

    it('reopening keeps the data and does not migrate twice', async () => {
      await (await openOne()).save(channel, settings, t0);
      await open.pop()!.close();
      expect(await (await openOne()).list()).toHaveLength(1);
    });

    it('two stores opening a new database at once both end up on the latest schema', async () => {
      const [a, b] = await Promise.all([openOne(), openOne()]);
      await a.save(channel, settings, t0);
      expect(await b.find(channel)).not.toBeNull();
    });

    describe('subscriptions', () => {
      it('are keyed by platform, workspace and channel; subscribing again updates in place', async () => {
        const store = await openOne();
        const first = await store.save(channel, settings, t0);
        const updated = await store.save(
          channel,
          { kind: 'weekly', time: '17:30', timeZone: 'Europe/Berlin', weekday: 5 },
          new Date('2024-07-18T00:00:00Z'),
        );
        expect(updated.id).toBe(first.id);
        expect(updated).toMatchObject({
          kind: 'weekly',
          time: '17:30',
          timeZone: 'Europe/Berlin',
          weekday: 5,
          createdAt: t0,
        });
        await store.save({ ...channel, workspace: 'T2' }, settings, t0);
        await store.save({ ...channel, platform: 'discord' }, settings, t0);
        expect(await store.list()).toHaveLength(3);
        expect(await store.list({ platform: 'slack' })).toHaveLength(2);
        expect(await store.list({ platform: 'slack', workspace: 'T2' })).toHaveLength(1);
        expect((await store.find(channel))!.kind).toBe('weekly');
      });

      it('changeKind narrows and receiving nothing removes; remove reports whether anything was removed', async () => {
        const store = await openOne();
        await store.save(channel, settings, t0);
        expect((await store.changeKind(channel, { kind: 'milestones', releases: null }, t0))!.kind).toBe('milestones');
        expect(await store.changeKind(channel, { kind: null, releases: null }, t0)).toBeNull();
        expect(await store.find(channel)).toBeNull();
        expect(await store.remove(channel)).toBe(false);
      });

      it('stores release alerts beside the digests, alone or together, and keeps them across reopening', async () => {
        const releases = { events: ['patch', 'eol'], versions: ['1.34', '1.35'] } as const;
        const alertsOnly = {
          ...settings,
          kind: null,
          releases: { events: [...releases.events], versions: [...releases.versions] },
        };
        await (await openOne()).save(channel, alertsOnly, t0);
        const other = { ...channel, channel: 'C2' };
        await (await openOne()).save(other, { ...settings, releases: { events: ['minor'], versions: [] } }, t0);
        const reopened = await openOne();
        expect(await reopened.find(channel)).toMatchObject({ kind: null, releases });
        expect(await reopened.find(other)).toMatchObject({
          kind: 'both',
          releases: { events: ['minor'], versions: [] },
        });
        // Dropping the digests keeps the alerts; dropping the alerts too removes the subscription.
        expect(
          await reopened.changeKind(other, { kind: null, releases: { events: ['minor'], versions: [] } }, t0),
        ).toMatchObject({ kind: null });
        expect(await reopened.changeKind(other, { kind: null, releases: null }, t0)).toBeNull();
        expect((await reopened.list()).map((s) => s.channel.channel)).toEqual(['C1']);
      });

      it('pauses after repeated permanent failures, keeps the reason, and resumes on subscribe', async () => {
        const store = await openOne();
        const { id } = await store.save(channel, settings, t0);
        expect(await store.recordPermanentFailure(id, 'not_in_channel', t0, 3)).toEqual({
          consecutiveFailures: 1,
          paused: false,
        });
        await store.recordSuccess(id);
        expect(await store.recordPermanentFailure(id, 'not_in_channel', t0, 3)).toEqual({
          consecutiveFailures: 1,
          paused: false,
        });
        expect(await store.recordPermanentFailure(id, 'channel_not_found', t0, 3)).toEqual({
          consecutiveFailures: 2,
          paused: false,
        });
        expect(await store.recordPermanentFailure(id, 'channel_not_found', t0, 3)).toEqual({
          consecutiveFailures: 3,
          paused: true,
        });
        expect(await store.recordPermanentFailure(id, 'channel_not_found', msAfterStart(1000), 3)).toEqual({
          consecutiveFailures: 4,
          paused: false,
        });
        expect(await store.listActive()).toEqual([]);
        expect(await store.find(channel)).toMatchObject({
          pausedAt: t0,
          pausedReason: 'channel_not_found',
          lastFailure: 'channel_not_found',
        });
        await store.save(channel, settings, t0);
        expect(await store.find(channel)).toMatchObject({
          pausedAt: null,
          pausedReason: null,
          consecutivePermanentFailures: 0,
        });
        expect(await store.listActive()).toHaveLength(1);
      });

      it('removing a subscription removes its postings', async () => {
        const store = await openOne();
        const { id } = await store.save(channel, settings, t0);
        await store.claim(request('k1', id));
        await store.remove(channel);
        expect(await store.postings()).toEqual([]);
      });
    });

    describe('claiming occurrences', () => {
      it('only the first claim wins, across two connections to the same database', async () => {
        const a = await openOne();
        const b = await openOne();
        const { id } = await a.save(channel, settings, t0);
        const claim = request('sub:1:weekly:2024-W29', id);
        expect(await a.claim(claim)).toEqual({
          occurrenceKey: claim.occurrenceKey,
          claimedBy: a.claimant,
          claimedAt: t0.toISOString(),
          attempts: 1,
          takenOverFrom: null,
        });
        expect(await b.claim(claim)).toBeNull();
        expect(await a.claim(claim)).toBeNull();
        expect(await b.posting(claim.occurrenceKey)).toMatchObject({
          status: 'claimed',
          claimedBy: a.claimant,
          attempts: 1,
          leaseExpiresAt: '2024-07-17T09:10:00.000Z',
        });
      });

      it('a claim needs a positive lease', async () => {
        const store = await openOne();
        const { id } = await store.save(channel, settings, t0);
        await expect(store.claim({ ...request('k', id), leaseMs: 0 })).rejects.toThrow(/positive/);
      });

      it('posted and permanently failed occurrences are never claimed again', async () => {
        const store = await openOne();
        const { id } = await store.save(channel, settings, t0);
        const later = msAfterStart(3_600_000);
        expect(await store.markPosted((await store.claim(request('posted', id)))!, t0)).toBe(true);
        expect(
          await store.markFailed((await store.claim(request('failed', id)))!, 'PermanentPostError: channel_not_found'),
        ).toBe(true);
        expect(await store.claim(request('posted', id, later))).toBeNull();
        expect(await store.claim(request('failed', id, later))).toBeNull();
        expect(await store.posting('posted')).toMatchObject({ status: 'posted', postedAt: t0.toISOString() });
        expect(await store.posting('failed')).toMatchObject({
          status: 'failed',
          lastError: 'PermanentPostError: channel_not_found',
        });
      });

      it('a transient failure can be claimed again once its retry time has come, and only once', async () => {
        const a = await openOne();
        const b = await openOne();
        const { id } = await a.save(channel, settings, t0);
        const first = (await a.claim(request('retry-me', id)))!;
        expect(await a.markRetry(first, 'Error: socket hang up', msAfterStart(60_000))).toBe(true);
        expect(await b.claim(request('retry-me', id, msAfterStart(30_000)))).toBeNull();
        expect(await b.claim(request('retry-me', id, msAfterStart(60_000)))).toMatchObject({
          attempts: 2,
          claimedBy: b.claimant,
          takenOverFrom: null,
        });
        expect(await a.claim(request('retry-me', id, msAfterStart(60_000)))).toBeNull();
        expect(await a.posting('retry-me')).toMatchObject({
          status: 'claimed',
          attempts: 2,
          claimedBy: b.claimant,
          retryAt: null,
        });
      });

      it('error texts are kept bounded', async () => {
        const store = await openOne();
        const { id } = await store.save(channel, settings, t0);
        await store.markRetry((await store.claim(request('long', id)))!, 'x'.repeat(5000), msAfterStart(60_000));
        expect((await store.posting('long'))!.lastError).toHaveLength(500);
      });

      it('nothing is claimed at or after the end of the grace window, not even a new key', async () => {
        const store = await openOne();
        const { id } = await store.save(channel, settings, t0);
        const graceEnd = msAfterStart(6 * 3_600_000);
        expect(await store.claim(request('late', id, graceEnd))).toBeNull();
        expect(await store.posting('late')).toBeNull();
        expect(await store.claim(request('late', id, new Date(graceEnd.getTime() - 1)))).not.toBeNull();
      });

      it('separate processes racing for the same keys never both win one', async () => {
        const store = await openOne();
        const { id } = await store.save(channel, settings, t0);
        const results = await raceWorkers(location, id, 400, t0);
        const all = results.flat();
        expect(all).toHaveLength(400);
        expect(new Set(all).size).toBe(400);
        expect(await store.postings(id)).toHaveLength(400);
        // The race is only meaningful if the processes really overlapped.
        expect(results.filter((won) => won.length > 0).length).toBeGreaterThan(1);
      }, 60_000);
    });

    describe('claims left behind by a crashed process', () => {
      /** Claims `key` and closes without recording anything, as a process killed mid-post would. */
      async function crashAfterClaiming(key: string): Promise<{ claimant: string; subscriptionId: number }> {
        const crashed = await openStore(location);
        const { id } = await crashed.save(channel, settings, t0);
        expect(await crashed.claim(request(key, id))).not.toBeNull();
        const claimant = crashed.claimant;
        await crashed.close();
        return { claimant, subscriptionId: id };
      }

      it('are taken over by another store once the lease has expired, not before, counting the attempt', async () => {
        const { claimant, subscriptionId } = await crashAfterClaiming('stale');
        const survivor = await openOne();
        expect(await survivor.claim(request('stale', subscriptionId, msAfterStart(LEASE_MS - 1)))).toBeNull();
        const claim = await survivor.claim(request('stale', subscriptionId, msAfterStart(LEASE_MS)));
        expect(claim).toEqual({
          occurrenceKey: 'stale',
          claimedBy: survivor.claimant,
          claimedAt: msAfterStart(LEASE_MS).toISOString(),
          attempts: 2,
          takenOverFrom: claimant,
        });
        expect(await survivor.posting('stale')).toMatchObject({
          status: 'claimed',
          leaseExpiresAt: msAfterStart(2 * LEASE_MS).toISOString(),
          takenOverFrom: claimant,
        });
        // The new claim has a lease of its own.
        expect(
          await (await openOne()).claim(request('stale', subscriptionId, msAfterStart(LEASE_MS + 60_000))),
        ).toBeNull();
        expect(await survivor.markPosted(claim!, msAfterStart(LEASE_MS + 1000))).toBe(true);
        expect(await (await openOne()).claim(request('stale', subscriptionId, msAfterStart(3 * LEASE_MS)))).toBeNull();
      });

      it('are never taken over after the grace window, however long ago the lease expired', async () => {
        const { subscriptionId } = await crashAfterClaiming('stale');
        const survivor = await openOne();
        expect(await survivor.claim(request('stale', subscriptionId, msAfterStart(6 * 3_600_000)))).toBeNull();
        expect(await survivor.posting('stale')).toMatchObject({ status: 'claimed', attempts: 1 });
      });

      it('two stores racing for one stale claim: exactly one wins', async () => {
        const { subscriptionId } = await crashAfterClaiming('stale');
        const a = await openOne();
        const b = await openOne();
        const at = msAfterStart(LEASE_MS + 5_000);
        const results = await Promise.all([
          a.claim(request('stale', subscriptionId, at)),
          b.claim(request('stale', subscriptionId, at)),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
        expect((await a.posting('stale'))!.attempts).toBe(2);
      });

      it('separate processes racing to take over the same stale claims never both win one', async () => {
        const crashed = await openStore(location);
        const { id } = await crashed.save(channel, settings, t0);
        for (let i = 0; i < 300; i++) await crashed.claim(request(`sub:${id}:race:${i}`, id));
        await crashed.close();
        const results = await raceWorkers(location, id, 300, msAfterStart(LEASE_MS));
        const all = results.flat();
        expect(all).toHaveLength(300);
        expect(new Set(all).size).toBe(300);
        const postings = await (await openOne()).postings(id);
        expect(postings.every((p) => p.attempts === 2 && p.takenOverFrom !== null)).toBe(true);
        expect(results.filter((won) => won.length > 0).length).toBeGreaterThan(1);
      }, 60_000);

      it('the claim that was taken over can no longer record an outcome', async () => {
        const stalled = await openOne();
        const { id } = await stalled.save(channel, settings, t0);
        const old = (await stalled.claim(request('k', id)))!;
        const fresh = (await (await openOne()).claim(request('k', id, msAfterStart(LEASE_MS))))!;
        expect(await stalled.markPosted(old, msAfterStart(LEASE_MS + 1))).toBe(false);
        expect(await stalled.markRetry(old, 'Error: late', msAfterStart(LEASE_MS + 60_000))).toBe(false);
        expect(await stalled.markFailed(old, 'PermanentPostError: late')).toBe(false);
        expect(await stalled.posting('k')).toMatchObject({
          status: 'claimed',
          claimedBy: fresh.claimedBy,
          claimedAt: fresh.claimedAt,
          lastError: null,
        });
      });

      it('a post abandoned at its timeout that lands before the retry is recorded as posted', async () => {
        const store = await openOne();
        const { id } = await store.save(channel, settings, t0);
        const claim = (await store.claim(request('k', id)))!;
        await store.markRetry(claim, 'PostTimeoutError: no answer', msAfterStart(3 * 60_000));
        expect(await store.markPosted(claim, msAfterStart(2 * 60_000 + 500))).toBe(true);
        expect(await store.claim(request('k', id, msAfterStart(3 * 60_000)))).toBeNull();
        expect(await store.posting('k')).toMatchObject({ status: 'posted', retryAt: null, lastError: null });
      });
    });

    describe('pruning', () => {
      it('deletes postings scheduled before the cutoff except keys with a kept ending', async () => {
        const store = await openOne();
        const { id } = await store.save(channel, settings, t0);
        const claimAt = (key: string, scheduledAt: Date) =>
          store.claim({
            occurrenceKey: key,
            subscriptionId: id,
            scheduledAt,
            now: scheduledAt,
            leaseMs: LEASE_MS,
            graceEndsAt: new Date(scheduledAt.getTime() + 3_600_000),
          });
        const old = new Date('2023-01-02T09:00:00Z');
        await claimAt(`sub:${id}:weekly:2023-W01`, old);
        await claimAt(`sub:${id}:no-schedule:after-1.26`, old);
        await claimAt(`sub:${id}:no-schedule:after-1.2`, old);
        await claimAt(`sub:${id}:weekly:2024-W29`, t0);
        const cutoff = new Date('2023-06-01T00:00:00Z');
        expect(
          await store.prunePostings({ scheduledBefore: cutoff, keepKeySuffixes: [':no-schedule:after-1.26'] }),
        ).toBe(2);
        expect((await store.postings()).map((p) => p.occurrenceKey)).toEqual([
          `sub:${id}:no-schedule:after-1.26`,
          `sub:${id}:weekly:2024-W29`,
        ]);
        expect(await store.prunePostings({ scheduledBefore: cutoff, keepKeySuffixes: [] })).toBe(1);
      });
    });

    describe('delivery keys', () => {
      it('the first claim of a key wins, across connections, until it expires', async () => {
        const a = await openOne();
        const b = await openOne();
        expect(await a.claimDeliveryKey('event:Ev1', 60_000, t0)).toBe(true);
        expect(await b.claimDeliveryKey('event:Ev1', 60_000, msAfterStart(59_999))).toBe(false);
        expect(await a.claimDeliveryKey('event:Ev1', 60_000, t0)).toBe(false);
        expect(await b.claimDeliveryKey('event:Ev2', 60_000, t0)).toBe(true);
        expect(await b.claimDeliveryKey('event:Ev1', 60_000, msAfterStart(60_000))).toBe(true);
        expect(await a.claimDeliveryKey('event:Ev1', 60_000, msAfterStart(60_001))).toBe(false);
      });

      it('many concurrent claims of one key: exactly one wins', async () => {
        const stores = await Promise.all([openOne(), openOne(), openOne()]);
        const results = await Promise.all(
          Array.from({ length: 30 }, (_, i) => stores[i % 3]!.claimDeliveryKey('event:hot', 60_000, t0)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('pruning deletes only expired keys', async () => {
        const store = await openOne();
        await store.claimDeliveryKey('old', 1000, t0);
        await store.claimDeliveryKey('fresh', 60_000, t0);
        expect(await store.pruneDeliveryKeys(msAfterStart(1000))).toBe(1);
        expect(await store.claimDeliveryKey('fresh', 60_000, msAfterStart(1000))).toBe(false);
      });
    });
  });
}

/** Four processes claim the same keys at `now` after a common go signal; returns what each won. */
async function raceWorkers(
  location: StoreLocation,
  subscriptionId: number,
  keys: number,
  now: Date,
): Promise<string[][]> {
  const worker = path.join(import.meta.dirname, 'fixtures', 'claim-worker.ts');
  return raceProcesses<string[]>(worker, 4, (startFile) => [
    JSON.stringify(location),
    String(subscriptionId),
    String(keys),
    startFile,
    now.toISOString(),
  ]);
}
