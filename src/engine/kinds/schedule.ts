import { z } from 'zod';
import { memoOnObject } from '../../domain/memo.ts';
import { schedule } from '../intents/schedule.ts';
import { ParseNotes, ScheduleTarget, VersionRef } from '../refs.ts';
import type { Question } from '../understand/question.ts';
import { overSpan, untilOf } from '../span.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';

/** "1.31 schedule", "when is code freeze for 1.31", "how long until enhancements freeze". */
export const ScheduleQuery = z.object({
  kind: z.literal('schedule'),
  version: VersionRef.nullable(),
  /** The other end of a range ("… 1.30 - 1.33"): every release from `version` to it. */
  until: VersionRef.optional(),
  target: ScheduleTarget.nullable(),
  countdown: z.boolean(),
  notes: ParseNotes,
});
export type ScheduleQuery = z.infer<typeof ScheduleQuery>;

/** "How long was the 1.31 cycle", "how many weeks is the 1.37 cycle": the cycle's span, not a countdown to its release. */
const ASKS_CYCLE_LENGTH =
  /\b(how long|how many (weeks|days|months)|length|duration)\b.*\bcycle\b|\bcycle (length|duration)\b/;

/**
 * The milestone a question names ("code freeze", "1.37" with "when/until" → release). Read once per question: the
 * schedule, the cycle's status and the release team all ask.
 */
export const targetOf = memoOnObject(
  (question: Question): ScheduleTarget | null => milestoneNamed(question.text) ?? releaseAsked(question),
);

/** Every milestone below is named with one of these: most questions name none. */
const MIGHT_NAME_MILESTONE = /freez|frozen|thaw|rc|release candidate|prerelease|branch|cycle|kick|start of/;

/** A milestone named in the text: a freeze, the thaw, a release candidate, the cycle's start. */
function milestoneNamed(s: string): ScheduleTarget | null {
  if (!MIGHT_NAME_MILESTONE.test(s)) return null;
  if (/\bcode freeze\b/.test(s)) return 'code-freeze';
  if (/\b(enhancements?|kep|feature) freeze\b/.test(s)) return 'enhancements-freeze';
  if (/\b(prr|production readiness) freeze\b/.test(s)) return 'prr-freeze';
  if (/\b(feature blog|blog) freeze\b/.test(s)) return 'feature-blog-freeze';
  if (/\btest freeze\b/.test(s)) return 'test-freeze';
  if (/\b(docs?|documentation) freeze\b/.test(s)) return 'docs-freeze';
  if (/\b(code )?thaw\b/.test(s)) return 'thaw';
  if (/\b(release candidates?|rc\d*|prerelease-rc)\b/.test(s)) return 'rc';
  // The release branch is cut for the first release candidate (sig-release's release phases).
  if (/\b(release )?branch (is )?(cut|created)\b|\bbranch cut\b/.test(s)) return 'rc';
  if (/\bprerelease-(alpha|beta)\b/.test(s)) return s.includes('prerelease-alpha') ? 'alpha' : 'beta';
  if (/\b(cycle (start|starts|begins?)|kick ?off|start of (the )?cycle)\b/.test(s)) return 'cycle-start';
  if (/\bfreezes?\b|\bfrozen\b/.test(s)) return 'any-freeze';
  return null;
}

/** Every way below of asking for the release's day holds one of these: most questions hold none. */
const MIGHT_ASK_RELEASE_DAY = /date|day|take place|out|eta|release|when|how long|until|till|countdown|launch|due/;

/** The release itself, asked when ("when is 1.37 out", "1.36 release date"); null when a feature or the cycle's length is asked. */
function releaseAsked(question: Question): ScheduleTarget | null {
  const s = question.text;
  if (question.topic.length > 0 || question.feature !== null || !MIGHT_ASK_RELEASE_DAY.test(s)) return null;
  if (ASKS_CYCLE_LENGTH.test(s)) return null;
  if (
    /\b(release date|target date|ga date|take place|go(es)? out|come out|comes out|came out|ship date|eta)\b|\bver (date|day)\b/.test(
      s,
    ) &&
    // "What came out in the last release" asks what it holds, not when.
    !/\bwhat\b.*\b(came|come|comes|coming) out (in|with)\b/.test(s)
  )
    return 'release';
  if (
    /\bver\b/.test(s) &&
    (/\bdates?\b/.test(s) || (/\brelease\b/.test(s) && /\b(delay\w*|slip\w*|postpone\w*|on time)\b/.test(s)))
  )
    return 'release';
  if (
    /\b(when|how long|how many days|days until|until|till|countdown)\b/.test(s) &&
    /\bver\b/.test(s) &&
    !/\b(ga|stable|beta|alpha)\b/.test(s.replace(/\bgo ga\b/, ''))
  )
    return 'release';
  const asksRelease =
    /\b(released?|release (date|day)|come out|comes out|came out|ship date|launch(ed|es)?|go out|out yet|ga date|due)\b/.test(
      s,
    );
  if (asksRelease && (/\b(when|date|day|how long|until|till|what day|due)\b/.test(s) || /\bout yet\b/.test(s)))
    return 'release';
  return null;
}

export const scheduleKind: QuestionKind<ScheduleQuery> = {
  schema: ScheduleQuery,
  kind: 'schedule',
  intent: 'schedule',
  recognize: (question) => {
    const target = targetOf(question);
    const asksSchedule =
      question.has(/\b(schedule|schedules|timeline|calendar|dates|milestones|deadlines?|key dates)\b/) ||
      (question.version !== null && question.has(ASKS_CYCLE_LENGTH));
    if (target === null && !(asksSchedule && question.topic.length === 0 && question.feature === null)) return null;
    // "Which release came out 13/08/24?": the day names the release; which one it is, is the release's summary.
    if (
      target === 'release' &&
      question.entities.dates.length > 0 &&
      question.has(/\b(which|what) (release|version)\b|\brelease that\b/)
    )
      return null;
    const countdown = question.has(
      /\b(how long|how many (days|weeks|hours)|countdown|until|till|days left|time left|remaining)\b/,
    );
    return {
      score: SCORE.strong - 5,
      query: { kind: 'schedule', version: question.version, target, countdown, ...untilOf(question.entities) },
    };
  },
  answer: overSpan(schedule, 'schedule', (from, to) => `Kubernetes ${from} to ${to}: schedules`),
  examples: ['1.31 schedule / when is code freeze for 1.31 / how long until enhancements freeze'],
  vocabulary:
    words(`schedule schedules timeline timelines calendar dates date deadline deadlines day days week weeks hours
    hour long till countdown left remaining time freeze freezes frozen eta`),
};
