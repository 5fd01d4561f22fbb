/** Names shared by the listeners, the renderers and manifest.json (a test keeps the manifest in sync). */
export const SLASH_COMMAND = '/k8s-release';
export const SHARE_ACTION_ID = 'share_answer_in_channel';
