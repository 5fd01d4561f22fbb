import { z } from 'zod';
import { MinorVersion } from './version.ts';

export const Person = z.object({
  name: z.string().min(1),
  /** GitHub handle without "@", when the source gives one. */
  github: z.string().nullable(),
});
export type Person = z.infer<typeof Person>;

export const TeamRole = z.object({
  /** The role as written upstream, e.g. "Release Team Lead", "Communications", "Bug Triage". */
  role: z.string().min(1),
  /** Normalised role key, e.g. "lead", "enhancements", "comms", "release-notes", "docs", "ci-signal", "bug-triage", "branch-manager", "emeritus-adviser". */
  key: z.string().regex(/^[a-z0-9-]+$/),
  leads: z.array(Person),
  shadows: z.array(Person),
});
export type TeamRole = z.infer<typeof TeamRole>;

export const Team = z.object({
  version: MinorVersion,
  source: z.string(),
  url: z.url(),
  roles: z.array(TeamRole),
});
export type Team = z.infer<typeof Team>;
