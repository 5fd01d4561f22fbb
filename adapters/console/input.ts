/** What one line typed at the prompt asks for. */
export type ConsoleInput = { kind: 'blank' } | { kind: 'exit' } | { kind: 'question'; text: string };

const SLASH_COMMAND = /^\/k8s-release(?:\s+|$)/i;
const EXIT_WORDS = new Set(['exit', 'quit', ':q', '/exit', '/quit']);

/**
 * The console accepts what chat accepts: a leading "/k8s-release " is the slash command a Slack or Discord
 * user would type, so it is stripped; the bare command asks for help, as it does in Slack.
 */
export function parseConsoleInput(line: string): ConsoleInput {
  const trimmed = line.trim();
  if (trimmed === '') return { kind: 'blank' };
  const hadCommand = SLASH_COMMAND.test(trimmed);
  const text = trimmed.replace(SLASH_COMMAND, '').trim();
  if (EXIT_WORDS.has(text.toLowerCase())) return { kind: 'exit' };
  if (text === '') return hadCommand ? { kind: 'question', text: 'help' } : { kind: 'blank' };
  return { kind: 'question', text };
}
