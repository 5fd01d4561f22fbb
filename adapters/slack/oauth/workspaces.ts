import { webApi } from '@slack/bolt';
import type {
  InstallationKey,
  InstallationRefresh,
  InstallationStore,
  RefreshedTokens,
  StoredInstallation,
  UninstallOutcome,
} from '../../../src/storage/installations.ts';
import type { Logger } from '../../../src/log.ts';

/** Tokens expiring within this window are refreshed first (@slack/oauth's own window; Slack's last 12 hours). */
export const REFRESH_WINDOW_MS = 2 * 3_600_000;

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** The Web API client options the app uses (SLACK_API_URL, retries, timeout). */
  clientOptions: webApi.WebClientOptions;
}

const expiresWithin = (expiresAt: Date | null, now: Date): boolean =>
  expiresAt !== null && expiresAt.getTime() - now.getTime() <= REFRESH_WINDOW_MS;

/** The exact row of an installation found for an event (a team's, or its enterprise's org-wide one). */
export const keyOf = (installation: StoredInstallation): InstallationKey => ({
  enterpriseId: installation.enterpriseId,
  teamId: installation.teamId,
  isEnterpriseInstall: installation.isEnterpriseInstall,
});

interface RefreshAnswer {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
}

/** Exchanges a refresh token for a new token pair (Slack's token rotation). */
async function exchange(oauth: OAuthClient, refreshToken: string, now: Date) {
  const client = new webApi.WebClient(undefined, oauth.clientOptions);
  const answer = (await client.oauth.v2.access({
    client_id: oauth.clientId,
    client_secret: oauth.clientSecret,
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  })) as RefreshAnswer;
  if (!answer.access_token || !answer.refresh_token || !answer.expires_in)
    throw new Error('oauth.v2.access answered a token refresh without access_token, refresh_token and expires_in');
  return {
    token: answer.access_token,
    refreshToken: answer.refresh_token,
    expiresAt: new Date(now.getTime() + answer.expires_in * 1000),
  };
}

/** Refreshes whichever of the bot and user tokens expire soon. */
export function tokenRefresh(oauth: OAuthClient, clock: () => Date): InstallationRefresh {
  const dueNow = (installation: StoredInstallation) => {
    const now = clock();
    return {
      bot: installation.tokens.botRefreshToken !== null && expiresWithin(installation.botTokenExpiresAt, now),
      user: installation.tokens.userRefreshToken !== null && expiresWithin(installation.userTokenExpiresAt, now),
    };
  };
  return {
    needed: (installation) => {
      const due = dueNow(installation);
      return due.bot || due.user;
    },
    async refresh(installation): Promise<RefreshedTokens> {
      const due = dueNow(installation);
      const now = clock();
      const { tokens } = installation;
      const bot = due.bot ? await exchange(oauth, tokens.botRefreshToken!, now) : null;
      const user = due.user ? await exchange(oauth, tokens.userRefreshToken!, now) : null;
      return {
        tokens: {
          botToken: bot?.token ?? tokens.botToken,
          botRefreshToken: bot?.refreshToken ?? tokens.botRefreshToken,
          userToken: user?.token ?? tokens.userToken,
          userRefreshToken: user?.refreshToken ?? tokens.userRefreshToken,
        },
        botTokenExpiresAt: bot?.expiresAt ?? installation.botTokenExpiresAt,
        userTokenExpiresAt: user?.expiresAt ?? installation.userTokenExpiresAt,
      };
    },
  };
}

/** A workspace the bot is not (or no longer) installed in. */
export class NotInstalledError extends Error {
  override name = 'NotInstalledError';
}

/**
 * The installations serving workspaces, with tokens refreshed before they expire: one refresh per installation
 * across replicas (the store locks the row), and a failed refresh falls back to a token still valid.
 */
export class Workspaces {
  constructor(
    private readonly store: InstallationStore,
    private readonly refresh: InstallationRefresh,
    private readonly logger: Logger,
    private readonly clock: () => Date,
  ) {}

  /** The installation for an event's workspace, tokens fresh; null when the bot is not installed there. */
  async installation(key: InstallationKey): Promise<StoredInstallation | null> {
    const found = await this.store.findInstallation(key);
    if (!found || !this.refresh.needed(found)) return found;
    try {
      return await this.store.refreshInstallation(keyOf(found), this.refresh, this.clock());
    } catch (error) {
      const botTokenValid = (found.botTokenExpiresAt?.getTime() ?? Infinity) > this.clock().getTime();
      if (!botTokenValid) throw error;
      this.logger.warn(
        { err: error, team: found.teamId },
        'Slack token refresh failed; using the token until it expires',
      );
      return found;
    }
  }

  /** The bot token for a workspace (a subscription's team id), for posting digests. */
  async botToken(teamId: string): Promise<string> {
    const found = await this.installation({ teamId, enterpriseId: null, isEnterpriseInstall: false });
    if (!found?.tokens.botToken)
      throw new NotInstalledError(`k8s-release-bot is not installed in Slack workspace ${teamId}`);
    return found.tokens.botToken;
  }

  /** The workspace removed the app (or revoked its bot token): its installation goes, its subscriptions pause. */
  uninstall(key: InstallationKey, reason: string): Promise<UninstallOutcome> {
    return this.store.deleteInstallation(key, reason, this.clock());
  }

  /** Only user tokens were revoked: the bot keeps working without them. */
  async forgetUserToken(key: InstallationKey): Promise<void> {
    const found = await this.store.findInstallation(key);
    if (!found?.tokens.userToken) return;
    await this.store.saveInstallation(
      {
        ...found,
        tokens: { ...found.tokens, userToken: null, userRefreshToken: null },
        userTokenExpiresAt: null,
      },
      this.clock(),
    );
  }
}
