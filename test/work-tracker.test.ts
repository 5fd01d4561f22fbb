import { describe, expect, it } from 'vitest';
import { WorkTracker } from '../src/work-tracker.ts';

/** A promise the test settles when it chooses. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WorkTracker', () => {
  it('tracks a promise until it settles and hands it back unchanged', async () => {
    const tracker = new WorkTracker();
    const work = deferred<number>();
    const tracked = tracker.track(work.promise);
    expect(tracked).toBe(work.promise);
    expect(tracker.size).toBe(1);
    work.resolve(7);
    expect(await tracked).toBe(7);
    expect(tracker.size).toBe(0);
  });

  it('forgets a rejected promise without an unhandled rejection of its own', async () => {
    const tracker = new WorkTracker();
    const tracked = tracker.track(Promise.reject(new Error('reply failed')));
    await expect(tracked).rejects.toThrow('reply failed');
    await tick();
    expect(tracker.size).toBe(0);
  });

  it('runs a task at once and returns its result', async () => {
    const tracker = new WorkTracker();
    let started = false;
    const result = tracker.run(async () => {
      started = true;
      return 'answered';
    });
    expect(started).toBe(true);
    expect(await result).toBe('answered');
  });

  it('turns a task that throws synchronously into a rejection', async () => {
    const tracker = new WorkTracker();
    const result = tracker.run((): Promise<void> => {
      throw new Error('bug');
    });
    await expect(result).rejects.toThrow('bug');
  });

  it('refuses tasks after close, but still waits for promises it is handed', async () => {
    const tracker = new WorkTracker();
    tracker.close();
    expect(tracker.accepting).toBe(false);
    let ran = false;
    expect(
      tracker.run(async () => {
        ran = true;
      }),
    ).toBeNull();
    expect(ran).toBe(false);

    const late = deferred();
    tracker.track(late.promise);
    let drained = false;
    const drain = tracker.drain().then(() => {
      drained = true;
    });
    await tick();
    expect(drained).toBe(false);
    late.resolve();
    await drain;
    expect(drained).toBe(true);
  });

  it('refuses a second task with the same key while the first runs, and takes it again after', async () => {
    const tracker = new WorkTracker();
    const first = deferred();
    const one = tracker.run(() => first.promise, { key: 'share:C1:U1:value' });
    expect(one).not.toBeNull();
    expect(tracker.run(async () => undefined, { key: 'share:C1:U1:value' })).toBeNull();
    expect(tracker.run(async () => undefined, { key: 'share:C1:U2:value' })).not.toBeNull();
    first.resolve();
    await one;
    expect(tracker.run(async () => undefined, { key: 'share:C1:U1:value' })).not.toBeNull();
  });

  it('frees a key when its task fails', async () => {
    const tracker = new WorkTracker();
    await expect(tracker.run(() => Promise.reject(new Error('no')), { key: 'k' })).rejects.toThrow('no');
    expect(tracker.run(async () => 'again', { key: 'k' })).not.toBeNull();
  });

  it('drain closes, then waits until empty, including work tracked while draining', async () => {
    const tracker = new WorkTracker();
    const first = deferred();
    const second = deferred();
    tracker.track(first.promise);
    let drained = false;
    const drain = tracker.drain().then((outcome) => {
      drained = true;
      return outcome;
    });
    expect(tracker.accepting).toBe(false);
    // A reply acked in time hands its late delivery over after the first part settled.
    first.promise.then(() => tracker.track(second.promise));
    first.resolve();
    await tick();
    expect(drained).toBe(false);
    second.resolve();
    expect(await drain).toBe('drained');
  });

  it('drain with a deadline gives up on work that outlasts it, and reports so', async () => {
    const tracker = new WorkTracker();
    const stuck = deferred();
    tracker.track(stuck.promise);
    expect(await tracker.drain({ deadlineMs: 20 })).toBe('overran');
    expect(tracker.size).toBe(1);
    stuck.resolve();
    expect(await tracker.drain({ deadlineMs: 1000 })).toBe('drained');
  });

  it('drain of an empty tracker ends at once', async () => {
    expect(await new WorkTracker().drain({ deadlineMs: 10_000 })).toBe('drained');
  });
});
