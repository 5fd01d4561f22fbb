import { BOT_SCOPES } from '../../../../adapters/slack/ids.ts';
import type { StubSlack } from './stub-slack.ts';

export const CLIENT_ID = '1111111111.2222222222';
export const CLIENT_SECRET = 'stub-client-secret-0123456789abcdef';

export interface StubWorkspace {
  teamId: string;
  teamName: string;
  botUserId: string;
}

/** Two workspaces that can install the app. */
export const WORKSPACE_A: StubWorkspace = { teamId: 'T0AAAA001', teamName: 'Alpha Org', botUserId: 'UBOTA0001' };
export const WORKSPACE_B: StubWorkspace = { teamId: 'T0BBBB001', teamName: 'Beta Org', botUserId: 'UBOTB0001' };

const bearer = (authorization: string | undefined): string | undefined =>
  /^Bearer (.+)$/.exec(authorization ?? '')?.[1];

/**
 * Slack's side of OAuth v2 on the stub: the authorize page (/oauth/v2/authorize, whose "Allow" link sends the
 * browser back to the redirect URL with a one-time code and the state it was given), oauth.v2.access for codes
 * and refresh tokens, and an auth.test that knows which workspace each issued token belongs to.
 */
export class StubSlackOAuth {
  /** Which workspace the next "Allow" installs into (the person's signed-in workspace on slack.com). */
  installing: StubWorkspace = WORKSPACE_A;
  /** The app's redirect URL as configured at Slack (used when the authorize URL names none). */
  redirectUrl = '';
  /** Token rotation: tokens expire this many seconds after issue (null: they never do). */
  expiresIn: number | null = null;
  /** grant_type=refresh_token calls received. */
  refreshCalls = 0;
  /** How long a refresh takes to answer. */
  refreshDelayMs = 0;
  /** Authorize-page visits, with their query. */
  readonly authorizeVisits: URLSearchParams[] = [];
  private readonly codes = new Map<string, StubWorkspace>();
  private readonly tokens = new Map<string, StubWorkspace>();
  private readonly refreshTokens = new Map<string, StubWorkspace>();
  private issued = 0;

  constructor(stub: StubSlack) {
    stub.page('/oauth/v2/authorize', (url) => this.authorizePage(url));
    stub.on('oauth.v2.access', (params) => ({
      body: this.access(params),
      ...(params.grant_type === 'refresh_token' ? { delayMs: this.refreshDelayMs } : {}),
    }));
    stub.on('auth.test', (_params, { authorization }) => {
      const workspace = this.tokens.get(bearer(authorization) ?? '');
      if (!workspace) return { body: { ok: false, error: 'invalid_auth' } };
      return {
        body: {
          ok: true,
          url: `https://${workspace.teamName.toLowerCase().replace(/\W/g, '')}.slack.com/`,
          team: workspace.teamName,
          user: 'k8s-release-bot',
          team_id: workspace.teamId,
          user_id: workspace.botUserId,
          bot_id: `B${workspace.teamId.slice(1)}`,
        },
      };
    });
  }

  /** The workspace a bot token was issued to, if any. */
  workspaceOf(token: string | undefined): StubWorkspace | undefined {
    return this.tokens.get(token ?? '');
  }

  /** Bot tokens issued so far, newest last. */
  tokensOf(workspace: StubWorkspace): string[] {
    return [...this.tokens].filter(([, owner]) => owner === workspace).map(([token]) => token);
  }

  private authorizePage(url: URL) {
    this.authorizeVisits.push(url.searchParams);
    if (url.searchParams.get('client_id') !== CLIENT_ID) return { status: 400, body: '<p>invalid_client_id</p>' };
    const code = `code-${++this.issued}`;
    this.codes.set(code, this.installing);
    const back = new URL(url.searchParams.get('redirect_uri') || this.redirectUrl);
    back.searchParams.set('code', code);
    const state = url.searchParams.get('state');
    if (state !== null) back.searchParams.set('state', state);
    const escaped = back.toString().replaceAll('&', '&amp;');
    return {
      body: `<!doctype html><html><head><title>Slack: allow access</title></head><body>
<h1>k8s-release-bot is requesting permission to access the ${this.installing.teamName} Slack workspace</h1>
<p>Scopes: ${url.searchParams.get('scope') ?? ''}</p><a id="allow" href="${escaped}">Allow</a></body></html>`,
    };
  }

  private issueTokens(workspace: StubWorkspace) {
    const n = ++this.issued;
    const accessToken = `xoxb-${workspace.teamId}-${n}`;
    this.tokens.set(accessToken, workspace);
    if (this.expiresIn === null) return { access_token: accessToken };
    const refreshToken = `xoxe-1-${workspace.teamId}-${n}`;
    this.refreshTokens.set(refreshToken, workspace);
    return { access_token: accessToken, refresh_token: refreshToken, expires_in: this.expiresIn };
  }

  private access(params: Record<string, unknown>): Record<string, unknown> {
    if (params.client_id !== CLIENT_ID || params.client_secret !== CLIENT_SECRET)
      return { ok: false, error: 'invalid_client' };
    if (params.grant_type === 'refresh_token') {
      this.refreshCalls++;
      const workspace = this.refreshTokens.get(String(params.refresh_token));
      if (!workspace) return { ok: false, error: 'invalid_refresh_token' };
      // A refresh token is good once: a second replica refreshing with it too would fail, as at Slack.
      this.refreshTokens.delete(String(params.refresh_token));
      return { ok: true, token_type: 'bot', ...this.issueTokens(workspace) };
    }
    const workspace = this.codes.get(String(params.code));
    if (!workspace) return { ok: false, error: 'invalid_code' };
    this.codes.delete(String(params.code));
    return {
      ok: true,
      app_id: 'A0APP0001',
      authed_user: { id: 'U0INSTALL1' },
      scope: BOT_SCOPES.join(','),
      token_type: 'bot',
      bot_user_id: workspace.botUserId,
      team: { id: workspace.teamId, name: workspace.teamName },
      enterprise: null,
      is_enterprise_install: false,
      ...this.issueTokens(workspace),
    };
  }
}
