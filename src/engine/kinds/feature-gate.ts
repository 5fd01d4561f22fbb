import { z } from 'zod';
import type { Answer, AnswerItem } from '../../domain/answer.ts';
import { type FeatureGateRecord, type GateSpec, GateStage } from '../../domain/feature-gate.ts';
import { compareMinor } from '../../domain/version.ts';
import type { EngineIndex } from '../engine-index.ts';
import { fact, listSection, makeAnswer, plural, section } from '../../domain/answer-builders.ts';
import { kepLabel } from '../format.ts';
import { ParseNotes, VersionRef } from '../refs.ts';
import type { Question } from '../understand/question.ts';
import { resolveVersion } from '../versions.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';

/**
 * "JobManagedBy — on by default in 1.31?", "when did CRDValidationRatcheting lock to default?",
 * "which gates are beta but off by default in 1.34?", "gates removed or locked between 1.30 and 1.33".
 */
export const FeatureGateQuery = z.object({
  kind: z.literal('feature-gate'),
  /** The gate as the data spells it; null for a question about many gates. */
  gate: z.string().nullable(),
  version: VersionRef.nullable(),
  /** The end of a span ("between 1.30 and 1.33"). */
  until: VersionRef.nullable(),
  /** default: on or off; enable: must I turn it on; disable: can I turn it off; lock/ga: since when; history; list. */
  ask: z.enum(['default', 'enable', 'disable', 'lock', 'ga', 'history', 'list']),
  /** For lists: a stage, on/off by default, or what changed in the release (span). */
  stage: GateStage.nullable(),
  enabled: z.boolean().nullable(),
  change: z.enum(['locked', 'removed', 'deprecated', 'ga', 'added', 'removed-or-locked']).nullable(),
  notes: ParseNotes,
});
export type FeatureGateQuery = z.infer<typeof FeatureGateQuery>;

const GATES_DOC = 'https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/';
const STAGE_NAME: Record<GateStage, string> = { alpha: 'alpha', beta: 'beta', ga: 'GA', deprecated: 'deprecated' };
const LIST_CYCLE: Record<FeatureGateRecord['source'], string> = {
  'compatibility-lifecycle': 'the 1.37-cycle list (test/compatibility_lifecycle)',
  'linter-versioned': 'the 1.33-cycle list (test/featuregates_linter)',
  'linter-unversioned': 'the unversioned list (test/featuregates_linter, 2024)',
};

/** The spec in force at `version`: the last entry at or before it. */
export function specAt(gate: FeatureGateRecord, version: string): GateSpec | null {
  let found: GateSpec | null = null;
  for (const spec of gate.specs) if (compareMinor(spec.since, version) <= 0) found = spec;
  return found;
}

const firstSpec = (gate: FeatureGateRecord, test: (spec: GateSpec) => boolean) => gate.specs.find(test) ?? null;
const since = (spec: GateSpec) => (spec.since === '1.0' ? 'before versioned specs (listed as 1.0)' : spec.since);
type GateState = NonNullable<FeatureGateRecord['unversioned']>;
const onOff = (state: GateState) => (state.default ? 'on' : 'off');
const lockedState = (spec: GateSpec) => (spec.lockToDefault ? `, locked ${onOff(spec)}` : '');
const describe = (spec: GateSpec) => `${STAGE_NAME[spec.stage]}${lockedState(spec)} since ${since(spec)}`;
const defaultState = (state: GateState) => `${STAGE_NAME[state.stage]}, ${onOff(state)} by default`;
const lastListed = (removed: NonNullable<FeatureGateRecord['removed']>) => removed.lastListedIn ?? 'unversioned';

function historyStep(spec: GateSpec): string {
  const when = spec.since === '1.0' ? '(from the start)' : spec.since;
  return `${STAGE_NAME[spec.stage]} ${when} ${onOff(spec)}${spec.lockToDefault ? ' locked' : ''}`;
}

function history(gate: FeatureGateRecord): string {
  const steps = gate.specs.map(historyStep);
  if (gate.removed) steps.push(`removed (after the ${lastListed(gate.removed)} list, before ${gate.removed.goneBy})`);
  return steps.join(' → ');
}

