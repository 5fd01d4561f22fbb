import { z } from 'zod';
import type { Answer } from '../../domain/answer.ts';
import { MilestoneKind } from '../../domain/schedule.ts';
import { cycleReport, cycleFor } from '../../digest/answers/weekly-digest.ts';
import { milestonesOf } from '../../digest/cycle.ts';
import { milestoneLabel } from '../../domain/schedule.ts';
import { milestoneLocalDate } from '../../digest/facts.ts';
import { clockLabel } from '../../digest/answers/format.ts';
import { dayLabel, daysBetween } from '../../domain/dates.ts';
import type { EngineIndex } from '../engine-index.ts';
import { isoDay } from '../../domain/dates.ts';
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
  notes: ParseNotes,
});
export type CycleStatusQuery = z.infer<typeof CycleStatusQuery>;

const ASKS_WEEK = new RegExp(
  String.raw`\b(what|which) week\b|\bweek (of|in) (the )?(\w+ )?(release )?cycle\b` +
    String.raw`|\bwhere are we\b|\bcycle (status|progress)\b|\bhow far (along|into)\b` +
    String.raw`|\bweeks? (left|remaining|to go)\b`,
);
const ASKS_DAYS = /\bhow many days\b|\bdays (until|till|to go|left|before)\b/;

function recognize(question: Question) {
  const target = targetOf(question);
  const milestone = target === 'any-freeze' ? null : target;
  if (question.has(ASKS_WEEK))
    return {
      score: SCORE.certain,
      query: { kind: 'cycle-status' as const, version: question.version, target: milestone },
    };
  if (question.has(ASKS_DAYS) && milestone)
    return {
      score: SCORE.certain,
      query: { kind: 'cycle-status' as const, version: question.version, target: milestone },
    };
  return null;
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

function answer(query: CycleStatusQuery, index: EngineIndex, now: Date): Answer {
  const today = isoDay(now);
  const named = query.version?.kind === 'exact' ? query.version.minor : undefined;
  const cycle = cycleFor(index.dataset.schedules, today, named);
  const report = cycleReport(cycle, { today, zone: 'UTC', release: named });
  const version = report.version ?? named ?? null;
  const countdown = version ? countdownLine(query, version, index, today) : null;
  const schedule = version ? index.scheduleByVersion.get(version) : undefined;
  return makeAnswer(index.footer, {
    intent: 'cycle-status',
    title: version ? `Kubernetes ${version} release cycle` : 'Release cycle',
    summary: countdown ? `${countdown} ${report.summary}` : report.summary,
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
  vocabulary: words('week weeks cycle status progress far along where days left remaining'),
};
