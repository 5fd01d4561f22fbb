import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../answering.ts';
import { registerAppMention } from './app-mention.ts';
import { registerAppUninstalled } from './app-uninstalled.ts';
import { registerDirectMessage } from './direct-message.ts';
import { registerShareAction } from './share-action.ts';
import { registerSlashCommand } from './slash-command.ts';
import { registerTokensRevoked } from './tokens-revoked.ts';

/** Every Slack listener, registered in one place (manifest.json must declare what these subscribe to). */
export function registerListeners(app: App, deps: ListenerDeps): void {
  registerSlashCommand(app, deps);
  registerAppMention(app, deps);
  registerDirectMessage(app, deps);
  registerShareAction(app, deps);
  registerAppUninstalled(app, deps);
  registerTokensRevoked(app, deps);
}
