import { Team, type Person, type TeamRole } from '../domain/team.ts';
import { toMinor } from '../domain/version.ts';
import { validateWith } from '../data/validation.ts';
import { ImportError } from './errors.ts';
import { parseHandle, parsePeople, PeopleError } from './team/people.ts';
import { knownRoleKey, roleKey, shadowedRole } from './team/roles.ts';
import { findTables, teamColumns, type MarkdownTable, type TableRow, type TeamColumns } from './team/table.ts';
import { isPlaceholder, plainText } from './team/text.ts';

export interface TeamSource {
  version: string;
  /** Path inside kubernetes/sig-release, e.g. releases/release-1.31/release-team.md */
  path: string;
  markdown: string;
}

const SIG_RELEASE_BLOB = 'https://github.com/kubernetes/sig-release/blob/master/';

/** 1.20's release-team.md is one line: "# MOVED to …/release_team.md". */
const MOVED_NOTICE = /\bmoved\b/i;

/** "**Emeritus Adviser:** Josh Berkus (…)" written below the table (1.15, 1.16). */
const LABELLED_LINE = /^\s*\*\*([^*]+?)\*\*\s*:?\s*(.+)$/;

interface Context {
  file: string;
}

function rowLabel(row: TableRow, role: string): string {
  return role ? `row "${role}" (line ${row.line})` : `row at line ${row.line}`;
}

function people(context: Context, field: string, cell: string): Person[] {
  try {
    return parsePeople(cell);
  } catch (error) {
    if (error instanceof PeopleError) throw new ImportError(context.file, field, error.message);
    throw error;
  }
}

function findTeamTable(markdown: string): { table: MarkdownTable; columns: TeamColumns } | null {
  for (const table of findTables(markdown)) {
    const columns = teamColumns(table.header);
    if (columns) return { table, columns };
  }
  return null;
}

function readRow(
  context: Context,
  row: TableRow,
  columns: TeamColumns,
): { role: string; leads: Person[]; shadows: Person[] } | null {
  const cell = (index: number): string => (index >= 0 ? (row.cells[index] ?? '') : '');
  if (row.cells.every((text) => plainText(text) === '')) return null;
  const role = plainText(cell(columns.role));
  const field = rowLabel(row, role);
  if (!role) throw new ImportError(context.file, field, 'the row names no role');
  const leadCell = cell(columns.leads);
  if (plainText(leadCell) === '')
    throw new ImportError(context.file, field, 'the name column is empty (write "TBD" or "N/A" for nobody)');
  const leads = people(context, `${field} name column`, leadCell);
  if (leads.length === 0 && !isPlaceholder(plainText(leadCell))) {
    throw new ImportError(context.file, field, `no name found in ${JSON.stringify(plainText(leadCell))}`);
  }
  const shadows = people(context, `${field} shadow column`, cell(columns.shadows));
  const handle = columns.handles >= 0 ? parseHandle(cell(columns.handles)) : null;
  const [onlyLead] = leads;
  if (handle && onlyLead && leads.length === 1 && !onlyLead.github) onlyLead.github = handle;
  return { role, leads, shadows };
}

function addRole(
  context: Context,
  roles: TeamRole[],
  role: string,
  leads: Person[],
  shadows: Person[],
  field: string,
): void {
  const shadowOf = shadowedRole(role);
  if (shadowOf) {
    // A separate "Enhancements Shadow" row: its names are that role's shadows.
    const key = roleKey(shadowOf);
    const target = roles.find((existing) => existing.key === key);
    if (target) target.shadows.push(...leads, ...shadows);
    else roles.push({ role: shadowOf, key, leads: [], shadows: [...leads, ...shadows] });
    return;
  }
  const key = roleKey(role);
  if (!key) throw new ImportError(context.file, field, `the role ${JSON.stringify(role)} has no letters or digits`);
  roles.push({ role, key, leads, shadows });
}

/** Well-known roles written as a bold label outside the table; "Special thanks" and prose are skipped. */
function labelledRoles(context: Context, markdown: string, roles: TeamRole[]): void {
  markdown.split(/\r?\n/).forEach((line, index) => {
    if (line.trim().startsWith('|')) return;
    const match = LABELLED_LINE.exec(line);
    if (!match) return;
    const role = plainText(match[1]!).replace(/:$/, '').trim();
    const key = knownRoleKey(role);
    if (!key || roles.some((existing) => existing.key === key)) return;
    const leads = people(context, `line ${index + 1} ("${role}")`, match[2]!);
    if (leads.length > 0) roles.push({ role, key, leads, shadows: [] });
  });
}

/**
 * Reads a release team file (release-team.md from 1.20, release_team.md for 1.6–1.20) into a Team.
 * Returns null when the file holds no team (e.g. 1.20's release-team.md pointer). Throws ImportError,
 * naming the file and row, for a file with no team table or a row that names no one.
 */
export function parseTeam(source: TeamSource): Team | null {
  const context: Context = { file: source.path };
  const version = toMinor(source.version);
  if (!version)
    throw new ImportError(
      source.path,
      'version',
      `${JSON.stringify(source.version)} is not a minor version like "1.31"`,
    );

  const found = findTeamTable(source.markdown);
  if (!found) {
    if (findTables(source.markdown).length === 0 && MOVED_NOTICE.test(source.markdown)) return null;
    throw new ImportError(source.path, null, 'no release team table (a table with a role and a name column) found');
  }

  const roles: TeamRole[] = [];
  for (const row of found.table.rows) {
    const read = readRow(context, row, found.columns);
    if (read) addRole(context, roles, read.role, read.leads, read.shadows, rowLabel(row, read.role));
  }
  if (roles.length === 0)
    throw new ImportError(source.path, `table at line ${found.table.line}`, 'the team table has no rows');
  labelledRoles(context, source.markdown, roles);

  const team = { version, source: source.path, url: SIG_RELEASE_BLOB + source.path.replace(/^\/+/, ''), roles };
  return validateWith(Team, team, source.path, ImportError);
}
