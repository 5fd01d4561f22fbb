import { z } from 'zod';
import { MinorVersion } from './version.ts';

export const RELEASE_NOTE_KINDS = ['urgent', 'deprecation'] as const;
export const ReleaseNoteKind = z.enum(RELEASE_NOTE_KINDS);
export type ReleaseNoteKind = z.infer<typeof ReleaseNoteKind>;

/** One note of a release notes draft: an urgent upgrade note (action required) or a deprecation. */
export const ReleaseNote = z.object({
  kind: ReleaseNoteKind,
  /** Plain text, without the trailing PR/author/SIG references (kept in the fields below), cut near 700 characters. */
  text: z.string().min(1),
  /** The sub-heading the note sits under, e.g. "kube-apiserver" or "Storage"; null when none. */
  area: z.string().nullable(),
  /** kubernetes/kubernetes pull request numbers the note links. */
  prs: z.array(z.number().int().positive()),
  /** GitHub logins the note credits. */
  authors: z.array(z.string()),
  /** SIG names as the note gives them, e.g. "API Machinery". */
  sigs: z.array(z.string()),
});
export type ReleaseNote = z.infer<typeof ReleaseNote>;

export const ReleaseNotesDraft = z.object({
  version: MinorVersion,
  /** Path inside kubernetes/sig-release. */
  path: z.string(),
  url: z.url(),
  /** "final": the release had shipped when the draft was read; "pre-release": it had not. */
  status: z.enum(['final', 'pre-release']),
  /** For a pre-release draft, the newest pre-release build the schedule had dated by then, e.g. "1.37.0-rc.0". */
  build: z.string().nullable(),
  notes: z.array(ReleaseNote),
});
export type ReleaseNotesDraft = z.infer<typeof ReleaseNotesDraft>;
