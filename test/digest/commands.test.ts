import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot.ts';
import type { ChannelRef } from '../../src/domain/channel.ts';
import { Answer } from '../../src/domain/answer.ts';
import { createSubscriptionCommands } from '../../src/digest/commands.ts';
import type { Store as SubscriptionStore } from '../../src/storage/store.ts';
import { openSqliteStore as openSubscriptionStore } from '../../src/storage/subscription-store.ts';
import { cycle131, dataset, release } from './fixtures.ts';

const data = dataset({
  schedules: [cycle131],
  releases: [release('1.28', { gaDate: '2023-08-15', eolDate: '2024-10-28' })],
});
const channel: ChannelRef = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const now = new Date('2024-07-16T12:00:00Z');

let dir: string;
let store: SubscriptionStore;
let bot: Bot;
const say = async (text: string, where: ChannelRef = channel) => {
  const answer = await bot.handle(text, { channel: where, now });
  // Every reply is a valid Answer the renderers accept.
  expect(() => Answer.parse(answer)).not.toThrow();
  return answer;
};

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'k8s-bot-commands-'));
  store = openSubscriptionStore(dir);
  bot = new Bot(data, { subscriptions: createSubscriptionCommands(store, data) });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('subscribe', () => {
  it('defaults to both kinds at 09:00 UTC, weekly on Monday, and says what comes next', async () => {
    const answer = await say('subscribe');
    expect(answer.intent).toBe('subscription');
    expect(answer.title).toBe('Subscribed');
    expect(answer.summary).toBe(
      'This channel will get milestone reminders and a weekly digest (the digest on Mondays), at 09:00 UTC.',
    );
    expect(await store.find(channel)).toMatchObject({ kind: 'both', time: '09:00', timeZone: 'UTC', weekday: 1 });
    const facts = Object.fromEntries(answer.facts.map((f) => [f.label, f.value]));
    expect(facts['Next weekly digest']).toBe('Mon 2024-07-22 09:00 UTC');
    expect(facts['Next reminder']).toBe('Code Freeze · 1.31 (7 days before): Wed 2024-07-17 09:00 UTC');
  });

  it('accepts options in any order and canonicalises the zone', async () => {
    await say('subscribe europe/berlin Friday 8:30 weekly');
    expect(await store.find(channel)).toMatchObject({
      kind: 'weekly',
      time: '08:30',
      timeZone: 'Europe/Berlin',
      weekday: 5,
    });
  });

  it('subscribing again updates only what was given and adds kinds', async () => {
    await say('subscribe weekly 17:30 America/New_York tue');
    const answer = await say('subscribe milestones');
    expect(answer.title).toBe('Subscription updated');
    expect(answer.summary).toContain('To stop the weekly digest: unsubscribe weekly.');
    expect(await store.list()).toHaveLength(1);
    expect(await store.find(channel)).toMatchObject({
      kind: 'both',
      time: '17:30',
      timeZone: 'America/New_York',
      weekday: 2,
    });
    await say('subscribe 07:00');
    expect(await store.find(channel)).toMatchObject({ kind: 'both', time: '07:00', timeZone: 'America/New_York' });
  });

  it('keys subscriptions by platform, workspace and channel', async () => {
    await say('subscribe weekly');
    await say('subscribe milestones', { ...channel, workspace: 'T2' });
    await say('subscribe milestones', { ...channel, platform: 'discord' });
    expect(
      (await store.list()).map((s) => `${s.channel.platform}/${s.channel.workspace}/${s.channel.channel} ${s.kind}`),
    ).toEqual(['slack/T1/C1 weekly', 'slack/T2/C1 milestones', 'discord/T1/C1 milestones']);
  });

  it.each([
    ['subscribe 25:00', '“25:00” is not a time of day. Use 24-hour HH:MM'],
    ['subscribe 9:75', '“9:75” is not a time of day'],
    ['subscribe 9pm', '“9pm” is not a time of day'],
    [
      'subscribe Mars/Olympus',
      'Unknown time zone “Mars/Olympus”. Use an IANA time zone name such as Europe/Berlin or America/New_York, or UTC.',
    ],
    ['subscribe UTC+2', 'Unknown time zone “UTC+2”'],
    [
      'subscribe daily',
      'Unknown option “daily”. Accepted: a kind (milestones, weekly, both or releases), a time HH:MM, an IANA time zone or UTC, and a weekday.',
    ],
    ['subscribe 09:00 10:00', 'Give one time of day, not two.'],
    ['subscribe monday friday', 'Give one weekday'],
  ])('%s → a clear answer naming what is accepted, and nothing stored', async (text, expected) => {
    const answer = await say(text);
    expect(answer.intent).toBe('subscription');
    expect(answer.title).toBe('Could not subscribe');
    expect(answer.summary).toContain(expected);
    expect(answer.sections[0]!.lines.join('\n')).toContain(
      'subscribe [milestones|weekly|both|releases] [HH:MM] [time zone] [weekday]',
    );
    expect(await store.find(channel)).toBeNull();
  });

  it('never echoes a mass mention from bad input', async () => {
    for (const text of [
      'subscribe <!channel>',
      'subscribe @everyone',
      'subscribe <!here|here>',
      'subscribe weekly <@U123>',
    ]) {
      const answer = await say(text);
      const everything = JSON.stringify(answer);
      expect(everything).not.toMatch(/<!channel>|<!here|@everyone|@here|<@U123>/);
      expect(answer.title).toBe('Could not subscribe');
    }
  });
});

