import type { App } from '@slack/bolt';
import { slashCommandReply, slackChannel, settlesWithin, type ListenerDeps } from '../answering.ts';
import { SLASH_COMMAND } from '../ids.ts';
import { slackTextToQuestion } from '../question.ts';

/** `/k8s-release <question>`: answered in the ack itself when quick, else acked and answered via response_url. */
export function registerSlashCommand(app: App, deps: ListenerDeps): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond, logger }) => {
    const question = slackTextToQuestion(command.text) || 'help';
    const conversation = { channel: slackChannel(command.team_id, command.channel_id), userId: command.user_id, now: deps.bot.now() };
    const reply = deps.inFlight.track(slashCommandReply(deps.bot, question, conversation, logger));
    if (await settlesWithin(reply, deps.ackDeadlineMs)) {
      await ack(await reply);
      return;
    }
    await ack();
    await deps.inFlight.track(reply.then((late) => respond(late)));
  });
}
