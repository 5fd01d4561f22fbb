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
  /**
   * Normalised role key, e.g. "lead", "enhancements", "comms", "release-notes", "docs", "ci-signal", "bug-triage",
   * "branch-manager", "emeritus-adviser".
   */
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

/** A release-team role renamed between releases; a question about either name finds the role under both. */
export interface RoleRename {
  before: { key: string; name: string };
  after: { key: string; name: string };
  /** The first release with the new name. */
  since: string;
}

export const ROLE_RENAMES: readonly RoleRename[] = [
  // sig-release's 1.30 team list has "Release Signal" where 1.7–1.29 had "CI Signal"
  // (release-team/role-handbooks/release-signal).
  {
    before: { key: 'ci-signal', name: 'CI Signal' },
    after: { key: 'release-signal', name: 'Release Signal' },
    since: '1.30',
  },
];

/** The role's key first, then the keys it had under other names. */
export function roleKeysFor(key: string): string[] {
  const renames = ROLE_RENAMES.filter((rename) => rename.before.key === key || rename.after.key === key);
  return [key, ...renames.map((rename) => (rename.before.key === key ? rename.after.key : rename.before.key))];
}

/** "CI Signal was renamed Release Signal in 1.30" when `asked` and `found` are one role under two names. */
export function renameNote(asked: string, found: string): string | null {
  const rename = ROLE_RENAMES.find(
    (entry) =>
      [entry.before.key, entry.after.key].includes(asked) &&
      [entry.before.key, entry.after.key].includes(found) &&
      asked !== found,
  );
  return rename ? `${rename.before.name} was renamed ${rename.after.name} in ${rename.since}` : null;
}
