import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { shareReply, slackChannel, type ListenerDeps } from '../answering.ts';
import { SHARE_ACTION_ID } from '../ids.ts';

const UNUSABLE_BUTTON = {
  response_type: 'ephemeral',
  replace_original: false,
  text: 'This Share button can no longer be used. Ask again with `/k8s-release`.',
} as const;

/** "Share in channel" on an ephemeral answer: reposts it in_channel and removes the private copy. */
export function registerShareAction(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(SHARE_ACTION_ID, async ({ ack, action, body, respond, logger }) => {
    await ack();
    const channel = body.channel?.id;
    const conversation = { channel: channel ? slackChannel(body.team?.id, channel) : undefined, userId: body.user.id };
    const work = (async () => {
      const reply = await shareReply(deps.bot, action.value, conversation);
      if (!reply) {
        await respond(UNUSABLE_BUTTON);
        return;
      }
      await respond(reply);
      await respond({ delete_original: true }).catch((error: unknown) => logger.warn('could not remove the ephemeral original', error));
    })();
    await deps.inFlight.track(work);
  });
}
