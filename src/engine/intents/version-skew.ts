import type { Answer } from '../../domain/answer.ts';
import type { Component, SkewRule } from '../../domain/policy.ts';
import { minorNumber } from '../../domain/version.ts';
import type { EngineIndex } from '../engine-index.ts';
import { fact, makeAnswer, plural, section } from '../../domain/answer-builders.ts';
import type { VersionSkewQuery } from '../kinds/version-skew.ts';
import { resolveVersion } from '../versions.ts';
import { plainQuote, quoteLines, sourceName } from './policy-text.ts';
import { forwardSuggestion } from './suggestions.ts';

const POLICY_URL = 'https://kubernetes.io/releases/version-skew-policy/';
const minor = (n: number): string => `1.${n}`;

interface Limits {
  maxOlder: number;
  maxNewer: number;
  /** The tighter limits of `rule.earlier` applied (the component is older than `componentBefore`). */
  earlier: boolean;
}

const POLICY_SOURCE = 'kubernetes-website/content/en/releases/version-skew-policy.md';
const stepName = (step: { components: readonly string[] }): string => step.components.join(' / ');

function limitsFor(rule: SkewRule, componentMinor: number): Limits {
  if (rule.earlier && componentMinor < minorNumber(rule.earlier.componentBefore)) {
    return { maxOlder: rule.earlier.maxOlder, maxNewer: rule.earlier.maxNewer, earlier: true };
  }
  return { maxOlder: rule.maxOlder, maxNewer: rule.maxNewer, earlier: false };
}

/** Whether `component` at minor c is supported against minor r under `rule`. */
export function skewAllows(rule: SkewRule, componentMinor: number, againstMinor: number): boolean {
  const { maxOlder, maxNewer } = limitsFor(rule, componentMinor);
  const older = againstMinor - componentMinor;
  return older <= maxOlder && -older <= maxNewer;
}

/** The component minors supported against minor r, oldest first. */
export function supportedMinors(rule: SkewRule, againstMinor: number): number[] {
  const widest = Math.max(rule.maxOlder, rule.maxNewer, rule.earlier?.maxOlder ?? 0, rule.earlier?.maxNewer ?? 0);
  const minors: number[] = [];
  for (let c = Math.max(0, againstMinor - widest); c <= againstMinor + widest; c++)
    if (skewAllows(rule, c, againstMinor)) minors.push(c);
  return minors;
}

/** The rule for a component against another, and whether the pair was given the other way round. */
function findRule(
  rules: SkewRule[],
  component: Component,
  against: Component,
): { rule: SkewRule; swapped: boolean } | null {
  const direct = rules.find((rule) => rule.components.includes(component) && rule.against === against);
  if (direct) return { rule: direct, swapped: false };
  const reversed = rules.find((rule) => rule.components.includes(against) && rule.against === component);
  return reversed ? { rule: reversed, swapped: true } : null;
}

/** "at most 3 minor versions older than kube-apiserver, never newer" for the limits that apply. */
function limitText(limits: Pick<Limits, 'maxOlder' | 'maxNewer'>, reference: Component): string {
  const count = (n: number) => plural(n, 'minor version');
  if (limits.maxNewer === 0) return `at most ${count(limits.maxOlder)} older than ${reference}, never newer`;
  if (limits.maxNewer === limits.maxOlder) return `within ${count(limits.maxOlder)} of ${reference}, older or newer`;
  return `at most ${count(limits.maxOlder)} older or ${count(limits.maxNewer)} newer than ${reference}`;
}

/** "n-3 since kube-apiserver 1.28 (KEP-3935); n-2 before" or what the page says about when a rule began. */
function heldSince(rule: SkewRule): string {
  if (!rule.since || !rule.earlier) return 'The policy page states no version this rule started with.';
  return (
    `This limit has held since ${rule.against} ${rule.since.version} (KEP-${rule.since.kep}, with ` +
    `${rule.components.join('/')} ${rule.earlier.componentBefore} and newer); ` +
    `before that it was n-${rule.earlier.maxOlder}.`
  );
}

