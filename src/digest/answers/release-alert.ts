import type { Answer, AnswerFact } from '../../domain/answer.ts';
import type { Dataset } from '../../domain/dataset.ts';
import { changelogUrl, RELEASES_URL } from '../../engine/format.ts';
import { milestonesOf, REMINDER_KINDS } from '../cycle.ts';
import { dataFooter } from '../../domain/manifest.ts';
import type { ReleaseChange } from '../release-events.ts';
import { countdown, dayLabel, daysBetween, localDate } from '../time.ts';
import { milestoneFact } from './format.ts';

export interface ReleaseAlertInput {
  change: ReleaseChange;
  /** The subscriber's zone: every "when" is said in it. */
  zone: string;
  now: Date;
  dataset: Pick<Dataset, 'manifest'>;
}

function when(date: string, today: string): string {
  return `${dayLabel(date)} (${countdown(daysBetween(today, date))})`;
}

/** One release alert: a new minor, patch, schedule, end-of-life date or pre-release. */
export function releaseAlertAnswer({ change, zone, now, dataset }: ReleaseAlertInput): Answer {
  const today = localDate(now, zone);
  const { version } = change;
  const base = {
    intent: 'digest' as const,
    release: version,
    footer: dataFooter(dataset.manifest),
    sections: [],
    suggestions: [`tell me about ${version}`],
  };
  const dateFact = (label: string, date: string | null): AnswerFact[] =>
    date ? [{ label, value: when(date, today), raw: date }] : [];
  switch (change.event) {
    case 'minor':
      return {
        ...base,
        title: `Kubernetes ${version} is released`,
        summary: `Kubernetes ${version} is out${change.date ? `, released ${dayLabel(change.date)}` : ''}.`,
        facts: [...dateFact('Released', change.date), ...dateFact('End of life', change.release?.eolDate ?? null)],
        links: [{ label: `${version} changelog`, url: changelogUrl(version) }],
        suggestions: [`what went GA in ${version}`, `tell me about ${version}`],
      };
    case 'patch':
      return {
        ...base,
        title: `Kubernetes ${change.build} is released`,
        summary: `Kubernetes ${change.build}, a patch release of ${version}, is out${change.date ? ` (${dayLabel(change.date)})` : ''}.`,
        facts: [
          ...dateFact('Released', change.date),
          ...dateFact(`End of life of ${version}`, change.release?.eolDate ?? null),
        ],
        links: [{ label: `${version} changelog`, url: changelogUrl(version) }],
        suggestions: [`latest patch of ${version}`, `is ${version} still supported`],
      };
    case 'eol':
      return {
        ...base,
        title: `Kubernetes ${version}: end of life ${change.previousDate ? 'moved' : 'announced'}`,
        summary: change.previousDate
          ? `Kubernetes ${version} now reaches end of life on ${dayLabel(change.date!)}, no longer ${dayLabel(change.previousDate)}.`
          : `Kubernetes ${version} reaches end of life on ${dayLabel(change.date!)}.`,
        facts: [...dateFact('End of life', change.date), ...dateFact('Before', change.previousDate)],
        links: [{ label: 'Kubernetes releases and support dates', url: RELEASES_URL }],
        suggestions: [`is ${version} still supported`, 'which versions are supported'],
      };
    case 'schedule': {
      const milestones = change.schedule ? milestonesOf(change.schedule).filter((m) => REMINDER_KINDS.has(m.kind)) : [];
      return {
        ...base,
        title: `The Kubernetes ${version} release schedule is published`,
        summary: `The ${version} release cycle has a schedule: ${milestones.length} key dates, times in ${zone}.`,
        facts: milestones.map((milestone) => milestoneFact(milestone, today, zone)),
        links: change.schedule ? [{ label: `${version} schedule`, url: change.schedule.url }] : [],
        suggestions: [`${version} schedule`, `when is code freeze for ${version}`, `add ${version} to my calendar`],
      };
    }
    case 'pre-release':
      return {
        ...base,
        title: `Kubernetes ${change.build} is on the schedule`,
        summary: `The ${version} schedule now lists the pre-release ${change.build}${change.date ? ` for ${dayLabel(change.date)}` : ''}.`,
        facts: dateFact('Planned for', change.date),
        links: change.schedule ? [{ label: `${version} schedule`, url: change.schedule.url }] : [],
        suggestions: [`${version} schedule`],
      };
  }
}
