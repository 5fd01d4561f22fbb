import type { Answer } from '../../domain/answer.ts';
import type { Release } from '../../domain/release.ts';
import {
  MILESTONE_NAMES,
  marks,
  milestoneEvent,
  type MilestoneKind,
  type Schedule,
  type ScheduleEvent,
} from '../../domain/schedule.ts';
import { compareMinor } from '../../domain/version.ts';
import type { EngineIndex, TimedEvent } from '../engine-index.ts';
import { eventFact } from '../format.ts';
import { fact, makeAnswer, plural, section } from '../../domain/answer-builders.ts';
import { formatDate, formatEvent, isoDay, isUpcoming, relative } from '../../domain/dates.ts';
import type { ScheduleTarget } from '../query.ts';
import type { ScheduleQuery } from '../kinds/schedule.ts';
import { isReleased, isShipped, plannedCaveat, resolveVersion } from '../versions.ts';
import { cycleWeeks } from '../../digest/cycle.ts';
import { memoPerObject } from '../../domain/memo.ts';
import { releaseLinks } from './release-summary.ts';

const KEY_MILESTONES: MilestoneKind[] = [
  'cycle-start',
  'prr-freeze',
  'enhancements-freeze',
  'feature-blog-freeze',
  'code-freeze',
  'test-freeze',
  'docs-freeze',
  'release',
  'thaw',
];
const FREEZES = new Set<MilestoneKind>([
  'prr-freeze',
  'enhancements-freeze',
  'feature-blog-freeze',
  'code-freeze',
  'test-freeze',
  'docs-freeze',
]);

/** "Code Freeze and Test Freeze" for a row that carries both. */
const kindsName = (kinds: readonly MilestoneKind[]): string => kinds.map((kind) => MILESTONE_NAMES[kind]).join(' and ');

/** The first row of each key milestone, in cycle order, each row once with the key milestones it carries. */
function keyEvents(plan: Schedule): Array<{ event: ScheduleEvent; name: string }> {
  const events = [...new Set(KEY_MILESTONES.flatMap((kind) => milestoneEvent(plan, kind) ?? []))];
  return events.map((event) => ({
    event,
    name: kindsName(event.kinds.filter((kind) => KEY_MILESTONES.includes(kind))),
  }));
}
const targetName = (target: ScheduleTarget): string => (target === 'any-freeze' ? 'Freeze' : MILESTONE_NAMES[target]);
/** The milestone of the row the target asks for: the target itself, or the row's first freeze. */
const matchedKind = (target: ScheduleTarget, event: ScheduleEvent): MilestoneKind | undefined =>
  target === 'any-freeze' ? event.kinds.find((kind) => FREEZES.has(kind)) : marks(event, target) ? target : undefined;
const matches = (target: ScheduleTarget, event: ScheduleEvent): boolean => matchedKind(target, event) !== undefined;

/** Every schedule's events of one target, in time order: a thousand events are filtered once per dataset, not per question. */
const eventsMatching = memoPerObject((index: EngineIndex, target: ScheduleTarget): TimedEvent[] =>
  index.events.filter((timed) => matches(target, timed.event)),
);

export function schedule(query: ScheduleQuery, index: EngineIndex, now: Date): Answer {
  const { target } = query;
  // "When is the next code freeze", "how long until enhancements freeze": the next one on any schedule.
  if (
    target &&
    target !== 'release' &&
    (query.version === null ||
      (query.version.kind === 'relative' && query.version.which !== 'latest' && query.version.which !== 'previous'))
  ) {
    return nextEvent(index, target, now, query.countdown);
  }
  // "When was it released" is the latest release; "how long till release" counts down to the one under way.
  const fallback = target === 'release' && !query.countdown ? 'latest' : 'cycle';
  const resolved = resolveVersion(index, query.version, now, 'schedule', fallback);
  if (!resolved.ok) return resolved.answer;
  const { release } = resolved;
  if (target === 'release') return releaseDate(index, release, resolved.patch, now, query.countdown);
  const plan = index.scheduleByVersion.get(release.version);
  if (!plan) return noSchedule(index, release, now);
  if (target) return eventsOf(index, release, plan, target, now, query.countdown);
  return fullSchedule(index, release, plan, now);
}

