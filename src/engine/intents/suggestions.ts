import { compareMinor } from '../../domain/version.ts';

type Phrasing = (from: string, to: string) => string;

const whatBreaks: Phrasing = (from, to) => `what breaks if I upgrade from ${from} to ${to}`;

/**
 * A suggestion about going from one release to another ("what breaks if I upgrade from 1.30 to 1.31", "compare
 * 1.30 and 1.31"), only forwards: never a downgrade ("upgrade from 1.30 to 1.29") or a no-op ("from 1.31 to
 * 1.31"). Empty when either release is missing or `to` is not newer than `from`.
 */
export function forwardSuggestion(
  from: string | null | undefined,
  to: string | null | undefined,
  phrasing: Phrasing = whatBreaks,
): string[] {
  return from && to && compareMinor(from, to) < 0 ? [phrasing(from, to)] : [];
}
