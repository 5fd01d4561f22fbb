import type { Answer, AnswerFact, AnswerVerdict } from '../../domain/answer.ts';
import type { PolicyStatement, PolicyTopic } from '../../domain/policy.ts';
import type { Release } from '../../domain/release.ts';
import { compareMinor } from '../../domain/version.ts';
import type { EngineIndex } from '../engine-index.ts';
import { formatDate, isoDay, monthsBetween } from '../../domain/dates.ts';
import { fact, makeAnswer, section } from '../../domain/answer-builders.ts';
import { type PolicyClaim, SUPPORT_POLICY_EXAMPLES, type SupportPolicyQuery } from '../kinds/support-policy.ts';
import type { VersionRef } from '../refs.ts';
import { latestReleased, resolveVersion } from '../versions.ts';
import { latestPatchAt } from './release-facts.ts';
import { quoteLines } from './policy-text.ts';
import { entryOf } from '../../domain/lookup.ts';

/** The staging modules KEP-917 names; others under k8s.io may be versioned on their own. */
const KEP_917_MODULES = ['k8s.io/api', 'k8s.io/apimachinery', 'k8s.io/client-go'];

function statement(index: EngineIndex, topic: PolicyTopic): PolicyStatement {
  const found = index.dataset.policies.supportPolicy.find((entry) => entry.topic === topic);
  // policies.yaml is validated at import and load; a topic without a statement is a bug in it.
  if (!found) throw new Error(`policies.json has no statement for ${topic}`);
  return found;
}

function statementSection(entry: PolicyStatement) {
  return section('Policy', { lines: quoteLines(entry.sources) });
}

export function supportPolicy(query: SupportPolicyQuery, index: EngineIndex, now: Date): Answer {
  if (query.topic === 'client-libraries' || query.module || query.moduleVersion)
    return clientLibraries(query, index, now);
  if (query.topic === null) return overview(index);
  const entry = statement(index, query.topic);
  if (query.version && ['patch-support', 'maintenance-mode', 'end-of-life'].includes(query.topic)) {
    const resolved = resolveVersion(index, query.version, now, 'support-policy');
    if (!resolved.ok) return resolved.answer;
    return forRelease(index, entry, resolved.release, now);
  }
  const verdict = query.claim ? claimVerdict(query.claim, entry.text) : null;
  // A stated claim the policy contradicts ("minors are supported for 2 years") is corrected first.
  const corrected = verdict && verdict !== 'yes' && !query.notes.yesNo;
  return makeAnswer(index.footer, {
    intent: 'support-policy',
    title: `Kubernetes support policy: ${query.topic.replace(/-/g, ' ')}`,
    summary: corrected ? `${verdict === 'partly' ? 'Partly' : 'Not quite'} — ${entry.text}` : entry.text,
    ...(verdict ? { verdict } : {}),
    sections: [statementSection(entry)],
    links: [{ label: 'Policy page', url: entry.url }],
    suggestions: [
      'which versions are supported',
      'how long do patches keep coming for 1.33?',
      'which k8s.io/api tag matches 1.33?',
    ],
  });
}

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, twelve: 12 };
const numberIn = (text: string, pattern: RegExp): number | null => {
  const word = pattern.exec(text)?.[1];
  if (!word) return null;
  return entryOf(NUMBER_WORDS, word) ?? (Number.isFinite(Number(word)) ? Number(word) : null);
};

/**
 * Checks a yes/no question's claim against the policy statement's own words (policies.json): "the three most recent
 * minor releases", "about 14 months: 12 months of standard support …", "about three times a year", "monthly".
 * A period that is only the standard part is "partly"; a statement whose wording holds no number gives no verdict.
 */
