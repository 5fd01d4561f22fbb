import type { Answer, AnswerSection } from '../../domain/answer.ts';
import type { Kep } from '../../domain/kep.ts';
import type { EngineIndex } from '../engine-index.ts';
import { changelogUrl } from '../../domain/links.ts';
import { isoDay } from '../../domain/dates.ts';
import { kepItem, sigName } from '../format.ts';
import { listSection, makeAnswer, plural } from '../../domain/answer-builders.ts';
import {
  type AnnouncedStable,
  announcedStable,
  conflictHeading,
  conflictItems,
  plannedLine,
  type ReleaseStage,
  releaseStage,
  stageCount,
  stageHeading,
} from '../milestones.ts';
import type { StageListQuery } from '../kinds/stage-list.ts';
import { notShippedCaveat, resolveVersion } from '../versions.ts';
import { unknownSig } from './sig.ts';

const MAX_ITEMS = 60;
const SHIPPED_TITLE = { stable: 'Graduated to stable', beta: 'Beta', alpha: 'Alpha' } as const;

const unattributedLine = (count: number): string =>
  `${plural(count, 'listed enhancement')} without a KEP number cannot be attributed to a SIG.`;

/** "11 enhancements graduated to stable in Kubernetes 1.31, per the release announcement." */
function announcedSentence(count: number, version: string, sigText: string): string {
  return count === 0
    ? `Nothing${sigText} graduated to stable in ${version} per the release announcement.`
    : `${plural(count, 'enhancement')}${sigText} graduated to stable in Kubernetes ${version}, ` +
        'per the release announcement.';
}

/** Why kep.yaml's list is shorter than the announcement's count. */
function announcementCountLine(counted: number, stage: string): string {
  return (
    `The release announcement counts ${counted} ${stage} enhancements; kep.yaml records the release in which each ` +
    `KEP first reached a stage, so enhancements that stayed in ${stage} with changes are not listed here.`
  );
}

/** A stage's listing: its sections, the sentence that answers, and how many KEPs it names. */
interface Listing {
  sections: AnswerSection[];
  summary: string;
  listed: number;
}

/**
 * What went stable by the release announcement's list (the release team's own record), then what kep.yaml says went
 * stable but the list omits, then where the two disagree.
 */
function fromAnnouncement(
  announced: AnnouncedStable,
  yaml: ReleaseStage,
  v: string,
  sigText: string,
  counted: number | null,
  forSig: boolean,
  url: string | null,
): Listing {
  const fromList = announced.entries.map((entry) => entry.item);
  const extra = yaml.keps.filter((kep) => !announced.listed.has(kep.number));
  const unlisted = yaml.conflicts.filter(({ kep }) => !announced.listed.has(kep.number));
  const lines: string[] = [];
  if (counted != null && counted !== announced.length && !forSig)
    lines.push(`The announcement counts ${counted} stable enhancements; its list names ${announced.length}.`);
  if (announced.unattributed > 0) lines.push(unattributedLine(announced.unattributed));
  // Where kep.yaml disagrees, each listed KEP says so once, in its own line (entry.item.detail), after the answer.
  const sections = [
    listSection(
      `Graduated to stable in ${v}${sigText}: the release announcement (the release team's record)`,
      fromList,
      MAX_ITEMS,
      url,
      lines,
    ),
  ];
  if (extra.length > 0)
    sections.push(
      listSection(
        `Also stable in ${v} by kep.yaml, but not on the announcement's list`,
        extra.map((kep) => kepItem(kep, `kep.yaml: stable in ${v}`)),
        MAX_ITEMS,
        null,
      ),
    );
  if (unlisted.length > 0)
    sections.push(
      listSection(
        conflictHeading(yaml),
        unlisted.map(({ kep, note }) => kepItem(kep, note)),
        MAX_ITEMS,
        null,
      ),
    );
  return { sections, summary: announcedSentence(fromList.length, v, sigText), listed: fromList.length };
}

