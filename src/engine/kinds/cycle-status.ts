import { z } from 'zod';
import type { Answer, AnswerVerdict } from '../../domain/answer.ts';
import { MilestoneKind } from '../../domain/schedule.ts';
import { cycleReport, cycleFor } from '../../digest/answers/weekly-digest.ts';
import { milestonesOf } from '../../digest/cycle.ts';
import { milestoneLabel } from '../../domain/schedule.ts';
import { milestoneLocalDate } from '../../digest/facts.ts';
import { clockLabel } from '../../digest/answers/format.ts';
import { addDays, dayLabel, daysBetween, isoDay, weekdayOf } from '../../domain/dates.ts';
import type { EngineIndex } from '../engine-index.ts';
import { makeAnswer } from '../../domain/answer-builders.ts';
import { ParseNotes, VersionRef } from '../refs.ts';
import type { Question } from '../understand/question.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';
import { targetOf } from './schedule.ts';

/** "what week of the 1.37 cycle is it", "days until code freeze", "how many days until 1.37". */
export const CycleStatusQuery = z.object({
  kind: z.literal('cycle-status'),
  version: VersionRef.nullable(),
  /** The milestone to count the days to; null for the cycle's week and next milestone. */
  target: MilestoneKind.nullable(),
  /**
   * A yes/no question about the cycle: "are we in code freeze?" (during), "is enhancements freeze over?" (passed),
   * "is there a release cycle going on?" (cycle), "we are in week 5, right?" (week, with `week`).
   */
  check: z.enum(['during', 'passed', 'cycle', 'week', 'this-week', 'next-week']).optional(),
  /** The week a statement or question names ("we're in week 5 right?"). */
  week: z.number().int().positive().optional(),
  /** The day asked about ("where were we in the cycle on 2026-07-22"), ISO; default: today. */
  on: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  notes: ParseNotes,
});
export type CycleStatusQuery = z.infer<typeof CycleStatusQuery>;

