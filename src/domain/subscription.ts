import { z } from 'zod';
import type { ChannelRef } from './channel.ts';
import { MinorVersion } from './version.ts';

export const DIGEST_KINDS = ['milestones', 'weekly', 'both'] as const;
export type DigestKind = (typeof DIGEST_KINDS)[number];

/** What a refresh can announce to a `releases` subscriber. */
export const RELEASE_EVENTS = ['minor', 'patch', 'schedule', 'eol', 'pre-release'] as const;
export type ReleaseEvent = (typeof RELEASE_EVENTS)[number];

/** Every event but pre-releases, which are sent only when asked for. */
export const DEFAULT_RELEASE_EVENTS: readonly ReleaseEvent[] = ['minor', 'patch', 'schedule', 'eol'];

/** Which release alerts a channel gets (`subscribe releases [minors|patches|schedules|eol|prereleases] [1.34 …]`). */
export const ReleaseAlertFilter = z.object({
  events: z.array(z.enum(RELEASE_EVENTS)).min(1),
  /** Only these minors' patches, pre-releases and end-of-life changes; empty means every minor. */
  versions: z.array(MinorVersion),
});
export type ReleaseAlertFilter = z.infer<typeof ReleaseAlertFilter>;

/** ISO weekday: 1 = Monday … 7 = Sunday (luxon's numbering). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export interface SubscriptionSettings {
  /** Scheduled digests; null when the channel gets release alerts only. */
  kind: DigestKind | null;
  /** Release alerts after a data refresh; absent or null for none. */
  releases?: ReleaseAlertFilter | null;
  /** Local time of day, "HH:MM" (24-hour). */
  time: string;
  /** Canonical IANA zone name, or "UTC". */
  timeZone: string;
  /** For the weekly digest (and the one-off "no schedule" notice). */
  weekday: Weekday;
}

/** What a channel receives; a subscription with neither is removed. */
export type Receives = Pick<SubscriptionSettings, 'kind' | 'releases'>;

export const DEFAULT_SETTINGS: SubscriptionSettings = {
  kind: 'both',
  releases: null,
  time: '09:00',
  timeZone: 'UTC',
  weekday: 1,
};

export interface Subscription extends SubscriptionSettings {
  id: number;
  channel: ChannelRef;
  /** Postings scheduled before this instant are never sent (no back-fill for new subscribers). */
  createdAt: Date;
  updatedAt: Date;
  consecutivePermanentFailures: number;
  lastFailure: string | null;
  pausedAt: Date | null;
  pausedReason: string | null;
}

export const wantsMilestones = (kind: DigestKind | null): boolean => kind === 'milestones' || kind === 'both';
export const wantsWeekly = (kind: DigestKind | null): boolean => kind === 'weekly' || kind === 'both';

export function kindFrom(milestones: boolean, weekly: boolean): DigestKind | null {
  if (milestones && weekly) return 'both';
  if (milestones) return 'milestones';
  if (weekly) return 'weekly';
  return null;
}

/** Everything `a` and `b` receive between them. */
export function combineKinds(a: DigestKind | null | undefined, b: DigestKind): DigestKind {
  if (!a) return b;
  return kindFrom(wantsMilestones(a) || wantsMilestones(b), wantsWeekly(a) || wantsWeekly(b))!;
}

/** Whether `filter` asks for this event about `version` (a minor, or null for events about no one minor). */
export function wantsReleaseEvent(
  filter: ReleaseAlertFilter | null | undefined,
  event: ReleaseEvent,
  version: string | null,
): boolean {
  if (!filter?.events.includes(event)) return false;
  const versionScoped = event === 'patch' || event === 'eol' || event === 'pre-release';
  return !versionScoped || filter.versions.length === 0 || (version !== null && filter.versions.includes(version));
}
