import type { App } from '@slack/bolt';
import { messageReply, postMessage, slackChannel, type ListenerDeps } from '../answering.ts';
import { slackTextToQuestion } from '../question.ts';

/** `@bot <question>` in a channel: answered in a thread of that message. */
export function registerAppMention(app: App, deps: ListenerDeps): void {
  app.event('app_mention', async ({ event, body, context, client, logger }) => {
    const question = slackTextToQuestion(event.text, context.botUserId) || 'help';
    const conversation = { channel: slackChannel(context.teamId ?? body.team_id, event.channel), userId: event.user };
    const work = messageReply(deps.bot, question, conversation, logger).then((message) =>
      postMessage(client, event.channel, event.thread_ts ?? event.ts, message),
    );
    await deps.inFlight.track(work);
  });
}
