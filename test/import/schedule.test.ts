import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Schedule, type MilestoneKind, type ScheduleEvent } from '../../src/domain/schedule.ts';
import { ImportError } from '../../src/import/errors.ts';
import { parseSchedule } from '../../src/import/schedule.ts';

function readme(minor: number): string {
  return readFileSync(new URL(`../fixtures/sig-release/release-1.${minor}/README.md`, import.meta.url), 'utf8');
}

function sourceFor(minor: number, markdown = readme(minor)) {
  return { version: `1.${minor}`, path: `releases/release-1.${minor}/README.md`, markdown };
}

function parse(minor: number, markdown?: string): Schedule {
  const schedule = parseSchedule(sourceFor(minor, markdown));
  if (!schedule) throw new Error(`release 1.${minor} parsed to null`);
  return schedule;
}

function only(schedule: Schedule, kind: MilestoneKind): ScheduleEvent {
  const events = schedule.events.filter((event) => event.kinds.includes(kind));
  expect(events, `${schedule.version} ${kind}`).toHaveLength(1);
  return events[0]!;
}

function byWhat(schedule: Schedule, what: string): ScheduleEvent {
  const event = schedule.events.find((candidate) => candidate.what === what);
  if (!event) throw new Error(`no event ${JSON.stringify(what)} in ${schedule.version}`);
  return event;
}

/** Edits one line of a fixture, failing loudly if the edit does not apply. */
function editLine(markdown: string, lineNumber: number, from: string | RegExp, to: string): string {
  const lines = markdown.split('\n');
  const before = lines[lineNumber - 1]!;
  const after = before.replace(from, to);
  if (after === before) throw new Error(`line ${lineNumber} does not contain ${String(from)}: ${before}`);
  lines[lineNumber - 1] = after;
  return lines.join('\n');
}

function parseError(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('expected an ImportError');
}

const FIXTURE_MINORS = [5, 8, 10, 12, 16, 17, 22, 24, 31, 37];

describe('parseSchedule on every fixture', () => {
  it.each(FIXTURE_MINORS)(
    '1.%i yields a valid schedule with a single release, code freeze and enhancements freeze',
    (minor) => {
      const schedule = parse(minor);
      expect(Schedule.parse(schedule)).toEqual(schedule);
      expect(schedule.version).toBe(`1.${minor}`);
      expect(schedule.source).toBe(`releases/release-1.${minor}/README.md`);
      expect(schedule.url).toBe(
        `https://github.com/kubernetes/sig-release/blob/master/releases/release-1.${minor}/README.md`,
      );
      only(schedule, 'release');
      only(schedule, 'code-freeze');
      only(schedule, 'enhancements-freeze');
      const dates = schedule.events.map((event) => event.date);
      expect(dates).toEqual([...dates].sort());
    },
  );

  it.each([3, 4])('returns null for the 1.%i planning notes', (minor) => {
    expect(parseSchedule(sourceFor(minor))).toBeNull();
  });
});

