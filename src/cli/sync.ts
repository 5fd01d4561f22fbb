// npm run --silent sync -- [--from <dir>] [--out data] [--overrides data/overrides.yaml]
// Imports the dataset from a local folder holding upstream/<repository>/… and curated/…, or, without
// --from, from the upstream repositories over HTTPS. Writes nothing unless everything validated.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../config.ts';
import { BUNDLED_DATA_DIR } from '../data/paths.ts';
import { ImportError } from '../import/errors.ts';
import { ANNOUNCEMENTS_FILE, importDataset } from '../import/import.ts';
import { parseOverridesFile } from '../import/overrides.ts';
import { createProgressPrinter } from '../import/progress.ts';
import { createGitHubReader } from '../import/readers/github.ts';
import { createLocalReader, readOptionalFile } from '../import/readers/local.ts';
import type { SourceReader } from '../import/source.ts';
import { renderDatasetFiles, writeDataset } from '../import/write.ts';

const USAGE = `usage: npm run --silent sync -- [--from <dir>] [--out <dir>] [--overrides <file>]
  --from <dir>       import from a local folder holding upstream/ and curated/
                     (without it, fetch from GitHub over HTTPS; GITHUB_TOKEN raises the rate limit)
  --out <dir>        where to write the dataset (default: the bundled data/ folder)
  --overrides <file> reviewed corrections (default: data/overrides.yaml)
  --api-url <url>    GitHub API base (default https://api.github.com)
  --raw-url <url>    raw file base (default https://raw.githubusercontent.com)`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      out: { type: 'string' },
      overrides: { type: 'string' },
      'api-url': { type: 'string' },
      'raw-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const outDir = path.resolve(values.out ?? BUNDLED_DATA_DIR);
  const overridesFile = path.resolve(values.overrides ?? path.join(BUNDLED_DATA_DIR, 'overrides.yaml'));
  const overrides = parseOverridesFile(await readOptionalFile(overridesFile), overridesFile);

  const started = performance.now();
  let reader: SourceReader;
  let printer: ReturnType<typeof createProgressPrinter> | null = null;
  if (values.from) {
    reader = createLocalReader(path.resolve(values.from));
  } else {
    loadDotEnv();
    const config = loadConfig(process.env);
    printer = createProgressPrinter(process.stderr);
    reader = createGitHubReader({
      apiUrl: values['api-url'],
      rawUrl: values['raw-url'],
      token: config.GITHUB_TOKEN,
      curatedDir: path.join(BUNDLED_DATA_DIR, 'curated'),
      progress: printer.update,
    });
  }
  let imported: Awaited<ReturnType<typeof importDataset>>;
  try {
    imported = await importDataset(reader, {
      overrides: overrides.keps,
      apiOverrides: overrides.deprecatedApis,
      overridesFile,
    });
  } finally {
    printer?.finish();
  }
  const { dataset, announcementsText } = imported;
  const files = renderDatasetFiles(dataset);
  await writeDataset(outDir, files, new Map([[path.join('curated', ANNOUNCEMENTS_FILE), announcementsText]]));

  const { counts } = dataset.manifest;
  const bytes = [...files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  console.error(
    `sync: wrote ${path.relative(process.cwd(), outDir) || '.'} from ${reader.origin} in ${((performance.now() - started) / 1000).toFixed(1)} s — ` +
      `${counts.releases} releases, ${counts.schedules} schedules, ${counts.teams} teams, ${counts.keps} KEPs, ` +
      `${counts.deprecatedApis} deprecated APIs, ${counts.featureGates} feature gates, ${counts.releaseNotes} release notes, ` +
      `${counts.patchReleases} scheduled patches, ${counts.platformCycles} platform cycles, ` +
      `${counts.policyStatements} policy statements, ${counts.overrides} overrides, ${dataset.manifest.warnings.length} warnings; ` +
      `${(bytes / 1024).toFixed(0)} KiB; data as of ${dataset.manifest.dataDate}`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ImportError)
      console.error(`sync failed: ${error.message}\nThe current dataset was left untouched.`);
    else if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
      console.error(`${error.message}\n${USAGE}`);
    else
      console.error(
        `sync failed: ${error instanceof Error ? error.message : String(error)}\nThe current dataset was left untouched.`,
      );
    process.exit(1);
  },
);
