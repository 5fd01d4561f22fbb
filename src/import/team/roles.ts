/**
 * Role names changed over the years ("Features" became "Enhancements", "Marketing coordinator"
 * became "Communications", "Release branch" became "Branch Manager"); the key lets a question
 * about "comms" or "enhancements" reach every release. Matched against lowercased, punctuation-free text.
 */
const KNOWN_ROLES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(release team )?lead$/, 'lead'],
  [/^emeritus advis[eo]rs?$/, 'emeritus-adviser'],
  [/^(enhancements?|features?)$/, 'enhancements'],
  // 1.8 and 1.9 name the role "Upgrade Testing / CI Signal"; it is the CI Signal lead.
  [/\bci signal\b/, 'ci-signal'],
  [/^release signal$/, 'release-signal'],
  [/^(bug triage|bugs)$/, 'bug-triage'],
  [/^release notes$/, 'release-notes'],
  [/^(docs|documentation)$/, 'docs'],
  [/^(communications?|comms|marketing coordinator)$/, 'comms'],
  [/^(branch manager|release branch( manager)?)$/, 'branch-manager'],
  [/^(test )?infra$/, 'test-infra'],
  [/^patch release (manager|team)s?$/, 'patch-release'],
];

function simplify(role: string): string {
  return role
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The normalised key for a role's text, or null when it is not one of the well-known roles. */
export function knownRoleKey(role: string): string | null {
  let text = simplify(role);
  if (text !== 'lead' && text !== 'release team lead') text = text.replace(/ lead$/, '');
  for (const [pattern, key] of KNOWN_ROLES) if (pattern.test(text)) return key;
  return null;
}

/** The normalised key for any role: a well-known key, else a slug of its text ("" if it has none). */
export function roleKey(role: string): string {
  return knownRoleKey(role) ?? simplify(role).replace(/ /g, '-');
}

/** "Enhancements Shadow" / "Lead Shadows" name the shadows of another row's role; returns that role's text. */
export function shadowedRole(role: string): string | null {
  const match = /^(.*?)[\s-]*shadows?$/i.exec(role.trim());
  return match?.[1] ? match[1] : null;
}