function kepLines(index: EngineIndex, gate: FeatureGateRecord): AnswerItem[] {
  return gate.keps.flatMap((number) => {
    const kep = index.kepByNumber.get(number);
    return kep
      ? [
          {
            kep: number,
            title: `${kepLabel(number)} ${kep.title}`,
            stage: kep.stage,
            sig: kep.owningSig,
            url: kep.links.issue,
            detail: null,
          },
        ]
      : [];
  });
}

function gateAnswer(
  index: EngineIndex,
  gate: FeatureGateRecord,
  summary: string,
  release: string | null,
  extra: string[] = [],
): Answer {
  const keps = kepLines(index, gate);
  const sections = [
    section('Specs by release', {
      facts: gate.specs.map((spec) =>
        fact(spec.since === '1.0' ? 'From the start' : spec.since, describe(spec), spec.since),
      ),
      lines: [
        ...(gate.unversioned
          ? [
              `The unversioned list (no release given) has it ${defaultState(gate.unversioned)}${
                gate.unversioned.lockToDefault ? ', locked' : ''
              }.`,
            ]
          : []),
        ...(gate.removed
          ? [
              `Not in the 1.37-cycle list: removed from the code after the ${lastListed(gate.removed)} list and by ${
                gate.removed.goneBy
              }.`,
            ]
          : []),
        `Source: ${LIST_CYCLE[gate.source]} in kubernetes/kubernetes.`,
        ...extra,
      ],
    }),
  ];
  if (keps.length) sections.push(listSection('KEP', keps, 5));
  return makeAnswer(index.footer, {
    intent: 'feature-gate',
    title: `Feature gate ${gate.name}`,
    summary,
    release,
    facts: [fact('History', history(gate) || 'no versioned specs')],
    sections,
    links: [
      { label: 'Feature gates reference', url: GATES_DOC },
      ...keps.slice(0, 1).map((kep) => ({ label: kep.title, url: kep.url! })),
    ],
    suggestions: [`when did ${gate.name} lock to default`, ...keps.slice(0, 1).map((kep) => kepLabel(kep.kep!))],
  });
}

function unversionedOnly(gate: FeatureGateRecord, state: GateState): string {
  const locked = state.lockToDefault ? ' and locked' : '';
  const gone = gate.removed ? `, and it is gone from the code by ${gate.removed.goneBy}` : '';
  return (
    `The lists have no versioned data for ${gate.name}: ` +
    `the 2024 unversioned list has it ${defaultState(state)}${locked}, without saying since when${gone}.`
  );
}

/** No spec at a version: before the gate existed, after its removal, or not in any list at all. */
function outsideSpecs(gate: FeatureGateRecord, version: string): string | null {
  const first = gate.specs[0];
  if (!first) {
    return gate.unversioned ? unversionedOnly(gate, gate.unversioned) : null;
  }
  if (compareMinor(version, first.since) < 0)
    return `${gate.name} does not exist yet in ${version}: it first appears in ${first.since} (${defaultState(
      first,
    )}).`;
  if (gate.removed && compareMinor(version, gate.removed.goneBy) >= 0)
    return (
      `${gate.name} is gone in ${version}: it was removed from the code after the ${gate.removed.lastListedIn} list ` +
      `and is not in the ${gate.removed.goneBy}-cycle list. Its last known spec: ${describe(gate.specs.at(-1)!)}.`
    );
  return null;
}

