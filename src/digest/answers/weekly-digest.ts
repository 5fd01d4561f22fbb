import type { Answer, AnswerFact, AnswerItem, AnswerSection } from '../../domain/answer.ts';
import type { Dataset } from '../../domain/dataset.ts';
import type { Kep } from '../../domain/kep.ts';
import type { Schedule } from '../../domain/schedule.ts';
import { section } from '../../engine/format.ts';
import { milestoneLabel } from '../../domain/schedule.ts';
import { cycleAt, cycleBounds, progressBar, type CycleState } from '../cycle.ts';
import { latestPatchAsOf, supportedReleases } from '../../domain/release.ts';
import { dataFooter } from '../../domain/manifest.ts';
import { trackedEnhancements, upcomingEols, upcomingMilestones } from '../facts.ts';
import { addDays, countdown, dayLabel, daysBetween } from '../time.ts';
import { milestoneFact, milestoneWhen } from './format.ts';

export interface WeeklyDigestInput {
  /** The subscriber's calendar date, zone and ISO week ("2024-W29") when the digest goes out. */
  today: string;
  zone: string;
  week: string;
  dataset: Dataset;
  /** Report on this release's cycle instead of the one in progress (operator previews). */
  release?: string;
}

const MILESTONES_SHOWN = 5;
const KEPS_SHOWN_PER_STAGE = 3;
const EOL_HORIZON_DAYS = 120;
const NEW_PATCH_DAYS = 7;

function kepItem(kep: Kep, stage: string): AnswerItem {
  return { kep: kep.number, title: kep.title, stage, sig: kep.owningSig, url: kep.links.issue, detail: null };
}

/** The cycle in progress on `today`, or the named release's cycle (before, during or after it). */
export function cycleFor(schedules: readonly Schedule[], today: string, release?: string): CycleState {
  if (!release) return cycleAt(schedules, today);
  const schedule = schedules.find((s) => s.version === release);
  return schedule ? cycleAt([schedule], today) : { state: 'no-schedule', latest: null };
}

export type CycleReportInput = Pick<WeeklyDigestInput, 'today' | 'zone' | 'release'>;

/**
 * Where the cycle stands, as the weekly digest and the chat's cycle-status answer both say it: week N of
 * M and the next milestone, or the gap before the next cycle, or that the data has no current cycle.
 */
export function cycleReport(
  cycle: CycleState,
  input: CycleReportInput,
): { summary: string; facts: AnswerFact[]; version: string | null } {
  const { today, zone } = input;
  if (cycle.state === 'in-cycle') {
    const version = cycle.schedule.version;
    const next = upcomingMilestones([cycle.schedule], version, today, zone, 1)[0];
    const release = cycle.bounds.release;
    return {
      version,
      summary: `Kubernetes ${version} is in week ${cycle.week} of ${cycle.weeks}${next ? `; next: ${milestoneLabel(next.kind, next.event)} ${milestoneWhen(next, today, zone)}` : ''}.`,
      facts: [
        { label: 'Release cycle', value: version, raw: version },
        {
          label: 'Progress',
          value: `${progressBar(cycle.week, cycle.weeks)} week ${cycle.week} of ${cycle.weeks}`,
          raw: cycle.week,
        },
        {
          label: 'Release day',
          value: `${dayLabel(release)} (${countdown(daysBetween(today, release))})`,
          raw: release,
        },
      ],
    };
  }
  if (cycle.state === 'between') {
    const version = cycle.schedule.version;
    const previous = cycle.previous ? cycleBounds(cycle.previous) : null;
    return {
      version,
      summary: `${cycle.previous && previous ? `Kubernetes ${cycle.previous.version} was released on ${previous.release}; the` : 'The'} ${version} cycle starts ${countdown(daysBetween(today, cycle.bounds.start))}, on ${dayLabel(cycle.bounds.start)}.`,
      facts: [
        { label: 'Next release cycle', value: version, raw: version },
        {
          label: 'Cycle starts',
          value: `${dayLabel(cycle.bounds.start)} (${countdown(daysBetween(today, cycle.bounds.start))})`,
          raw: cycle.bounds.start,
        },
        { label: 'Planned release day', value: dayLabel(cycle.bounds.release), raw: cycle.bounds.release },
      ],
    };
  }
  const latest = cycle.latest ? cycleBounds(cycle.latest) : null;
  if (input.release) {
    return {
      version: input.release,
      summary:
        cycle.latest && latest
          ? `Kubernetes ${input.release} was released on ${dayLabel(latest.release)}; its cycle is over.`
          : `The data has no schedule for the ${input.release} cycle.`,
      facts: [],
    };
  }
  const known =
    cycle.latest && latest
      ? ` (the newest schedule in the data is ${cycle.latest.version}, released ${latest.release})`
      : '';
  return { version: null, summary: `The data has no release schedule for the current cycle${known}.`, facts: [] };
}

