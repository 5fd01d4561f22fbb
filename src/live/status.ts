import type { Refresher } from './refresh.ts';
import type { SnapshotSource } from './snapshot.ts';

/** What GET /status reports: the data served now and how the last refresh went. */
export function statusReport(data: SnapshotSource, refresher: Refresher | null, now: Date) {
  const { dataset, origin, loadedAt } = data.current();
  const { manifest } = dataset;
  return {
    data: {
      dataDate: manifest.dataDate,
      ageSeconds: dataAgeSeconds(manifest.dataDate, now),
      loadedFrom: origin,
      loadedAt: loadedAt.toISOString(),
      counts: manifest.counts,
      sources: manifest.sources.map(({ repository, commit, commitDate }) => ({ repository, commit, commitDate })),
    },
    refresh: refresher ? refresher.status() : { enabled: false, reason: 'DATA_REFRESH=off' },
  };
}

/** Seconds since the data's date (its newest source commit, taken as midnight UTC). */
export function dataAgeSeconds(dataDate: string, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - Date.parse(`${dataDate}T00:00:00Z`)) / 1000));
}
