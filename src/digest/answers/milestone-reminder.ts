import type { Answer } from '../../domain/answer.ts';
import type { Dataset } from '../../domain/dataset.ts';
import { section } from '../../engine/format.ts';
import { milestoneLabel } from '../../domain/schedule.ts';
import { cycleAt, type Milestone } from '../cycle.ts';
import { dataFooter } from '../../domain/manifest.ts';
import { milestoneLocalDate, upcomingMilestones } from '../facts.ts';
import { countdown, dayLabel, daysBetween } from '../time.ts';
import { clockLabel, milestoneFact } from './format.ts';

export interface MilestoneReminderInput {
  milestone: Milestone;
  /** The subscriber's calendar date and zone when the reminder goes out. */
  today: string;
  zone: string;
  now: Date;
  dataset: Pick<Dataset, 'manifest' | 'schedules'>;
}

/** "Code Freeze in 7 days — Kubernetes 1.31": one milestone, when it is, and what follows it. */
export function milestoneReminderAnswer({ milestone, today, zone, now, dataset }: MilestoneReminderInput): Answer {
  const label = milestoneLabel(milestone.kind, milestone.event);
  const date = milestoneLocalDate(milestone, zone);
  const when = countdown(daysBetween(today, date));
  const time = milestone.at ? `, ${clockLabel(milestone.at, zone)}` : '';
  const started = milestone.at !== null && new Date(milestone.at).getTime() <= now.getTime();
  const summary =
    milestone.kind === 'release'
      ? `Kubernetes v${milestone.version}.0 is scheduled for release ${when}: ${dayLabel(date)}${time}.`
      : started
        ? `Kubernetes ${milestone.version} ${label} began ${when}: ${dayLabel(date)}${time}.`
        : `Kubernetes ${milestone.version} ${label} is ${when}: ${dayLabel(date)}${time}.`;

  const cycle = cycleAt([milestone.schedule], today);
  const facts = [
    { label: 'Milestone', value: label, raw: milestone.kind },
    { label: 'When', value: `${dayLabel(date)}${time} (${when})`, raw: milestone.at ?? milestone.date },
    { label: 'Schedule entry', value: milestone.what, raw: null },
    ...(cycle.state === 'in-cycle'
      ? [{ label: 'Cycle', value: `week ${cycle.week} of ${cycle.weeks}`, raw: cycle.week }]
      : []),
  ];
  const next = upcomingMilestones(dataset.schedules, milestone.version, today, zone, 6)
    .filter((m) => !(m.kind === milestone.kind && m.date === milestone.date && m.version === milestone.version))
    .filter((m) => milestoneLocalDate(m, zone) >= date)
    .slice(0, 3);

  return {
    intent: 'digest',
    title: `${label} ${when} — Kubernetes ${milestone.version}`,
    summary,
    release: milestone.version,
    facts,
    sections:
      next.length > 0 ? [section('Also coming up', { facts: next.map((m) => milestoneFact(m, today, zone)) })] : [],
    links: [{ label: `Kubernetes ${milestone.version} release schedule`, url: milestone.schedule.url }],
    suggestions: [`${milestone.version} schedule`],
    footer: dataFooter(dataset.manifest),
  };
}
