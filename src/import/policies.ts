import { Policies, type PolicySource } from '../domain/policy.ts';
import { validateWith } from '../data/validation.ts';
import { ImportError } from './errors.ts';
import { UPSTREAM_REPOSITORIES, type UpstreamFolder } from './source.ts';
import { readYaml } from './yaml.ts';

export const POLICIES_FILE = 'policies.yaml';

/** Reads a source file of the inputs by its `<upstream folder>/<path>` name; null when it does not exist. */
export type SourceFileReader = (folder: UpstreamFolder, path: string) => Promise<string | null>;

/** Markdown wraps lines anywhere and the pages come with CRLF or LF: compare words, not line breaks. */
const words = (text: string): string => text.replace(/\s+/g, ' ').trim();

function splitSource(file: string): { folder: UpstreamFolder; path: string } | null {
  const at = file.indexOf('/');
  const folder = file.slice(0, at);
  return folder in UPSTREAM_REPOSITORIES ? { folder: folder as UpstreamFolder, path: file.slice(at + 1) } : null;
}

/** Every quote with where it sits in the policies file, e.g. "versionSkew.rules[1].sources[0]". */
function sourcesOf(policies: Policies): Array<{ at: string; source: PolicySource }> {
  const list = (prefix: string, items: Array<{ sources: PolicySource[] }>) =>
    items.flatMap((item, i) => item.sources.map((source, j) => ({ at: `${prefix}[${i}].sources[${j}]`, source })));
  return [
    ...list('versionSkew.rules', policies.versionSkew.rules),
    ...list('versionSkew.upgradeOrder', policies.versionSkew.upgradeOrder),
    ...list('supportPolicy', policies.supportPolicy),
  ];
}

/**
 * The reviewed policies (data/policies.yaml), validated, with every quote checked against the source file it
 * names: a quote that no longer appears means the policy page changed, and the statement must be reviewed
 * before it is served again.
 */
export async function importPolicies(text: string, file: string, read: SourceFileReader): Promise<Policies> {
  const raw = readYaml(text, file);
  const policies = validateWith(Policies, raw, file, ImportError);
  const pages = new Map<string, Promise<string | null>>();
  for (const { at, source } of sourcesOf(policies)) {
    const where = splitSource(source.file);
    if (!where) throw new ImportError(file, `${at}.file`, `unknown upstream folder in ${JSON.stringify(source.file)}`);
    if (!pages.has(source.file)) pages.set(source.file, read(where.folder, where.path));
    const page = await pages.get(source.file)!;
    if (page === null) throw new ImportError(file, `${at}.file`, `${source.file} is not in the inputs`);
    if (!words(page).includes(words(source.quote))) {
      const detail = `no longer appears in ${source.file}; review the statement against the page`;
      throw new ImportError(file, `${at}.quote`, detail);
    }
  }
  return policies;
}
