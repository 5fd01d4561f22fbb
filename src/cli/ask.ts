// `npm run --silent ask -- "<question>"`: the engine from the terminal. Other tools script against
// this, so its contract (arguments, output shapes, exit codes) stays stable.
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadDataset } from '../data/load.ts';
import type { Answer } from '../domain/answer.ts';
import { createEngine, type Engine } from '../engine/index.ts';
import { renderText } from '../render/text.ts';
import { parseUsage, UsageError } from './usage.ts';

const USAGE = `Usage: npm run --silent ask -- [options] ["<question>"]

Answers a Kubernetes release question from the bundled dataset. With no question, reads
questions from stdin, one per line, and answers each in turn.

Options:
  --json            print the answer as JSON (with stdin: one JSON object per line)
  --now <ISO-8601>  answer as if it were this time, e.g. 2024-09-01 or 2024-09-01T12:00:00Z
  --data <dir>      dataset folder (default: DATASET_DIR or the bundled data/)
  -h, --help        show this help

Exit codes: 0 answered; 1 the dataset could not be loaded; 2 bad arguments.`;

/** What `--json` prints: the Answer, its plain-text rendering, and every item flattened. */
function toJson(answer: Answer, now: Date): Record<string, unknown> {
  const { intent, title, summary, release, ...rest } = answer;
  return {
    intent,
    title,
    summary,
    release,
    text: renderText(answer),
    items: answer.sections.flatMap((section) =>
      section.items.map(({ kep, title, stage, sig, url, detail }) => ({ kep, title, stage, sig, url, detail })),
    ),
    ...rest,
    now: now.toISOString(),
  };
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Parses --now; a date alone means midnight UTC. Returns null for anything that is not ISO-8601. */
function parseNow(raw: string): Date | null {
  const text = raw.trim();
  if (!ISO_8601.test(text)) return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  return Number.isNaN(date.getTime()) ? null : date;
}

interface Options {
  json: boolean;
  now: Date | null;
  dataDir: string | undefined;
  question: string | null;
  help: boolean;
}

function readOptions(argv: string[]): Options {
  const { values, positionals } = parseUsage(() =>
    parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean' },
        now: { type: 'string' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    }),
  );
  let now: Date | null = null;
  if (values.now !== undefined) {
    now = parseNow(values.now);
    if (!now)
      throw new UsageError(
        `--now: not an ISO-8601 date or time: ${JSON.stringify(values.now.slice(0, 60))} (expected e.g. 2024-09-01 or 2024-09-01T12:00:00Z)`,
      );
  }
  return {
    json: values.json ?? false,
    now,
    dataDir: values.data ?? (process.env.DATASET_DIR?.trim() || undefined),
    question: positionals.length > 0 ? positionals.join(' ') : null,
    help: values.help ?? false,
  };
}

function write(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function answerOne(engine: Engine, question: string, options: Options): string {
  const now = options.now ?? new Date();
  const answer = engine.answer(question, now);
  return options.json ? JSON.stringify(toJson(answer, now)) : renderText(answer);
}

async function main(argv: string[]): Promise<number> {
  let options: Options;
  try {
    options = readOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`ask: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    write(USAGE);
    return 0;
  }

  let engine: Engine;
  try {
    engine = createEngine(options.dataDir ? loadDataset(path.resolve(options.dataDir)) : loadDataset());
  } catch (error) {
    process.stderr.write(`ask: cannot load the dataset: ${(error as Error).message}\n`);
    return 1;
  }

  if (options.question !== null) {
    write(answerOne(engine, options.question, options));
    return 0;
  }

  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const output = answerOne(engine, line, options);
    // Plain answers span several lines; a separator keeps them apart. JSON Lines needs none.
    if (!options.json && !first) write('---');
    write(output);
    first = false;
  }
  return 0;
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // A closed pipe (`ask … | head`) is the reader's choice, not a failure.
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
