import { describe, expect, it } from 'vitest';
import { TurnBatch } from '../src/turn-batch.ts';

describe('TurnBatch', () => {
  it('runs the jobs handed in during one turn back to back, before any of their callers continues', async () => {
    const batch = new TurnBatch();
    const events: string[] = [];
    const job = (name: string) =>
      batch
        .run(() => {
          events.push(`run ${name}`);
          return name.toUpperCase();
        })
        .then((result) => {
          events.push(`continue ${name}`);
          return result;
        });
    const results = Promise.all([job('a'), job('b'), job('c')]);
    expect(events).toEqual([]);
    expect(await results).toEqual(['A', 'B', 'C']);
    expect(events).toEqual(['run a', 'run b', 'run c', 'continue a', 'continue b', 'continue c']);
  });

  it('waits for the I/O of its turn: a job handed in now runs after callbacks already due in this turn', async () => {
    const batch = new TurnBatch();
    const events: string[] = [];
    setImmediate(() => events.push('already due'));
    await batch.run(() => events.push('job'));
    expect(events).toEqual(['already due', 'job']);
  });

  it('runs work handed in by a continuation in a later batch, after the rest of its own batch', async () => {
    const batch = new TurnBatch();
    const events: string[] = [];
    let later: Promise<unknown> = Promise.resolve();
    const a = batch
      .run(() => events.push('run a'))
      .then(() => {
        events.push('continue a');
        later = batch.run(() => events.push('run b'));
      });
    const c = batch.run(() => events.push('run c')).then(() => events.push('continue c'));
    await Promise.all([a, c]);
    await later;
    expect(events).toEqual(['run a', 'run c', 'continue a', 'continue c', 'run b']);
  });

  it('rejects only the job that threw; the others of its turn still run and resolve', async () => {
    const batch = new TurnBatch();
    const first = batch.run(() => 1);
    const failing = batch.run(() => {
      throw new Error('engine bug');
    });
    const last = batch.run(() => 3);
    await expect(failing).rejects.toThrow('engine bug');
    expect(await first).toBe(1);
    expect(await last).toBe(3);
  });
});
