import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { addDays } from '../../src/domain/dates.ts';
import {
  latestPatchAsOf,
  latestRelease,
  type Release,
  supportState,
  supportedReleases,
} from '../../src/domain/release.ts';
import { compareMinor } from '../../src/domain/version.ts';

const { releases } = loadDataset();

/** The same answers worked out plainly, nothing remembered: what the domain's functions must agree with on any day. */
const plainly = {
  latestPatch(release: Release, today: string) {
    const out = release.patches.filter((patch) => patch.date <= today);
    const number = (version: string) => Number(version.split('.')[2]);
    return out.reduce<(typeof out)[number] | null>(
      (best, patch) => (best && number(best.version) >= number(patch.version) ? best : patch),
      null,
    );
  },
  latestRelease(today: string) {
    const out = releases.filter((release) => release.gaDate !== null && release.gaDate <= today);
    return out.sort((a, b) => compareMinor(b.version, a.version))[0] ?? null;
  },
  supported(today: string) {
    return releases
      .filter((release) => ['supported', 'maintenance'].includes(supportState(release, releases, today)))
      .map((release) => release.version)
      .sort((a, b) => compareMinor(b, a));
  },
};

/** Every day a patch or a release came out, the day before it, in an order that goes back and forth in time. */
function daysAround(): string[] {
  const days = new Set<string>();
  for (const release of releases) {
    if (release.gaDate) days.add(release.gaDate).add(addDays(release.gaDate, -1));
    for (const patch of release.patches) days.add(patch.date).add(addDays(patch.date, -1));
  }
  const sorted = [...days].sort();
  return sorted.flatMap((day, at) => [day, sorted[sorted.length - 1 - at]!]);
}

describe('release facts on a day', () => {
  const days = daysAround();

  it('gives each release its latest patch out on the day asked, whichever day was asked before', () => {
    expect(days.length).toBeGreaterThan(500);
    for (const day of days)
      for (const release of releases)
        expect(latestPatchAsOf(release, day), `${release.version} on ${day}`).toEqual(
          plainly.latestPatch(release, day),
        );
  });

  it('gives the latest release and the supported releases of the day asked', () => {
    for (const day of days) {
      expect(latestRelease(releases, day)?.version, day).toBe(plainly.latestRelease(day)?.version);
      expect(
        supportedReleases(releases, day).map((release) => release.version),
        day,
      ).toEqual(plainly.supported(day));
    }
  });
});
