import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { createEngine, type Engine } from '../../src/engine/index.ts';
import { createLogger } from '../../src/log.ts';

/** The project's logger (its redaction included), writing JSON lines into memory. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

/** Makes every lookup table of the engine's index throw, as a bug in an answer function would. */
function failEveryLookup(engine: Engine, failure: () => Error): void {
  for (const table of Object.values(engine.index)) {
    if (!(table instanceof Map)) continue;
    table.get = () => {
      throw failure();
    };
  }
}

describe('engine failures go through the logger it is given', () => {
  const dataset = loadDataset();

  it('an answer that throws is an apology to the user and one error line, naming the kind, not the question', () => {
    const { logger, lines } = capturedLogger();
    const engine = createEngine(dataset, { logger });
    failEveryLookup(engine, () => new Error('simulated bug'));
    const answer = engine.answer('tell me about 1.31 for my-secret-project', new Date('2026-09-01T00:00:00Z'));
    expect(answer.intent).toBe('unknown');
    expect(answer.summary).toContain('Sorry');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'engine: could not answer a question',
      kind: 'release-summary',
      err: { message: 'simulated bug' },
    });
    expect(JSON.stringify(lines[0])).not.toContain('my-secret-project');
  });

  it('a secret carried by the error is redacted, as everywhere the logger writes', () => {
    const { logger, lines } = capturedLogger();
    const engine = createEngine(dataset, { logger });
    failEveryLookup(engine, () =>
      Object.assign(new Error('upstream refused'), { token: 'xoxb-1234-5678-abcdefghijkl' }),
    );
    engine.answer('1.31', new Date('2026-09-01T00:00:00Z'));
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines[0])).not.toContain('xoxb-1234');
    expect(lines[0]).toMatchObject({ err: { token: '[redacted]' } });
  });
});
