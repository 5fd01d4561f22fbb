import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { App } from '@slack/bolt';
import { EVENTS_PATH } from '../../../adapters/slack/app.ts';
import { BOT_SCOPES, SHARE_ACTION_ID, SLASH_COMMAND } from '../../../adapters/slack/ids.ts';
import { REDIRECT_PATH } from '../../../adapters/slack/oauth/install-routes.ts';
import { WorkTracker } from '../../../src/work-tracker.ts';
import { registerListeners } from '../../../adapters/slack/listeners/index.ts';
import type { CommandMiddleware } from '../../../adapters/slack/listeners/slash-command.ts';

interface Manifest {
  features: {
    slash_commands: { command: string; url?: string }[];
    app_home: { messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
  };
  oauth_config: { redirect_urls: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
  };
}

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../adapters/slack/${name}`, import.meta.url), 'utf8')) as Manifest;
const socketManifest = read('manifest.json');
const httpManifest = read('manifest.http.json');

/** What registerListeners subscribes to, recorded from the real registration code. */
function registrations() {
  const recorded = { commands: [] as string[], events: [] as string[], actions: [] as string[] };
  const app = {
    command: (name: string) => recorded.commands.push(name),
    // Slash commands are answered by global middleware, which names the command it takes.
    use: (middleware: Partial<CommandMiddleware>) => {
      if (middleware.command) recorded.commands.push(middleware.command);
    },
    event: (name: string) => recorded.events.push(name),
    action: (id: string) => recorded.actions.push(id),
    message: () => {
      throw new Error('use app.event so the manifest test sees the subscription');
    },
  } as unknown as App;
  registerListeners(app, {
    bot: { handle: async () => Promise.reject(new Error('unused')), now: () => new Date() },
    workspaces: { uninstall: () => Promise.reject(new Error('unused')), forgetUserToken: async () => undefined },
    inFlight: new WorkTracker(),
    ackDeadlineMs: 1,
  });
  return recorded;
}

/** Scopes Slack requires for each subscription, plus chat:write for replies. */
const SCOPES_FOR_EVENT: Record<string, string[]> = { app_mention: ['app_mentions:read'], 'message.im': ['im:history'] };

describe.each([
  ['manifest.json (Socket Mode)', socketManifest],
  ['manifest.http.json (HTTP mode)', httpManifest],
])('%s', (_name, manifest) => {
  const recorded = registrations();

  it('declares exactly the slash commands the app handles', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(recorded.commands);
    expect(recorded.commands).toEqual([SLASH_COMMAND]);
  });

  it('subscribes to exactly the events the listeners handle (message.im is Bolt’s "message")', () => {
    const boltNames = manifest.settings.event_subscriptions.bot_events.map((event) =>
      event.replace(/^message\.\w+$/, 'message'),
    );
    expect([...boltNames].sort()).toEqual([...recorded.events].sort());
    expect(manifest.settings.event_subscriptions.bot_events).toContain('message.im');
  });

  it('enables interactivity because a button action is handled', () => {
    expect(recorded.actions).toEqual([SHARE_ACTION_ID]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('requests every scope the listeners and replies need, and nothing more', () => {
    // channels:history and groups:history: a second attempt at a digest looks for it in the channel first.
    const needed = new Set([
      'commands',
      'chat:write',
      'im:read',
      'im:write',
      'channels:history',
      'groups:history',
      ...manifest.settings.event_subscriptions.bot_events.flatMap((e) => SCOPES_FOR_EVENT[e] ?? []),
    ]);
    expect(new Set(manifest.oauth_config.scopes.bot)).toEqual(needed);
  });

  it('asks for exactly the scopes an install through /slack/install asks for', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
  });

  it('names the OAuth redirect URL the install routes serve', () => {
    expect(manifest.oauth_config.redirect_urls).toEqual([`https://YOUR-HOST${REDIRECT_PATH}`]);
  });

  it('subscribes to the events that end an installation', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['app_uninstalled', 'tokens_revoked']),
    );
  });

  it('lets people message the bot', () => {
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
  });
});

describe('the two manifests', () => {
  it('manifest.json uses Socket Mode and names no request URL', () => {
    expect(socketManifest.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socketManifest)).not.toMatch(/"(url|request_url)"/);
  });

  it('manifest.http.json sends the slash command, events and interactivity to the receiver’s endpoint', () => {
    const endpoint = `https://YOUR-HOST${EVENTS_PATH}`;
    expect(httpManifest.settings.socket_mode_enabled).toBe(false);
    expect(httpManifest.features.slash_commands.map((command) => command.url)).toEqual([endpoint]);
    expect(httpManifest.settings.event_subscriptions.request_url).toBe(endpoint);
    expect(httpManifest.settings.interactivity.request_url).toBe(endpoint);
  });

  it('differ in nothing else', () => {
    const withoutHttpSettings = structuredClone(httpManifest);
    for (const command of withoutHttpSettings.features.slash_commands) delete command.url;
    delete withoutHttpSettings.settings.event_subscriptions.request_url;
    delete withoutHttpSettings.settings.interactivity.request_url;
    withoutHttpSettings.settings.socket_mode_enabled = true;
    expect(withoutHttpSettings).toEqual(socketManifest);
  });
});
