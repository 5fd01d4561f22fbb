import type { App } from '@slack/bolt';
import { messageReply, postMessage, slackChannel, type ListenerDeps } from '../answering.ts';
import { slackTextToQuestion } from '../question.ts';

/** A direct message to the bot (message.im): answered in the DM, in its thread if it was sent in one. */
export function registerDirectMessage(app: App, deps: ListenerDeps): void {
  app.event('message', async ({ event, body, context, client, logger }) => {
    if (event.subtype !== undefined || event.channel_type !== 'im' || event.bot_id) return;
    const question = slackTextToQuestion(event.text, context.botUserId) || 'help';
    const conversation = { channel: slackChannel(context.teamId ?? body.team_id, event.channel), userId: event.user };
    const work = messageReply(deps.bot, question, conversation, logger).then((message) =>
      postMessage(client, event.channel, event.thread_ts, message),
    );
    await deps.inFlight.track(work);
  });
}
