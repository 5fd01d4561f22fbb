/**
 * Work handed in during one turn of the event loop, done together once the turn's I/O has been read
 * (`setImmediate`), one job right after another. Under load, a turn reads several requests; answering their
 * questions back to back keeps the engine's code and data in the CPU's caches, where answering each between
 * the HTTP work of the others made every question cost about twice as much (see the README's Slack bench).
 * Alone, a job waits for nothing but the rest of its turn.
 */
export class TurnBatch {
  private pending: Array<() => void> = [];

  /** `work`'s result (or its error), once the jobs of this turn have run. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(this.drain);
      this.pending.push(() => {
        try {
          resolve(work());
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  private readonly drain = (): void => {
    const jobs = this.pending;
    this.pending = [];
    for (const job of jobs) job();
  };
}