describe('1.20+ "When" tables (1.31)', () => {
  const schedule = parse(31);

  it('takes the UTC time of the timeline row', () => {
    expect(only(schedule, 'enhancements-freeze')).toMatchObject({
      what: 'Begin Enhancements Freeze',
      who: 'Enhancements Lead',
      when: '02:00 UTC Friday 14th June 2024 / 19:00 PDT Thursday 13th June 2024',
      date: '2024-06-14',
      at: '2024-06-14T02:00:00Z',
      week: 5,
      build: null,
    });
    expect(only(schedule, 'code-freeze')).toMatchObject({ date: '2024-07-24', at: '2024-07-24T02:00:00Z', week: 11 });
  });

  it('keeps the row as written when the Summary disagrees (test freeze 01:00 UTC in the row, 02:00 in the summary)', () => {
    expect(only(schedule, 'test-freeze')).toMatchObject({ date: '2024-07-31', at: '2024-07-31T01:00:00Z' });
  });

  it('dates the release without a time', () => {
    expect(only(schedule, 'release')).toMatchObject({
      what: 'v1.31.0 released',
      date: '2024-08-13',
      at: null,
      week: 14,
    });
  });

  it('classifies the milestones and leaves look-alike rows unclassified', () => {
    expect(only(schedule, 'cycle-start').date).toBe('2024-05-13');
    expect(only(schedule, 'prr-freeze').date).toBe('2024-06-06');
    expect(only(schedule, 'feature-blog-freeze').at).toBe('2024-07-03T02:00:00Z');
    expect(only(schedule, 'docs-freeze')).toMatchObject({ what: 'Docs Freeze', date: '2024-07-30' });
    expect(only(schedule, 'thaw').date).toBe('2024-08-13');
    expect(byWhat(schedule, 'Brace Yourself, Code Freeze is Coming').kinds).toEqual([]);
    expect(byWhat(schedule, 'Call for Exceptions').kinds).toEqual([]);
    expect(byWhat(schedule, 'Docs deadline — Open placeholder PRs').kinds).toEqual([]);
    expect(byWhat(schedule, 'release-1.31 branch created').kinds).toEqual([]);
  });

  it('records the build of each pre-release', () => {
    const builds = schedule.events
      .filter((event) => event.build)
      .map((event) => `${event.kinds.join('+')} ${event.build}`);
    expect(builds).toEqual([
      'alpha 1.31.0-alpha.1',
      'alpha 1.31.0-alpha.2',
      'alpha 1.31.0-alpha.3',
      'beta 1.31.0-beta.0',
      'rc 1.31.0-rc.0',
      'rc 1.31.0-rc.1',
    ]);
  });
});

describe('time zones', () => {
  it('1.37: AoE deadlines are dated on the AoE day with the UTC cutoff as the instant', () => {
    const schedule = parse(37);
    expect(only(schedule, 'enhancements-freeze')).toMatchObject({ date: '2026-06-16', at: '2026-06-17T12:00:00Z' });
    expect(only(schedule, 'prr-freeze')).toMatchObject({ date: '2026-06-09', at: '2026-06-10T12:00:00Z' });
    expect(only(schedule, 'code-freeze')).toMatchObject({
      what: 'Begin Code Freeze and Test Freeze',
      date: '2026-07-22',
      at: '2026-07-23T12:00:00Z',
    });
    expect(only(schedule, 'release')).toMatchObject({ date: '2026-08-26', at: null });
  });

  it('an AoE date without a UTC time ends at 23:59:59-12:00', () => {
    const markdown = editLine(readme(37), 59, ' / Wednesday 17th June 2026, 12:00 UTC', '');
    expect(only(parse(37, markdown), 'enhancements-freeze')).toMatchObject({
      date: '2026-06-16',
      at: '2026-06-16T23:59:59-12:00',
    });
  });

  it('1.24: UTC wins over the PST, BST and PDT parts of the cell', () => {
    const schedule = parse(24);
    expect(only(schedule, 'enhancements-freeze')).toMatchObject({ date: '2022-02-04', at: '2022-02-04T02:00:00Z' });
    expect(only(schedule, 'code-freeze')).toMatchObject({ date: '2022-03-30', at: '2022-03-30T01:00:00Z' });
    expect(only(schedule, 'release')).toMatchObject({ date: '2022-05-03', at: null });
    expect(byWhat(schedule, 'Release retrospective part 2 (16:00 UTC)')).toMatchObject({
      date: '2022-05-11',
      at: '2022-05-11T16:00:00Z',
    });
  });

  it('1.22: a PDT time in the What column gives the instant in PDT', () => {
    const schedule = parse(22);
    expect(only(schedule, 'enhancements-freeze')).toMatchObject({
      date: '2021-05-13',
      at: '2021-05-13T23:59:00-07:00',
    });
    expect(only(schedule, 'code-freeze')).toMatchObject({ date: '2021-07-08', at: '2021-07-08T18:00:00-07:00' });
    expect(byWhat(schedule, 'Release retrospective 10:00am PDT').at).toBe('2021-08-19T10:00:00-07:00');
    expect(only(schedule, 'release')).toMatchObject({ date: '2021-08-04', at: null });
  });

  it('"EOD PST" is 23:59 at -08:00', () => {
    const schedule = parse(10);
    expect(only(schedule, 'enhancements-freeze')).toMatchObject({
      date: '2018-01-22',
      at: '2018-01-22T23:59:00-08:00',
    });
  });

  it('"EOD PT" follows Pacific daylight saving', () => {
    const summer = editLine(readme(16), 54, '(EOD PST)', '(EOD PT)');
    expect(only(parse(16, summer), 'enhancements-freeze').at).toBe('2019-07-30T23:59:00-07:00');
    const winter = editLine(readme(10), 127, '(EOD PST)', '(EOD PT)');
    expect(only(parse(10, winter), 'enhancements-freeze').at).toBe('2018-01-22T23:59:00-08:00');
  });

  it('a UTC time without its own date takes the date of the zone beside it', () => {
    const markdown = editLine(
      readme(24),
      98,
      '| Release retrospective part 2 (16:00 UTC) | Community | Wednesday 11th May 2022 |',
      '| Release retrospective part 2 | Community | 01:00 UTC / 18:00 PDT Wednesday 11th May 2022 |',
    );
    expect(byWhat(parse(24, markdown), 'Release retrospective part 2')).toMatchObject({
      date: '2022-05-12',
      at: '2022-05-12T01:00:00Z',
    });
  });
});