function answerForGate(query: FeatureGateQuery, index: EngineIndex, gate: FeatureGateRecord, now: Date): Answer {
  const lock = firstSpec(gate, (spec) => spec.lockToDefault);
  const ga = firstSpec(gate, (spec) => spec.stage === 'ga');
  // "Is DRA on by default?" with no release: as of the latest release; other asks without one tell the whole story.
  const asksState = query.ask === 'default' || query.ask === 'enable' || query.ask === 'disable';
  if (query.ask === 'lock' || query.ask === 'ga' || query.ask === 'history' || (!query.version && !asksState)) {
    const event = query.ask === 'ga' ? ga : lock;
    const what = query.ask === 'ga' ? 'went GA' : 'was locked to its default';
    let summary: string;
    if (query.ask === 'history' || (!query.version && query.ask !== 'lock' && query.ask !== 'ga'))
      summary = `${gate.name}: ${history(gate) || 'no versioned specs in the lists'}.`;
    else if (event) summary = `${gate.name} ${what} in ${since(event)}: ${describe(event)}.`;
    else {
      const last = gate.specs.at(-1);
      const notYet = query.ask === 'ga' ? 'has not gone GA' : 'is not locked to its default';
      const latest = last ? `; latest: ${describe(last)}` : '';
      summary = `${gate.name} ${notYet} in any release the lists cover${latest}.`;
    }
    return gateAnswer(index, gate, summary, event?.since ?? null);
  }
  const resolved = resolveVersion(index, query.version, now, 'feature-gate');
  const version = resolved.ok ? resolved.release.version : query.version?.kind === 'exact' ? query.version.minor : null;
  if (!version) return resolved.ok ? gateAnswer(index, gate, history(gate), null) : resolved.answer;
  const outside = outsideSpecs(gate, version);
  const spec = specAt(gate, version);
  if (outside || !spec) return gateAnswer(index, gate, outside ?? `No data for ${gate.name} in ${version}.`, version);
  const beyond =
    compareMinor(version, '1.37') > 0 && gate.source === 'compatibility-lifecycle'
      ? [`The lists end with the 1.37 cycle; ${version} may differ.`]
      : [];
  const state = describe(spec);
  const flag = `--feature-gates=${gate.name}=${spec.default ? 'false' : 'true'}`;
  let summary: string;
  if (query.ask === 'enable')
    summary = spec.default
      ? `No — ${gate.name} is already on by default in ${version} (${state}).`
      : `Yes — ${gate.name} is off by default in ${version} (${state}): turn it on with ${flag}.`;
  else if (query.ask === 'disable')
    summary = spec.lockToDefault
      ? `No — ${gate.name} is locked to its default in ${version} (${state}); it can no longer be set.`
      : `Yes — ${gate.name} can still be set in ${version} (${state})${spec.default ? `: ${flag}` : ''}.`;
  else if (query.change === 'locked') {
    const locksLater = lock && !spec.lockToDefault ? ` It locks in ${lock.since}.` : '';
    const yesNo = spec.lockToDefault ? 'Yes' : 'No';
    const isLocked = spec.lockToDefault ? 'is locked' : 'is not locked';
    summary = `${yesNo} — ${gate.name} ${isLocked} to its default in ${version} (${state}).${locksLater}`;
  } else {
    const locking = lock && !spec.lockToDefault ? ` It locks to its default in ${lock.since}.` : '';
    const turnOn = spec.default || spec.lockToDefault ? '' : ` Turn it on with ${flag}.`;
    const yesNo = spec.default ? 'Yes' : 'No';
    summary = `${yesNo} — ${gate.name} is ${onOff(spec)} by default in ${version}: ${state}.${turnOn}${locking}`;
  }
  return gateAnswer(index, gate, summary, version, beyond);
}

/** Singular and plural nouns counting the gates a change query picked. */
function changeNouns(want: string): [string, string] {
  if (want === 'ga') return ['gate went GA', 'gates went GA'];
  if (want === 'deprecated') return ['gate deprecated', 'gates deprecated'];
  if (want === 'added') return ['gate added', 'gates added'];
  return ['gate locked to its default', 'gates locked to their default'];
}

interface Change {
  gate: FeatureGateRecord;
  version: string;
  what: 'locked' | 'deprecated' | 'ga' | 'added' | 'removed';
  detail: string;
}

