import type { ConnectionGate } from './connection-gate.ts';
import type { SqliteDatabase } from './database.ts';
import {
  installationCandidates,
  installationId,
  openTokens,
  requireCipher,
  sealTokens,
  workspaceOf,
  type InstallationStore,
  type NewInstallation,
  type RefreshedTokens,
  type StoredInstallation,
} from './installations.ts';
import type { TokenCipher } from './token-cipher.ts';

interface InstallationRow {
  id: string;
  enterprise_id: string | null;
  team_id: string | null;
  is_enterprise_install: 0 | 1;
  details: string;
  tokens: string;
  key_id: string;
  bot_token_expires_at: string | null;
  user_token_expires_at: string | null;
  installed_at: string;
  updated_at: string;
}

const dateOrNull = (text: string | null): Date | null => (text ? new Date(text) : null);
const isoOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** The Slack installation methods of the SQLite store (see InstallationStore). */
export function sqliteInstallations(
  db: SqliteDatabase,
  cipher: TokenCipher | undefined,
  gate: ConnectionGate,
): InstallationStore {
  const selectById = db.prepare<[string], InstallationRow>('SELECT * FROM slack_installations WHERE id = ?');
  const selectAll = db.prepare<[], InstallationRow>('SELECT * FROM slack_installations ORDER BY id');
  const upsert = db.prepare<Record<string, unknown>, InstallationRow>(`
    INSERT INTO slack_installations (id, enterprise_id, team_id, is_enterprise_install, details, tokens, key_id,
      bot_token_expires_at, user_token_expires_at, installed_at, updated_at)
    VALUES (@id, @enterpriseId, @teamId, @isEnterpriseInstall, @details, @tokens, @keyId,
      @botTokenExpiresAt, @userTokenExpiresAt, @now, @now)
    ON CONFLICT (id) DO UPDATE SET
      enterprise_id = excluded.enterprise_id, team_id = excluded.team_id, details = excluded.details,
      tokens = excluded.tokens, key_id = excluded.key_id, bot_token_expires_at = excluded.bot_token_expires_at,
      user_token_expires_at = excluded.user_token_expires_at, updated_at = excluded.updated_at
    RETURNING *`);
  const updateTokens = db.prepare<Record<string, unknown>, InstallationRow>(`
    UPDATE slack_installations SET tokens = @tokens, key_id = @keyId, bot_token_expires_at = @botTokenExpiresAt,
      user_token_expires_at = @userTokenExpiresAt, updated_at = @now
    WHERE id = @id RETURNING *`);
  const deleteById = db.prepare<[string]>('DELETE FROM slack_installations WHERE id = ?');
  const pauseWorkspace = db.prepare<Record<string, unknown>>(`
    UPDATE subscriptions SET paused_at = @now, paused_reason = @reason
    WHERE platform = 'slack' AND workspace = @workspace AND paused_at IS NULL`);

  const toInstallation = (row: InstallationRow): StoredInstallation => ({
    enterpriseId: row.enterprise_id,
    teamId: row.team_id,
    isEnterpriseInstall: row.is_enterprise_install === 1,
    details: JSON.parse(row.details) as Record<string, unknown>,
    tokens: openTokens(requireCipher(cipher), row.id, row.tokens),
    botTokenExpiresAt: dateOrNull(row.bot_token_expires_at),
    userTokenExpiresAt: dateOrNull(row.user_token_expires_at),
    installedAt: new Date(row.installed_at),
    updatedAt: new Date(row.updated_at),
  });
  const sealedColumns = (id: string, fresh: Pick<NewInstallation, 'tokens'>) => {
    const sealing = requireCipher(cipher);
    return { tokens: sealTokens(sealing, id, fresh.tokens), keyId: sealing.currentKeyId };
  };
  const writeTokens = (id: string, fresh: RefreshedTokens, now: Date) =>
    updateTokens.all({
      id,
      ...sealedColumns(id, fresh),
      botTokenExpiresAt: isoOrNull(fresh.botTokenExpiresAt),
      userTokenExpiresAt: isoOrNull(fresh.userTokenExpiresAt),
      now: now.toISOString(),
    })[0];

  const removeAndPause = db.transaction((id: string, workspace: string | null, reason: string, now: string) => {
    const deleted = deleteById.run(id).changes > 0;
    const paused = workspace ? pauseWorkspace.run({ workspace, reason, now }).changes : 0;
    return { deleted, paused };
  });
  const reencryptAll = db.transaction((now: Date) => {
    const sealing = requireCipher(cipher);
    const rows = selectAll.all();
    const stale = rows.filter((row) => row.key_id !== sealing.currentKeyId);
    for (const row of stale) writeTokens(row.id, toInstallation(row), now);
    return { reencrypted: stale.length, total: rows.length };
  });

  return {
    async saveInstallation(installation, now) {
      const id = installationId(installation);
      const [row] = upsert.all({
        id,
        enterpriseId: installation.enterpriseId,
        teamId: installation.teamId,
        isEnterpriseInstall: installation.isEnterpriseInstall ? 1 : 0,
        details: JSON.stringify(installation.details),
        ...sealedColumns(id, installation),
        botTokenExpiresAt: isoOrNull(installation.botTokenExpiresAt),
        userTokenExpiresAt: isoOrNull(installation.userTokenExpiresAt),
        now: now.toISOString(),
      });
      return toInstallation(row!);
    },
    async findInstallation(key) {
      for (const id of installationCandidates(key)) {
        const row = selectById.get(id);
        if (row) return toInstallation(row);
      }
      return null;
    },
    async deleteInstallation(key, reason, now) {
      return removeAndPause.immediate(installationId(key), workspaceOf(key), reason, now.toISOString());
    },
    async refreshInstallation(key, refresh, now) {
      const id = installationId(key);
      return gate.exclusive(async () => {
        // BEGIN IMMEDIATE takes SQLite's write lock now: another process refreshing waits here, then reads
        // the row this one stored.
        db.exec('BEGIN IMMEDIATE');
        try {
          const row = selectById.get(id);
          let current = row ? toInstallation(row) : null;
          if (current && refresh.needed(current)) {
            const fresh = await refresh.refresh(current);
            current = toInstallation(writeTokens(id, fresh, now)!);
          }
          db.exec('COMMIT');
          return current;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      });
    },
    async reencryptInstallations(now) {
      return reencryptAll.immediate(now);
    },
  };
}
