import type { DateTime } from 'luxon';
import type { Answer, AnswerFact } from '../../domain/answer.ts';
import type { Dataset } from '../../domain/dataset.ts';
import { section } from '../../engine/format.ts';
import { ACCEPTED_LINES, SUBSCRIBE_USAGE, UNSUBSCRIBE_USAGE } from '../options.ts';
import {
  WEEKDAY_NAMES,
  wantsMilestones,
  wantsWeekly,
  type DigestKind,
  type ReleaseAlertFilter,
  type ReleaseEvent,
  type Subscription,
  type SubscriptionSettings,
} from '../../domain/subscription.ts';
import type { UpcomingPostings } from '../upcoming.ts';
import { dataFooter } from '../../domain/manifest.ts';

const reply = (
  dataset: Pick<Dataset, 'manifest'>,
  parts: Pick<Answer, 'title' | 'summary'> & Partial<Answer>,
): Answer => ({
  intent: 'subscription',
  release: null,
  facts: [],
  sections: [],
  links: [],
  suggestions: [],
  footer: dataFooter(dataset.manifest),
  ...parts,
});

function describeKind(kind: DigestKind): string {
  if (kind === 'both') return 'milestone reminders and a weekly digest';
  return kind === 'milestones' ? 'milestone reminders' : 'a weekly digest';
}

const RELEASE_EVENT_LABELS: Record<ReleaseEvent, string> = {
  minor: 'new minor releases',
  patch: 'new patches',
  schedule: 'new release schedules',
  eol: 'end-of-life changes',
  'pre-release': 'pre-releases',
};

const listing = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** "release alerts (new patches of 1.34 and 1.35)". */
function describeReleaseAlerts(filter: ReleaseAlertFilter): string {
  const of = filter.versions.length > 0 ? ` of ${listing(filter.versions)}` : '';
  return `release alerts (${listing(filter.events.map((event) => RELEASE_EVENT_LABELS[event]))}${of})`;
}

/** Everything the settings receive, without times: "milestone reminders and release alerts (…)". */
function describeReceives(settings: SubscriptionSettings): string {
  const parts = [
    settings.kind ? describeKind(settings.kind) : null,
    settings.releases ? describeReleaseAlerts(settings.releases) : null,
  ];
  return listing(parts.filter((part): part is string => part !== null)) || 'nothing';
}

/** "milestone reminders and a weekly digest on Mondays, at 09:00 UTC", plus release alerts if any. */
function describeSettings(settings: SubscriptionSettings): string {
  const alerts = settings.releases ? describeReleaseAlerts(settings.releases) : null;
  if (!settings.kind) return `${alerts ?? 'nothing'} after each data refresh, times in ${settings.timeZone}`;
  const weekday = wantsWeekly(settings.kind) ? ` (the digest on ${WEEKDAY_NAMES[settings.weekday - 1]}s)` : '';
  return `${describeKind(settings.kind)}${weekday}, at ${settings.time} ${settings.timeZone}${alerts ? `, and ${alerts}` : ''}`;
}

/** "Mon 2024-07-22 09:00 Europe/Berlin". */
const slotLabel = (at: DateTime): string => `${at.toFormat('ccc yyyy-MM-dd HH:mm')} ${at.zoneName ?? 'UTC'}`;

function settingsFacts(settings: SubscriptionSettings, upcoming: UpcomingPostings): AnswerFact[] {
  const facts: AnswerFact[] = [
    { label: 'Receives', value: describeReceives(settings), raw: settings.kind ?? 'releases' },
    ...(settings.kind ? [{ label: 'Time', value: `${settings.time} (${settings.timeZone})`, raw: settings.time }] : []),
    { label: 'Time zone', value: settings.timeZone, raw: settings.timeZone },
  ];
  if (settings.releases) {
    facts.push({
      label: 'Release alerts',
      value: describeReleaseAlerts(settings.releases),
      raw: settings.releases.events.join(','),
    });
  }
  if (wantsWeekly(settings.kind))
    facts.push({ label: 'Weekly digest on', value: WEEKDAY_NAMES[settings.weekday - 1]!, raw: settings.weekday });
  if (upcoming.weekly) {
    facts.push({
      label: 'Next weekly digest',
      value: slotLabel(upcoming.weekly.at),
      raw: upcoming.weekly.at.toUTC().toISO(),
    });
  }
  if (upcoming.reminder) {
    facts.push({
      label: 'Next reminder',
      value: `${upcoming.reminder.what}: ${slotLabel(upcoming.reminder.at)}`,
      raw: upcoming.reminder.at.toUTC().toISO(),
    });
  } else if (wantsMilestones(settings.kind)) {
    facts.push({ label: 'Next reminder', value: 'none scheduled: the data has no upcoming milestones', raw: null });
  }
  return facts;
}

