// PLACEHOLDER: the team parser replaces this file; keep the exported signature.
import type { Team } from '../domain/team.ts';

export interface TeamSource {
  version: string;
  /** Path inside kubernetes/sig-release, e.g. releases/release-1.31/release-team.md */
  path: string;
  markdown: string;
}

/** Returns null when the file holds no team (e.g. 1.20's release-team.md pointer). */
export function parseTeam(source: TeamSource): Team | null {
  void source;
  return null;
}
