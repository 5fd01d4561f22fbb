import { z } from 'zod';
import { IsoDate } from './dates.ts';
import { MinorVersion, PatchVersion } from './version.ts';

/** One patch release in kubernetes/website's schedule.yaml: the cherry-pick deadline and the target date. */
export const PatchScheduleEntry = z.object({
  version: PatchVersion,
  minor: MinorVersion,
  cherryPickDeadline: IsoDate.nullable(),
  targetDate: IsoDate,
  /** "next": the schedule's next patch of that minor; "previous": one it lists as done. */
  listedAs: z.enum(['next', 'previous']),
  /** The schedule's note, Markdown stripped ("Out of band patch release to pick up a new version of Go …"). */
  note: z.string().nullable(),
});
export type PatchScheduleEntry = z.infer<typeof PatchScheduleEntry>;

export const PatchSchedule = z.object({
  /** The newest date the file itself names (a patch or upcoming target): how far ahead it was written. */
  lastDate: IsoDate.nullable(),
  /** The newest patch the file lists as done: about when the file was last updated. */
  lastListedPatch: IsoDate.nullable(),
  entries: z.array(PatchScheduleEntry),
  /** Monthly patch dates planned ahead, for every supported minor at once. */
  upcoming: z.array(z.object({ cherryPickDeadline: IsoDate.nullable(), targetDate: IsoDate })),
});
export type PatchSchedule = z.infer<typeof PatchSchedule>;
