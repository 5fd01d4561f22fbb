import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HISTORY_SIZE, loadHistory, saveHistory } from '../../../adapters/console/history.ts';

describe('console history file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'console-history-'));

  it('saves oldest first and loads newest first (readline order), creating the folder', () => {
    const file = path.join(dir, 'nested', 'console_history');
    saveHistory(file, ['newest', 'middle', 'oldest']);
    expect(readFileSync(file, 'utf8')).toBe('oldest\nmiddle\nnewest\n');
    expect(loadHistory(file)).toEqual(['newest', 'middle', 'oldest']);
  });

  it('a missing file is an empty history', () => {
    expect(loadHistory(path.join(dir, 'nope'))).toEqual([]);
  });

  it('keeps at most HISTORY_SIZE entries and skips blank lines', () => {
    const file = path.join(dir, 'long');
    writeFileSync(file, `${Array.from({ length: HISTORY_SIZE + 20 }, (_, i) => `q${i}`).join('\n\n')}\n`);
    const loaded = loadHistory(file);
    expect(loaded).toHaveLength(HISTORY_SIZE);
    expect(loaded[0]).toBe(`q${HISTORY_SIZE + 19}`);
  });
});
