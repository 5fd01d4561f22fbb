// PLACEHOLDER: the schedule parser replaces this file; keep the exported signature.
import type { Schedule } from '../domain/schedule.ts';

export interface ScheduleSource {
  version: string;
  /** Path inside kubernetes/sig-release, e.g. releases/release-1.31/README.md */
  path: string;
  markdown: string;
}

/** Returns null when the README has no dated schedule (1.3, 1.4). Throws ImportError on malformed rows. */
export function parseSchedule(source: ScheduleSource): Schedule | null {
  void source;
  return null;
}
