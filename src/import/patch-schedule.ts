import { z } from 'zod';
import { validateWith } from '../data/validation.ts';
import { PatchSchedule, type PatchScheduleEntry } from '../domain/patch-schedule.ts';
import { toMinor } from '../domain/version.ts';
import { ImportError } from './errors.ts';
import { nodeText, parseMarkdown } from './markdown.ts';

export const PATCH_SCHEDULE_PATH = 'data/releases/schedule.yaml';

const Day = z
  .union([z.string().regex(/^\s*\d{4}-\d{2}-\d{2}\s*$/, 'expected a date like 2024-08-13'), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value.trim()));
/** Upstream writes "N/A" where a patch (an x.y.0, an unplanned CVE release) had no cherry-pick deadline. */
const Deadline = z.union([
  z
    .string()
    .regex(/^N\/?A$/i)
    .transform(() => null),
  Day,
]);
const Patch = z.object({
  release: z.union([z.string(), z.number()]).transform(String),
  cherryPickDeadline: Deadline.optional(),
  targetDate: Day,
  note: z.string().optional(),
});
const ScheduleFile = z.object({
  schedules: z.array(
    z.object({
      release: z.union([z.string(), z.number()]).transform(String),
      next: Patch.optional(),
      previousPatches: z.array(Patch).default([]),
    }),
  ),
  upcoming_releases: z.array(z.object({ cherryPickDeadline: Deadline.optional(), targetDate: Day })).default([]),
});

const byDate = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** schedule.yaml's patch releases (per minor: next and previous) and the upcoming monthly dates. */
export function parsePatchSchedule(data: unknown, file: string): PatchSchedule {
  const document = validateWith(ScheduleFile, data, file, ImportError);
  const entries: PatchScheduleEntry[] = [];
  for (const [index, schedule] of document.schedules.entries()) {
    const minor = toMinor(schedule.release);
    if (!minor)
      throw new ImportError(file, `schedules[${index}].release`, `not a version: ${JSON.stringify(schedule.release)}`);
    const listed = [
      ...(schedule.next ? [{ patch: schedule.next, listedAs: 'next' as const }] : []),
      ...schedule.previousPatches.map((patch) => ({ patch, listedAs: 'previous' as const })),
    ];
    for (const { patch, listedAs } of listed) {
      if (!/^1\.\d+\.\d+$/.test(patch.release) || toMinor(patch.release) !== minor) {
        throw new ImportError(
          file,
          `schedules[${index}] (${minor}).release ${patch.release}`,
          `not a ${minor} patch version`,
        );
      }
      entries.push({
        version: patch.release,
        minor,
        cherryPickDeadline: patch.cherryPickDeadline ?? null,
        targetDate: patch.targetDate,
        listedAs,
        note: patch.note ? nodeText(parseMarkdown(patch.note)) : null,
      });
    }
  }
  entries.sort(
    (a, b) => byDate(b.targetDate, a.targetDate) || b.version.localeCompare(a.version, 'en', { numeric: true }),
  );
  const upcoming = document.upcoming_releases
    .map((row) => ({ cherryPickDeadline: row.cherryPickDeadline ?? null, targetDate: row.targetDate }))
    .sort((a, b) => byDate(a.targetDate, b.targetDate));
  const dates = [...entries.map((entry) => entry.targetDate), ...upcoming.map((row) => row.targetDate)].sort(byDate);
  const done = entries
    .filter((entry) => entry.listedAs === 'previous')
    .map((entry) => entry.targetDate)
    .sort(byDate);
  return validateWith(
    PatchSchedule,
    { lastDate: dates.at(-1) ?? null, lastListedPatch: done.at(-1) ?? null, entries, upcoming },
    file,
    ImportError,
  );
}
