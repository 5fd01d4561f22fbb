import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger as BoltLogger, webApi } from '@slack/bolt';
import { type CodedError, ErrorCode, type Installation, InstallProvider } from '@slack/oauth';
import type { RouteHandler } from '../../../src/health.ts';
import type { InstallationStore } from '../../../src/storage/installations.ts';
import { BOT_SCOPES } from '../ids.ts';
import { oauthInstallationStore } from './installations.ts';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';
const SLACK_API_URL = 'https://slack.com/api/';

export interface InstallRoutesOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** The Web API client options the app uses; their slackApiUrl also steers oauth.v2.access. */
  clientOptions: webApi.WebClientOptions;
  store: InstallationStore;
  /** The bot's public base URL: when set, the redirect URL sent to Slack is PUBLIC_URL/slack/oauth_redirect. */
  publicUrl?: string | undefined;
  logger: BoltLogger;
  clock: () => Date;
}

/**
 * Slack's authorize page sits beside its Web API (https://slack.com/oauth/v2/authorize next to
 * https://slack.com/api/), so SLACK_API_URL moves both, and tests need one stub.
 */
export const authorizationUrlFor = (apiUrl: string | undefined): string =>
  new URL('../oauth/v2/authorize', apiUrl ?? SLACK_API_URL).toString();

export const redirectUrlFor = (publicUrl: string): string => new URL(REDIRECT_PATH, publicUrl).toString();

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const page = (title: string, body: string): string =>
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><link rel="icon" href="data:,">
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}
a.button{display:inline-block;padding:.6rem 1.2rem;border-radius:.3rem;background:#4a154b;color:#fff;text-decoration:none}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>\n`;

const sendPage = (response: ServerResponse, status: number, html: string): void => {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
};

/** The "Add to Slack" page: no outside resources, so it works behind any proxy and in tests. */
export const installPage = (authorizeUrl: string): string =>
  page(
    'Add k8s-release-bot to Slack',
    `<p>Answers Kubernetes release questions in your workspace: <code>/k8s-release 1.31</code>, KEP stages,
schedules, deprecations, and release-cycle digests.</p>
<p><a class="button" id="add-to-slack" href="${escapeHtml(authorizeUrl)}">Add to Slack</a></p>`,
  );

function successPage(installation: Installation): string {
  const where = installation.team?.name ?? installation.enterprise?.name ?? 'your workspace';
  return page(
    'k8s-release-bot is installed',
    `<p id="installed">Installed in <strong>${escapeHtml(where)}</strong>. Type <code>/k8s-release help</code> in any
channel, or invite <code>@k8s-release-bot</code> to a channel for mentions and digests.</p>`,
  );
}

/** Why an install failed, in words for the person installing; never the internals. */
function failurePage(error: CodedError): [number, string] {
  const refusedReason = (badState: boolean) =>
    badState ? 'its state does not match this browser' : 'it has no authorization code';
  const stateProblem = error.code === ErrorCode.InvalidStateError || error.code === ErrorCode.MissingStateError;
  if (stateProblem || error.code === ErrorCode.MissingCodeError) {
    return [
      400,
      page(
        'Installation not completed',
        `<p id="refused">This link did not come from an installation started here (${refusedReason(stateProblem)}).
Start again from <a href="${INSTALL_PATH}">Add to Slack</a>.</p>`,
      ),
    ];
  }
  if (error.code === ErrorCode.AuthorizationError) {
    return [400, page('Installation cancelled', `<p id="refused">Nothing was installed.</p>`)];
  }
  return [
    502,
    page(
      'Installation failed',
      `<p id="failed">Slack did not complete the installation. Please try again from <a href="${INSTALL_PATH}">Add to Slack</a>.</p>`,
    ),
  ];
}

/**
 * OAuth v2 distribution with @slack/oauth's InstallProvider (what Bolt's built-in installer uses):
 * GET /slack/install sets a state cookie and serves the "Add to Slack" page; GET /slack/oauth_redirect checks
 * the state against the cookie and its signature, exchanges the code (oauth.v2.access) and stores the
 * installation, tokens sealed. Registered as routes of the bot's HTTP server: the Slack receiver's in HTTP
 * mode, the health server's in Socket Mode.
 */
export function registerInstallRoutes(
  addRoute: (path: string, handler: RouteHandler) => void,
  options: InstallRoutesOptions,
): InstallProvider {
  // The installer takes the logger on its own; everything else is the app's client options.
  const { logger: _logger, logLevel: _logLevel, ...clientOptions } = options.clientOptions;
  const redirectUri = options.publicUrl ? redirectUrlFor(options.publicUrl) : undefined;
  const installer = new InstallProvider({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    stateSecret: options.stateSecret,
    installationStore: oauthInstallationStore(options.store, options.clock),
    authorizationUrl: authorizationUrlFor(options.clientOptions.slackApiUrl),
    installUrlOptions: { scopes: [...BOT_SCOPES], ...(redirectUri ? { redirectUri } : {}) },
    renderHtmlForInstallPath: installPage,
    logger: options.logger,
    clientOptions,
  });
  const callbacks = {
    successAsync: async (installation: Installation, _o: unknown, _q: IncomingMessage, response: ServerResponse) =>
      sendPage(response, 200, successPage(installation)),
    failureAsync: async (error: CodedError, _o: unknown, _q: IncomingMessage, response: ServerResponse) => {
      options.logger.warn(`Slack installation refused or failed: ${error.code}: ${error.message}`);
      const [status, html] = failurePage(error);
      sendPage(response, status, html);
    },
  };
  addRoute(INSTALL_PATH, (request, response) => installer.handleInstallPath(request, response));
  addRoute(REDIRECT_PATH, (request, response) => installer.handleCallback(request, response, callbacks));
  return installer;
}
