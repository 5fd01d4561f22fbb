/**
 * Reads the provenance table of an input folder's upstream/SOURCES.md:
 * | `folder/` | owner/repo | `commit` | 2026-07-24 | Apache-2.0 | 1764 |
 * Rows without a single commit (e.g. "per file") give null.
 */
export interface SourcesRow {
  commit: string | null;
  commitDate: string | null;
  license: string | null;
}

export function parseSourcesTable(markdown: string): Map<string, SourcesRow> {
  const rows = new Map<string, SourcesRow>();
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 7) continue;
    const folder = /^`([^`]+?)\/?`$/.exec(cells[1] ?? '')?.[1];
    if (!folder) continue;
    const commit = /^`([0-9a-f]{7,40})`$/.exec(cells[3] ?? '')?.[1] ?? null;
    const commitDate = /^\d{4}-\d{2}-\d{2}$/.test(cells[4] ?? '') ? cells[4]! : null;
    rows.set(folder, { commit, commitDate, license: cells[5] || null });
  }
  return rows;
}
