/** Names shared by the listeners, the renderers and manifest.json (a test keeps the manifest in sync). */
export const SLASH_COMMAND = '/k8s-release';
export const SHARE_ACTION_ID = 'share_answer_in_channel';
/** The bot scopes installs ask for; both manifests declare exactly these. */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'app_mentions:read',
  'im:history',
  'im:read',
  'im:write',
  // A second attempt at a digest looks for it in the channel's history first.
  'channels:history',
  'groups:history',
] as const;