/** What changed for each gate in (from, to]: new gates, locks, deprecations, GA, and removals the lists show. */
function changesIn(index: EngineIndex, from: string | null, to: string): Change[] {
  const within = (version: string) =>
    compareMinor(version, to) <= 0 &&
    (from === null ? compareMinor(version, to) === 0 : compareMinor(version, from) > 0);
  const changes: Change[] = [];
  for (const gate of index.dataset.featureGates.gates) {
    gate.specs.forEach((spec, at) => {
      const before = gate.specs[at - 1];
      if (!within(spec.since) || spec.since === '1.0') return;
      if (!before)
        changes.push({
          gate,
          version: spec.since,
          what: 'added',
          detail: `new in ${spec.since} as ${STAGE_NAME[spec.stage]}, ${spec.default ? 'on' : 'off'} by default`,
        });
      if (spec.lockToDefault && !before?.lockToDefault)
        changes.push({
          gate,
          version: spec.since,
          what: 'locked',
          detail: `locked ${spec.default ? 'on' : 'off'} in ${spec.since} (${STAGE_NAME[spec.stage]})`,
        });
      if (spec.stage === 'deprecated' && before?.stage !== 'deprecated')
        changes.push({
          gate,
          version: spec.since,
          what: 'deprecated',
          detail: `deprecated in ${spec.since}, ${spec.default ? 'on' : 'off'} by default`,
        });
      if (spec.stage === 'ga' && before?.stage !== 'ga' && before)
        changes.push({ gate, version: spec.since, what: 'ga', detail: `GA in ${spec.since}` });
    });
  }
  return changes.sort((a, b) => compareMinor(a.version, b.version) || (a.gate.name < b.gate.name ? -1 : 1));
}

/** Gates the lists show removed from the code whose removal window overlaps (from, to]. */
export function removedGatesIn(index: EngineIndex, from: string | null, to: string): FeatureGateRecord[] {
  return index.dataset.featureGates.gates.filter((gate) => {
    const removed = gate.removed;
    if (!removed?.lastListedIn) return false;
    return compareMinor(removed.goneBy, from ?? to) > 0 && compareMinor(removed.lastListedIn, to) < 0;
  });
}

export interface GateChanges {
  readonly locked: readonly Change[];
  readonly others: readonly Change[];
  readonly removed: readonly FeatureGateRecord[];
}

/**
 * Spans already worked out, per gate list: an upgrade report asks for every release it crosses, and
 * each answer walks every gate's specs. The lists never change under an index (a refresh builds a new one).
 */
const changesBySpan = new WeakMap<readonly FeatureGateRecord[], Map<string, GateChanges>>();

export function gateChanges(index: EngineIndex, from: string | null, to: string): GateChanges {
  const gates = index.dataset.featureGates.gates;
  let spans = changesBySpan.get(gates);
  if (!spans) {
    spans = new Map();
    changesBySpan.set(gates, spans);
  }
  const key = `${from ?? ''}..${to}`;
  const known = spans.get(key);
  if (known) return known;
  const changes = changesIn(index, from, to);
  const found: GateChanges = {
    locked: changes.filter((change) => change.what === 'locked'),
    others: changes.filter((change) => change.what !== 'locked'),
    removed: removedGatesIn(index, from, to),
  };
  spans.set(key, found);
  return found;
}

const changeItem = (change: Change): AnswerItem => ({
  kep: change.gate.keps[0] ?? null,
  title: change.gate.name,
  stage: change.what,
  sig: null,
  url: null,
  detail: change.detail,
});