function ruleSection(rule: SkewRule) {
  return section(`The rule: ${rule.components.join(', ')} against ${rule.against}`, {
    lines: [...quoteLines(rule.sources), heldSince(rule)],
  });
}

function links(rule: SkewRule | null) {
  const policy = { label: 'Version skew policy', url: `${POLICY_URL}${rule?.anchor ?? ''}` };
  return rule?.since
    ? [
        policy,
        { label: `KEP-${rule.since.kep}`, url: `https://github.com/kubernetes/enhancements/issues/${rule.since.kep}` },
      ]
    : [policy];
}

export function versionSkew(query: VersionSkewQuery, index: EngineIndex, now: Date): Answer {
  if (query.ask === 'upgrade-order') return upgradeOrder(index);
  if (query.ask === 'upgrade-path') return upgradePath(query, index, now);
  if (query.ask === 'policy' || query.component === null) return policy(index, query.component);
  const against = query.against ?? 'kube-apiserver';
  const found = findRule(index.dataset.policies.versionSkew.rules, query.component, against);
  if (!found) return noRule(index, query.component, against);
  const target = resolveVersion(index, query.againstVersion, now, 'version-skew');
  if (!target.ok) return target.answer;
  if (query.ask === 'check' && query.version === null && query.offset !== null) {
    // "kube-scheduler two minors behind the apiserver": the pair at that distance from the control plane asked about.
    const r = minorNumber(target.release.version);
    const component = { component: query.component, version: minor(r - query.offset) };
    const reference = { component: against, version: target.release.version };
    const [subject, other] = found.swapped ? [reference, component] : [component, reference];
    return check(index, found.rule, subject, other, target.note);
  }
  if (query.ask === 'range' || query.version === null) {
    return range(index, found, {
      asked: query.component,
      fixed: against,
      version: target.release.version,
      note: target.note,
    });
  }
  const subject = resolveVersion(index, query.version, now, 'version-skew');
  if (!subject.ok) return subject.answer;
  // "kube-apiserver 1.33 with kubelet 1.30": the rule is written from the kubelet's side.
  const [component, componentVersion, other, otherVersion] = found.swapped
    ? [against, target.release.version, query.component, subject.release.version]
    : [query.component, subject.release.version, against, target.release.version];
  return check(
    index,
    found.rule,
    { component, version: componentVersion },
    { component: other, version: otherVersion },
    null,
  );
}

function check(
  index: EngineIndex,
  rule: SkewRule,
  subject: { component: Component; version: string },
  against: { component: Component; version: string },
  note: string | null,
): Answer {
  const c = minorNumber(subject.version);
  const r = minorNumber(against.version);
  const limits = limitsFor(rule, c);
  const allowed = skewAllows(rule, c, r);
  const gap = r - c;
  const position =
    gap === 0
      ? 'the same minor as'
      : gap > 0
        ? `${plural(gap, 'minor version')} older than`
        : `${plural(-gap, 'minor version')} newer than`;
  const supported = supportedMinors(rule, r).map(minor);
  const pair = `${subject.component} ${subject.version} with ${against.component} ${against.version}`;
  const why =
    `${subject.component} ${subject.version} is ${position} ${against.component} ${against.version}; ` +
    `${subject.component} may be ${limitText(limits, against.component)}`;
  const earlierNote =
    limits.earlier && rule.earlier && rule.since
      ? ` (a ${subject.component} older than ${rule.earlier.componentBefore} is held to n-${rule.earlier.maxOlder}; ` +
        `n-${rule.maxOlder} holds from ${rule.against} ${rule.since.version})`
      : '';
  const reading = note ? ` (${note})` : '';
  const summary = allowed
    ? `Yes — ${pair} is supported${reading}: ${why}${earlierNote}.`
    : `No — ${pair} is not supported${reading}: ${why}${earlierNote}. ` +
      `Supported with ${against.component} ${against.version}: ${subject.component} ${supported.join(', ')}.`;
  const haNote =
    against.component === 'kube-apiserver' && subject.component !== 'kube-apiserver'
      ? ['In an HA cluster whose kube-apiservers are at different minors, the oldest one sets the limit.']
      : [];
  return makeAnswer(index.footer, {
    intent: 'version-skew',
    title: `Version skew: ${pair}`,
    summary,
    release: against.version,
    facts: [
      fact('Supported', allowed ? 'yes' : 'no', allowed),
      fact(
        'Skew',
        gap === 0
          ? 'none'
          : gap > 0
            ? `${subject.component} ${plural(gap, 'minor')} older`
            : `${subject.component} ${plural(-gap, 'minor')} newer`,
        gap,
      ),
      fact(`Supported ${subject.component} versions`, supported.join(', '), supported.join(',')),
    ],
    sections: [ruleSection(rule), ...(haNote.length ? [section('Note', { lines: haNote })] : [])],
    links: links(rule),
    suggestions: [
      'in which order do I upgrade the control plane and nodes?',
      `which ${subject.component} versions work with ${against.component} ${against.version}`,
    ],
  });
}

