import { DateTime } from 'luxon';
import type { AnswerFact } from '../../domain/answer.ts';
import { milestoneLabel } from '../../domain/schedule.ts';
import type { Milestone } from '../cycle.ts';
import { milestoneLocalDate } from '../facts.ts';
import { countdown, dayLabel, daysBetween, zoneAbbreviation } from '../time.ts';

/** "04:00 CEST" (or "02:00 UTC"), the clock time of an instant in the subscriber's zone. */
export function clockLabel(iso: string, zone: string): string {
  const local = DateTime.fromISO(iso).setZone(zone);
  return `${local.toFormat('HH:mm')} ${zoneAbbreviation(local.toJSDate(), zone)}`;
}

/** "Wed 2024-07-24, 04:00 CEST (in 7 days)" — date, time if the source has one, countdown. */
export function milestoneWhen(milestone: Milestone, today: string, zone: string): string {
  const date = milestoneLocalDate(milestone, zone);
  const time = milestone.at ? `, ${clockLabel(milestone.at, zone)}` : '';
  return `${dayLabel(date)}${time} (${countdown(daysBetween(today, date))})`;
}

export function milestoneFact(milestone: Milestone, today: string, zone: string): AnswerFact {
  return {
    label: `${milestoneLabel(milestone.kind, milestone.event, milestone.version)} · ${milestone.version}`,
    value: milestoneWhen(milestone, today, zone),
    raw: milestone.at ?? milestone.date,
  };
}
