import { z } from 'zod';
import { Component, COMPONENTS } from '../../domain/policy.ts';
import { versionSkew } from '../intents/version-skew.ts';
import { ParseNotes, VersionRef } from '../refs.ts';
import { spanEnds } from '../span.ts';
import type { Question } from '../understand/question.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';
import { entryOf } from '../../domain/lookup.ts';

export const VersionSkewQuery = z.object({
  kind: z.literal('version-skew'),
  /**
   * check: is `component` at `version` supported with `against` at `againstVersion`?
   * range: which `component` versions work with `against` at `againstVersion`?
   * upgrade-order: in which order to upgrade the components.
   * upgrade-path: can the control plane go from `againstVersion` to `version` in one step? (Neither named: the rule.)
   * policy: the rules (for `component`, or all).
   */
  ask: z.enum(['check', 'range', 'upgrade-order', 'upgrade-path', 'policy']),
  component: Component.nullable(),
  version: VersionRef.nullable(),
  /** What the component runs against; null: the control plane (kube-apiserver). */
  against: Component.nullable(),
  againstVersion: VersionRef.nullable(),
  /** check without a component version: the component is this many minors older than `against` (negative: newer). */
  offset: z.number().int().nullable().default(null),
  /** upgrade-path with no release: asked as "one minor at a time?" (yes) rather than "can I skip one?" (no). */
  oneAtATime: z.boolean().optional(),
  notes: ParseNotes,
});
export type VersionSkewQuery = z.infer<typeof VersionSkewQuery>;

const EXAMPLES = [
  'kubelet 1.30 against a 1.33 control plane — supported?',
  'is kubectl 1.33 OK with a 1.31 cluster?',
  'in which order do I upgrade apiservers, controllers and nodes?',
];

const SKEW_COMPONENTS = new Set<string>(COMPONENTS);
/** Words that stand for the control plane, i.e. kube-apiserver. */
const CONTROL_PLANE = /^(control-plane|cluster|clusters|master|masters|apiservers?|api-servers?|kube-apiservers?)$/;
const COMPONENT_WORD: ReadonlyArray<readonly [RegExp, Component]> = [
  [/^kube-?scheduler$/, 'kube-scheduler'],
  [/^kube-?controller-?managers?$/, 'kube-controller-manager'],
  [/^cloud-controller-managers?$/, 'cloud-controller-manager'],
  [/^kube-?proxy$/, 'kube-proxy'],
  [/^kubelets?$|^nodes?$/, 'kubelet'],
  [/^kubectl$/, 'kubectl'],
];

/** Every component word above holds one of these: a text with none names no component. */
const MIGHT_NAME_COMPONENT = /kube|node|control|cluster|master|api/;

/** The components in the order written, each with the version written next to it ("kubelet 1.30", "a 1.33 cluster"). */
function mentions(question: Question): Array<{ component: Component; version: VersionRef | null }> {
  if (!MIGHT_NAME_COMPONENT.test(question.text)) return [];
  const tokens = question.text.replace(/\bcontrol plane\b/g, 'control-plane').split(' ');
  const found: Array<{ component: Component; at: number }> = [];
  const versions: number[] = [];
  tokens.forEach((token, at) => {
    if (token === 'ver') versions.push(at);
    else if (CONTROL_PLANE.test(token)) found.push({ component: 'kube-apiserver', at });
    else {
      const named = COMPONENT_WORD.find(([pattern]) => pattern.test(token));
      if (named) found.push({ component: named[1], at });
    }
  });
  const taken = new Set<number>();
  return found.map(({ component, at }) => {
    // The nearest unclaimed version within three words, the one after the name first ("kubelet 1.30").
    let best: number | null = null;
    versions.forEach((position, i) => {
      const distance = Math.abs(position - at) - (position > at ? 0.5 : 0);
      const bestDistance = best === null ? Infinity : Math.abs(versions[best]! - at) - (versions[best]! > at ? 0.5 : 0);
      if (!taken.has(i) && distance <= 3 && distance < bestDistance) best = i;
    });
    if (best !== null) taken.add(best);
    return { component, version: best === null ? null : question.entities.versions[best]! };
  });
}

/**
 * One mention per component ("our nodes … kubelet 1.33"), the one written with a version first;
 * kube-apiservers stay apart (HA instances).
 */
function distinct(found: ReturnType<typeof mentions>): ReturnType<typeof mentions> {
  const result: ReturnType<typeof mentions> = [];
  for (const mention of found) {
    const same = (entry: (typeof result)[number]) => entry.component === mention.component;
    const at = mention.component === 'kube-apiserver' ? -1 : result.findIndex(same);
    if (at < 0) result.push(mention);
    else if (!result[at]!.version && mention.version) result[at] = mention;
  }
  return result;
}

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

/** "two minors behind", "newer by 4 minors", "two versions off": minors the component is older (negative: newer). */
const OFFSET_COUNT = '(\\d|one|two|three|four|five)';
const OFFSET_UNIT = '(?:minors?|minor versions?|versions?|releases?)';
const OFFSET = new RegExp(
  `\\b${OFFSET_COUNT} ${OFFSET_UNIT} (behind|older|newer|ahead|off|apart)\\b|\\b(newer|older) than \\S+ by ${OFFSET_COUNT} ${OFFSET_UNIT}`,
);