function range(
  index: EngineIndex,
  { rule, swapped }: { rule: SkewRule; swapped: boolean },
  pair: { asked: Component; fixed: Component; version: string; note: string | null },
): Answer {
  const fixed = minorNumber(pair.version);
  const widest = Math.max(rule.maxOlder, rule.maxNewer, rule.earlier?.maxOlder ?? 0, rule.earlier?.maxNewer ?? 0);
  const candidates = Array.from({ length: 2 * widest + 1 }, (_, i) => fixed - widest + i).filter((n) => n >= 0);
  const supported = candidates
    .filter((n) => (swapped ? skewAllows(rule, fixed, n) : skewAllows(rule, n, fixed)))
    .map(minor);
  // The limits in force at the edge of the range: the oldest component the rule could allow.
  const limits = limitsFor(rule, swapped ? fixed : fixed - rule.maxOlder);
  const subject = swapped ? pair.fixed : pair.asked;
  return makeAnswer(index.footer, {
    intent: 'version-skew',
    title: `${pair.asked} versions supported with ${pair.fixed} ${pair.version}`,
    summary:
      `${pair.asked} ${supported.join(', ')} ${supported.length === 1 ? 'is' : 'are'} ` +
      `supported with ${pair.fixed} ${pair.version}` +
      `${pair.note ? ` (${pair.note})` : ''}: ${subject} may be ${limitText(limits, rule.against)}.`,
    release: pair.version,
    facts: [fact(`Supported ${pair.asked} versions`, supported.join(', '), supported.join(','))],
    sections: [ruleSection(rule)],
    links: links(rule),
    suggestions: ['in which order do I upgrade?', `version skew policy for ${pair.asked}`],
  });
}

function policy(index: EngineIndex, component: Component | null): Answer {
  const { rules } = index.dataset.policies.versionSkew;
  const chosen = component
    ? rules.filter((rule) => rule.components.includes(component) || rule.against === component)
    : rules;
  const shown = chosen.length ? chosen : rules;
  const line = (rule: SkewRule) =>
    `${rule.components.join(', ')}: ${limitText(rule, rule.against)}` +
    (rule.since && rule.earlier
      ? ` (n-${rule.maxOlder} since ${rule.since.version}; n-${rule.earlier.maxOlder} before)`
      : '');
  return makeAnswer(index.footer, {
    intent: 'version-skew',
    title: component ? `Version skew policy for ${component}` : 'Kubernetes version skew policy',
    summary: `${shown.map(line).join('; ')}.`,
    sections: shown.map(ruleSection),
    links: links(shown.length === 1 ? shown[0]! : null),
    suggestions: ['kubelet 1.30 against a 1.33 control plane — supported?', 'in which order do I upgrade?'],
  });
}

