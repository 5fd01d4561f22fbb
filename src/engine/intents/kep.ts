import type { Answer, AnswerFact, AnswerSection } from '../../domain/answer.ts';
import type { Kep, KepStage } from '../../domain/kep.ts';
import type { EngineIndex } from '../engine-index.ts';
import { fact, listSection, makeAnswer, section } from '../../domain/answer-builders.ts';
import { kepItem, kepLabel, sigName, stageHistory } from '../format.ts';
import type { KepQuery } from '../kinds/kep.ts';
import { quote } from '../sanitize.ts';
import { isShipped, resolveVersion } from '../versions.ts';
import { findKep, type FoundKep } from './find-kep.ts';
import { stageAt, stageNow } from './kep-stage.ts';
import { versionWhen } from './release-facts.ts';

export const stageWord = (stage: KepStage): string => (stage === 'stable' ? 'stable (GA)' : stage);
const INACTIVE = new Set(['withdrawn', 'rejected', 'replaced', 'superseded', 'deferred', 'removed']);

export function kepLookup(query: KepQuery, index: EngineIndex, now: Date): Answer {
  const found = findKep(index, query.ref, now);
  if (!found.ok) return found.answer;
  const { kep } = found;
  let summary: string;
  if (query.askStage && query.version) {
    const resolved = resolveVersion(index, query.version, now, 'kep');
    if (!resolved.ok) return resolved.answer;
    summary = stageAtAnswer(kep, query.askStage, resolved.release.version);
  } else if (query.askStage) {
    summary = stageAnswer(index, kep, query.askStage, now);
  } else if (query.version) {
    // "We are on 1.33 — is in-place pod resize usable there?": its stage in that release first, then the KEP.
    const resolved = resolveVersion(index, query.version, now, 'kep');
    if (!resolved.ok) return resolved.answer;
    const version = resolved.release.version;
    const then = stageAt(kep, version);
    const there = then
      ? `In ${version}, ${kepLabel(kep.number)} was ${stageWord(then)}.`
      : `In ${version}, ${kepLabel(kep.number)} had not reached any stage.`;
    summary = `${there} ${describe(index, kep, now)}`;
  } else {
    const gate =
      query.ref.kind === 'number' && query.ref.gate
        ? `The feature gate ${query.ref.gate} belongs to ${kepLabel(kep.number)}. `
        : '';
    summary = `${gate}${describe(index, kep, now)}`;
  }
  return kepAnswer(index, found, summary, 'kep', [], now);
}

/** The KEP card every feature answer shares: facts, summary, announcements, links. */
export function kepAnswer(
  index: EngineIndex,
  found: FoundKep,
  summary: string,
  intent: 'kep' | 'history' = 'kep',
  leadFacts: AnswerFact[] = [],
  now?: Date,
): Answer {
  const { kep } = found;
  const release = kep.stage && kep.milestones[kep.stage] ? kep.milestones[kep.stage]! : kep.latestMilestone;
  return makeAnswer(index.footer, {
    intent,
    title: `${kepLabel(kep.number)}: ${kep.title}`,
    summary,
    release: release ?? null,
    facts: kepFacts(kep, leadFacts),
    sections: kepSections(index, found, summary, now),
    links: [
      { label: 'Tracking issue', url: kep.links.issue },
      { label: 'KEP', url: kep.links.folder },
    ],
    suggestions: kepSuggestions(kep, release),
  });
}

/** The card's facts: the lead facts the caller gives, then what kep.yaml records. */
function kepFacts(kep: Kep, leadFacts: AnswerFact[]): AnswerFact[] {
  const facts = [...leadFacts];
  const since = kep.stage ? kep.milestones[kep.stage] : undefined;
  facts.push(
    fact('Stage (kep.yaml)', kep.stage ? `${kep.stage}${since ? ` since ${since}` : ''}` : 'none recorded', kep.stage),
  );
  if (!leadFacts.length) facts.push(fact('Stage history', stageHistory(kep)));
  facts.push(
    fact('Status', kep.status ?? 'not recorded', kep.status),
    fact('Owning SIG', sigName(kep.owningSig), kep.owningSig),
  );
  if (kep.participatingSigs.length)
    facts.push(fact('Participating SIGs', kep.participatingSigs.map(sigName).join(', ')));
  if (kep.featureGates.length)
    facts.push(
      fact(
        kep.featureGates.length === 1 ? 'Feature gate' : 'Feature gates',
        kep.featureGates
          .map((gate) => (gate.components.length ? `${gate.name} (${gate.components.join(', ')})` : gate.name))
          .join('; '),
      ),
    );
  if (kep.latestMilestone) facts.push(fact('Latest milestone', kep.latestMilestone, kep.latestMilestone));
  if (kep.creationDate) facts.push(fact('Created', kep.creationDate, kep.creationDate));
  return facts;
}

/** The card's sections: what the best match was read as, the KEP's summary, its announcements, other matches. */
function kepSections(index: EngineIndex, found: FoundKep, summary: string, now?: Date): AnswerSection[] {
  const { kep } = found;
  const sections: AnswerSection[] = [];
  if (found.correctedTo && found.asked && !summary.includes(`“${found.correctedTo}”`))
    sections.push(
      section('Note', {
        lines: [`Showing the best match for “${found.correctedTo}” (you wrote “${quote(found.asked)}”).`],
      }),
    );
  if (kep.summary) sections.push(section('Summary', { lines: [kep.summary] }));
  const mentions = announcementLines(index, kep, now);
  if (mentions.length) sections.push(section('Release announcements', { lines: mentions }));
  if (found.others.length)
    sections.push(
      listSection(
        'Other matches',
        found.others.map((hit) => kepItem(hit.kep, stageHistory(hit.kep))),
        3,
      ),
    );
  return sections;
}

