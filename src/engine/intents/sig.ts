import type { Answer, AnswerIntent, AnswerSection } from '../../domain/answer.ts';
import type { Kep, KepStage } from '../../domain/kep.ts';
import type { EngineIndex } from '../context.ts';
import { kepItem, listSection, makeAnswer, plural, sigKepsUrl, sigName, stageHistory } from '../format.ts';
import type { Query } from '../query.ts';
import { resolveVersion } from '../versions.ts';

type SigQuery = Extract<Query, { kind: 'sig' }>;

const STAGES: KepStage[] = ['stable', 'beta', 'alpha', 'deprecated', 'disabled', 'removed'];
const MAX_PER_SECTION = 25;

export function unknownSig(index: EngineIndex, sig: string, intent: AnswerIntent): Answer {
  const known = [...index.sig.keys()].sort();
  return makeAnswer(index.footer, {
    intent,
    title: `Unknown SIG: ${sig.replace(/^sig-/, '')}`,
    summary: `No KEP in the data is owned by ${sigName(sig)}. SIGs that own KEPs: ${known.map((name) => name.replace(/^sig-/, '')).join(', ')}.`,
    suggestions: ['what did SIG Storage ship in 1.31', 'sig-network'],
  });
}

/** "What did SIG Storage ship in 1.31": the SIG's KEPs with a kep.yaml milestone in that release. */
export function sigView(query: SigQuery, index: EngineIndex, now: Date): Answer {
  const keps = index.sig.get(query.sig);
  if (!keps) return unknownSig(index, query.sig, 'sig');
  const name = sigName(query.sig);
  if (query.version === null) return sigOverview(index, query.sig, keps);

  const resolved = resolveVersion(index, query.version, now, 'sig');
  if (!resolved.ok) return resolved.answer;
  const v = resolved.release.version;
  const byStage = new Map<KepStage, Kep[]>();
  for (const kep of keps) {
    // A KEP can reach several stages in one release (alpha and beta in 1.4); it is listed at the furthest.
    const reached = STAGES.filter((stage) => kep.milestones[stage] === v);
    if (reached.length > 0) byStage.set(reached[0]!, [...(byStage.get(reached[0]!) ?? []), kep]);
  }
  const listedStable = new Set(resolved.release.announcement?.graduatedToStable?.map((entry) => entry.kep) ?? []);
  const onlyAnnounced = keps.filter((kep) => listedStable.has(kep.number) && kep.milestones.stable !== v);
  const sections: AnswerSection[] = STAGES.filter((stage) => byStage.has(stage)).map((stage) =>
    listSection(
      `${stage === 'stable' ? 'Graduated to stable' : stage === 'alpha' ? 'New in alpha' : `Reached ${stage}`} in ${v}`,
      byStage.get(stage)!.map((kep) => kepItem(kep, stageHistory(kep))),
      MAX_PER_SECTION,
      sigKepsUrl(query.sig),
    ),
  );
  if (onlyAnnounced.length > 0) {
    sections.push(
      listSection(
        `On the ${v} announcement's stable list, though kep.yaml says otherwise`,
        onlyAnnounced.map((kep) => kepItem(kep, kep.milestones.stable ? `kep.yaml: stable in ${kep.milestones.stable}` : `kep.yaml: ${kep.stage ?? 'no stage'}`)),
        MAX_PER_SECTION,
      ),
    );
  }
  const total = [...byStage.values()].reduce((sum, list) => sum + list.length, 0);
  const parts = STAGES.filter((stage) => byStage.has(stage)).map((stage) => `${byStage.get(stage)!.length} ${stage === 'stable' ? 'to stable' : stage === 'alpha' ? 'new in alpha' : stage === 'beta' ? 'to beta' : stage}`);
  const summary =
    total === 0
      ? `${name} has no KEP with a kep.yaml milestone in ${v}.${onlyAnnounced.length ? ` The ${v} announcement lists ${onlyAnnounced.length} of its KEPs as graduated to stable.` : ''}`
      : `${name} shipped ${plural(total, 'KEP')} in Kubernetes ${v} by kep.yaml: ${parts.join(', ')}.`;
  return makeAnswer(index.footer, {
    intent: 'sig',
    title: `${name} in Kubernetes ${v}`,
    summary,
    release: v,
    sections,
    links: [{ label: `${name} KEPs`, url: sigKepsUrl(query.sig) }],
    suggestions: [`what went GA in ${v}`, `${query.sig}`, `tell me about ${v}`],
  });
}

function sigOverview(index: EngineIndex, sig: string, keps: Kep[]): Answer {
  const name = sigName(sig);
  const groups = new Map<string, Kep[]>();
  for (const kep of keps) groups.set(kep.stage ?? 'no stage', [...(groups.get(kep.stage ?? 'no stage') ?? []), kep]);
  const order = [...STAGES, 'no stage'].filter((stage) => groups.has(stage));
  const newestFirst = (a: Kep, b: Kep) => (b.latestMilestone ? Number(b.latestMilestone.split('.')[1]) : 0) - (a.latestMilestone ? Number(a.latestMilestone.split('.')[1]) : 0) || b.number - a.number;
  return makeAnswer(index.footer, {
    intent: 'sig',
    title: `${name} KEPs`,
    summary: `${name} owns ${plural(keps.length, 'KEP')} in the data: ${order.map((stage) => `${groups.get(stage)!.length} ${stage === 'no stage' ? 'with no stage' : stage}`).join(', ')}.`,
    sections: order.map((stage) =>
      listSection(`${stage.charAt(0).toUpperCase()}${stage.slice(1)} (most recent first)`, groups.get(stage)!.sort(newestFirst).map((kep) => kepItem(kep, stageHistory(kep))), 10, sigKepsUrl(sig)),
    ),
    links: [{ label: `${name} KEPs`, url: sigKepsUrl(sig) }],
    suggestions: [`what did ${name} ship in ${index.releases.at(-2)?.version ?? index.newest}`],
  });
}
