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
  /** Buttons whose share is under way: a double click must not re-ask and post the answer twice. */
  const sharing = new Set<string>();
  app.action<BlockAction<ButtonAction>>(SHARE_ACTION_ID, async ({ ack, action, body, respond, logger }) => {
    await ack();
    const channel = body.channel?.id;
    const button = `${channel ?? ''}:${body.user.id}:${action.value ?? ''}`;
    if (sharing.has(button)) return;
    sharing.add(button);
    const conversation = { channel: channel ? slackChannel(body.team?.id, channel) : undefined, userId: body.user.id };
    const work = (async () => {
      const reply = await shareReply(deps.bot, action.value, conversation, logger);
      await respond(reply ?? UNUSABLE_BUTTON);
      if (reply?.response_type !== 'in_channel') return;
      await respond({ delete_original: true }).catch((error: unknown) =>
        logger.warn('could not remove the ephemeral original', error),
      );
    })().finally(() => sharing.delete(button));
    await deps.inFlight.track(work);
  });
}
