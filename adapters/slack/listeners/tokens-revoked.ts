import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../answering.ts';
import { eventInstallationKey } from './installation-key.ts';

interface TokensRevokedEvent {
  tokens?: { oauth?: string[]; bot?: string[] };
}

/**
 * Tokens were revoked: a revoked bot token ends the installation as an uninstall does (its digests pause);
 * revoked user tokens alone are forgotten and the bot keeps working.
 */
export function registerTokensRevoked(app: App, deps: ListenerDeps): void {
  app.event('tokens_revoked', async ({ event, context, logger }) => {
    const { tokens } = event as TokensRevokedEvent;
    const key = eventInstallationKey(context);
    if ((tokens?.bot ?? []).length > 0) {
      const outcome = await deps.workspaces.uninstall(key, "the app's bot token was revoked in this Slack workspace");
      logger.info(
        `Slack bot token revoked in ${key.teamId ?? key.enterpriseId}: ${outcome.paused} subscription(s) paused`,
      );
      return;
    }
    if ((tokens?.oauth ?? []).length > 0) await deps.workspaces.forgetUserToken(key);
  });
}
