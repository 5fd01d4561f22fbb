import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { INSTALL_PATH } from './install-routes.ts';

/** Set in the context by authorize when the event's workspace has no installation (removed, or never added). */
export const NOT_INSTALLED = 'slackWorkspaceNotInstalled';

export function notInstalledText(publicUrl: string | undefined): string {
  const again = publicUrl
    ? `Add it again at ${new URL(INSTALL_PATH, publicUrl).toString()}.`
    : 'Ask whoever runs the bot for its "Add to Slack" link to add it again.';
  return `k8s-release-bot is not installed in this workspace (it was removed, or its access was revoked). ${again}`;
}

/**
 * Global middleware, first in the chain: an event from a workspace without an installation is answered with a
 * polite private note where Slack lets the bot answer without a token (a slash command's ack, an action's
 * response_url), and otherwise dropped. Nothing else runs for it.
 */
export function refuseWhereNotInstalled(publicUrl: string | undefined): Middleware<AnyMiddlewareArgs> {
  const text = notInstalledText(publicUrl);
  return async (args) => {
    if (!args.context[NOT_INSTALLED]) return args.next();
    args.logger.info(`ignoring a Slack request from workspace ${args.context.teamId ?? '?'}: not installed there`);
    if ('command' in args) {
      await args.ack({ response_type: 'ephemeral', text });
      return;
    }
    if ('ack' in args && args.ack) await args.ack();
    if ('respond' in args && args.respond)
      await args.respond({ response_type: 'ephemeral', text, replace_original: false });
  };
}
