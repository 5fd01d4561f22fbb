import { latestPatchAsOf, supportState, SUPPORTED_MINORS, type Release } from '../../domain/release.ts';
import type { EngineIndex } from '../engine-index.ts';
import { formatDate, isoDay } from '../format.ts';
import { isReleased, isShipped } from '../versions.ts';

/** "1.31 (released 2024-08-13)" or "1.37 (planned for 2026-08-26)". */
export function versionWhen(index: EngineIndex, version: string, now: Date): string {
  const release = index.releaseByVersion.get(version);
  if (!release?.gaDate) return version;
  return isShipped(release, now)
    ? `${version} (released ${release.gaDate})`
    : `${version} (planned for ${release.gaDate})`;
}

export interface SupportStatus {
  state: 'unreleased' | 'supported' | 'maintenance' | 'eol' | 'unknown';
  text: string;
}

/** Where a release stands at `now` (the domain's supportState), in words. */
export function supportStatus(index: EngineIndex, release: Release, now: Date): SupportStatus {
  const state = supportState(release, index.releases, isoDay(now));
  const eol = release.eolDate ?? 'a date not in the data';
  switch (state) {
    case 'unreleased':
      return {
        state,
        text: release.gaDate
          ? `not released yet (planned for ${release.gaDate})`
          : 'not released yet (no date in the data)',
      };
    case 'unconfirmed':
      return {
        state: 'unknown',
        text: `planned for ${release.gaDate}; the data does not confirm it shipped, and has no support dates yet`,
      };
    case 'eol':
      return release.eolDate && release.eolDate <= isoDay(now)
        ? { state, text: `end of life (since ${release.eolDate})` }
        : {
            state,
            text: `out of support (no end-of-life date in the data; the project maintains only the ${SUPPORTED_MINORS} newest minor releases)`,
          };
    case 'maintenance':
      return {
        state,
        text: `in maintenance mode since ${release.maintenanceModeDate} (critical and security fixes only) until end of life on ${eol}`,
      };
    case 'supported':
      return release.eolDate
        ? {
            state,
            text: `supported: standard support until ${release.maintenanceModeDate ?? 'a date not in the data'}, end of life on ${release.eolDate}`,
          }
        : { state, text: 'supported (no end-of-life date in the data yet)' };
  }
}

/** The newest patch out at `now`: the domain's latestPatchAsOf. */
export const latestPatchAt = (release: Release, now: Date): { version: string; date: string } | null =>
  latestPatchAsOf(release, isoDay(now));

/** The release lead: as the announcement names them, else the first lead on the release team list. */
export function releaseLead(index: EngineIndex, release: Release): string | null {
  return (
    release.announcement?.releaseLead ??
    index.teamByVersion.get(release.version)?.roles.find((role) => role.key === 'lead')?.leads[0]?.name ??
    null
  );
}

export function codenamed(release: Release): string {
  const codename = release.announcement?.codename;
  return codename ? `Kubernetes ${release.version} “${codename}”` : `Kubernetes ${release.version}`;
}

export function enhancementCounts(release: Release): string | null {
  const counts = release.announcement?.enhancements;
  if (!counts || counts.total == null) return null;
  const parts = [
    counts.stable != null ? `${counts.stable} stable` : null,
    counts.beta != null ? `${counts.beta} beta` : null,
    counts.alpha != null ? `${counts.alpha} alpha` : null,
  ].filter(Boolean);
  return `${counts.total}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

export function releasedText(release: Release, now: Date): string {
  if (!release.gaDate) return 'no release date in the data';
  if (!isReleased(release, now)) return `planned for ${formatDate(release.gaDate)}`;
  return release.gaDateKind === 'planned'
    ? `planned for ${formatDate(release.gaDate)} (not confirmed by the data)`
    : formatDate(release.gaDate);
}
