import type pg from 'pg';
import {
  installationCandidates,
  installationId,
  openTokens,
  requireCipher,
  sealTokens,
  workspaceOf,
  type InstallationStore,
  type RefreshedTokens,
  type StoredInstallation,
} from './installations.ts';
import type { TokenCipher } from './token-cipher.ts';

interface InstallationRow {
  id: string;
  enterprise_id: string | null;
  team_id: string | null;
  is_enterprise_install: boolean;
  details: Record<string, unknown>;
  tokens: string;
  key_id: string;
  bot_token_expires_at: Date | null;
  user_token_expires_at: Date | null;
  installed_at: Date;
  updated_at: Date;
}

/** Runs `work` in one transaction on one connection of the pool. */
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The Slack installation methods of the PostgreSQL store (see InstallationStore). */
export function postgresInstallations(pool: pg.Pool, cipher: TokenCipher | undefined): InstallationStore {
  const toInstallation = (row: InstallationRow): StoredInstallation => ({
    enterpriseId: row.enterprise_id,
    teamId: row.team_id,
    isEnterpriseInstall: row.is_enterprise_install,
    details: row.details,
    tokens: openTokens(requireCipher(cipher), row.id, row.tokens),
    botTokenExpiresAt: row.bot_token_expires_at,
    userTokenExpiresAt: row.user_token_expires_at,
    installedAt: row.installed_at,
    updatedAt: row.updated_at,
  });
  const sealed = (id: string, fresh: Pick<RefreshedTokens, 'tokens'>): [string, string] => {
    const sealing = requireCipher(cipher);
    return [sealTokens(sealing, id, fresh.tokens), sealing.currentKeyId];
  };
  const writeTokens = async (client: pg.ClientBase, id: string, fresh: RefreshedTokens, now: Date) => {
    const { rows } = await client.query<InstallationRow>(
      `UPDATE slack_installations SET tokens = $2, key_id = $3, bot_token_expires_at = $4, user_token_expires_at = $5,
         updated_at = $6 WHERE id = $1 RETURNING *`,
      [id, ...sealed(id, fresh), fresh.botTokenExpiresAt, fresh.userTokenExpiresAt, now],
    );
    return rows[0]!;
  };

  return {
    async saveInstallation(installation, now) {
      const id = installationId(installation);
      const { rows } = await pool.query<InstallationRow>(
        `INSERT INTO slack_installations (id, enterprise_id, team_id, is_enterprise_install, details, tokens, key_id,
           bot_token_expires_at, user_token_expires_at, installed_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
         ON CONFLICT (id) DO UPDATE SET
           enterprise_id = excluded.enterprise_id, team_id = excluded.team_id, details = excluded.details,
           tokens = excluded.tokens, key_id = excluded.key_id, bot_token_expires_at = excluded.bot_token_expires_at,
           user_token_expires_at = excluded.user_token_expires_at, updated_at = excluded.updated_at
         RETURNING *`,
        [
          id,
          installation.enterpriseId,
          installation.teamId,
          installation.isEnterpriseInstall,
          JSON.stringify(installation.details),
          ...sealed(id, installation),
          installation.botTokenExpiresAt,
          installation.userTokenExpiresAt,
          now,
        ],
      );
      return toInstallation(rows[0]!);
    },
    async findInstallation(key) {
      const ids = installationCandidates(key);
      const { rows } = await pool.query<InstallationRow>(
        'SELECT * FROM slack_installations WHERE id = ANY($1::text[])',
        [ids],
      );
      const best = ids.map((id) => rows.find((row) => row.id === id)).find((row) => row !== undefined);
      return best ? toInstallation(best) : null;
    },
    async deleteInstallation(key, reason, now) {
      const workspace = workspaceOf(key);
      return inTransaction(pool, async (client) => {
        const deleted = await client.query('DELETE FROM slack_installations WHERE id = $1', [installationId(key)]);
        const paused = workspace
          ? await client.query(
              `UPDATE subscriptions SET paused_at = $3, paused_reason = $2
               WHERE platform = 'slack' AND workspace = $1 AND paused_at IS NULL`,
              [workspace, reason, now],
            )
          : null;
        return { deleted: (deleted.rowCount ?? 0) > 0, paused: paused?.rowCount ?? 0 };
      });
    },
    async refreshInstallation(key, refresh, now) {
      const id = installationId(key);
      return inTransaction(pool, async (client) => {
        // FOR UPDATE waits for a replica already refreshing this row, then returns the row as that replica
        // committed it (READ COMMITTED re-reads the latest version): its fresh tokens, not a second refresh.
        const { rows } = await client.query<InstallationRow>(
          'SELECT * FROM slack_installations WHERE id = $1 FOR UPDATE',
          [id],
        );
        const current = rows[0] ? toInstallation(rows[0]) : null;
        if (!current || !refresh.needed(current)) return current;
        return toInstallation(await writeTokens(client, id, await refresh.refresh(current), now));
      });
    },
    async reencryptInstallations(now) {
      const sealing = requireCipher(cipher);
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<InstallationRow>(
          'SELECT * FROM slack_installations ORDER BY id FOR UPDATE',
        );
        const stale = rows.filter((row) => row.key_id !== sealing.currentKeyId);
        for (const row of stale) await writeTokens(client, row.id, toInstallation(row), now);
        return { reencrypted: stale.length, total: rows.length };
      });
    },
  };
}
