import type { StoreHealthOptions } from './health-guard.ts';
import type { Store } from './store.ts';
import type { TokenCipher } from './token-cipher.ts';
import { openSqliteStore } from './subscription-store.ts';

export interface StoreLocation {
  /** `postgres://…` selects PostgreSQL, shared by every replica. */
  databaseUrl?: string | undefined;
  /** Otherwise SQLite in this folder, for one process. */
  dataDir: string;
  /** Told when the database starts failing and when it works again (see StoreHealthOptions). */
  onHealthChange?: StoreHealthOptions['onHealthChange'];
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
  const options = {
    ...(onHealthChange ? { onHealthChange } : {}),
    ...(installationCipher ? { installationCipher } : {}),
  };
  if (!databaseUrl) return openSqliteStore(dataDir, options);
  // pg loads only where PostgreSQL is configured.
  const { openPostgresStore } = await import('./postgres-store.ts');
  return openPostgresStore(databaseUrl, options);
}
