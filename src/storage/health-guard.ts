import type { Store } from './store.ts';
import { StorageError } from './storage-error.ts';

export interface StoreHealthOptions {
  /**
   * Told when the database starts failing (the error names the store: the SQLite file, or the PostgreSQL
   * server and database) and when it works again: any successful write ends a failure, a successful read only
   * a failure of a read.
   */
  onHealthChange?: (problem: StorageError | null) => void;
}

type Access = 'read' | 'write';

const READS: ReadonlySet<string> = new Set<keyof Store>([
  'find',
  'list',
  'listActive',
  'posting',
  'postings',
  'findInstallation',
]);

/** Reports health changes once each; see StoreHealthOptions.onHealthChange. */
function healthTracker(onHealthChange: StoreHealthOptions['onHealthChange']) {
  let failed: Access | null = null;
  let reported = '';
  return {
    succeeded(access: Access): void {
      if (failed === null || (failed === 'write' && access === 'read')) return;
      failed = null;
      reported = '';
      onHealthChange?.(null);
    },
    failed(access: Access, problem: StorageError): void {
      if (failed !== 'write') failed = access;
      if (problem.message === reported) return;
      reported = problem.message;
      onHealthChange?.(problem);
    },
  };
}

/**
 * Every method of `store`, with the backend's failures turned into StorageErrors by `asStorageError` (anything
 * it leaves alone, a programming error, passes unchanged) and reported to the health listener.
 */
export function guardStore<T extends Store>(
  store: T,
  asStorageError: (error: unknown) => unknown,
  onHealthChange: StoreHealthOptions['onHealthChange'],
  /** Waited for before every call (SQLite: a reconnect in progress). */
  gate?: { idle(): Promise<void> },
): T {
  const health = healthTracker(onHealthChange);
  const wrapped = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(store)) {
    if (typeof method !== 'function') {
      wrapped[name] = method;
      continue;
    }
    const access: Access = READS.has(name) ? 'read' : 'write';
    wrapped[name] = async (...args: unknown[]) => {
      let result: unknown;
      try {
        await gate?.idle();
        result = await method(...args);
      } catch (error) {
        const surfaced = asStorageError(error);
        if (surfaced instanceof StorageError) health.failed(access, surfaced);
        throw surfaced;
      }
      health.succeeded(access);
      return result;
    };
  }
  return wrapped as T;
}
