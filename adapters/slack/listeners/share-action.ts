import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { shareReply, slackChannel, type ListenerDeps } from '../answering.ts';
import { SHARE_ACTION_ID, SLASH_COMMAND } from '../ids.ts';

const UNUSABLE_BUTTON = {
  response_type: 'ephemeral',
  replace_original: false,
  text: `This Share button can no longer be used. Ask again with \`${SLASH_COMMAND}\`.`,
} as const;

/** "Share in channel" on an ephemeral answer: reposts it in_channel and removes the private copy. */
export function registerShareAction(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(SHARE_ACTION_ID, async ({ ack, action, body, respond, logger }) => {
    await ack();
    const channel = body.channel?.id;
    const conversation = { channel: channel ? slackChannel(body.team?.id, channel) : undefined, userId: body.user.id };
    // Keyed by the button: a double click while its share is under way must not re-ask and post twice.
    const button = `share:${channel ?? ''}:${body.user.id}:${action.value ?? ''}`;
    const work = deps.inFlight.run(
      async () => {
        const reply = await shareReply(deps.bot, action.value, conversation, logger);
        await respond(reply ?? UNUSABLE_BUTTON);
        if (reply?.response_type !== 'in_channel') return;
        await respond({ delete_original: true }).catch((error: unknown) =>
          logger.warn('could not remove the ephemeral original', error),
        );
      },
      { key: button },
    );
    await work;
  });
}
