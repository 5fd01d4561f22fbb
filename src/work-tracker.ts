import { settlesWithin } from './settles-within.ts';

/** Calls `task` now; a synchronous throw becomes a rejection, as if the task were async throughout. */
function start<T>(task: () => Promise<T>): Promise<T> {
  try {
    return task();
  } catch (error) {
    return Promise.reject(error);
  }
}

/** How a drain ended: everything finished, or the deadline came first (what is left is abandoned). */
export type DrainOutcome = 'drained' | 'overran';

/**
 * Work still under way (replies being sent, digests being posted), so a shutdown can let it finish.
 * `run` starts a task unless the tracker is closed, or unless a task with the same key is still running
 * (a double click); `track` follows a promise already started, which cannot be refused, so a drain waits
 * for it even after close. `drain` closes and waits until nothing is tracked, work tracked meanwhile
 * included.
 */
export class WorkTracker {
  private readonly pending = new Set<Promise<unknown>>();
  private readonly keys = new Set<string>();
  private closed = false;

  /** False once closed: `run` starts nothing more. */
  get accepting(): boolean {
    return !this.closed;
  }

  /** How much work is tracked right now. */
  get size(): number {
    return this.pending.size;
  }

  /** Follows `work` until it settles; returns it unchanged (its rejection is the caller's to handle). */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const forget = (): void => {
      this.pending.delete(work);
    };
    work.then(forget, forget);
    return work;
  }

  /**
   * Starts and tracks `task`, or returns null without starting it: after close, or while a task with the
   * same `key` is still running. A task that throws synchronously rejects the returned promise.
   */
  run<T>(task: () => Promise<T>, options: { key?: string } = {}): Promise<T> | null {
    const { key } = options;
    if (this.closed || (key !== undefined && this.keys.has(key))) return null;
    const started = start(task);
    if (key === undefined) return this.track(started);
    this.keys.add(key);
    return this.track(started.finally(() => this.keys.delete(key)));
  }

  /** Refuses new tasks from now on; work already tracked goes on. */
  close(): void {
    this.closed = true;
  }

  /** Closes, then waits until nothing is tracked, or until `deadlineMs` has passed. */
  async drain(options: { deadlineMs?: number } = {}): Promise<DrainOutcome> {
    this.close();
    const { deadlineMs } = options;
    if (deadlineMs === undefined) {
      await this.settled();
      return 'drained';
    }
    return (await settlesWithin(this.settled(), deadlineMs)) ? 'drained' : 'overran';
  }

  private async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
