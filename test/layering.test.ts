import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/data/paths.ts';

/** Every relative module a TypeScript file imports or re-exports, resolved to a repository path. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/\bfrom\s+'(\.[^']+)'|\bimport\(\s*'(\.[^']+)'\s*\)|^import\s+'(\.[^']+)'/gm)];
  return specifiers.map((match) => {
    const specifier = match[1] ?? match[2] ?? match[3]!;
    return path.relative(REPO_ROOT, path.resolve(path.dirname(file), specifier));
  });
}

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(REPO_ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** `file → imported` for every import of a file under `folder` that `allowed` rejects. */
function violations(folder: string, allowed: (imported: string) => boolean): string[] {
  return sourceFiles(folder).flatMap((file) =>
    relativeImports(file)
      .filter((imported) => !allowed(imported))
      .map((imported) => `${path.relative(REPO_ROOT, file)} → ${imported}`),
  );
}

const under = (folder: string) => (imported: string) => imported.startsWith(`${folder}/`);

describe('the import graph has no upward arrow', () => {
  it('finds the imports it checks (the scanner itself works)', () => {
    expect(relativeImports(path.join(REPO_ROOT, 'src/bot.ts'))).toContain('src/engine/index.ts');
  });

  it('src/ never imports adapters/', () => {
    expect(violations('src', under('src'))).toEqual([]);
  });

  it('src/domain/ imports nothing but the domain', () => {
    expect(violations('src/domain', under('src/domain'))).toEqual([]);
  });

  it('src/storage/ imports only the domain, itself and the logger (no features)', () => {
    const allowed = (imported: string) =>
      under('src/storage')(imported) || under('src/domain')(imported) || imported === 'src/log.ts';
    expect(violations('src/storage', allowed)).toEqual([]);
  });
});

const PLATFORM_ADAPTERS = ['adapters/slack', 'adapters/discord', 'adapters/console'];

/** `file:line` for every line of a platform adapter that `pattern` matches. */
function linesMatching(pattern: RegExp): string[] {
  return PLATFORM_ADAPTERS.flatMap((folder) =>
    sourceFiles(folder).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, at) =>
          pattern.test(line) ? [`${path.relative(REPO_ROOT, file)}:${at + 1}: ${line.trim()}`] : [],
        ),
    ),
  );
}

describe('platform adapters see one port (src/port.ts), never the bot, the engine or the dataset', () => {
  const reachesIn = /\.\s*(engine|dataset)\b/;

  it('finds what it forbids (the scanner itself works)', () => {
    expect(reachesIn.test('context.bot.engine.notice(problem, context.bot.now())')).toBe(true);
    expect(reachesIn.test('formatBanner(bot.dataset.manifest.dataDate)')).toBe(true);
    expect(reachesIn.test('formatBanner(bot.catalogue().dataDate)')).toBe(false);
  });

  it('no adapter reaches bot.engine or bot.dataset', () => {
    expect(linesMatching(reachesIn)).toEqual([]);
  });

  it('no adapter imports the Bot class, the engine, the data loader or the live snapshot', () => {
    const forbidden = (imported: string) =>
      imported === 'src/bot.ts' ||
      imported === 'src/engine/index.ts' ||
      imported.startsWith('src/data/') ||
      imported.startsWith('src/live/');
    for (const folder of PLATFORM_ADAPTERS) expect(violations(folder, (imported) => !forbidden(imported))).toEqual([]);
  });
});
