import type { Answer } from '../../domain/answer.ts';
import { KEP_STAGES, type Kep, type KepStage } from '../../domain/kep.ts';
import type { EngineIndex } from '../engine-index.ts';
import { fact } from '../../domain/answer-builders.ts';
import { isoDay } from '../../domain/dates.ts';
import { stageHistory } from '../format.ts';
import type { HistoryQuery } from '../kinds/history.ts';
import { isShipped } from '../versions.ts';
import { findKep } from './find-kep.ts';
import { stageNow } from './kep-stage.ts';
import { versionWhen } from './release-facts.ts';
import { kepAnswer, name, stageWord } from './kep.ts';

/** "When did AppArmor go GA", "when will sidecar containers be stable": the release first, then the path there. */
export function history(query: HistoryQuery, index: EngineIndex, now: Date): Answer {
  const found = findKep(index, query.ref, now);
  if (!found.ok) return found.answer;
  const { kep } = found;
  const timeline = KEP_STAGES.filter((stage) => kep.milestones[stage]).map((stage) =>
    fact(stage, versionWhen(index, kep.milestones[stage]!, now), kep.milestones[stage]!),
  );
  const summary = query.stage
    ? whenStage(index, kep, query.stage, now)
    : `${name(kep)}: ${stageHistory(kep)}.${kep.creationDate ? ` The KEP was created on ${kep.creationDate}.` : ''}`;
  return kepAnswer(index, found, summary, 'history', timeline, now);
}

function whenStage(index: EngineIndex, kep: Kep, stage: KepStage, now: Date): string {
  const at = kep.milestones[stage];
  const current = stageNow(index, kep, now);
  const currentText = current.stage
    ? `${stageWord(current.stage)}${current.since ? ` since ${current.since}` : ''}`
    : 'not yet in any released stage';
  const history = stageHistory(kep);
  if (at) {
    const release = index.releaseByVersion.get(at);
    if (release && isShipped(release, now)) {
      const verb =
        stage === 'stable' ? 'went GA (stable)' : stage === 'alpha' ? 'was introduced as alpha' : `reached ${stage}`;
      return `${name(kep)} ${verb} in Kubernetes ${at}, released ${release.gaDate}. ${history}.`;
    }
    return (
      `Not yet: ${name(kep)} is planned to reach ${stageWord(stage)} in ${versionWhen(index, at, now)}, ` +
      `according to kep.yaml; as of ${isoDay(now)} it is ${currentText}. ${history}.`
    );
  }
  const order: KepStage[] = ['alpha', 'beta', 'stable'];
  const later = order.slice(order.indexOf(stage) + 1).find((next) => kep.milestones[next]);
  if (order.includes(stage) && later) {
    const entered = `it entered at ${later} in ${kep.milestones[later]}`;
    return `kep.yaml records no ${stage} release for ${name(kep)}: ${entered}. ${history}.`;
  }
  const milestone = kep.latestMilestone ? `; its latest milestone is ${kep.latestMilestone}` : '';
  return (
    `Not yet: ${name(kep)} is ${currentText}${milestone}. ` +
    `kep.yaml names no release for ${stageWord(stage)} yet. ${history}.`
  );
}