describe('1.12–1.16 month-column tables', () => {
  it('1.16: reads "Mon 1" under Jul, with the year from the document', () => {
    const schedule = parse(16);
    expect(only(schedule, 'cycle-start')).toMatchObject({
      when: 'Mon 1 (Jul)',
      date: '2019-07-01',
      week: 1,
      who: 'Lead',
    });
    expect(only(schedule, 'enhancements-freeze')).toMatchObject({
      what: 'Begin Enhancements Freeze (EOD PST)',
      date: '2019-07-30',
      at: '2019-07-30T23:59:00-08:00',
    });
    expect(only(schedule, 'code-freeze')).toMatchObject({ date: '2019-08-29', at: '2019-08-29T23:59:00-08:00' });
    expect(only(schedule, 'thaw').date).toBe('2019-09-10');
    expect(only(schedule, 'release')).toMatchObject({ what: 'v1.16.0 released', date: '2019-09-18' });
    expect(byWhat(schedule, '1.16.0-rc.2 released')).toMatchObject({
      kinds: ['rc'],
      build: '1.16.0-rc.2',
      date: '2019-09-13',
    });
  });

  it("1.12: follows a struck-out date to its replacement and ignores the next release's rows", () => {
    const schedule = parse(12);
    expect(only(schedule, 'release')).toMatchObject({ date: '2018-09-27', when: 'moved to 27 (SEP)' });
    expect(only(schedule, 'enhancements-freeze').date).toBe('2018-07-31');
    expect(only(schedule, 'code-freeze')).toMatchObject({
      what: 'Begin code and test freeze (EOD PST)',
      date: '2018-09-04',
    });
    expect(byWhat(schedule, '1.13 Release Cycle Begins')).toMatchObject({ kinds: [], date: '2018-10-01' });
    expect(byWhat(schedule, 'v1.13.0-alpha.0')).toMatchObject({ kinds: [], build: null });
    expect(only(schedule, 'cycle-start').date).toBe('2018-07-02');
  });

  it('moves to the next year when the month columns cross December', () => {
    const markdown = [
      '# Kubernetes 1.13',
      '## Timeline',
      '| **What** | **Who** | **Oct** | **Nov** | **Dec** | **Jan** | **DEV WEEK** |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      '| Start of Release Cycle | Lead | 1| | | | week 1 |',
      '| v1.13.0 | Branch Manager | | | 3 | |week 10 |',
      '| 1.14 Release Cycle Begins | Next Lead | | | | 2 | |',
    ].join('\n');
    const schedule = parse(13, markdown);
    expect(schedule.events.map((event) => event.date)).toEqual(['2018-10-01', '2018-12-03', '2019-01-02']);
  });
});

describe('1.10 HTML table', () => {
  it('reads the <table> timeline', () => {
    const schedule = parse(10);
    expect(only(schedule, 'cycle-start')).toMatchObject({ date: '2018-01-02', week: 1 });
    expect(only(schedule, 'code-freeze')).toMatchObject({
      what: 'Begin code freeze (EOD PST)',
      at: '2018-02-26T23:59:00-08:00',
    });
    expect(only(schedule, 'thaw')).toMatchObject({ what: 'End of code freeze (EOD PST)', date: '2018-03-19' });
    expect(only(schedule, 'release')).toMatchObject({ what: 'v1.10.0', date: '2018-03-26' });
    expect(byWhat(schedule, 'Notify kubernetes-dev of lifting code freeze').kinds).toEqual([]);
    expect(byWhat(schedule, '1.11 Release Cycle Begins')).toMatchObject({ kinds: [], date: '2018-04-02' });
  });
});

