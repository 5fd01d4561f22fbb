import type { DateTime } from 'luxon';
import type { Dataset } from '../domain/dataset.ts';
import { milestoneLabel } from '../domain/schedule.ts';
import { milestonesOf, REMINDER_KINDS } from './cycle.ts';
import { EOL_WARNING_DAYS, REMINDER_OFFSETS_DAYS } from './due.ts';
import { milestoneLocalDate } from './facts.ts';
import { wantsMilestones, wantsWeekly, type SubscriptionSettings } from '../domain/subscription.ts';
import { addDays, localDate, localSlot } from './time.ts';

export interface UpcomingPosting {
  at: DateTime;
  what: string;
}

export interface UpcomingPostings {
  weekly: UpcomingPosting | null;
  reminder: UpcomingPosting | null;
}

/** The next weekly digest and the next reminder a subscription with these settings would receive after `now`. */
export function upcomingPostings(
  settings: SubscriptionSettings,
  dataset: Pick<Dataset, 'schedules' | 'releases'>,
  now: Date,
): UpcomingPostings {
  const zone = settings.timeZone;
  const today = localDate(now, zone);
  const after = (at: DateTime): boolean => at.toMillis() > now.getTime();

  let weekly: UpcomingPosting | null = null;
  if (wantsWeekly(settings.kind)) {
    for (let offset = 0; offset <= 7 && !weekly; offset++) {
      const at = localSlot(addDays(today, offset), settings.time, zone);
      if (at.weekday === settings.weekday && after(at)) weekly = { at, what: 'weekly digest' };
    }
  }

  let reminder: UpcomingPosting | null = null;
  if (wantsMilestones(settings.kind)) {
    const consider = (at: DateTime, what: string): void => {
      if (after(at) && (!reminder || at < reminder.at)) reminder = { at, what };
    };
    for (const milestone of dataset.schedules.flatMap(milestonesOf)) {
      if (!REMINDER_KINDS.has(milestone.kind)) continue;
      const date = milestoneLocalDate(milestone, zone);
      if (date < today) continue;
      for (const offset of REMINDER_OFFSETS_DAYS) {
        const label = `${milestoneLabel(milestone.kind, milestone.event, milestone.version)} · ${milestone.version}`;
        consider(
          localSlot(addDays(date, -offset), settings.time, zone),
          offset === 0 ? `${label} (on the day)` : `${label} (${offset} ${offset === 1 ? 'day' : 'days'} before)`,
        );
      }
    }
    for (const release of dataset.releases) {
      if (!release.eolDate || release.eolDate < today) continue;
      consider(
        localSlot(addDays(release.eolDate, -EOL_WARNING_DAYS), settings.time, zone),
        `end-of-life warning for ${release.version}`,
      );
    }
  }
  return { weekly, reminder };
}
