import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parsePatchSchedule } from '../../src/import/patch-schedule.ts';

const FILE = 'test/fixtures/upstream/kubernetes-website/data/releases/schedule.yaml';

describe('kubernetes/website schedule.yaml (real file, about May 2026)', () => {
  const schedule = parsePatchSchedule(parse(readFileSync(FILE, 'utf8')), FILE);

  it('lists every patch with its cherry-pick deadline and target date, newest first', () => {
    expect(schedule.entries).toHaveLength(30);
    expect(
      schedule.entries
        .filter((entry) => entry.listedAs === 'next')
        .map((entry) => entry.version)
        .sort(),
    ).toEqual(['1.33.13', '1.34.9', '1.35.6', '1.36.2']);
    expect(schedule.entries.find((entry) => entry.version === '1.34.3')).toEqual({
      version: '1.34.3',
      minor: '1.34',
      cherryPickDeadline: '2025-12-05',
      targetDate: '2025-12-09',
      listedAs: 'previous',
      note: null,
    });
    expect(schedule.entries.find((entry) => entry.version === '1.35.2')?.note).toBe(
      'Out of band patch release to pick up a new version of Go to address several Go CVEs. No other changes.',
    );
  });

  it('keeps the upcoming monthly dates and says how far the file reaches', () => {
    expect(schedule.upcoming.map((row) => row.targetDate)).toEqual(['2026-06-09', '2026-07-14', '2026-08-11']);
    expect(schedule.lastDate).toBe('2026-08-11');
    expect(schedule.lastListedPatch).toBe('2026-05-13');
  });

  it('reads "N/A" deadlines as none and names the field of a bad date', () => {
    const data = {
      schedules: [
        {
          release: '1.28',
          previousPatches: [{ release: '1.28.1', cherryPickDeadline: 'N/A', targetDate: '2023-08-23' }],
        },
      ],
    };
    expect(parsePatchSchedule(data, 'schedule.yaml').entries[0]?.cherryPickDeadline).toBeNull();
    const bad = { schedules: [{ release: '1.28', next: { release: '1.28.2', targetDate: 'soon' } }] };
    expect(() => parsePatchSchedule(bad, 'schedule.yaml')).toThrow(
      /schedule\.yaml: schedules\[0\]\.next\.targetDate: expected a date/,
    );
  });
});
