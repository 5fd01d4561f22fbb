import { MILESTONE_KINDS, type MilestoneKind } from '../../domain/schedule.ts';

export interface Classification {
  kind: MilestoneKind | null;
  /** The pre-release tag of this release the row names, e.g. "1.31.0-rc.1". */
  build: string | null;
}

/** Kinds a schedule has at most once; alpha/beta/rc repeat. */
const REPEATING_KINDS: ReadonlySet<MilestoneKind> = new Set<MilestoneKind>(['alpha', 'beta', 'rc']);
export const SINGLE_KINDS: ReadonlySet<MilestoneKind> = new Set(MILESTONE_KINDS.filter((kind) => !REPEATING_KINDS.has(kind)));

/** Rows that mention a freeze without being it: reminders, exception calls, stability evaluations. */
const NOT_THE_FREEZE = /exception|call for|brace your|is coming|notify|announce|reminder|evaluat|shorten|postpone/i;

function versionPattern(minor: number): string {
  return String.raw`v?1\.${minor}`;
}

function findBuild(what: string, minor: number): { kind: 'alpha' | 'beta' | 'rc'; build: string } | null {
  for (const match of what.matchAll(/\bv?1\.(\d{1,2})\.0-(alpha|beta|rc)\.(\d+)\b/gi)) {
    if (Number(match[1]) !== minor) continue;
    const kind = match[2]!.toLowerCase() as 'alpha' | 'beta' | 'rc';
    return { kind, build: `1.${minor}.0-${kind}.${match[3]}` };
  }
  return null;
}

function isRelease(text: string, minor: number): boolean {
  const version = versionPattern(minor);
  const trimmed = text.replace(/[\s.!]+$/, '');
  return (
    new RegExp(String.raw`^(kubernetes\s+)?${version}(\.0)?(\s+(is\s+)?released?|\s*\(release!?\))?$`, 'i').test(trimmed) ||
    new RegExp(String.raw`^release\s+(of\s+)?(kubernetes\s+)?${version}(\.0)?$`, 'i').test(trimmed)
  );
}

/** Another release's "1.12 Release Cycle Begins" in 1.11's schedule is not this cycle's start. */
function namesOnlyOtherReleases(text: string, minor: number): boolean {
  const versions = [...text.matchAll(/\bv?1\.(\d{1,2})\b/g)].map((match) => Number(match[1]));
  return versions.length > 0 && !versions.includes(minor);
}

function milestoneKind(what: string, minor: number): MilestoneKind | null {
  const text = what.toLowerCase();
  if (isRelease(what, minor)) return 'release';
  if (/start of (the )?release cycle|release cycle begins|coding (period )?(start|begins)/.test(text)) {
    return namesOnlyOtherReleases(what, minor) ? null : 'cycle-start';
  }
  if (/notify/.test(text)) return null;
  if (/\bthaw\b|end of code freeze|lift(ing)? (the )?code freeze/.test(text)) return 'thaw';
  if (NOT_THE_FREEZE.test(text)) return null;
  if (/code (and test )?freeze/.test(text)) return 'code-freeze';
  if (/test freeze/.test(text)) return 'test-freeze';
  if (/feature blog freeze/.test(text)) return 'feature-blog-freeze';
  if (/production readiness (soft )?freeze|\bprr freeze/.test(text)) return 'prr-freeze';
  if (/enhancements? freeze|features? (repo )?freeze/.test(text)) return 'enhancements-freeze';
  if (/docs? freeze/.test(text)) return 'docs-freeze';
  return null;
}

/** What kind of milestone a row's "What" describes, for release 1.`minor`. */
export function classify(what: string, minor: number): Classification {
  const build = findBuild(what, minor);
  const kind = milestoneKind(what, minor);
  if (kind) return { kind, build: build?.build ?? null };
  if (build) return { kind: build.kind, build: build.build };
  if (new RegExp(String.raw`\b${versionPattern(minor)}\.release[- ]candidate\b`, 'i').test(what)) return { kind: 'rc', build: null };
  return { kind: null, build: null };
}

/** Before "Docs Freeze" had that name, the docs deadline was "Docs complete — all PRs reviewed and ready to merge". */
export function isDocsComplete(what: string): boolean {
  return /^docs complete\b/i.test(what.trim());
}
