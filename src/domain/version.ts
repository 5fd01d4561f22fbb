import { z } from 'zod';

/** A Kubernetes minor release, written "1.31". */
export const MinorVersion = z.string().regex(/^1\.\d{1,2}$/, 'expected a minor version like "1.31"');
export type MinorVersion = z.infer<typeof MinorVersion>;

/** A patch release, written "1.31.2". */
export const PatchVersion = z.string().regex(/^1\.\d{1,2}\.\d{1,3}$/, 'expected a patch version like "1.31.2"');

/** Versions already read: sorting and comparing releases asks for the same few dozen all day. */
const minorNumbers = new Map<string, number>();
const MAX_REMEMBERED_VERSIONS = 10_000;

export function minorNumber(version: string): number {
  const remembered = minorNumbers.get(version);
  if (remembered !== undefined) return remembered;
  const match = /^v?1\.(\d{1,2})/.exec(version.trim());
  if (!match) throw new Error(`not a Kubernetes version: ${JSON.stringify(version)}`);
  const minor = Number(match[1]);
  if (minorNumbers.size < MAX_REMEMBERED_VERSIONS) minorNumbers.set(version, minor);
  return minor;
}

export function compareMinor(a: string, b: string): number {
  return minorNumber(a) - minorNumber(b);
}

/** Normalises "v1.31", "1.31.0", "v1.31.2" to "1.31"; returns null for anything else. */
export function toMinor(raw: string | null | undefined): MinorVersion | null {
  if (raw == null) return null;
  const match = /^\s*v?(1)\.(\d{1,2})(?:\.\d+)?\s*$/.exec(String(raw));
  return match ? `${match[1]}.${Number(match[2])}` : null;
}
