import type { Answer } from '../../domain/answer.ts';
import type { Dataset } from '../../domain/dataset.ts';
import { latestPatchAsOf, supportedReleases, type Release } from '../../domain/release.ts';
import { RELEASES_URL, section } from '../../engine/format.ts';
import { dataFooter } from '../../domain/manifest.ts';
import { countdown, dayLabel, daysBetween } from '../time.ts';

export interface EolWarningInput {
  release: Release & { eolDate: string };
  today: string;
  dataset: Pick<Dataset, 'manifest' | 'releases'>;
}

/** "Kubernetes 1.28 reaches end of life in 30 days", with what to upgrade to. */
export function eolWarningAnswer({ release, today, dataset }: EolWarningInput): Answer {
  const when = countdown(daysBetween(today, release.eolDate));
  const latest = latestPatchAsOf(release, today);
  const upgradeTargets = supportedReleases(dataset.releases, today)
    .filter(
      (target) => target.version !== release.version && (target.eolDate === null || target.eolDate > release.eolDate),
    )
    .slice(0, 3)
    .map((target) => ({ release: target, latestPatch: latestPatchAsOf(target, today) }));
  return {
    intent: 'digest',
    title: `Kubernetes ${release.version} reaches end of life ${when}`,
    summary: `Kubernetes ${release.version} reaches end of life ${when}, on ${dayLabel(release.eolDate)}; after that it gets no more patches.`,
    release: release.version,
    facts: [
      { label: 'End of life', value: `${dayLabel(release.eolDate)} (${when})`, raw: release.eolDate },
      ...(latest ? [{ label: 'Latest patch', value: `${latest.version} (${latest.date})`, raw: latest.version }] : []),
      ...(release.maintenanceModeDate
        ? [{ label: 'Maintenance mode since', value: release.maintenanceModeDate, raw: release.maintenanceModeDate }]
        : []),
    ],
    sections:
      upgradeTargets.length > 0
        ? [
            section('Supported releases to upgrade to', {
              facts: upgradeTargets.map((s) => ({
                label: s.release.version,
                value: [
                  s.latestPatch ? `latest ${s.latestPatch.version}` : null,
                  s.release.eolDate ? `supported until ${s.release.eolDate}` : null,
                ]
                  .filter(Boolean)
                  .join(' · '),
                raw: s.latestPatch?.version ?? s.release.version,
              })),
            }),
          ]
        : [],
    links: [{ label: 'Kubernetes release support policy', url: RELEASES_URL }],
    suggestions: ['which releases are supported?'],
    footer: dataFooter(dataset.manifest),
  };
}
