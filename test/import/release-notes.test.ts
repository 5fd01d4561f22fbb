import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { draftStatus, parseReleaseNotes } from '../../src/import/release-notes.ts';
import type { Release } from '../../src/domain/release.ts';
import type { Schedule } from '../../src/domain/schedule.ts';

const DRAFTS = 'test/fixtures/shared-mini/upstream/kubernetes-sig-release/releases/';
const notes = (path: string) => parseReleaseNotes(readFileSync(DRAFTS + path, 'utf8'));

describe('release notes drafts (real sig-release files)', () => {
  it('reads the urgent upgrade notes and deprecations of a "Changes by Kind" draft with PR, author and SIGs', () => {
    const all = notes('release-1.37/release-notes/release-notes-draft.md');
    expect(all.filter((note) => note.kind === 'urgent')).toHaveLength(2);
    expect(all.filter((note) => note.kind === 'deprecation')).toHaveLength(4);
    expect(all[0]).toEqual({
      kind: 'urgent',
      text: expect.stringMatching(
        /^ACTION REQUIRED: Fixed eventRecordQPS handling in kubelet configuration .* \(for example, 50\)\.$/,
      ),
      area: null,
      prs: [117119],
      authors: ['HirazawaUi'],
      sigs: ['API Machinery', 'Auth', 'Node'],
    });
    // The "Dependency" section before "Deprecation" is not a deprecation.
    expect(all.some((note) => note.text.includes('google.golang.org/grpc'))).toBe(false);
    expect(all.find((note) => note.prs.includes(139212))?.text).toMatch(
      /Locked the deprecated DeclarativeValidationTakeover feature gate/,
    );
  });

  it('reads the older layout (1.8: "Before Upgrading", "Deprecations" by SIG) with each SIG heading as the area', () => {
    const all = notes('release-1.8/release-notes-draft.md');
    expect(all.filter((note) => note.kind === 'urgent').length).toBeGreaterThan(5);
    const cronJob = all.find((note) => note.text.includes('batch/v2alpha1.CronJob is deprecated'));
    expect(cronJob).toMatchObject({ kind: 'deprecation', area: 'Apps', prs: [] });
  });

  it('keeps nested list items apart instead of running them together', () => {
    const removal = notes('release-1.23/release-notes/release-notes-draft.md').find(
      (note) => note.kind === 'deprecation' && note.text.includes(';'),
    );
    expect(removal?.text ?? '').not.toMatch(/[a-z][A-Z][a-z]+ [a-z]+ instead[A-Z]/);
  });

  it("calls an unshipped release's draft pre-release and names the build the schedule dated by then", () => {
    const schedule = {
      version: '1.37',
      events: [
        { date: '2026-08-05', build: '1.37.0-rc.0' },
        { date: '2026-08-19', build: '1.37.0-rc.1' },
      ],
    } as unknown as Schedule;
    const planned = { version: '1.37', gaDate: '2026-08-26', gaDateKind: 'planned' } as Release;
    expect(draftStatus('1.37', planned, schedule, '2026-08-13')).toEqual({
      status: 'pre-release',
      build: '1.37.0-rc.0',
    });
    expect(
      draftStatus(
        '1.36',
        { version: '1.36', gaDate: '2026-04-22', gaDateKind: 'confirmed' } as Release,
        undefined,
        '2026-08-13',
      ),
    ).toEqual({ status: 'final', build: null });
  });
});