function listAnswer(query: FeatureGateQuery, index: EngineIndex, now: Date): Answer {
  const resolved = resolveVersion(index, query.version, now, 'feature-gate');
  if (!resolved.ok) return resolved.answer;
  const version = resolved.release.version;
  if (query.change || query.until) {
    let from: string | null = null;
    let to = version;
    if (query.until) {
      const end = resolveVersion(index, query.until, now, 'feature-gate');
      if (!end.ok) return end.answer;
      [from, to] =
        compareMinor(version, end.release.version) <= 0
          ? [version, end.release.version]
          : [end.release.version, version];
    }
    const { locked, others, removed } = gateChanges(index, from, to);
    const want = query.change ?? 'removed-or-locked';
    const picked = [
      ...(want === 'locked' || want === 'removed-or-locked' ? locked : []),
      ...others.filter((change) => change.what === want || (want === 'removed-or-locked' && false)),
    ];
    const gone = want === 'removed' || want === 'removed-or-locked' ? removed : [];
    const span = from ? `between ${from} and ${to}` : `in ${to}`;
    const counted = [
      want !== 'removed' ? plural(picked.length, ...changeNouns(want)) : null,
      want === 'removed' || want === 'removed-or-locked'
        ? `${plural(gone.length, 'gate')} removed from the code`
        : null,
    ]
      .filter(Boolean)
      .join('; ');
    const examples = picked
      .slice(0, 4)
      .map((change) => `${change.gate.name} (${change.version})`)
      .join(', ');
    const removedNote = gone.length
      ? `The lists only bound when a gate was removed: ${plural(gone.length, 'gate')} in the 1.33-cycle list ${
          gone.length === 1 ? 'is' : 'are'
        } gone from the 1.37-cycle list.`
      : want === 'removed'
        ? `No gate the lists cover was removed ${span} (the lists show removals only between the 1.33 and 1.37 cycles).`
        : '';
    return makeAnswer(index.footer, {
      intent: 'feature-gate',
      title: `Feature gates ${want === 'removed-or-locked' ? 'removed or locked' : want === 'ga' ? 'that went GA' : want} ${span}`,
      summary: `${span[0]!.toUpperCase()}${span.slice(1)}: ${counted}${exampleList(examples, picked.length)}.${
        removedNote ? ` ${removedNote}` : ''
      }`,
      release: to,
      sections: [
        listSection(`Changes ${span}`, picked.map(changeItem), 30, GATES_DOC),
        ...(gone.length
          ? [
              listSection(
                'Removed from the code (between the 1.33 and 1.37 lists)',
                gone.map((gate) => ({
                  kep: gate.keps[0] ?? null,
                  title: gate.name,
                  stage: 'removed',
                  sig: null,
                  url: null,
                  detail: history(gate),
                })),
                20,
                GATES_DOC,
              ),
            ]
          : []),
      ],
      links: [{ label: 'Feature gates reference', url: GATES_DOC }],
      suggestions: [`which gates are beta but off by default in ${to}`],
    });
  }
  const matching = index.dataset.featureGates.gates.flatMap((gate) => {
    const spec = specAt(gate, version);
    if (!spec || outsideSpecs(gate, version)) return [];
    if (query.stage && spec.stage !== query.stage) return [];
    if (query.enabled !== null && spec.default !== query.enabled) return [];
    return [{ gate, spec }];
  });
  const label =
    [
      query.stage ? STAGE_NAME[query.stage] : null,
      query.enabled === null ? null : query.enabled ? 'on by default' : 'off by default',
    ]
      .filter(Boolean)
      .join(' and ') || 'listed';
  const items = matching.map(({ gate, spec }) => ({
    kep: gate.keps[0] ?? null,
    title: gate.name,
    stage: spec.stage,
    sig: null,
    url: null,
    detail: describe(spec),
  }));
  return makeAnswer(index.footer, {
    intent: 'feature-gate',
    title: `Feature gates ${label} in ${version}`,
    summary: `${plural(matching.length, 'feature gate')} ${isAre(matching.length)} ${label} in ${version}${
      matching.length
        ? `: ${matching
            .slice(0, 5)
            .map(({ gate }) => gate.name)
            .join(', ')}${matching.length > 5 ? ', …' : ''}`
        : ''
    }.`,
    release: version,
    sections: [
      listSection(`Gates ${label} in ${version}`, items, 40, GATES_DOC, [
        'From the kubernetes/kubernetes feature-gate lists (the spec in force is the last at or before the release).',
      ]),
    ],
    links: [{ label: 'Feature gates reference', url: GATES_DOC }],
    suggestions: [`gates removed or locked in ${version}`],
  });
}

const isAre = (count: number) => (count === 1 ? 'is' : 'are');
const exampleList = (examples: string, total: number) => {
  const more = total > 4 ? ', …' : '';
  return examples ? ` — ${examples}${more}` : '';
};

function declaringKeps(keps: readonly { number: number }[]): string {
  if (!keps.length) return '';
  const labels = keps.map((kep) => kepLabel(kep.number)).join(', ');
  return ` ${labels} ${keps.length === 1 ? 'declares' : 'declare'} it in kep.yaml.`;
}

