import type { Kep, KepStage } from '../../domain/kep.ts';
import { compareMinor } from '../../domain/version.ts';
import type { EngineIndex } from '../engine-index.ts';
import { isReleased, latestReleased } from '../versions.ts';

const STAGE_RANK: Record<KepStage, number> = { alpha: 1, beta: 2, stable: 3, deprecated: 4, disabled: 5, removed: 6 };

/** The stage kep.yaml implies at a release: the furthest milestone at or before it. */
export function stageAt(kep: Kep, version: string): KepStage | null {
  let best: KepStage | null = null;
  for (const [stage, milestone] of Object.entries(kep.milestones) as Array<[KepStage, string | undefined]>) {
    if (!milestone || compareMinor(milestone, version) > 0) continue;
    if (
      !best ||
      STAGE_RANK[stage] > STAGE_RANK[best] ||
      (STAGE_RANK[stage] === STAGE_RANK[best] && compareMinor(milestone, kep.milestones[best]!) > 0)
    )
      best = stage;
  }
  return best;
}

export interface StageNow {
  stage: KepStage | null;
  since: string | null;
  /** A later stage kep.yaml records for a release not out at `now` ("targets stable in 1.33"). */
  pending: { stage: KepStage; version: string } | null;
}

/**
 * The stage a KEP is at on `now`. kep.yaml is a snapshot that may already record a stage for a
 * release that is not out yet at `now`; that stage is reported as pending, not as reached.
 */
export function stageNow(index: EngineIndex, kep: Kep, now: Date): StageNow {
  const stage = kep.stage;
  const since = stage ? (kep.milestones[stage] ?? null) : null;
  if (!stage || !since) return { stage, since, pending: null };
  const release = index.releaseByVersion.get(since);
  if (release && isReleased(release, now)) return { stage, since, pending: null };
  const latest = latestReleased(index, now);
  const then = latest ? stageAt(kep, latest.version) : null;
  return { stage: then, since: then ? (kep.milestones[then] ?? null) : null, pending: { stage, version: since } };
}
