import type { ChannelRef } from './channel.ts';

export const DIGEST_KINDS = ['milestones', 'weekly', 'both'] as const;
export type DigestKind = (typeof DIGEST_KINDS)[number];

/** ISO weekday: 1 = Monday … 7 = Sunday (luxon's numbering). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export interface SubscriptionSettings {
  kind: DigestKind;
  /** Local time of day, "HH:MM" (24-hour). */
  time: string;
  /** Canonical IANA zone name, or "UTC". */
  timeZone: string;
  /** For the weekly digest (and the one-off "no schedule" notice). */
  weekday: Weekday;
}

export const DEFAULT_SETTINGS: SubscriptionSettings = { kind: 'both', time: '09:00', timeZone: 'UTC', weekday: 1 };

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

export const wantsMilestones = (kind: DigestKind): boolean => kind === 'milestones' || kind === 'both';
export const wantsWeekly = (kind: DigestKind): boolean => kind === 'weekly' || kind === 'both';

export function kindFrom(milestones: boolean, weekly: boolean): DigestKind | null {
  if (milestones && weekly) return 'both';
  if (milestones) return 'milestones';
  if (weekly) return 'weekly';
  return null;
}

/** Everything `a` and `b` receive between them. */
export function combineKinds(a: DigestKind | undefined, b: DigestKind): DigestKind {
  if (!a) return b;
  return kindFrom(wantsMilestones(a) || wantsMilestones(b), wantsWeekly(a) || wantsWeekly(b))!;
}

