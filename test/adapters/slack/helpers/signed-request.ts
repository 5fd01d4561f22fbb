import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/** Slack's v0 request signature: HMAC-SHA256 of "v0:<timestamp>:<body>" with the signing secret. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedOptions {
  secret?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Overrides the computed signature (to send a bad one). */
  signature?: string;
  headers?: Record<string, string>;
}

export function signedHeaders(body: string, contentType: string, options: SignedOptions = {}): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? slackSignature(options.secret ?? SIGNING_SECRET, timestamp, body),
    ...options.headers,
  };
}

export async function postSigned(
  url: string,
  body: string,
  contentType: string,
  options: SignedOptions = {},
): Promise<Response> {
  return fetch(url, { method: 'POST', headers: signedHeaders(body, contentType, options), body });
}

/** The form body Slack sends for a slash command. */
export function slashCommandBody(text: string, overrides: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0TEST01',
    team_domain: 'test',
    channel_id: 'C0CHANNEL1',
    channel_name: 'releases',
    user_id: 'U0ASKER01',
    user_name: 'asker',
    command: '/k8s-release',
    text,
    api_app_id: 'A0APP0001',
    response_url: 'http://127.0.0.1:1/unused',
    trigger_id: '1.2.3',
    ...overrides,
  }).toString();
}

let eventCounter = 0;

/** An Events API envelope around one event. */
export function eventEnvelope(
  event: Record<string, unknown>,
  eventId = `Ev${String(++eventCounter).padStart(8, '0')}`,
): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: 'T0TEST01',
    api_app_id: 'A0APP0001',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: 'T0TEST01', user_id: 'UBOT0001', is_bot: true }],
    event,
  };
}

/** The form body Slack sends when someone clicks a button: payload=<json>. */
export function blockActionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