function nextEvent(index: EngineIndex, target: ScheduleTarget, now: Date, countdown: boolean): Answer {
  const candidates = eventsMatching(index, target);
  const upcoming = candidates.find((timed) => isUpcoming(timed.event, now));
  const name = targetName(target);
  if (!upcoming) {
    const last = candidates.at(-1);
    return makeAnswer(index.footer, {
      intent: 'schedule',
      title: `Next ${name.toLowerCase()}`,
      summary:
        `The data has no ${name.toLowerCase()} after ${isoDay(now)}${last ? lastOne(target, last) : ''}. ` +
        `The next release's schedule may not be in the data yet (data as of ${index.dataset.manifest.dataDate}); ` +
        'an operator can refresh it with `npm run sync`.',
      release: last?.version ?? null,
      suggestions: [`${index.newest} schedule`, 'when is the next release'],
    });
  }
  const plan = index.scheduleByVersion.get(upcoming.version);
  const kindName = MILESTONE_NAMES[matchedKind(target, upcoming.event)!];
  const what = target === 'any-freeze' ? `freeze is ${kindName.toLowerCase()}` : kindName.toLowerCase();
  const when = formatEvent(upcoming.event);
  const lead = countdown
    ? `${kindName} for Kubernetes ${upcoming.version} is ${relative(upcoming.event, now, true)}: ${when}.`
    : `The next ${what} for Kubernetes ${upcoming.version}: ${when}, ${relative(upcoming.event, now)}.`;
  const sameDay = candidates
    .filter((timed) => timed !== upcoming && timed.version === upcoming.version && isUpcoming(timed.event, now))
    .slice(0, 5);
  return makeAnswer(index.footer, {
    intent: 'schedule',
    title: `${kindName}: Kubernetes ${upcoming.version}`,
    summary: lead,
    release: upcoming.version,
    facts: [
      eventFact(upcoming.event, now, upcoming.event.what),
      ...(sameDay.length ? sameDay.map((timed) => eventFact(timed.event, now)) : []),
    ],
    links: plan ? [{ label: `${upcoming.version} schedule`, url: plan.url }] : [],
    suggestions: [
      `${upcoming.version} schedule`,
      `when is the ${upcoming.version} release`,
      `what went GA in ${upcoming.version}`,
    ],
  });
}

function eventsOf(
  index: EngineIndex,
  release: Release,
  plan: Schedule,
  target: ScheduleTarget,
  now: Date,
  countdown: boolean,
): Answer {
  const v = release.version;
  const events = plan.events.filter((event) => matches(target, event));
  const name = targetName(target);
  if (events.length === 0) {
    return makeAnswer(index.footer, {
      intent: 'schedule',
      title: `${name}: Kubernetes ${v}`,
      summary: `The ${v} schedule has no ${name.toLowerCase()} row. Its key dates are below.`,
      release: v,
      facts: keyEvents(plan).map(({ event }) => eventFact(event, now)),
      links: [{ label: `${v} schedule`, url: plan.url }],
      suggestions: [`${v} schedule`],
    });
  }
  const first = events[0]!;
  const next = events.find((event) => isUpcoming(event, now));
  const focus = next ?? first;
  const label = MILESTONE_NAMES[matchedKind(target, focus)!];
  let summary: string;
  if (countdown) {
    summary = next
      ? `${label} for Kubernetes ${v} is ${relative(next, now, true)}: ${formatEvent(next)}.`
      : `${label} for Kubernetes ${v} has passed: it was ${formatEvent(first)}, ${relative(first, now)}.`;
  } else {
    summary = `${label} for Kubernetes ${v}: ${formatEvent(focus)}, ${relative(focus, now)}.`;
  }
  if (events.length > 1) summary += ` The schedule has ${plural(events.length, `${name.toLowerCase()} row`)}.`;
  return makeAnswer(index.footer, {
    intent: 'schedule',
    title: `${name}: Kubernetes ${v}`,
    summary,
    release: v,
    facts: events.map((event) => eventFact(event, now)),
    links: [{ label: `${v} schedule`, url: plan.url }],
    suggestions: [`${v} schedule`, `when is the ${v} release`, 'when is the next code freeze'],
  });
}

function releaseDate(
  index: EngineIndex,
  release: Release,
  patch: string | null,
  now: Date,
  countdown: boolean,
): Answer {
  const v = release.version;
  if (patch) {
    // A patch dated after `now` had not shipped then.
    const found = release.patches.find((entry) => entry.version === patch && entry.date <= isoDay(now));
    const newest = release.latestPatch
      ? `the newest ${v} patch it has is ${release.latestPatch.version} (${release.latestPatch.date})`
      : `it has no ${v} patches`;
    return makeAnswer(index.footer, {
      intent: 'schedule',
      title: `Kubernetes ${patch}`,
      summary: found
        ? `Kubernetes ${patch} was released on ${formatDate(found.date)}.`
        : `The data has no ${patch} patch release by ${isoDay(now)}; ${newest}.`,
      verdict: found ? 'yes' : 'no',
      release: v,
      facts: release.latestPatch
        ? [
            fact(
              `Latest ${v} patch`,
              `${release.latestPatch.version} (${release.latestPatch.date})`,
              release.latestPatch.version,
            ),
          ]
        : [],
      links: releaseLinks(index, release),
      suggestions: [`latest patch of ${v}`, `is ${v} still supported`],
    });
  }
  const plan = index.scheduleByVersion.get(v);
  const event = plan ? milestoneEvent(plan, 'release') : undefined;
  const when = event ?? (release.gaDate ? { date: release.gaDate, at: null } : null);
  let summary: string;
  const shipped = isShipped(release, now);
  if (!when) summary = `The data has no release date for Kubernetes ${v}.`;
  else if (shipped) {
    const day = release.gaDate ?? when.date;
    summary = `Kubernetes ${v} was released on ${formatDate(day)}, ${relative({ date: day, at: null }, now)}.`;
  } else {
    const caveat = plannedCaveat(index, release, now);
    const planned = `Kubernetes ${v} is planned for release on ${formatEvent(when)}, ${relative(when, now)}.`;
    summary = caveat ? `${planned} ${caveat}` : planned;
  }
  if (countdown && when && isUpcoming(when, now))
    summary = `Kubernetes ${v} is due ${relative(when, now, true)}: ${formatEvent(when)}.`;
  const sourceDates = release.gaDateSources.filter(
    (source, at, all) => all.findIndex((other) => other.date === source.date) === at,
  );
  return makeAnswer(index.footer, {
    intent: 'schedule',
    title: `Kubernetes ${v} release date`,
    summary,
    // "Is 1.31 out yet?": yes once shipped; not yet before its day; unknown when the data cannot confirm it.
    ...(shipped ? { verdict: 'yes' as const } : isReleased(release, now) ? {} : { verdict: 'not-yet' as const }),
    release: v,
    facts: [
      ...(release.gaDate
        ? [
            fact(
              release.gaDateKind === 'planned' || !isReleased(release, now) ? 'Planned release' : 'Released',
              formatDate(release.gaDate),
              release.gaDate,
            ),
          ]
        : []),
      ...(sourceDates.length > 1
        ? sourceDates.map((source) => fact(`Date per ${source.source}`, source.date, source.date))
        : []),
      ...(event && event.date !== release.gaDate ? [fact('Schedule says', formatEvent(event), event.date)] : []),
    ],
    links: releaseLinks(index, release),
    suggestions: [`tell me about ${v}`, `${v} schedule`, 'which versions are supported'],
  });
}

