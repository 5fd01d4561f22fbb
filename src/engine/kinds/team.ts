import { z } from 'zod';
import { roleKeysFor } from '../../domain/team.ts';
import { team } from '../intents/team.ts';
import { ParseNotes, VersionRef } from '../refs.ts';
import type { Question } from '../understand/question.ts';
import { overSpan, untilOf } from '../span.ts';
import { stageOf } from './cues.ts';
import { targetOf } from './schedule.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';

/** "who led 1.24", "who was the 1.31 comms lead", "1.31 release team". role: a team role key. */
export const TeamQuery = z.object({
  kind: z.literal('team'),
  version: VersionRef.nullable(),
  /** The other end of a range ("… 1.30 - 1.33"): every release from `version` to it. */
  until: VersionRef.optional(),
  role: z.string().nullable(),
  shadows: z.boolean(),
  /** A person the question names ("is Drew Hagen the 1.34 release lead?"), as the words of their name. */
  person: z.string().optional(),
  notes: ParseNotes,
});
export type TeamQuery = z.infer<typeof TeamQuery>;

/** Roles whose name alone asks for a person: "1.32 branch manager", "release signal 1.29". */
const SELF_NAMED_ROLES = new Set([
  'branch-manager',
  'emeritus-adviser',
  'patch-release',
  'bug-triage',
  'lead',
  ...roleKeysFor('release-signal'),
]);

/** "The 1.33 release team leads", "who were the role leads": every role's lead, not the release lead alone. */
const ALL_LEADS = /\b(release team|role|team|all (the )?|sub-?team) leads\b/;

/** Every role below is named with one of these: most questions name none. */
const MIGHT_NAME_ROLE =
  /comm|marketing|enhancement|feature|release notes|docs|documentation|signal|bug triage|branch|emeritus|advis|test infra|patch release|lead|led|release manager/;

function roleOf(s: string): string | null {
  if (!MIGHT_NAME_ROLE.test(s)) return null;
  if (/\b(comms|communications|marketing)\b/.test(s)) return 'comms';
  if (/\b(enhancements?|features?) (lead|shadows?|team|tracking)\b|\bwho\b.*\benhancements?\b/.test(s))
    return 'enhancements';
  if (/\brelease notes\b/.test(s)) return 'release-notes';
  if (/\b(docs|documentation) (lead|shadows?|team)\b/.test(s)) return 'docs';
  if (/\bci signal\b/.test(s)) return 'ci-signal';
  if (/\brelease signal\b/.test(s)) return 'release-signal';
  if (/\bbug triage\b/.test(s)) return 'bug-triage';
  if (/\b(branch manag\w*|release branch)\b/.test(s)) return 'branch-manager';
  if (/\bemeritus\b|\badvis[eo]r\b/.test(s)) return 'emeritus-adviser';
  if (/\btest infra\b/.test(s)) return 'test-infra';
  if (/\bpatch release (team|managers?)\b/.test(s)) return 'patch-release';
  if (ALL_LEADS.test(s)) return null;
  if (/\b(release (team )?lead\w*|led|leading|release manager)\b|^ver lead\b/.test(s)) return 'lead';
  return null;
}

/** Without a role or a person, asksTeam needs one of these words. */
const MIGHT_ASK_TEAM = /team|shadow|who|led|leading/;

function asksTeam(question: Question, role: string | null): boolean {
  return (
    (role !== null &&
      (SELF_NAMED_ROLES.has(role) ||
        question.has(
          /\b(who|whom|lead|leads|led|leading|leader|shadows?|team|ran|handled|in charge|ping|contact)\b/,
        ))) ||
    question.has(
      /\brelease team\b|\bshadows?\b|\bwho\b.*\b(led|lead\w*|ran|managed|in charge)\b|\bled\b|\bleading\b/,
    ) ||
    // "Hey team, …" greets; it asks for no team.
    (!question.entities.sig && question.has(/\bteams?\b/) && !question.has(/^(hey|hi|hello|yo|thanks|morning) team\b/))
  );
}

/** The words of a release-team member's name the question holds ("hagen", "cosgrove"), or null. */
function personOf(question: Question): string | null {
  const { people } = question.index.vocabulary;
  const named = question.subject.filter((word) => people.has(word));
  if (named.length === 0) return null;
  // As the user wrote them, so the answer can say who it looked for.
  const written = new Map(question.original.split(/[^\p{L}\p{N}-]+/u).map((token) => [token.toLowerCase(), token]));
  return named.map((word) => written.get(word) ?? word).join(' ');
}

const MEMBER_WORDS =
  /\b(lead|leads|led|leading|leader|team|shadow\w*|role|manag\w*|in charge|ran|work(ed)? on|releases? did|served)\b/;

export const teamKind: QuestionKind<TeamQuery> = {
  schema: TeamQuery,
  kind: 'team',
  intent: 'team',
  recognize: (question) => {
    const role = roleOf(question.text);
    const person = personOf(question);
    if (role === null && person === null && !MIGHT_ASK_TEAM.test(question.text)) return null;
    if (!asksTeam(question, role) && !(person && question.has(MEMBER_WORDS))) return null;
    // "Show me the leading stable graduations", "could the release team delay code freeze?": a list or a date that
    // mentions the team, unless a person or a role is asked for.
    const asksWho = person !== null || question.has(/\bwho\b|\bshadows?\b|\blead(s|er|ers)?\b|\bled\b/);
    if (!asksWho && (stageOf(question) || targetOf(question))) return null;
    if ((question.topic.length > 0 || question.feature !== null) && !question.has(/\brelease team\b|\bwho\b/))
      return null;
    const shadows = question.has(/\bshadows?\b/);
    const lead =
      !question.has(ALL_LEADS) &&
      (question.has(/\bled\b|\bleading\b|\bwho\b.*\blead\w*\b/) || (person && question.has(/\blead\b/)))
        ? 'lead'
        : null;
    return {
      score: person ? SCORE.certain : SCORE.certain - 5,
      query: {
        kind: 'team',
        version: question.version,
        role: role ?? lead,
        shadows,
        ...(person ? { person } : {}),
        ...untilOf(question.entities),
      },
    };
  },
  answer: overSpan(team, 'team', (from, to) => `Release teams of Kubernetes ${from} to ${to}`),
  examples: ['who led 1.24 / who was the 1.31 comms lead / 1.31 release team'],
  vocabulary: words(
    'who lead leads led leading leader leaders shadow shadows team teams role roles ran run managed manager ping contact handled handles ci signal branch',
  ),
};