function noData(index: EngineIndex, name: string): Answer {
  const keps = index.dataset.keps.filter((kep) =>
    kep.featureGates.some((gate) => gate.name.toLowerCase() === name.toLowerCase()),
  );
  return makeAnswer(index.footer, {
    intent: 'feature-gate',
    title: `Feature gate ${name}: no data`,
    summary:
      `No data: ${name} is in none of the kubernetes/kubernetes feature-gate lists ` +
      '(the 1.37- and 1.33-cycle lists and the 2024 unversioned one), ' +
      `so I cannot say its default in any release.${declaringKeps(keps)}`,
    sections: keps.length
      ? [
          listSection(
            'Declared by',
            keps.map((kep) => ({
              kep: kep.number,
              title: `${kepLabel(kep.number)} ${kep.title}`,
              stage: kep.stage,
              sig: kep.owningSig,
              url: kep.links.issue,
              detail: null,
            })),
            5,
          ),
        ]
      : [],
    links: [{ label: 'Feature gates reference', url: GATES_DOC }],
    suggestions: keps.slice(0, 1).map((kep) => kepLabel(kep.number)),
  });
}

export function featureGate(query: FeatureGateQuery, index: EngineIndex, now: Date): Answer {
  if (!query.gate) return listAnswer(query, index, now);
  const gate = index.gateByName.get(query.gate.toLowerCase());
  return gate ? answerForGate(query, index, gate, now) : noData(index, query.gate);
}

/** Words about the gate itself, not the feature's stage. */
const GATE_FLAG_CUES =
  /\b(feature ?gates?|gate|flag|default|defaults|enabled?|locked|lock|locks|locktodefault|turn|disable)\b/;
const GATE_CUES = new RegExp(
  String.raw`\b(feature ?gates?|gates?|flag|default|defaults|enabled?|on|off|locked|lock|locks|locktodefault|turn|` +
    String.raw`disable|ga|stable|beta|alpha|deprecated|history)\b`,
);
/** "Do I need to enable it", "=true", "explicitly": the question is whether to set the gate. */
const NEEDS_ENABLING = new RegExp(
  String.raw`\b(need|have|must|should)\b.*\b(enable|turn\w* (it )?on|set|flip|flag|feature-?gates?|update)\b` +
    String.raw`|=true\b|turned on explicitly|\bexplicitly\b`,
);
/** "When did it lock", "locked since", "gate locked": the question is when the gate locked to its default. */
const ASKS_LOCK = new RegExp(
  String.raw`\b(when|since|which version)\b.*\block|\block(ed)? since\b|\block version\b|locktodefault since` +
    String.raw`|\blocked\?\s*$|\bgate locked\b`,
);

/** The gate a question names: a gate entity, or a gate of the KEP a feature name points at ("the DRA gate", "is DRA on by default"). */
function namedGate(question: Question): string | null {
  const direct = question.entities.gates[0]?.name;
  if (direct) return direct;
  // "The DRA gate", "is DRA on by default": a default is a gate's, whatever name the feature goes by.
  if (!question.has(/\b(feature ?gates?|gate)\b|\b(on|off|enabled|disabled) by default\b/)) return null;
  for (const feature of question.entities.features) {
    const kep = question.index.kepByNumber.get(feature.kep);
    const gate = kep?.featureGates.find((candidate) => question.index.gateByName.has(candidate.name.toLowerCase()));
    if (gate) return gate.name;
  }
  return null;
}

function askOf(question: Question): FeatureGateQuery['ask'] {
  const asksDefault = question.has(/\b(is|are|was)\b.*\b(on|enabled) by default\b/);
  const needs = question.has(NEEDS_ENABLING);
  if (needs && !asksDefault) return 'enable';
  if (question.has(/\b(turn (it )?off|disable|still (turn|set)|can i (still )?(set|change))\b/)) return 'disable';
  if (
    question.has(/\bwhen\b.*\b(go|went|goes|reach\w*|become|became) (ga|stable)\b|\bga version\b|\bga\?\s*$|\bga\s*$/)
  )
    return 'ga';
  const lock = question.has(ASKS_LOCK);
  if (lock && !question.version) return 'lock';
  if (
    question.has(/\bhistory\b/) ||
    question.entities.range ||
    (!question.version && !question.has(/\bdefault|enabled?\b/))
  )
    return 'history';
  return 'default';
}

