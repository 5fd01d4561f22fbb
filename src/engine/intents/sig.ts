import type { Answer, AnswerIntent, AnswerSection } from '../../domain/answer.ts';
import type { Kep, KepStage } from '../../domain/kep.ts';
import { minorNumber } from '../../domain/version.ts';
import { type EngineIndex, push } from '../engine-index.ts';
import { kepItem, sigName, stageHistory } from '../format.ts';
import { listSection, makeAnswer, plural } from '../../domain/answer-builders.ts';
import { sigKepsUrl } from '../../domain/links.ts';
import { announcedStable, plannedLine, releaseStage, stageHeading } from '../milestones.ts';
import type { SigQuery } from '../kinds/sig.ts';
import { notShippedCaveat, resolveVersion } from '../versions.ts';

const STAGES: KepStage[] = ['stable', 'beta', 'alpha', 'deprecated', 'disabled', 'removed'];
const MAX_PER_SECTION = 25;
const SHIPPED_PART: Record<KepStage, string> = {
  stable: 'to stable',
  beta: 'to beta',
  alpha: 'new in alpha',
  deprecated: 'deprecated',
  disabled: 'disabled',
  removed: 'removed',
};

/** "SIG Node shipped 13 KEPs in Kubernetes 1.31 by kep.yaml: 3 to stable, 6 to beta, 4 new in alpha." */
function shippedSentence(
  name: string,
  version: string,
  total: number,
  parts: readonly string[],
  shipped: boolean,
  announcedOnly: number,
): string {
  if (total === 0) {
    const announced = announcedOnly
      ? ` The ${version} announcement lists ${announcedOnly} of its KEPs as graduated to stable.`
      : '';
    return `${name} has no KEP with a kep.yaml milestone in ${version}.${announced}`;
  }
  const stages = parts.join(', ');
  return shipped
    ? `${name} shipped ${plural(total, 'KEP')} in Kubernetes ${version} by kep.yaml: ${stages}.`
    : `${name} has ${plural(total, 'KEP')} targeting Kubernetes ${version} in kep.yaml ` +
        `(planned, not shipped): ${stages}.`;
}

const shortSig = (sig: string): string => sig.replace(/^sig-/, '');

export function unknownSig(index: EngineIndex, sig: string, intent: AnswerIntent): Answer {
  const known = [...index.kepsBySig.keys()].sort();
  return makeAnswer(index.footer, {
    intent,
    title: `Unknown SIG: ${sig.replace(/^sig-/, '')}`,
    summary: `No KEP in the data is owned by ${sigName(sig)}. SIGs that own KEPs: ${known.map(shortSig).join(', ')}.`,
    suggestions: ['what did SIG Storage ship in 1.31', 'sig-network'],
  });
}

/** "What did SIG Storage ship in 1.31": the SIG's KEPs with a kep.yaml milestone in that release. */
export function sigView(query: SigQuery, index: EngineIndex, now: Date): Answer {
  const keps = index.kepsBySig.get(query.sig);
  if (!keps) return unknownSig(index, query.sig, 'sig');
  const name = sigName(query.sig);
  if (query.version === null) return sigOverview(index, query.sig, keps);

  const resolved = resolveVersion(index, query.version, now, 'sig');
  if (!resolved.ok) return resolved.answer;
  const { release } = resolved;
  const v = release.version;
  const inSig = (kep: Kep) => kep.owningSig === query.sig;
  const lists = STAGES.map((stage) => releaseStage(index, release, stage, now, inSig));
  const shipped = lists[0]!.shipped;
  // A KEP can reach several stages in one release (alpha and beta in 1.4); it is listed at the furthest.
  const seen = new Set<number>();
  const byStage = lists
    .map((list) => ({ ...list, keps: list.keps.filter((kep) => !seen.has(kep.number) && seen.add(kep.number)) }))
    .filter((list) => list.keps.length > 0);
  const conflicts = lists.flatMap((list) => list.conflicts);
  const announced = announcedStable(index, release, now, inSig);
  const onlyAnnounced = announced?.entries.filter((entry) => entry.kep && entry.kep.milestones.stable !== v) ?? [];
  const sections: AnswerSection[] = byStage.map((list, at) =>
    listSection(
      `${stageHeading(list)} (kep.yaml)`,
      list.keps.map((kep) => kepItem(kep, stageHistory(kep))),
      MAX_PER_SECTION,
      sigKepsUrl(query.sig),
      shipped || at > 0 ? [] : [plannedLine(index, v)],
    ),
  );
  if (conflicts.length > 0) {
    sections.push(
      listSection(
        `kep.yaml names a ${v} milestone the KEP's stage has not reached`,
        conflicts.map(({ kep, note }) => kepItem(kep, note)),
        MAX_PER_SECTION,
      ),
    );
  }
  if (onlyAnnounced.length > 0) {
    sections.push(
      listSection(
        `On the ${v} announcement's stable list, though kep.yaml says otherwise`,
        onlyAnnounced.map((entry) => entry.item),
        MAX_PER_SECTION,
      ),
    );
  }
  const total = byStage.reduce((sum, list) => sum + list.keps.length, 0);
  const parts = byStage.map((list) => `${list.keps.length} ${shipped ? SHIPPED_PART[list.stage] : list.stage}`);
  // The answer first; kep.yaml's own contradictions are said once, in their section after it.
  const caveat = notShippedCaveat(index, release, now);
  const counted = shippedSentence(name, v, total, parts, shipped, onlyAnnounced.length);
  return makeAnswer(index.footer, {
    intent: 'sig',
    title: `${name} in Kubernetes ${v}`,
    summary: caveat ? `${counted} ${caveat}` : counted,
    // "Did SIG Node ship anything in 1.31?": yes when kep.yaml has something; a release not out yet has only plans.
    verdict: total > 0 ? (shipped ? 'yes' : 'not-yet') : 'no',
    release: v,
    sections,
    links: [{ label: `${name} KEPs`, url: sigKepsUrl(query.sig) }],
    suggestions: [`what went GA in ${v}`, `${query.sig}`, `tell me about ${v}`],
  });
}

function sigOverview(index: EngineIndex, sig: string, keps: Kep[]): Answer {
  const name = sigName(sig);
  const groups = new Map<string, Kep[]>();
  for (const kep of keps) push(groups, kep.stage ?? 'no stage', kep);
  const order = [...STAGES, 'no stage'].filter((stage) => groups.has(stage));
  const stageCount = (stage: string) =>
    `${groups.get(stage)!.length} ${stage === 'no stage' ? 'with no stage' : stage}`;
  const newestFirst = (a: Kep, b: Kep) =>
    (b.latestMilestone ? minorNumber(b.latestMilestone) : 0) -
      (a.latestMilestone ? minorNumber(a.latestMilestone) : 0) || b.number - a.number;
  return makeAnswer(index.footer, {
    intent: 'sig',
    title: `${name} KEPs`,
    summary: `${name} owns ${plural(keps.length, 'KEP')} in the data: ${order.map(stageCount).join(', ')}.`,
    sections: order.map((stage) =>
      listSection(
        `${stage.charAt(0).toUpperCase()}${stage.slice(1)} (most recent first)`,
        groups
          .get(stage)!
          .sort(newestFirst)
          .map((kep) => kepItem(kep, stageHistory(kep))),
        10,
        sigKepsUrl(sig),
      ),
    ),
    links: [{ label: `${name} KEPs`, url: sigKepsUrl(sig) }],
    suggestions: [`what did ${name} ship in ${index.releases.at(-2)?.version ?? index.newest}`],
  });
}