/** "Try:" after the card: when the KEP went GA, what its SIG shipped in its release, what went GA beside it. */
function kepSuggestions(kep: Kep, release: string | null | undefined): string[] {
  const suggestions = [`when did ${kepLabel(kep.number)} go GA`];
  if (release) suggestions.push(`what did ${sigName(kep.owningSig)} ship in ${release}`);
  if (kep.milestones.stable) suggestions.push(`what went GA in ${kep.milestones.stable}`);
  return suggestions;
}

/** What the release announcements say of the KEP; with `now`, only those published by then (on their release day). */
function announcementLines(index: EngineIndex, kep: Kep, now?: Date): string[] {
  const lines: string[] = [];
  for (const mention of index.announcementsByKep.get(kep.number) ?? []) {
    const release = now ? index.releaseByVersion.get(mention.version) : undefined;
    if (release && !isShipped(release, now!)) continue;
    const what = mention.list === 'stable' ? 'graduated to stable' : mention.list;
    let line = `The ${mention.version} release announcement lists it as ${what}: “${mention.title}”.`;
    if (mention.list === 'stable' && kep.milestones.stable !== mention.version) {
      line += kep.milestones.stable
        ? ` kep.yaml says stable in ${kep.milestones.stable}.`
        : ` kep.yaml records no stable release.`;
    }
    lines.push(line);
  }
  return lines;
}

export function name(kep: Kep): string {
  return `${kepLabel(kep.number)} “${kep.title}”`;
}

function statusNote(kep: Kep): string {
  return kep.status && INACTIVE.has(kep.status) ? ` Its KEP status is ${kep.status}.` : '';
}

const statusOf = (kep: Kep) => kep.status ?? 'not recorded';
const latestMilestone = (kep: Kep) => (kep.latestMilestone ? ` Latest milestone: ${kep.latestMilestone}.` : '');

export function describe(index: EngineIndex, kep: Kep, now: Date): string {
  const owner = sigName(kep.owningSig);
  const at = stageNow(index, kep, now);
  if (!kep.stage)
    return `${name(kep)} (${owner}) has no stage in kep.yaml (status: ${statusOf(kep)}).${latestMilestone(kep)}`;
  const pending = at.pending
    ? `; kep.yaml targets ${stageWord(at.pending.stage)} in ${versionWhen(index, at.pending.version, now)}`
    : '';
  const current = at.stage
    ? `is ${stageWord(at.stage)}${at.since ? ` since ${versionWhen(index, at.since, now)}` : ''}`
    : 'has not reached a stage in a released version yet';
  const notes = `${statusNote(kep)}${lastRemovalMention(index, kep)}`;
  return `${name(kep)} (${owner}) ${current}${pending}: ${stageHistory(kep)}.${notes}`;
}

/** A KEP the release team announced as a removal or deprecation says so up front (dockershim). */
function lastRemovalMention(index: EngineIndex, kep: Kep): string {
  const mention = (index.announcementsByKep.get(kep.number) ?? []).filter((entry) => entry.list !== 'stable').at(-1);
  return mention
    ? ` The ${mention.version} release announcement names it as a ${mention.list}: “${mention.title}”.`
    : '';
}

/** "Is X GA?": yes or no first, then the stage it is at and when it got there. */
function stageAnswer(index: EngineIndex, kep: Kep, asked: KepStage, now: Date): string {
  const at = stageNow(index, kep, now);
  const current = at.stage;
  const currentText = current
    ? `${stageWord(current)}${at.since ? ` since ${versionWhen(index, at.since, now)}` : ''}`
    : 'not at any stage in a released version';
  const askedAt = kep.milestones[asked];
  if (current === asked) return `Yes — ${name(kep)} is ${currentText}. ${stageHistory(kep)}.${statusNote(kep)}`;
  const order: KepStage[] = ['alpha', 'beta', 'stable'];
  if (current && order.includes(asked) && order.includes(current) && order.indexOf(current) > order.indexOf(asked)) {
    const reached = askedAt ? ` (${asked} in ${askedAt})` : '';
    return `It is past ${asked}: ${name(kep)} is ${currentText}${reached}. ${stageHistory(kep)}.`;
  }
  if (current && ['deprecated', 'disabled', 'removed'].includes(current)) {
    const reached = askedAt ? `, after reaching ${asked} in ${askedAt}` : '';
    return `No — ${name(kep)} is ${currentText}${reached}. ${stageHistory(kep)}.`;
  }
  const target = askedAt ? ` kep.yaml targets ${asked} in ${versionWhen(index, askedAt, now)}.` : '';
  const milestone = kep.latestMilestone ? `; latest milestone ${kep.latestMilestone}` : '';
  const notReached = `No — ${name(kep)} is not ${stageWord(asked)} yet`;
  return `${notReached}: it is ${currentText}${milestone}.${target}${statusNote(kep)}`;
}

/** "Was X beta in 1.30?": the stage kep.yaml implies at that release. */
function stageAtAnswer(kep: Kep, asked: KepStage, version: string): string {
  const then = stageAt(kep, version);
  const history = stageHistory(kep);
  if (then === asked) return `Yes — in ${version}, ${name(kep)} was ${stageWord(asked)} (${history}).`;
  if (!then) return `No — ${name(kep)} had not reached any stage by ${version} (${history}).`;
  return `No — in ${version}, ${name(kep)} was ${stageWord(then)}, not ${asked} (${history}).`;
}
