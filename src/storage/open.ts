import { openPostgresStore } from './postgres-store.ts';
import type { StorageError } from './storage-error.ts';
import type { Store } from './store.ts';
import type { TokenCipher } from './token-cipher.ts';
import { openSqliteStore } from './subscription-store.ts';

export interface StoreLocation {
  /** `postgres://…` selects PostgreSQL, shared by every replica. */
  databaseUrl?: string | undefined;
  /** Otherwise SQLite in this folder, for one process. */
  dataDir: string;
  /** Told when the database starts failing and when it works again (SQLite; PostgreSQL errors surface as thrown). */
  onHealthChange?: (problem: StorageError | null) => void;
  /** Seals the tokens of Slack installations (SLACK_INSTALLATION_KEY); needed only with OAuth distribution. */
  installationCipher?: TokenCipher | undefined;
}

/** Opens the configured store, its schema brought up to date. */
export async function openStore({
  databaseUrl,
  dataDir,
  onHealthChange,
  installationCipher,
}: StoreLocation): Promise<Store> {
  const cipher = installationCipher ? { installationCipher } : {};
  return databaseUrl
    ? openPostgresStore(databaseUrl, cipher)
    : openSqliteStore(dataDir, { ...(onHealthChange ? { onHealthChange } : {}), ...cipher });
}
