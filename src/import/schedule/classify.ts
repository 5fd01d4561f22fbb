import { MILESTONE_KINDS, type MilestoneKind } from '../../domain/schedule.ts';

export interface Classification {
  kinds: MilestoneKind[];
  /** The pre-release tag of this release the row names, e.g. "1.31.0-rc.1". */
  build: string | null;
}

/** Kinds a schedule has at most once; alpha/beta/rc repeat. */
const REPEATING_KINDS: ReadonlySet<MilestoneKind> = new Set<MilestoneKind>(['alpha', 'beta', 'rc']);
export const SINGLE_KINDS: ReadonlySet<MilestoneKind> = new Set(
  MILESTONE_KINDS.filter((kind) => !REPEATING_KINDS.has(kind)),
);

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
    new RegExp(String.raw`^(kubernetes\s+)?${version}(\.0)?(\s+(is\s+)?released?|\s*\(release!?\))?$`, 'i').test(
      trimmed,
    ) || new RegExp(String.raw`^release\s+(of\s+)?(kubernetes\s+)?${version}(\.0)?$`, 'i').test(trimmed)
  );
}

/** Another release's "1.12 Release Cycle Begins" in 1.11's schedule is not this cycle's start. */
function namesOnlyOtherReleases(text: string, minor: number): boolean {
  const versions = [...text.matchAll(/\bv?1\.(\d{1,2})\b/g)].map((match) => Number(match[1]));
  return versions.length > 0 && !versions.includes(minor);
}

/** The one-off milestones a row's text names, in the order of the checks (a row may name several). */
function milestoneKinds(what: string, minor: number): MilestoneKind[] {
  const text = what.toLowerCase();
  if (isRelease(what, minor)) return ['release'];
  if (/start of (the )?release cycle|release cycle begins|coding (period )?(start|begins)/.test(text)) {
    return namesOnlyOtherReleases(what, minor) ? [] : ['cycle-start'];
  }
  if (/notify/.test(text)) return [];
  if (/\bthaw\b|end of code freeze|lift(ing)? (the )?code freeze/.test(text)) return ['thaw'];
  if (NOT_THE_FREEZE.test(text)) return [];
  const kinds: MilestoneKind[] = [];
  if (/code (and test )?freeze/.test(text)) kinds.push('code-freeze');
  // "Code Freeze and Test Freeze" (1.32+), "Begin code and test freeze" (1.12, 1.13): both milestones.
  if (/test freeze|code and test freeze/.test(text)) kinds.push('test-freeze');
  if (kinds.length > 0) return kinds;
  if (/feature blog freeze/.test(text)) return ['feature-blog-freeze'];
  if (/production readiness (soft )?freeze|\bprr freeze/.test(text)) return ['prr-freeze'];
  if (/enhancements? freeze|features? (repo )?freeze/.test(text)) return ['enhancements-freeze'];
  if (/docs? freeze/.test(text)) return ['docs-freeze'];
  return [];
}

/**
 * What milestones a row's "What" marks, for release 1.`minor`. A pre-release tag of this release adds its
 * build beside any other milestone ("Lift code freeze and v1.6.0-rc.1" is the thaw and an rc).
 */
export function classify(what: string, minor: number): Classification {
  const build = findBuild(what, minor);
  const kinds = milestoneKinds(what, minor);
  if (build && !kinds.includes('release')) kinds.push(build.kind);
  if (kinds.length > 0) return { kinds, build: build?.build ?? null };
  if (new RegExp(String.raw`\b${versionPattern(minor)}\.release[- ]candidate\b`, 'i').test(what))
    return { kinds: ['rc'], build: null };
  return { kinds: [], build: null };
}

/** Before "Docs Freeze" had that name, the docs deadline was "Docs complete — all PRs reviewed and ready to merge". */
export function isDocsComplete(what: string): boolean {
  return /^docs complete\b/i.test(what.trim());
}