function upgradeOrder(index: EngineIndex): Answer {
  const { upgradeOrder: steps } = index.dataset.policies.versionSkew;
  return makeAnswer(index.footer, {
    intent: 'version-skew',
    title: 'Component upgrade order',
    summary: `Upgrade in this order, one minor version at a time: ${steps.map(stepName).join(', then ')}.`,
    sections: steps.map((step, at) =>
      section(`${at + 1}. ${step.components.join(', ')}`, {
        lines: [plainQuote(step.text), ...quoteLines(step.sources)],
      }),
    ),
    links: [{ label: 'Supported component upgrade order', url: `${POLICY_URL}#supported-component-upgrade-order` }],
    suggestions: [
      'kubelet 1.30 against a 1.33 control plane — supported?',
      'can I upgrade from 1.30 to 1.32 directly?',
    ],
  });
}

/** "Can I skip minor versions when upgrading?": no, whatever the releases. */
function noSkipping(index: EngineIndex): Answer {
  const noSkip = index.dataset.policies.versionSkew.upgradeOrder[0]!;
  return makeAnswer(index.footer, {
    intent: 'version-skew',
    title: 'Skipping minor versions',
    summary:
      'No — kube-apiserver must not skip minor versions: upgrade one minor version at a time (1.33 → 1.34 → 1.35), ' +
      'control plane first.',
    verdict: 'no',
    sections: [section('The rule', { lines: quoteLines(noSkip.sources.slice(0, 1)) })],
    links: [{ label: 'Supported component upgrade order', url: `${POLICY_URL}#supported-component-upgrade-order` }],
    suggestions: ['can I upgrade from 1.30 to 1.32 directly?', 'in which order do I upgrade?'],
  });
}

function upgradePath(query: VersionSkewQuery, index: EngineIndex, now: Date): Answer {
  if (query.version === null && query.againstVersion === null) return noSkipping(index);
  const from = resolveVersion(index, query.againstVersion, now, 'version-skew');
  if (!from.ok) return from.answer;
  const to = resolveVersion(index, query.version, now, 'version-skew');
  if (!to.ok) return to.answer;
  const a = minorNumber(from.release.version);
  const b = minorNumber(to.release.version);
  const steps = Array.from({ length: Math.max(0, b - a) + 1 }, (_, i) => minor(a + i));
  const noSkip = index.dataset.policies.versionSkew.upgradeOrder[0]!;
  const pair = `${from.release.version} to ${to.release.version}`;
  let summary: string;
  if (b <= a)
    summary =
      `The version skew policy describes upgrades to a newer minor only; ` +
      `${pair} is ${b === a ? 'no minor upgrade' : 'a downgrade'}, which it does not cover.`;
  else if (b === a + 1)
    summary =
      `Yes — ${pair} is one minor version, the step the policy supports: ` +
      'upgrade kube-apiserver first, then the other components.';
  else
    summary =
      `No — kube-apiserver must not skip minor versions: go ${steps.join(' → ')}, ` +
      `${plural(b - a, 'upgrade')} of one minor each.`;
  const nodes =
    b > a
      ? [`Before each step, kubelets and kube-proxies three minors behind kube-apiserver must be upgraded first.`]
      : [];
  return makeAnswer(index.footer, {
    intent: 'version-skew',
    title: `Upgrading the control plane from ${pair}`,
    summary,
    release: to.release.version,
    facts: b > a ? [fact('Steps', steps.join(' → '), b - a)] : [],
    sections: [section('The rule', { lines: [...quoteLines(noSkip.sources.slice(0, 1)), ...nodes] })],
    links: [{ label: 'Supported component upgrade order', url: `${POLICY_URL}#supported-component-upgrade-order` }],
    suggestions: ['in which order do I upgrade?', ...forwardSuggestion(from.release.version, to.release.version)],
  });
}

function noRule(index: EngineIndex, component: Component, against: Component): Answer {
  const rules = index.dataset.policies.versionSkew.rules;
  const pairs = rules.map((rule) => `${rule.components.join('/')} against ${rule.against}`);
  return makeAnswer(index.footer, {
    intent: 'version-skew',
    title: `No skew rule for ${component} against ${against}`,
    summary:
      `The version skew policy has no rule for ${component} against ${against}; ` +
      `it covers ${pairs.join('; ')} (${sourceName(POLICY_SOURCE)}).`,
    links: links(null),
    suggestions: [`version skew policy for ${component}`, 'in which order do I upgrade?'],
  });
}