/** The weekly digest: cycle progress, next milestones, tracked enhancements, latest patches, upcoming EOLs. */
export function weeklyDigestAnswer(input: WeeklyDigestInput): Answer {
  const { today, zone, week, dataset } = input;
  const cycle = cycleFor(input.dataset.schedules, input.today, input.release);
  const { summary, facts, version } = cycleReport(cycle, input);
  const sections: AnswerSection[] = [];

  if (cycle.state !== 'no-schedule') {
    const milestones = upcomingMilestones(dataset.schedules, cycle.schedule.version, today, zone, MILESTONES_SHOWN);
    if (milestones.length > 0)
      sections.push(section('Next milestones', { facts: milestones.map((m) => milestoneFact(m, today, zone)) }));

    const tracked = trackedEnhancements(dataset.keps, cycle.schedule.version);
    const total = tracked.reduce((sum, group) => sum + group.keps.length, 0);
    if (total > 0) {
      const items = tracked.flatMap((group) =>
        group.keps.slice(0, KEPS_SHOWN_PER_STAGE).map((kep) => kepItem(kep, group.stage)),
      );
      sections.push(
        section(`Enhancements tracked for ${cycle.schedule.version} (${total})`, {
          facts: tracked.map((group) => ({
            label: group.stage,
            value: String(group.keps.length),
            raw: group.keps.length,
          })),
          items,
          omitted: total - items.length,
          moreUrl: `https://github.com/kubernetes/enhancements/issues?q=is%3Aissue+milestone%3Av${cycle.schedule.version}`,
        }),
      );
    }
  }

  const supported = supportedReleases(dataset.releases, today).map((release) => ({
    release,
    latestPatch: latestPatchAsOf(release, today),
  }));
  if (supported.length > 0) {
    const newSince = addDays(today, -NEW_PATCH_DAYS);
    sections.push(
      section('Latest releases', {
        facts: supported.map(({ release, latestPatch }) => ({
          label: release.version,
          value: latestPatch
            ? `${latestPatch.version} (${dayLabel(latestPatch.date)})${latestPatch.date > newSince ? ' · new this week' : ''}`
            : 'no patch published yet',
          raw: latestPatch?.version ?? null,
        })),
      }),
    );
  }

  const eols = upcomingEols(dataset.releases, today, EOL_HORIZON_DAYS);
  if (eols.length > 0) {
    sections.push(
      section('Upcoming end of life', {
        facts: eols.map((release) => ({
          label: release.version,
          value: `${dayLabel(release.eolDate!)} (${countdown(daysBetween(today, release.eolDate!))})`,
          raw: release.eolDate,
        })),
      }),
    );
  }

  const schedule = cycle.state === 'no-schedule' ? null : cycle.schedule;
  return {
    intent: 'digest',
    title: `Kubernetes release digest · ${week}`,
    summary,
    release: version,
    facts,
    sections,
    links: schedule ? [{ label: `Kubernetes ${schedule.version} release schedule`, url: schedule.url }] : [],
    suggestions: version ? [`${version} schedule`, `what's new in ${version}?`] : ['which releases are supported?'],
    footer: dataFooter(dataset.manifest),
  };
}