function noSchedule(index: EngineIndex, release: Release, now: Date): Answer {
  const v = release.version;
  const first = [...index.scheduleByVersion.keys()].sort(compareMinor)[0];
  return makeAnswer(index.footer, {
    intent: 'schedule',
    title: `Kubernetes ${v} schedule`,
    summary:
      `The data has no release-cycle schedule for ${v} ` +
      `(sig-release schedules start at ${first ?? 'a later release'}).` +
      releaseDay(release, now),
    release: v,
    links: releaseLinks(index, release),
    suggestions: [`tell me about ${v}`],
  });
}

function fullSchedule(index: EngineIndex, release: Release, plan: Schedule, now: Date): Answer {
  const v = release.version;
  const key = keyEvents(plan);
  const start = milestoneEvent(plan, 'cycle-start') ?? plan.events[0];
  const end = milestoneEvent(plan, 'release');
  const next =
    plan.events.find((event) => event.kinds.some((kind) => KEY_MILESTONES.includes(kind)) && isUpcoming(event, now)) ??
    plan.events.find((event) => event.kinds.length > 0 && isUpcoming(event, now));
  const parts: string[] = [];
  if (start && end)
    parts.push(
      `The Kubernetes ${v} release cycle ${isUpcoming(end, now) ? 'runs' : 'ran'} from ${start.date} to ${end.date} ` +
        `(${plural(cycleWeeks(plan, { start: start.date, release: end.date }), 'week')}).`,
    );
  else parts.push(`The Kubernetes ${v} release cycle.`);
  if (next) parts.push(`Next: ${kindsName(next.kinds).toLowerCase()} on ${formatEvent(next)}, ${relative(next, now)}.`);
  else if (end)
    parts.push(`${isReleased(release, now) ? `Released on ${end.date}` : `Release planned for ${end.date}`}.`);
  const caveat = plannedCaveat(index, release, now);
  if (caveat) parts.push(caveat);
  const timeline = plan.events.map(
    (event) =>
      `${formatEvent(event)} · ${event.week != null ? `week ${event.week} · ` : ''}${event.what}` +
      (event.who ? ` (${event.who})` : ''),
  );
  return makeAnswer(index.footer, {
    intent: 'schedule',
    title: `Kubernetes ${v} schedule`,
    summary: parts.join(' '),
    release: v,
    facts: key.map(({ event, name }) => eventFact(event, now, name)),
    sections: [section('Full timeline', { lines: timeline, moreUrl: plan.url })],
    links: [{ label: `${v} schedule (kubernetes/sig-release)`, url: plan.url }],
    suggestions: [`when is code freeze for ${v}`, `who is on the ${v} release team`, `what went GA in ${v}`],
  });
}

/** "; the last one was 1.37's code freeze on 2026-07-23 12:00 UTC (…)". */
function lastOne(target: ScheduleTarget, last: { version: string; event: ScheduleEvent }): string {
  const name = MILESTONE_NAMES[matchedKind(target, last.event)!].toLowerCase();
  return `; the last one was ${last.version}'s ${name} on ${formatEvent(last.event)}`;
}

/** " Kubernetes 1.20 was released on 2020-12-08 (Tuesday).", or nothing without a date. */
function releaseDay(release: Release, now: Date): string {
  if (!release.gaDate) return '';
  const verb = isReleased(release, now) ? 'was released on' : 'is planned for';
  return ` Kubernetes ${release.version} ${verb} ${formatDate(release.gaDate)}.`;
}