function claimVerdict(claim: PolicyClaim, text: string): AnswerVerdict | null {
  switch (claim.unit) {
    case 'lts':
      return /\blts\b|long[- ]term/i.test(text) ? null : 'no';
    case 'monthly':
      return /\bmonthly\b/i.test(text) ? 'yes' : null;
    case 'minors': {
      const kept = numberIn(text, /\b(\w+) most recent minor releases\b/i);
      return kept === null ? null : kept === claim.value ? 'yes' : 'no';
    }
    case 'per-year': {
      const perYear = numberIn(text, /\b(\w+) times a year\b/i);
      return perYear === null ? null : perYear === claim.value ? 'yes' : 'no';
    }
    case 'months': {
      const total = numberIn(text, /\babout (\d+) months\b/i);
      const standard = numberIn(text, /\b(\d+) months of standard support\b/i);
      if (total === null) return null;
      return total === claim.value ? 'yes' : standard === claim.value ? 'partly' : 'no';
    }
  }
}

/** "Kubernetes 1.33 gets patches until …": the policy beside the release's own dates. */
function forRelease(index: EngineIndex, entry: PolicyStatement, release: Release, now: Date): Answer {
  const v = release.version;
  const older = entry.effective?.version && compareMinor(v, entry.effective.version) < 0;
  const policyText = older
    ? `${v} predates the 14-month policy (from ${entry.effective!.version}): releases before it got about 9 months.`
    : entry.text;
  const facts: AnswerFact[] = [
    ...(release.gaDate ? [fact('Released', formatDate(release.gaDate), release.gaDate)] : []),
    ...(release.maintenanceModeDate
      ? [fact('Maintenance mode', formatDate(release.maintenanceModeDate), release.maintenanceModeDate)]
      : []),
    ...(release.eolDate ? [fact('End of life', formatDate(release.eolDate), release.eolDate)] : []),
  ];
  const today = isoDay(now);
  const months = release.gaDate && release.eolDate ? monthsBetween(release.gaDate, release.eolDate) : null;
  let summary: string;
  let verdict: AnswerVerdict | undefined;
  if (entry.topic === 'maintenance-mode' && release.maintenanceModeDate) {
    // "Is 1.36 in maintenance mode?": from its maintenance date until its end of life.
    const over = release.eolDate !== null && release.eolDate <= today;
    verdict = release.maintenanceModeDate <= today && !over ? 'yes' : 'no';
    const enters = release.maintenanceModeDate <= today ? 'entered' : 'enters';
    const eol = release.eolDate ? ` and reaches end of life on ${release.eolDate}` : '';
    summary = `Kubernetes ${v} ${enters} maintenance mode on ${release.maintenanceModeDate}${eol}. ${entry.text}`;
  } else if (release.eolDate) {
    const gets = release.eolDate <= today ? 'got' : 'gets';
    const span = months ? ` (${months} months after its release)` : '';
    const maintenance = release.maintenanceModeDate ? `, in maintenance mode from ${release.maintenanceModeDate}` : '';
    const until = `until its end of life on ${release.eolDate}${span}${maintenance}`;
    summary = `Kubernetes ${v} ${gets} patches ${until}. ${policyText}`;
  } else {
    summary = `The data has no end-of-life date for Kubernetes ${v} yet. ${policyText}`;
  }
  return makeAnswer(index.footer, {
    intent: 'support-policy',
    title: `Kubernetes ${v}: how long patches come`,
    summary,
    ...(verdict ? { verdict } : {}),
    release: v,
    facts,
    sections: [statementSection(entry)],
    links: [{ label: 'Policy page', url: entry.url }],
    suggestions: [`is ${v} still supported`, 'what is maintenance mode?'],
  });
}

