import type { Dataset } from '../domain/dataset.ts';
import { createEngine, type Engine, type EngineOptions } from '../engine/index.ts';

/** One dataset with everything built from it; never changes once made. */
export interface Snapshot {
  readonly dataset: Dataset;
  readonly engine: Engine;
  /** Where it was loaded from: "bundled", a folder, or the refresh that produced it. */
  readonly origin: string;
  readonly loadedAt: Date;
}

/** Anything that hands out the snapshot to use for one request. */
export interface SnapshotSource {
  current(): Snapshot;
}

export type SwapListener = (next: Snapshot, previous: Snapshot) => void;

/**
 * The one holder of the current snapshot. The Bot, the digest scheduler and the HTTP routes read
 * `current()` once per request and use that snapshot throughout, so a refresh never shows anyone half of
 * the old data and half of the new: the next snapshot (engine index included) is built completely before
 * a single reference assignment makes it current, and requests already running finish on the old one.
 */
export class LiveData implements SnapshotSource {
  private snapshot: Snapshot;
  private readonly listeners: SwapListener[] = [];

  constructor(
    dataset: Dataset,
    origin: string,
    private readonly engineOptions: EngineOptions = {},
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.snapshot = this.build(dataset, origin);
  }

  current(): Snapshot {
    return this.snapshot;
  }

  /** Builds the new snapshot, then makes it current in one step; listeners hear of it after. */
  swap(dataset: Dataset, origin: string): Snapshot {
    const next = this.build(dataset, origin);
    const previous = this.snapshot;
    this.snapshot = next;
    for (const listener of this.listeners) listener(next, previous);
    return next;
  }

  onSwap(listener: SwapListener): void {
    this.listeners.push(listener);
  }

  private build(dataset: Dataset, origin: string): Snapshot {
    return Object.freeze({
      dataset,
      engine: createEngine(dataset, this.engineOptions),
      origin,
      loadedAt: this.clock(),
    });
  }
}

/** A fixed snapshot, for callers (tests, CLIs) that never refresh. */
export function fixedSnapshot(dataset: Dataset, origin = 'fixed'): SnapshotSource {
  return new LiveData(dataset, origin);
}