describe('subscribe releases', () => {
  it('alone: release alerts only, no digests, every event but pre-releases', async () => {
    const answer = await say('subscribe releases Europe/Berlin');
    expect(answer.title).toBe('Subscribed');
    expect(answer.summary).toBe(
      'This channel will get release alerts (new minor releases, new patches, new release schedules and end-of-life changes) ' +
        'after each data refresh, times in Europe/Berlin.',
    );
    expect(await store.find(channel)).toMatchObject({
      kind: null,
      timeZone: 'Europe/Berlin',
      releases: { events: ['minor', 'patch', 'schedule', 'eol'], versions: [] },
    });
    expect(answer.facts.map((fact) => fact.label)).not.toContain('Next weekly digest');
  });

  it.each([
    ['subscribe releases 1.34 1.35', { events: ['patch'], versions: ['1.34', '1.35'] }],
    ['subscribe releases minors', { events: ['minor'], versions: [] }],
    ['subscribe releases patches', { events: ['patch'], versions: [] }],
    ['subscribe releases prereleases', { events: ['minor', 'patch', 'schedule', 'eol', 'pre-release'], versions: [] }],
    ['subscribe releases patches eol v1.9 1.10', { events: ['patch', 'eol'], versions: ['1.9', '1.10'] }],
  ])('%s → %j', async (text, releases) => {
    await say(text);
    expect((await store.find(channel))!.releases).toEqual(releases);
  });

  it('adds to existing digests, replaces an older filter, and unsubscribe releases keeps the digests', async () => {
    await say('subscribe weekly');
    await say('subscribe releases minors');
    expect(await store.find(channel)).toMatchObject({ kind: 'weekly', releases: { events: ['minor'] } });
    const replaced = await say('subscribe releases 1.35');
    expect(replaced.summary).toContain('and release alerts (new patches of 1.35)');
    expect(await store.find(channel)).toMatchObject({
      kind: 'weekly',
      releases: { events: ['patch'], versions: ['1.35'] },
    });
    const dropped = await say('unsubscribe releases');
    expect(dropped.summary).toContain('no longer gets release alerts; it still gets a weekly digest');
    expect(await store.find(channel)).toMatchObject({ kind: 'weekly', releases: null });
  });

  it('unsubscribing the digests keeps the alerts; unsubscribe with no option stops everything', async () => {
    await say('subscribe milestones releases');
    await say('unsubscribe both');
    expect(await store.find(channel)).toMatchObject({
      kind: null,
      releases: { events: ['minor', 'patch', 'schedule', 'eol'] },
    });
    expect((await say('subscriptions')).summary).toContain('release alerts');
    await say('unsubscribe');
    expect(await store.find(channel)).toBeNull();
  });
});

describe('unsubscribe and subscriptions', () => {
  it('lists this channel’s subscription, or says there is none', async () => {
    expect((await say('subscriptions')).title).toBe('No subscription');
    await say('subscribe weekly friday 10:00 Asia/Tokyo');
    const listed = await say('subscriptions');
    expect(listed.summary).toBe('This channel gets a weekly digest (the digest on Fridays), at 10:00 Asia/Tokyo.');
    expect(listed.facts.find((f) => f.label === 'Next weekly digest')!.value).toBe('Fri 2024-07-19 10:00 Asia/Tokyo');
    expect((await say('subscriptions', { ...channel, channel: 'C2' })).title).toBe('No subscription');
  });

  it('removes one kind, then everything', async () => {
    await say('subscribe');
    const partly = await say('unsubscribe weekly');
    expect(partly.summary).toContain('no longer gets the weekly digest; it still gets milestone reminders');
    expect((await store.find(channel))!.kind).toBe('milestones');
    const all = await say('unsubscribe');
    expect(all.summary).toBe('This channel no longer gets release digests.');
    expect(await store.find(channel)).toBeNull();
  });

  it('rejects unknown unsubscribe options and unsubscribing when not subscribed', async () => {
    const bad = await say('unsubscribe fortnightly');
    expect(bad.title).toBe('Could not unsubscribe');
    expect(bad.summary).toContain('Use unsubscribe [milestones|weekly|both|releases]');
    expect((await say('unsubscribe')).title).toBe('No subscription');
  });

  it('shows a paused subscription and its reason; subscribing again resumes it', async () => {
    const { id } = await say('subscribe').then(async () => (await store.find(channel))!);
    for (let i = 0; i < 3; i++) await store.recordPermanentFailure(id, 'not_in_channel', now, 3);
    const listed = await say('subscriptions');
    expect(listed.summary).toContain('Paused after repeated delivery failures (not_in_channel)');
    await say('subscribe');
    expect((await store.find(channel))!.pausedAt).toBeNull();
  });
});