function offsetOf(question: Question): number | null {
  const match = OFFSET.exec(question.text);
  if (!match) return null;
  const [, n1, direction1, direction2, n2] = match;
  const raw = (n1 ?? n2)!;
  const n = entryOf(NUMBER_WORDS, raw) ?? Number(raw);
  return /newer|ahead/.test((direction1 ?? direction2)!) ? -n : n;
}

type Read = Omit<VersionSkewQuery, 'notes' | 'kind'>;

const SKEW_CUES =
  /\b(ha|skew|same time|compatib\w*|supported|support|ok|okay|work|works|fine|allowed|against|talk|older|newer|behind|ahead|mix\w*)\b/;

function candidate(score: number, query: Partial<Read> & Pick<Read, 'ask'>): { score: number; query: Read } {
  return {
    score,
    query: { component: null, version: null, against: null, againstVersion: null, offset: null, ...query },
  };
}

const SKIPS = /\b(skip|skipping|directly|straight|jump|one step|one go|at once)\b/;

function read(question: Question): { score: number; query: Read } | null {
  const hasNamedComponent = question.entities.components.some((name) => SKEW_COMPONENTS.has(name));
  // Every reading below needs an upgrade word, a component or "skew": most questions hold none.
  if (!hasNamedComponent && !question.text.includes('upgrad') && !question.text.includes('skew')) return null;
  const upgrade = question.has(/\bupgrad(e|es|ed|ing)\b/);
  const componentsNamed = question.has(
    /\b(components?|control plane|apiservers?|scheduler|controllers?|kubelets?|nodes)\b/,
  );
  const ordering =
    question.has(/\b(order|sequence|which first|what first)\b/) ||
    (componentsNamed && question.has(/\b(first|before)\b/));
  if (upgrade && ordering) {
    return candidate(SCORE.certain + 5, { ask: 'upgrade-order' });
  }
  const { versions } = question.entities;
  // "Can I skip a minor" is the skew policy's question, even though it names an upgrade span (upgrade scores certain + 6).
  const ends = spanEnds(question);
  if (upgrade && ends && versions.length <= 3 && question.has(SKIPS))
    return candidate(SCORE.certain + 7, { ask: 'upgrade-path', version: ends[1], againstVersion: ends[0] });
  // "Can I skip minor versions when upgrading?": the same rule, asked of no release in particular.
  const oneAtATime = question.has(/\bone (minor |version |release )?at a time\b|\bsequential\w*\b/);
  if (
    upgrade &&
    versions.length === 0 &&
    (question.has(SKIPS) || oneAtATime) &&
    question.has(/\b(minors?|versions?|releases?|one at a time|sequential\w*)\b/)
  )
    return candidate(SCORE.certain + 7, { ask: 'upgrade-path', ...(oneAtATime ? { oneAtATime } : {}) });
  // Most questions name no component: nothing below can fit them.
  if (!hasNamedComponent && !question.has(/\bskew\b/)) return null;
  const named = distinct(mentions(question));
  const pairCue = (named.length >= 2 && versions.length >= 1) || (named.length >= 1 && versions.length >= 2);
  const offset = offsetOf(question);
  const skewCue = pairCue || offset !== null || question.has(SKEW_CUES);
  if (!skewCue) return null;
  const subject = named.find(({ component }) => component !== 'kube-apiserver') ?? named[0];
  if (!subject) return candidate(SCORE.strong, { ask: 'policy' });
  const others = named.filter((entry) => entry !== subject);
  const apiservers = named.filter(({ component }) => component === 'kube-apiserver');
  // "kube-apiservers at 1.32 and 1.33": HA instances against each other.
  const haPair = subject.component === 'kube-apiserver' && versions.length === 2;
  const against = others[0]?.component ?? (haPair ? 'kube-apiserver' : null);
  const unpaired = versions.filter((ref) => ref !== subject.version && !others.some((entry) => entry.version === ref));
  const againstVersion =
    others[0]?.version ?? (apiservers.length > 1 ? apiservers[1]!.version : null) ?? unpaired[0] ?? null;
  if (offset !== null && !subject.version) {
    return candidate(SCORE.certain + 5, {
      ask: 'check',
      component: subject.component,
      against,
      againstVersion,
      offset,
    });
  }
  const asksRange = question.has(/\b(which|what) (\S+ )?versions?\b|\bhow (old|far|many)\b/);
  if (subject.version && !asksRange) {
    const { component, version } = subject;
    return candidate(SCORE.certain + 5, { ask: 'check', component, version, against, againstVersion });
  }
  if (againstVersion || asksRange) {
    const fixed = againstVersion ?? subject.version;
    return candidate(SCORE.certain + 5, { ask: 'range', component: subject.component, against, againstVersion: fixed });
  }
  return candidate(SCORE.strong, { ask: 'policy', component: subject.component });
}

export const versionSkewKind: QuestionKind<VersionSkewQuery> = {
  schema: VersionSkewQuery,
  kind: 'version-skew',
  intent: 'version-skew',
  recognize: (question) => {
    const found = read(question);
    return found && { score: found.score, query: { kind: 'version-skew', ...found.query } };
  },
  answer: versionSkew,
  examples: EXAMPLES,
  vocabulary: words(
    'skew compatible compatibility incompatible order sequence against older newer behind ahead mix mixed ' +
      'control plane controllers nodes node cluster apiservers skip skipping directly straight jump',
  ),
};
