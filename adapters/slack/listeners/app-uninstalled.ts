import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../answering.ts';
import { eventInstallationKey } from './installation-key.ts';

/** The app was removed from a workspace: its installation is deleted and its digests pause (Bolt skips authorize). */
export function registerAppUninstalled(app: App, deps: ListenerDeps): void {
  app.event('app_uninstalled', async ({ context, logger }) => {
    const key = eventInstallationKey(context);
    const outcome = await deps.workspaces.uninstall(key, 'the app was uninstalled from this Slack workspace');
    const installation = outcome.deleted ? 'deleted' : 'not stored';
    logger.info(
      `Slack app uninstalled from ${key.teamId ?? key.enterpriseId}: ` +
        `installation ${installation}, ${outcome.paused} subscription(s) paused`,
    );
  });
}