export const featureGateKind: QuestionKind<FeatureGateQuery> = {
  kind: 'feature-gate',
  intent: 'feature-gate',
  schema: FeatureGateQuery,
  recognize: (question) => {
    // A gate is named, or the words "gate" or "by default" are there: nothing below fits a question without.
    if (
      question.entities.gates.length === 0 &&
      !question.text.includes('gate') &&
      !question.text.includes('by default')
    )
      return null;
    const gate = namedGate(question);
    const [first, second] = question.entities.versions;
    if (gate) {
      // A gate named like its KEP ("AppArmor" in "AppArmor support") asked about by stage only is the KEP's question.
      const featureName = question.entities.gates[0]?.keps.some((number) =>
        question.index.kepByNumber.get(number)?.title.toLowerCase().includes(gate.toLowerCase()),
      );
      if (featureName && !question.has(GATE_FLAG_CUES)) return null;
      // A KEP's gate the gate lists do not hold ("PodSecurity", long removed) has only its KEP's story to tell,
      // unless the gate itself is asked about.
      if (!question.index.gateByName.has(gate.toLowerCase()) && !question.has(/\b(feature ?gates?|gate|flag)\b/))
        return null;
      if (!question.has(GATE_CUES) && question.entities.versions.length === 0) return null;
      const ask = askOf(question);
      const change =
        question.has(/\block(ed|s)?\b/) && !question.has(/\bdefault\b/) && question.version && ask === 'default'
          ? 'locked'
          : null;
      return {
        score: question.has(GATE_CUES) || question.entities.range ? SCORE.certain + 2 : SCORE.likely,
        query: {
          kind: 'feature-gate',
          gate,
          version: question.version,
          until: null,
          ask,
          stage: null,
          enabled: null,
          change,
        },
      };
    }
    // Lists: "which gates are beta but off by default in 1.34", "gates removed or locked between 1.30 and 1.33".
    if (!question.has(/\b(feature ?gates|gates|gate)\b/) || !first) return null;
    const removed = question.has(/\bremov\w*/);
    const locked = question.has(/\block\w*/);
    const change =
      removed && locked
        ? 'removed-or-locked'
        : removed
          ? 'removed'
          : locked
            ? 'locked'
            : question.has(/\bdeprecat\w*/)
              ? 'deprecated'
              : question.has(/\b(went|go|going|became|graduat\w*) (to )?(ga|stable)\b/)
                ? 'ga'
                : question.has(/\b(new|added|introduced|appeared)\b/)
                  ? 'added'
                  : null;
    const stage = question.has(/\balpha\b/)
      ? 'alpha'
      : question.has(/\bbeta\b/)
        ? 'beta'
        : question.has(/\b(ga|stable)\b/) && !change
          ? 'ga'
          : null;
    const enabled = question.has(/\b(off|disabled) by default\b|\bnot (on|enabled) by default\b/)
      ? false
      : question.has(/\b(on|enabled) by default\b/)
        ? true
        : null;
    // "Gates" names what is compared, so it outranks a bare "between 1.30 and 1.33" comparison.
    return {
      score: question.has(/\b(upgrad\w*|upgarde|upgrdae)\b/) ? SCORE.certain - 5 : SCORE.certain + 6,
      query: {
        kind: 'feature-gate',
        gate: null,
        version: first,
        until: second ?? null,
        ask: 'list',
        stage,
        enabled,
        change: change ?? (second ? 'removed-or-locked' : null),
      },
    };
  },
  answer: featureGate,
  examples: [
    'is JobManagedBy on by default in 1.31 / when did CRDValidationRatcheting lock to default / ' +
      'which gates are beta but off by default in 1.34 / gates removed or locked between 1.30 and 1.33',
  ],
  vocabulary: words(
    'gate gates feature-gate feature-gates featuregate featuregates default defaults enabled enable locked lock ' +
      'locktodefault flag turn',
  ),
};
