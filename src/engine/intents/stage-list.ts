import type { Answer, AnswerItem, AnswerSection } from '../../domain/answer.ts';
import type { Kep } from '../../domain/kep.ts';
import type { EngineIndex } from '../context.ts';
import { milestoneKey } from '../context.ts';
import { changelogUrl, isoDay, kepItem, kepLabel, listSection, makeAnswer, plural, section, sigName } from '../format.ts';
import type { Query } from '../query.ts';
import { plannedCaveat, resolveVersion } from '../versions.ts';
import { unknownSig } from './sig.ts';

type StageListQuery = Extract<Query, { kind: 'stage-list' }>;

const MAX_ITEMS = 60;

/**
 * "What went GA in 1.31": the release announcement's list is the release team's own record, so it
 * comes first; KEPs whose kep.yaml says stable in that release but which the list omits come second,
 * and any disagreement between the two is spelled out per KEP.
 */
export function stageList(query: StageListQuery, index: EngineIndex, now: Date): Answer {
  if (query.sig && !index.sig.has(query.sig)) return unknownSig(index, query.sig, 'stage-list');
  const resolved = resolveVersion(index, query.version, now, 'stage-list');
  if (!resolved.ok) return resolved.answer;
  const { release } = resolved;
  const v = release.version;
  const stage = query.stage;
  const inSig = (kep: Kep | undefined): boolean => !query.sig || kep?.owningSig === query.sig;
  const sigText = query.sig ? ` for ${sigName(query.sig)}` : '';
  const caveat = plannedCaveat(index, release, now);
  const asOf = `${query.version === null || query.version.kind === 'relative' ? `As of ${isoDay(now)} the latest release is ${v}. ` : ''}${caveat ? `${caveat} ` : ''}`;
  const byYaml = (index.milestone.get(milestoneKey(stage, v)) ?? []).filter(inSig);
  const announcement = release.announcement;
  const counted = announcement?.enhancements[stage] ?? null;
  const sections: AnswerSection[] = [];
  let summary: string;

  const list = stage === 'stable' ? announcement?.graduatedToStable : null;
  if (stage === 'stable' && list) {
    const listed = new Set(list.map((entry) => entry.kep).filter((kep): kep is number => kep != null));
    const unattributed = query.sig ? list.filter((entry) => entry.kep == null).length : 0;
    const fromList: AnswerItem[] = [];
    const disagreements: string[] = [];
    for (const entry of list) {
      const kep = entry.kep != null ? index.kep.get(entry.kep) : undefined;
      if (query.sig && !inSig(kep)) continue;
      if (!kep) {
        fromList.push({ kep: entry.kep, title: entry.title, stage: null, sig: null, url: null, detail: entry.kep != null ? `${kepLabel(entry.kep)} is not in the data` : null });
        continue;
      }
      const yamlStable = kep.milestones.stable;
      let detail: string | null = null;
      if (yamlStable !== v) {
        detail = yamlStable ? `kep.yaml says stable in ${yamlStable}` : `kep.yaml records no stable release (stage: ${kep.stage ?? 'none'})`;
        disagreements.push(`${kepLabel(kep.number)} is on the ${v} announcement's list, but ${detail}.`);
      }
      fromList.push({ ...kepItem(kep, detail), title: entry.title });
    }
    const extra = byYaml.filter((kep) => !listed.has(kep.number));
    sections.push(
      listSection(`Graduated to stable in ${v}${sigText}: the release announcement (the release team's record)`, fromList, MAX_ITEMS, announcement?.url ?? null, [
        ...(counted != null && counted !== list.length && !query.sig ? [`The announcement counts ${counted} stable enhancements; its list names ${list.length}.`] : []),
        ...(unattributed > 0 ? [`${plural(unattributed, 'listed enhancement')} without a KEP number cannot be attributed to a SIG.`] : []),
      ]),
    );
    if (extra.length > 0) {
      sections.push(
        listSection(
          `Also stable in ${v} by kep.yaml, but not on the announcement's list`,
          extra.map((kep) => kepItem(kep, 'kep.yaml: stable in ' + v)),
          MAX_ITEMS,
          null,
        ),
      );
    }
    if (disagreements.length > 0) sections.push(section('Where the sources disagree', { lines: disagreements }));
    const extraText = extra.length > 0 ? ` kep.yaml also marks ${extra.map((kep) => kepLabel(kep.number)).join(', ')} stable in ${v}, which the announcement's list omits.` : '';
    const disagreeText = disagreements.length > 0 ? ` ${disagreements.length === 1 ? disagreements[0] : `${disagreements.length} listed KEPs have a different stable release in kep.yaml.`}` : '';
    summary = `${asOf}${fromList.length === 0 ? `Nothing${sigText} graduated to stable in ${v} per the release announcement.` : `${plural(fromList.length, 'enhancement')}${sigText} graduated to stable in Kubernetes ${v}, per the release announcement.`}${extraText}${disagreeText}`;
  } else {
    const items = byYaml.map((kep) => kepItem(kep, stage === 'alpha' && kep.milestones.alpha === v ? 'new in alpha' : null));
    const countNote =
      counted != null && !query.sig
        ? `The release announcement counts ${counted} ${stage} enhancements; kep.yaml records the release in which each KEP first reached a stage, so enhancements that stayed in ${stage} with changes are not listed here.`
        : null;
    sections.push(listSection(`Reached ${stage} in ${v}${sigText} (kep.yaml)`, items, MAX_ITEMS, changelogUrl(v), countNote ? [countNote] : []));
    if (stage === 'stable') sections[0]!.lines.push(`The ${v} release announcement has no list of graduations in the data.`);
    summary = `${asOf}${items.length === 0 ? `No KEP${sigText} reached ${stage} in ${v} by kep.yaml.` : `${plural(items.length, 'KEP')}${sigText} reached ${stage} in Kubernetes ${v} by kep.yaml.`}${counted != null && !query.sig ? ` The release announcement counts ${counted} ${stage}.` : ''}`;
  }

  const other = stage === 'stable' ? 'beta' : stage === 'beta' ? 'alpha' : 'stable';
  return makeAnswer(index.footer, {
    intent: 'stage-list',
    title: `${stage === 'stable' ? 'Graduated to stable' : stage === 'beta' ? 'Beta' : 'Alpha'} in Kubernetes ${v}${sigText}`,
    summary,
    release: v,
    sections,
    links: announcement?.url ? [{ label: `${v} release announcement`, url: announcement.url }] : [],
    suggestions: [`${other} features in ${v}`, `tell me about ${v}`, `what was removed in ${v}`, ...(query.sig ? [`what did ${sigName(query.sig)} ship in ${v}`] : [])],
  });
}
