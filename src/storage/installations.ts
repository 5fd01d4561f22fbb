import { INSTALLATION_KEY_VARIABLE, type TokenCipher } from './token-cipher.ts';

/**
 * Which installation: a workspace's (keyed by its team), or an Enterprise Grid org-wide one (keyed by the
 * enterprise, with no team).
 */
export interface InstallationKey {
  enterpriseId: string | null;
  teamId: string | null;
  isEnterpriseInstall: boolean;
}

/** The secrets of an installation; stored only encrypted. */
export interface InstallationTokens {
  botToken: string | null;
  botRefreshToken: string | null;
  userToken: string | null;
  userRefreshToken: string | null;
}

export interface InstallationExpiries {
  /** When the bot token expires (token rotation), or null when it does not. */
  botTokenExpiresAt: Date | null;
  userTokenExpiresAt: Date | null;
}

export interface NewInstallation extends InstallationKey, InstallationExpiries {
  /** What Slack said at install time (names, ids, scopes), without any token: stored as given, in clear. */
  details: Record<string, unknown>;
  tokens: InstallationTokens;
}

export interface StoredInstallation extends NewInstallation {
  installedAt: Date;
  updatedAt: Date;
}

export type RefreshedTokens = Pick<StoredInstallation, 'tokens' | 'botTokenExpiresAt' | 'userTokenExpiresAt'>;

/** One token refresh, run while the installation's row is locked. */
export interface InstallationRefresh {
  /** Asked of the row as it is once locked: false when another replica refreshed it meanwhile. */
  needed(current: StoredInstallation): boolean;
  /** Exchanges the refresh tokens for new ones (Slack's oauth.v2.access); what it returns is stored. */
  refresh(current: StoredInstallation): Promise<RefreshedTokens>;
}

export interface UninstallOutcome {
  /** False when there was no installation (single-workspace mode, or already deleted). */
  deleted: boolean;
  /** Subscriptions of the workspace paused by this call. */
  paused: number;
}

/** Slack installations (OAuth distribution), part of the one Store. */
export interface InstallationStore {
  /** Creates or replaces the installation with this key. */
  saveInstallation(installation: NewInstallation, now: Date): Promise<StoredInstallation>;
  /**
   * The installation serving an event: an org-wide one for an enterprise install, else the team's (falling
   * back to its enterprise's org-wide one). Null when there is none.
   */
  findInstallation(key: InstallationKey): Promise<StoredInstallation | null>;
  /**
   * Deletes the installation and, in the same transaction, pauses the Slack subscriptions of its workspace
   * with `reason`. Pauses them even when no installation is stored (single-workspace mode).
   */
  deleteInstallation(key: InstallationKey, reason: string, now: Date): Promise<UninstallOutcome>;
  /**
   * Refreshes the installation's tokens, one caller at a time across every connection to the database: the row
   * is locked, read again, and `refresh` runs only if `needed` still says so; otherwise the stored tokens
   * (another replica's fresh ones) are returned. Null when the installation is gone.
   */
  refreshInstallation(
    key: InstallationKey,
    refresh: InstallationRefresh,
    now: Date,
  ): Promise<StoredInstallation | null>;
  /** Rewrites every installation sealed with an older key with the current one (after a key rotation). */
  reencryptInstallations(now: Date): Promise<{ reencrypted: number; total: number }>;
}

/** The primary key of an installation's row. */
export function installationId(key: InstallationKey): string {
  if (key.isEnterpriseInstall) {
    if (!key.enterpriseId) throw new RangeError('an org-wide installation needs its enterprise id');
    return `enterprise:${key.enterpriseId}`;
  }
  if (!key.teamId) throw new RangeError('a workspace installation needs its team id');
  return `team:${key.teamId}`;
}

/** The rows to look for, best first: the team's own installation, then its enterprise's org-wide one. */
export function installationCandidates(key: InstallationKey): string[] {
  if (key.isEnterpriseInstall) return [installationId(key)];
  const ids = key.teamId ? [installationId(key)] : [];
  if (key.enterpriseId) ids.push(installationId({ ...key, isEnterpriseInstall: true }));
  return ids;
}

/** The workspace whose subscriptions an uninstall pauses (subscriptions are keyed by team). */
export const workspaceOf = (key: InstallationKey): string | null => (key.isEnterpriseInstall ? null : key.teamId);

/** Used when no key is configured: any use of the installation methods names the variable to set. */
export function requireCipher(cipher: TokenCipher | undefined): TokenCipher {
  if (!cipher) {
    throw new Error(
      `${INSTALLATION_KEY_VARIABLE} is not set: Slack installations are stored encrypted and need a key (base64 of 32 bytes, e.g. openssl rand -base64 32)`,
    );
  }
  return cipher;
}

/** Seals the tokens for the row `id` (authenticated with it). */
export function sealTokens(cipher: TokenCipher, id: string, tokens: InstallationTokens): string {
  return cipher.seal(JSON.stringify(tokens), id);
}

export function openTokens(cipher: TokenCipher, id: string, sealed: string): InstallationTokens {
  const parsed = JSON.parse(cipher.open(sealed, id)) as Partial<InstallationTokens>;
  return {
    botToken: parsed.botToken ?? null,
    botRefreshToken: parsed.botRefreshToken ?? null,
    userToken: parsed.userToken ?? null,
    userRefreshToken: parsed.userRefreshToken ?? null,
  };
}