const ASKS_WEEK = new RegExp(
  String.raw`\b(what|which|wat) week\b|\bweek (of|in) (the )?(\w+ )?(release )?cycle\b` +
    String.raw`|\bwhere (are|were) we\b|\bwhere in the (release )?cycle\b|\bcycle (status|progress)\b` +
    String.raw`|\bhow far (\w+ ){0,3}(along|into)\b|\bweeks? (left|remaining|to go)\b` +
    String.raw`|\b(are we|we are|we're|we re) in week \d+\b|\bwhat phase\b|\bis it week \d+\b`,
);
const ASKS_DAYS = /\bhow many days\b|\bdays (until|till|to go|left|before)\b/;
/** "what is the next milestone", "what's next on the release calendar", "any milestone this week?". */
const ASKS_NEXT = new RegExp(
  String.raw`\b(next|upcoming) (release )?(milestone|deadline)s?\b|\bwhat (is|s) next\b.*\b(release|cycle|calendar)\b` +
    String.raw`|\bmilestones? (this|next) week\b|\b(this|next) week\b.*\bmilestones?\b` +
    String.raw`|\brelease team (doing|up to|working on)\b.*\b(this|right now|now)\b`,
);
/** "is there a release cycle going on right now", "are we in a release cycle". */
const ASKS_CYCLE = /\b(release )?cycle (going on|in progress|underway|running|active)\b|\bin a (release )?cycle\b/;
/** "are we in code freeze", "is code freeze in effect", "are we frozen". */
const ASKS_DURING = /\b(are we|we are|we're|we re) (in|inside|under)\b|\bin effect\b|\bfrozen\b|\bin force\b/;
/** "is enhancements freeze over", "has code freeze passed", "is the docs freeze done yet". */
const ASKS_PASSED = /\b(over|passed|past|done|happened|behind us|yet|already|started|begun|closed)\b/;

/** "Enhancements freeze for 1.37 has passed": a statement about where the cycle is, checked like the question. */
const STATES_PASSED = /\b(has|have|is|are) (passed|over|done|behind us|started|begun|closed)\b/;

function checkOf(question: Question, milestone: MilestoneKind | null): CycleStatusQuery['check'] | null {
  if (!question.yesNo && !(milestone && question.has(STATES_PASSED))) return null;
  if (question.has(/\bweek \d+\b/) && !milestone) return 'week';
  // "is 1.35 out yet?" is the schedule's: the release day with its date.
  if (milestone === 'release') return null;
  if (milestone && question.has(/\bnext week\b/)) return 'next-week';
  if (milestone && question.has(/\bthis week\b/)) return 'this-week';
  if (milestone && question.has(ASKS_DURING)) return 'during';
  if (milestone && question.has(ASKS_PASSED)) return 'passed';
  if (!milestone && question.has(ASKS_CYCLE)) return 'cycle';
  return null;
}

/** Every pattern asksStatus tests holds one of these words. */
const MIGHT_ASK_STATUS = /week|where|cycle|how far|phase|next|milestone|deadline|release team|days/;

/** Where the cycle is, what comes next, or how many days are left until the milestone named. */
const asksStatus = (question: Question, milestone: MilestoneKind | null): boolean =>
  MIGHT_ASK_STATUS.test(question.text) &&
  (question.has(ASKS_WEEK) || question.has(ASKS_NEXT) || (question.has(ASKS_DAYS) && milestone !== null));

function recognize(question: Question) {
  const target = targetOf(question);
  const milestone = target === 'any-freeze' ? null : target;
  const check = checkOf(question, milestone);
  if (!check && !asksStatus(question, milestone)) return null;
  // "what week of the cycle is code freeze in": the milestone's date (schedule), not today's week.
  if (milestone && question.has(/\bweek (of|in) (the )?(\w+ )?(release )?cycle is\b|\bwhich week is\b/)) return null;
  const asked = question.original.match(/\bweek (\d{1,2})\b/i);
  const on = question.entities.dates[0];
  const query = {
    kind: 'cycle-status' as const,
    version: question.version,
    target: milestone,
    ...(check ? { check } : {}),
    ...(check === 'week' && asked ? { week: Number(asked[1]) } : {}),
    ...(on ? { on } : {}),
  };
  return { score: SCORE.certain, query };
}

/** "Code Freeze for Kubernetes 1.37 is in 51 days: Wed 2026-07-22, 12:00 UTC." */
function countdownLine(query: CycleStatusQuery, version: string, index: EngineIndex, today: string): string | null {
  const schedule = index.scheduleByVersion.get(version);
  if (!query.target || !schedule) return null;
  const milestones = milestonesOf(schedule).filter((milestone) => milestone.kind === query.target);
  const milestone = milestones.find((entry) => milestoneLocalDate(entry, 'UTC') >= today) ?? milestones.at(-1);
  if (!milestone) return `The ${version} schedule has no ${milestoneLabel(query.target).toLowerCase()}.`;
  const date = milestoneLocalDate(milestone, 'UTC');
  const days = daysBetween(today, date);
  const when = `${dayLabel(date)}${milestone.at ? `, ${clockLabel(milestone.at, 'UTC')}` : ''}`;
  const label = milestoneLabel(milestone.kind, milestone.event, version);
  if (days === 0) return `${label} for Kubernetes ${version} is today: ${when}.`;
  return days > 0
    ? `${label} for Kubernetes ${version} is in ${days} day${days === 1 ? '' : 's'}: ${when}.`
    : `${label} for Kubernetes ${version} was ${-days} day${days === -1 ? '' : 's'} ago: ${when}.`;
}

/** When a milestone's period ends: code freeze at the thaw, other freezes at release day. */
const PERIOD_END: Partial<Record<MilestoneKind, MilestoneKind>> = { 'code-freeze': 'thaw' };

/** The yes/no a cycle question gets, and the sentence that says why. */
function checked(
  query: CycleStatusQuery,
  version: string | null,
  index: EngineIndex,
  today: string,
  inCycle: boolean,
  week: number | null,
): { verdict: AnswerVerdict; line: string } | null {
  if (query.check === 'cycle')
    return inCycle
      ? { verdict: 'yes', line: '' }
      : { verdict: 'no', line: `No release cycle is under way on ${today} by the data's schedules.` };
  if (query.check === 'week' && query.week) {
    if (week === null) return null;
    return { verdict: week === query.week ? 'yes' : 'no', line: '' };
  }
  const schedule = version ? index.scheduleByVersion.get(version) : undefined;
  if (!query.check || !query.target || !schedule) return null;
  const all = milestonesOf(schedule);
  const start = all.find((milestone) => milestone.kind === query.target);
  if (!start) return null;
  const begins = milestoneLocalDate(start, 'UTC');
  if (query.check === 'passed') return { verdict: begins <= today ? 'yes' : 'not-yet', line: '' };
  if (query.check === 'this-week' || query.check === 'next-week') {
    const [monday, sunday] = weekAround(today, query.check === 'next-week' ? 1 : 0);
    const upcoming = all.find(
      (milestone) => milestone.kind === query.target && milestoneLocalDate(milestone, 'UTC') >= today,
    );
    const day = upcoming ? milestoneLocalDate(upcoming, 'UTC') : begins;
    return { verdict: day >= monday && day <= sunday ? 'yes' : 'no', line: '' };
  }
  const endKind = PERIOD_END[query.target] ?? 'release';
  const end = all.find((milestone) => milestone.kind === endKind);
  const ends = end ? milestoneLocalDate(end, 'UTC') : null;
  const label = milestoneLabel(query.target, start.event, version ?? undefined);
  if (begins > today) return { verdict: 'no', line: '' };
  if (ends && ends <= today)
    return {
      verdict: 'no',
      line: `${label} for ${version} ended with ${milestoneLabel(endKind).toLowerCase()} on ${ends}.`,
    };
  return {
    verdict: 'yes',
    line: ends ? `${label} for ${version} lasts until ${milestoneLabel(endKind).toLowerCase()} on ${ends}.` : '',
  };
}

/** Monday and Sunday (ISO days) of the week `weeks` after the one holding `day`. */
function weekAround(day: string, weeks: number): [string, string] {
  const monday = addDays(day, weeks * 7 - (weekdayOf(day) - 1));
  return [monday, addDays(monday, 6)];
}

function answer(query: CycleStatusQuery, index: EngineIndex, now: Date): Answer {
  const today = query.on ?? isoDay(now);
  const named = query.version?.kind === 'exact' ? query.version.minor : undefined;
  const cycle = cycleFor(index.dataset.schedules, today, named);
  const report = cycleReport(cycle, { today, zone: 'UTC', release: named });
  const latest = cycle.state === 'no-schedule' ? (cycle.latest?.version ?? null) : null;
  // A milestone asked about after the data's last cycle is that cycle's ("are we in code freeze?" in the gap).
  const version = report.version ?? named ?? (query.target ? latest : null);
  const countdown = version ? countdownLine(query, version, index, today) : null;
  const schedule = version ? index.scheduleByVersion.get(version) : undefined;
  const week = cycle.state === 'in-cycle' ? cycle.week : null;
  const verdict = checked(query, version, index, today, cycle.state === 'in-cycle', week);
  const facts = [verdict?.line, countdown, report.summary].filter(Boolean).join(' ');
  // A statement the data contradicts ("enhancements freeze has passed" before it) says so first, politely.
  const corrected = !query.notes.yesNo && verdict && verdict.verdict !== 'yes';
  const summary = corrected ? `${verdict.verdict === 'not-yet' ? 'Not yet' : 'Not quite'} — ${facts}` : facts;
  return makeAnswer(index.footer, {
    intent: 'cycle-status',
    title: version ? `Kubernetes ${version} release cycle` : 'Release cycle',
    summary,
    ...(verdict ? { verdict: verdict.verdict } : {}),
    release: version,
    facts: report.facts,
    links: schedule ? [{ label: `${schedule.version} schedule (kubernetes/sig-release)`, url: schedule.url }] : [],
    suggestions: version ? [`${version} schedule`, `when is code freeze for ${version}`] : ['when is the next release'],
  });
}

export const cycleStatusKind: QuestionKind<CycleStatusQuery> = {
  schema: CycleStatusQuery,
  kind: 'cycle-status',
  intent: 'cycle-status',
  recognize,
  answer,
  examples: ['what week of the 1.37 cycle is it / days until code freeze / how many days until 1.37'],
  vocabulary: words('week weeks cycle status progress far along where days left remaining phase milestone milestones'),
};
