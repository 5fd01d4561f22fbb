import type { Installation, InstallationQuery, InstallationStore as OAuthInstallationStore } from '@slack/oauth';
import type {
  InstallationKey,
  InstallationStore,
  NewInstallation,
  StoredInstallation,
} from '../../../src/storage/installations.ts';

const fromSeconds = (seconds: number | undefined): Date | null =>
  seconds === undefined ? null : new Date(seconds * 1000);
const toSeconds = (date: Date | null): number | undefined =>
  date === null ? undefined : Math.floor(date.getTime() / 1000);

/** What @slack/oauth hands over at install time, as the store keeps it: tokens apart, to be sealed. */
export function toNewInstallation(installation: Installation): NewInstallation {
  const isEnterpriseInstall = installation.isEnterpriseInstall === true;
  const { bot, user } = installation;
  const details = {
    ...installation,
    bot: bot ? { ...bot, token: undefined, refreshToken: undefined, expiresAt: undefined } : undefined,
    user: { ...user, token: undefined, refreshToken: undefined, expiresAt: undefined },
  };
  return {
    enterpriseId: installation.enterprise?.id ?? null,
    teamId: isEnterpriseInstall ? null : (installation.team?.id ?? null),
    isEnterpriseInstall,
    // JSON drops the undefined token fields: nothing secret is kept in clear.
    details: JSON.parse(JSON.stringify(details)) as Record<string, unknown>,
    tokens: {
      botToken: bot?.token ?? null,
      botRefreshToken: bot?.refreshToken ?? null,
      userToken: user.token ?? null,
      userRefreshToken: user.refreshToken ?? null,
    },
    botTokenExpiresAt: fromSeconds(bot?.expiresAt),
    userTokenExpiresAt: fromSeconds(user.expiresAt),
  };
}

/** The stored installation in @slack/oauth's shape, tokens put back. */
export function toOAuthInstallation(stored: StoredInstallation): Installation {
  const details = stored.details as unknown as Installation;
  const { tokens } = stored;
  return {
    ...details,
    ...(details.bot && tokens.botToken
      ? {
          bot: {
            ...details.bot,
            token: tokens.botToken,
            ...(tokens.botRefreshToken ? { refreshToken: tokens.botRefreshToken } : {}),
            ...(stored.botTokenExpiresAt ? { expiresAt: toSeconds(stored.botTokenExpiresAt)! } : {}),
          },
        }
      : {}),
    user: {
      ...details.user,
      token: tokens.userToken ?? undefined,
      ...(tokens.userRefreshToken ? { refreshToken: tokens.userRefreshToken } : {}),
      ...(stored.userTokenExpiresAt ? { expiresAt: toSeconds(stored.userTokenExpiresAt)! } : {}),
    },
  };
}

export const keyOfQuery = (query: InstallationQuery<boolean>): InstallationKey => ({
  enterpriseId: query.enterpriseId ?? null,
  teamId: query.isEnterpriseInstall ? null : (query.teamId ?? null),
  isEnterpriseInstall: query.isEnterpriseInstall,
});

/** The bot's database as @slack/oauth's installation store (what handleCallback saves into). */
export function oauthInstallationStore(store: InstallationStore, clock: () => Date): OAuthInstallationStore {
  return {
    async storeInstallation(installation) {
      await store.saveInstallation(toNewInstallation(installation as Installation), clock());
    },
    async fetchInstallation(query) {
      const found = await store.findInstallation(keyOfQuery(query));
      if (!found) throw new Error(`no Slack installation for ${query.teamId ?? query.enterpriseId}`);
      return toOAuthInstallation(found) as never;
    },
    async deleteInstallation(query) {
      await store.deleteInstallation(keyOfQuery(query), 'the Slack installation was deleted', clock());
    },
  };
}