/** The stage by kep.yaml: the KEPs it records in the release, with the announcement's count beside them. */
function fromKepYaml(
  index: EngineIndex,
  yaml: ReleaseStage,
  v: string,
  sigText: string,
  counted: number | null,
  forSig: boolean,
): Listing {
  const { stage } = yaml;
  const items = yaml.keps.map((kep) => kepItem(kep));
  const lines: string[] = [];
  if (!yaml.shipped) lines.push(plannedLine(index, v));
  else if (counted != null && !forSig) {
    lines.push(announcementCountLine(counted, stage));
  }
  if (yaml.shipped && stage === 'stable')
    lines.push(`The ${v} release announcement has no list of graduations in the data.`);
  const sections = [
    listSection(`${stageHeading(yaml)}${sigText} (kep.yaml)`, items, MAX_ITEMS, changelogUrl(v), lines),
  ];
  if (yaml.conflicts.length > 0)
    sections.push(listSection(conflictHeading(yaml), conflictItems(yaml), MAX_ITEMS, null));
  const announcementCount = counted != null && !forSig ? ` The release announcement counts ${counted} ${stage}.` : '';
  return { sections, summary: `${stageCount(yaml, sigText)}.${announcementCount}`, listed: items.length };
}

/**
 * "What went GA in 1.31": the release announcement's list is the release team's own record, so it
 * comes first; KEPs whose kep.yaml says stable in that release but which the list omits come second,
 * and any disagreement between the sources is spelled out per KEP. A release not shipped at `now`
 * has no announcement yet: its list is what kep.yaml targets, said as a plan.
 */
export function stageList(query: StageListQuery, index: EngineIndex, now: Date): Answer {
  if (query.sig && !index.kepsBySig.has(query.sig)) return unknownSig(index, query.sig, 'stage-list');
  const resolved = resolveVersion(index, query.version, now, 'stage-list');
  if (!resolved.ok) return resolved.answer;
  const { release } = resolved;
  const v = release.version;
  const stage = query.stage;
  const inSig = query.sig ? (kep: Kep) => kep.owningSig === query.sig : undefined;
  const sigText = query.sig ? ` for ${sigName(query.sig)}` : '';
  const yaml = releaseStage(index, release, stage, now, inSig);
  const relative = query.version === null || query.version.kind === 'relative';
  // After the answer: which release "latest" was read as, and that a release not out yet has only plans.
  const asOf = [
    relative ? ` (As of ${isoDay(now)} the latest release is ${v}.)` : '',
    notShippedCaveat(index, release, now),
  ]
    .filter(Boolean)
    .join(' ');
  const announcement = yaml.shipped ? release.announcement : null;
  const counted = announcement?.enhancements[stage] ?? null;
  const announced = stage === 'stable' ? announcedStable(index, release, now, inSig) : null;
  const { sections, summary, listed } = announced
    ? fromAnnouncement(announced, yaml, v, sigText, counted, query.sig !== null, announcement?.url ?? null)
    : fromKepYaml(index, yaml, v, sigText, counted, query.sig !== null);

  const other = stage === 'stable' ? 'beta' : stage === 'beta' ? 'alpha' : 'stable';
  return makeAnswer(index.footer, {
    intent: 'stage-list',
    title: `${yaml.shipped ? SHIPPED_TITLE[stage] : `Targeting ${stage}`} in Kubernetes ${v}${sigText}`,
    summary: `${summary}${asOf ? ` ${asOf.trim()}` : ''}`,
    // "Did anything go GA in 1.30?": yes when the list has something; a release not out yet has only plans.
    verdict: listed > 0 ? (yaml.shipped ? 'yes' : 'not-yet') : 'no',
    release: v,
    sections,
    links: announcement?.url ? [{ label: `${v} release announcement`, url: announcement.url }] : [],
    suggestions: [
      `${other} features in ${v}`,
      `tell me about ${v}`,
      `what was removed in ${v}`,
      ...(query.sig ? [`what did ${sigName(query.sig)} ship in ${v}`] : []),
    ],
  });
}
