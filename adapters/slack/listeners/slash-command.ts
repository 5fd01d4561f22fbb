import type { AllMiddlewareArgs, AnyMiddlewareArgs, App, Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { slashCommandReply, slackChannel, settlesWithin, type ListenerDeps } from '../answering.ts';
import { SLASH_COMMAND } from '../ids.ts';
import { slackTextToQuestion } from '../question.ts';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Global middleware that answers one slash command itself and passes everything else on. */
export type CommandMiddleware = Middleware<AnyMiddlewareArgs> & { readonly command: string };

function commandMiddleware(command: string, answer: (args: CommandArgs) => Promise<void>): CommandMiddleware {
  const middleware: Middleware<AnyMiddlewareArgs> = async (args) => {
    if ((args.body as { command?: unknown }).command !== command || !('command' in args)) return args.next();
    await answer(args as unknown as CommandArgs);
  };
  return Object.assign(middleware, { command });
}

/**
 * `/k8s-release <question>`: answered in the ack itself when quick, else acked and answered via response_url.
 * Registered as global middleware, before the listeners, and not passed on: `app.command` would make Bolt run
 * every listener's middleware chain for each command, and no other listener wants it.
 */
export function registerSlashCommand(app: App, deps: ListenerDeps): void {
  app.use(commandMiddleware(SLASH_COMMAND, (args) => answerSlashCommand(args, deps)));
}

async function answerSlashCommand({ command, ack, respond, logger }: CommandArgs, deps: ListenerDeps): Promise<void> {
  const question = slackTextToQuestion(command.text) || 'help';
  const conversation = {
    channel: slackChannel(command.team_id, command.channel_id),
    userId: command.user_id,
    now: deps.bot.now(),
  };
  const reply = deps.inFlight.track(slashCommandReply(deps.bot, question, conversation, logger));
  if (await settlesWithin(reply, deps.ackDeadlineMs)) {
    await ack(await reply);
    return;
  }
  await ack();
  await deps.inFlight.track(reply.then((late) => respond(late)));
}
