import { openPostgresStore } from './postgres-store.ts';
import type { Store } from './store.ts';
import { openSqliteStore } from './subscription-store.ts';

export interface StoreLocation {
  /** `postgres://…` selects PostgreSQL, shared by every replica. */
  databaseUrl?: string | undefined;
  /** Otherwise SQLite in this folder, for one process. */
  dataDir: string;
}

/** Opens the configured store, its schema brought up to date. */
export async function openStore({ databaseUrl, dataDir }: StoreLocation): Promise<Store> {
  return databaseUrl ? openPostgresStore(databaseUrl) : openSqliteStore(dataDir);
}