function overview(index: EngineIndex): Answer {
  const statements = index.dataset.policies.supportPolicy;
  return makeAnswer(index.footer, {
    intent: 'support-policy',
    title: 'Kubernetes support policy',
    summary: statement(index, 'patch-support').text,
    sections: statements.map((entry) => section(entry.topic.replace(/-/g, ' '), { lines: [entry.text] })),
    links: [...new Set(statements.map((entry) => entry.url.replace(/#.*$/, '')))].map((url) => ({
      label: url.replace(/^https:\/\//, ''),
      url,
    })),
    suggestions: SUPPORT_POLICY_EXAMPLES,
  });
}

function clientLibraries(query: SupportPolicyQuery, index: EngineIndex, now: Date): Answer {
  const entry = statement(index, 'client-libraries');
  const module = query.module ?? 'k8s.io/api';
  const fromModule = query.moduleVersion ? /^v0\.(\d+)(?:\.(\d+))?$/.exec(query.moduleVersion) : null;
  const ref: VersionRef | null = fromModule
    ? {
        kind: 'exact',
        minor: `1.${fromModule[1]}`,
        patch: fromModule[2] ? `1.${fromModule[1]}.${fromModule[2]}` : null,
      }
    : query.version;
  const resolved = resolveVersion(index, ref, now, 'support-policy');
  if (!resolved.ok) return resolved.answer;
  const { release } = resolved;
  const n = release.version.split('.')[1]!;
  const patch = resolved.patch ?? latestPatchAt(release, now)?.version ?? null;
  const tag = patch ? `v0.${n}.${patch.split('.')[2]}` : `v0.${n}.0`;
  const lines: string[] = [];
  if (module === 'k8s.io/kubernetes')
    lines.push(
      'k8s.io/kubernetes itself carries the release tags (v1.x.y); the v0.x.y scheme is for the staging modules.',
    );
  else if (!KEP_917_MODULES.includes(module)) {
    lines.push(
      `KEP-917's scheme covers the modules published from kubernetes/kubernetes' staging directory ` +
        `(${KEP_917_MODULES.join(', ')}, …); a k8s.io module published elsewhere has its own versions.`,
    );
  }
  if (resolved.patch && !release.patches.some((entry) => entry.version === resolved.patch)) {
    lines.push(
      `The data has no Kubernetes ${resolved.patch} release (${release.version} patches: up to ${
        latestPatchAt(release, now)?.version ?? 'none'
      }).`,
    );
  }
  const before =
    entry.effective?.date && release.gaDate && release.gaDate < entry.effective.date ? entry.effective.date : null;
  let summary: string;
  if (before) {
    summary =
      `Kubernetes ${release.version} came out on ${release.gaDate}, ` +
      `before KEP-917 added the v0.x.y tags (${before}): ` +
      `its releases were tagged kubernetes-${release.version}.x ` +
      '(and client-go had its own major version per release); ' +
      `the data cannot say which later ${release.version} patches also got v0.${n} tags.`;
  } else if (fromModule) {
    summary =
      `${module} ${query.moduleVersion} is Kubernetes ${resolved.patch ?? release.version}: ` +
      'KEP-917 tags the staging modules v0.x.y for Kubernetes v1.x.y.';
  } else {
    const newest = patch ? ` (the newest ${release.version} patch in the data, ${patch}, is ${tag})` : '';
    summary =
      `${module} v0.${n}.x matches Kubernetes ${release.version}${newest}; the same release is also tagged ` +
      `kubernetes-${patch ?? `${release.version}.0`}.${resolved.note ? ` (${resolved.note}.)` : ''}`;
  }
  const latest = latestReleased(index, now)?.version ?? index.newest;
  return makeAnswer(index.footer, {
    intent: 'support-policy',
    title: `${module} for Kubernetes ${release.version}`,
    summary,
    release: release.version,
    facts: [
      fact('Module tag', fromModule ? (query.moduleVersion ?? tag) : `v0.${n}.x`, tag),
      fact('Kubernetes', patch ?? release.version, patch ?? release.version),
    ],
    sections: [statementSection(entry), ...(lines.length ? [section('Note', { lines })] : [])],
    links: [{ label: 'KEP-917: Go modules', url: entry.url }],
    suggestions: [`which k8s.io/client-go version matches ${latest}?`, 'how long do patches keep coming for a minor?'],
  });
}