export function subscribedAnswer(
  subscription: Subscription,
  created: boolean,
  upcoming: UpcomingPostings,
  dataset: Pick<Dataset, 'manifest'>,
  askedFor?: DigestKind,
): Answer {
  // Subscribing adds a kind; say how to drop the one the user did not ask for this time.
  const keptOther =
    askedFor && subscription.kind && askedFor !== subscription.kind
      ? ` To stop the ${askedFor === 'weekly' ? 'milestone reminders' : 'weekly digest'}: unsubscribe ${askedFor === 'weekly' ? 'milestones' : 'weekly'}.`
      : '';
  return reply(dataset, {
    title: created ? 'Subscribed' : 'Subscription updated',
    summary: `This channel ${created ? 'will get' : 'now gets'} ${describeSettings(subscription)}.${keptOther}`,
    facts: settingsFacts(subscription, upcoming),
    suggestions: ['subscriptions', UNSUBSCRIBE_USAGE],
  });
}

/** What `before` received that `after` does not, e.g. "the weekly digest" or "release alerts". */
function describeRemoved(before: SubscriptionSettings, after: SubscriptionSettings): string {
  const removed = [
    wantsMilestones(before.kind) && !wantsMilestones(after.kind) ? 'milestone reminders' : null,
    wantsWeekly(before.kind) && !wantsWeekly(after.kind) ? 'the weekly digest' : null,
    before.releases && !after.releases ? 'release alerts' : null,
  ];
  return listing(removed.filter((part): part is string => part !== null)) || 'anything new';
}

export function unsubscribedAnswer(
  before: Subscription,
  remaining: Subscription | null,
  dataset: Pick<Dataset, 'manifest'>,
): Answer {
  return reply(dataset, {
    title: 'Unsubscribed',
    summary: remaining
      ? `This channel no longer gets ${describeRemoved(before, remaining)}; it still gets ${describeSettings(remaining)}.`
      : 'This channel no longer gets release digests.',
    suggestions: remaining ? ['subscriptions'] : [SUBSCRIBE_USAGE],
  });
}

export function notSubscribedAnswer(dataset: Pick<Dataset, 'manifest'>): Answer {
  return reply(dataset, {
    title: 'No subscription',
    summary: 'This channel has no release digest subscription.',
    sections: [section('To subscribe', { lines: [...ACCEPTED_LINES] })],
    suggestions: ['subscribe', 'subscribe weekly 09:00 Europe/Berlin'],
  });
}

export function subscriptionStatusAnswer(
  subscription: Subscription,
  upcoming: UpcomingPostings,
  dataset: Pick<Dataset, 'manifest'>,
): Answer {
  const paused = subscription.pausedAt
    ? [
        {
          label: 'Paused',
          value: `since ${subscription.pausedAt.toISOString()}: ${subscription.pausedReason ?? 'repeated delivery failures'}`,
          raw: true,
        },
      ]
    : [];
  return reply(dataset, {
    title: 'Subscriptions in this channel',
    summary: subscription.pausedAt
      ? `Paused after repeated delivery failures (${subscription.pausedReason ?? 'unknown reason'}); subscribe again to resume ${describeReceives(subscription)}.`
      : `This channel gets ${describeSettings(subscription)}.`,
    facts: [
      ...paused,
      ...settingsFacts(subscription, subscription.pausedAt ? { weekly: null, reminder: null } : upcoming),
    ],
    suggestions: [UNSUBSCRIBE_USAGE],
  });
}

export function invalidOptionsAnswer(
  problem: string,
  command: 'subscribe' | 'unsubscribe',
  dataset: Pick<Dataset, 'manifest'>,
): Answer {
  return reply(dataset, {
    title: command === 'subscribe' ? 'Could not subscribe' : 'Could not unsubscribe',
    summary: problem,
    sections: [section('Accepted options', { lines: [...ACCEPTED_LINES] })],
    suggestions: ['subscribe', 'subscribe weekly 08:30 Europe/Berlin friday'],
  });
}

/** The database failed: nothing was changed (or, for `subscriptions`, nothing could be read). */
export function notSavedAnswer(
  command: 'subscribe' | 'unsubscribe' | 'subscriptions',
  reason: string,
  dataset: Pick<Dataset, 'manifest'>,
): Answer {
  const reading = command === 'subscriptions';
  return reply(dataset, {
    title: reading ? 'Subscriptions unavailable' : 'Not saved',
    summary: reading
      ? `The bot could not read this channel's subscription: its storage failed (${reason}). Try again later.`
      : `Your change was not saved: the bot's storage failed (${reason}). Nothing changed; try again later.`,
    suggestions: [command],
  });
}
