import type { AnyMiddlewareArgs, Authorize, Middleware, webApi } from '@slack/bolt';
import type { Logger as BoltLogger } from '@slack/bolt';
import type { Config } from '../../../src/config.ts';
import type { RouteHandler } from '../../../src/health.ts';
import type { Logger } from '../../../src/log.ts';
import type { InstallationKey, InstallationStore, UninstallOutcome } from '../../../src/storage/installations.ts';
import { registerInstallRoutes } from './install-routes.ts';
import { NOT_INSTALLED, refuseWhereNotInstalled } from './not-installed.ts';
import { tokenRefresh, Workspaces } from './workspaces.ts';

/**
 * How the Slack adapter reaches workspaces: one workspace's SLACK_BOT_TOKEN, or every workspace that installed
 * the app (OAuth distribution), each with its own token from the installation store.
 */
export interface WorkspaceAccess {
  mode: 'single' | 'oauth';
  /** What Bolt's App authorizes events with. */
  appAuth: { token: string } | { authorize: Authorize<boolean> };
  /** Global middleware to run first (refusing workspaces that are not installed), if any. */
  middleware: Middleware<AnyMiddlewareArgs> | null;
  /** The bot token to post to a workspace (a subscription's team id) with. */
  botToken(teamId: string): Promise<string>;
  /** The app was removed from a workspace (or its bot token revoked). */
  uninstall(key: InstallationKey, reason: string): Promise<UninstallOutcome>;
  /** Only user tokens were revoked. */
  forgetUserToken(key: InstallationKey): Promise<void>;
}

const NOTHING_UNINSTALLED: UninstallOutcome = { deleted: false, paused: 0 };

/** One workspace, one token: nothing is stored, but an uninstall still pauses the workspace's subscriptions. */
export function singleWorkspace(
  token: string,
  store: InstallationStore | undefined,
  clock: () => Date,
): WorkspaceAccess {
  return {
    mode: 'single',
    appAuth: { token },
    middleware: null,
    botToken: async () => token,
    uninstall: async (key, reason) => (store ? store.deleteInstallation(key, reason, clock()) : NOTHING_UNINSTALLED),
    forgetUserToken: async () => undefined,
  };
}

export interface OAuthAccessOptions {
  config: Config;
  store: InstallationStore;
  /** Adds a GET route to the bot's HTTP server (the one serving the probes). */
  addRoute: (path: string, handler: RouteHandler) => void;
  clientOptions: webApi.WebClientOptions;
  logger: Logger;
  boltLogger: BoltLogger;
  clock: () => Date;
}

/** Every workspace that installed the app: the install routes, authorize from the store, token rotation. */
export function oauthWorkspaces(options: OAuthAccessOptions): WorkspaceAccess {
  const { config, store, clock } = options;
  const oauth = {
    clientId: config.SLACK_CLIENT_ID!,
    clientSecret: config.SLACK_CLIENT_SECRET!,
    clientOptions: options.clientOptions,
  };
  const workspaces = new Workspaces(store, tokenRefresh(oauth, clock), options.logger, clock);
  registerInstallRoutes(options.addRoute, {
    ...oauth,
    stateSecret: config.SLACK_STATE_SECRET!,
    store,
    publicUrl: config.PUBLIC_URL,
    logger: options.boltLogger,
    clock,
  });
  const authorize: Authorize<boolean> = async (source) => {
    const key = {
      enterpriseId: source.enterpriseId ?? null,
      teamId: source.teamId ?? null,
      isEnterpriseInstall: source.isEnterpriseInstall,
    };
    const installation = await workspaces.installation(key);
    const botToken = installation?.tokens.botToken;
    if (!installation || !botToken) return { [NOT_INSTALLED]: true };
    const details = installation.details as { bot?: { id?: string; userId?: string } };
    return {
      botToken,
      botId: details.bot?.id,
      botUserId: details.bot?.userId,
      userToken: installation.tokens.userToken ?? undefined,
      teamId: installation.teamId ?? source.teamId,
      enterpriseId: installation.enterpriseId ?? undefined,
    };
  };
  return {
    mode: 'oauth',
    appAuth: { authorize },
    middleware: refuseWhereNotInstalled(config.PUBLIC_URL),
    botToken: (teamId) => workspaces.botToken(teamId),
    uninstall: (key, reason) => workspaces.uninstall(key, reason),
    forgetUserToken: (key) => workspaces.forgetUserToken(key),
  };
}