describe('a "When" table without years (1.17)', () => {
  const schedule = parse(17);

  it('works the year out from the weekdays', () => {
    expect(only(schedule, 'cycle-start')).toMatchObject({ when: 'Mon September 23', date: '2019-09-23' });
    expect(only(schedule, 'release').date).toBe('2019-12-09');
  });

  it('takes a missing month from the row above', () => {
    expect(byWhat(schedule, 'Start Enhancements Tracking')).toMatchObject({ when: 'Tue 24', date: '2019-09-24' });
  });

  it('falls back to "Docs complete" for the docs freeze before it had that name', () => {
    expect(only(schedule, 'docs-freeze')).toMatchObject({
      what: 'Docs complete - All PRs reviewed and ready to merge',
      date: '2019-11-22',
    });
  });
});

describe('1.6–1.9 bullet lists (1.8)', () => {
  const schedule = parse(8);

  it('reads only the key-dates list, not the details below it', () => {
    expect(schedule.events).toHaveLength(12);
    expect(schedule.events.every((event) => event.at === null && event.who === null && event.week === null)).toBe(true);
  });

  it('dates and classifies each bullet', () => {
    expect(only(schedule, 'cycle-start')).toMatchObject({
      what: 'coding start (7w)',
      when: 'July 5 (Weds)',
      date: '2017-07-05',
    });
    expect(only(schedule, 'enhancements-freeze')).toMatchObject({ what: 'Feature Freeze', date: '2017-08-01' });
    expect(only(schedule, 'code-freeze')).toMatchObject({ when: 'Sept 1 (Fri)', date: '2017-09-01' });
    expect(only(schedule, 'release')).toMatchObject({ what: 'v1.8.0 release!', date: '2017-09-27' });
    expect(byWhat(schedule, 'v1.8.0-beta.0, v1.9.0-alpha.0')).toMatchObject({ kinds: ['beta'], build: '1.8.0-beta.0' });
    expect(byWhat(schedule, 'v1.9.0-alpha.1')).toMatchObject({ kinds: [], build: null });
    expect(byWhat(schedule, 'v1.8.release-candidate')).toMatchObject({
      kinds: ['rc'],
      build: null,
      date: '2017-09-20',
    });
  });
});

describe('bullet lists across a new year', () => {
  it('dates "Dec 8 - Jan 3" in the year before "Jan 3 (Tues)", from the weekdays', () => {
    // Excerpt of release-1.6/README.md: the document names only 2017.
    const markdown = [
      '# Proposed timeline for 1.6',
      'We will begin the 1.6 release the first week of 2017.',
      '## 1.6 Release Schedule',
      '- Dec 8 - Jan 3: planning/design/bugfix period',
      '- Jan 3 (Tues) coding start (7w)',
      '- Feb 27th (Monday) Start code freeze',
      '- March 14th (Tuesday) Lift code freeze and v1.6.0-rc.1',
      '- March 22nd (Wednesday) - v1.6.0 (release!)',
      '## 1.6 Details',
      '- Release 1.6 on March 22 (Wednesday)',
    ].join('\n');
    const schedule = parse(6, markdown);
    expect(schedule.events.map((event) => [event.date, event.kinds, event.build])).toEqual([
      ['2016-12-08', [], null],
      ['2017-01-03', ['cycle-start'], null],
      ['2017-02-27', ['code-freeze'], null],
      ['2017-03-14', ['thaw', 'rc'], '1.6.0-rc.1'],
      ['2017-03-22', ['release'], null],
    ]);
    expect(schedule.events[0]!.when).toBe('Dec 8 - Jan 3');
  });

  it('reads 1.9-style bold bullets with weekday prefixes', () => {
    const markdown = [
      '# Release 1.9',
      '## Timeline',
      '* Mon Oct 2: Start of release cycle',
      '* **Fri Oct 27: [Feature Freeze](#feature-freeze)**',
      '  * All features must have tracking issues.',
      '* **Mon Dec 11: End of Code Freeze**',
      '* **Wed Dec 13: v1.9.0**',
    ].join('\n');
    const schedule = parse(9, markdown);
    expect(schedule.events.map((event) => [event.what, event.date, event.kinds])).toEqual([
      ['Start of release cycle', '2017-10-02', ['cycle-start']],
      ['Feature Freeze', '2017-10-27', ['enhancements-freeze']],
      ['End of Code Freeze', '2017-12-11', ['thaw']],
      ['v1.9.0', '2017-12-13', ['release']],
    ]);
  });
});

describe('1.5 checklist with bold dates', () => {
  const schedule = parse(5);

  it('takes the event from the bullets under each date', () => {
    expect(only(schedule, 'cycle-start')).toMatchObject({ when: 'Monday, September 19, 2016', date: '2016-09-19' });
    expect(only(schedule, 'enhancements-freeze')).toMatchObject({ what: 'Feature freeze begins', date: '2016-10-10' });
    expect(only(schedule, 'code-freeze')).toMatchObject({ what: 'Code freeze begins', date: '2016-11-08' });
    expect(only(schedule, 'release')).toMatchObject({ what: 'Release 1.5', date: '2016-12-12', at: null });
    expect(byWhat(schedule, 'Feature Complete Date').kinds).toEqual([]);
    expect(schedule.events).toHaveLength(10);
  });
});

describe('malformed input', () => {
  it('names the file and row of an impossible date', () => {
    const markdown = editLine(
      readme(31),
      75,
      '02:00 UTC Wednesday 24th July 2024 / 19:00 PDT Tuesday 23rd July 2024',
      '31st February 2024',
    );
    const error = parseError(() => parseSchedule(sourceFor(31, markdown)));
    expect(error.file).toBe('releases/release-1.31/README.md');
    expect(error.message).toContain('releases/release-1.31/README.md');
    expect(error.message).toContain('line 75');
    expect(error.message).toContain('Begin Code Freeze');
    expect(error.message).toContain('impossible date 2024-02-31');
  });

  it('names the file and row of a When cell that is not a date', () => {
    const markdown = editLine(readme(24), 63, 'Friday 14th January 2022', 'sometime after the holidays');
    const error = parseError(() => parseSchedule(sourceFor(24, markdown)));
    expect(error.message).toMatch(/^releases\/release-1\.24\/README\.md: line 63 \("Schedule finalized"\) When: /);
    expect(error.message).toContain('sometime after the holidays');
  });

  it('rejects a day that its month column does not have', () => {
    const markdown = editLine(readme(12), 71, '~~25~~ moved to **27**', '31');
    const error = parseError(() => parseSchedule(sourceFor(12, markdown)));
    expect(error.message).toContain('releases/release-1.12/README.md');
    expect(error.message).toContain('"v1.12.0"');
    expect(error.message).toContain('2018-09-31');
  });

  it('rejects words in a month column', () => {
    const markdown = editLine(readme(16), 49, 'Fri 5', 'early');
    const error = parseError(() => parseSchedule(sourceFor(16, markdown)));
    expect(error.message).toContain('"Schedule finalized"');
    expect(error.message).toContain('Jul');
  });

  it('rejects an impossible time', () => {
    const markdown = editLine(readme(31), 61, '02:00 UTC Friday', '26:00 UTC Friday');
    expect(parseError(() => parseSchedule(sourceFor(31, markdown))).message).toContain('line 61');
  });

  it('skips rows whose date is still "TBD" instead of failing', () => {
    const markdown = editLine(readme(31), 56, 'Friday 17th May 2024', 'TBD');
    const schedule = parse(31, markdown);
    expect(schedule.events.some((event) => event.what === 'Team finalized')).toBe(false);
    expect(schedule.events).toHaveLength(parse(31).events.length - 1);
  });

  it('names the version when it is not a minor version', () => {
    const error = parseError(() => parseSchedule({ ...sourceFor(31), version: 'latest' }));
    expect(error.message).toContain('releases/release-1.31/README.md: version');
  });
});
