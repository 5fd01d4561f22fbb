import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';

/**
 * Environment values arrive as strings; a blank one (`SLACK_BOT_TOKEN=` in a copied .env) means "not set".
 * Every message below is written without the value so that a secret can never end up in an error or a log.
 */
const blankAsUnset = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

const variable = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUnset, schema);

const WHITESPACE_MESSAGE = 'must not contain spaces or line breaks (check for a stray quote or a pasted line)';
const noWhitespace = (schema: z.ZodString) => schema.regex(/^\S+$/, WHITESPACE_MESSAGE);

const snowflake = z
  .string()
  .regex(/^\d{17,20}$/, 'must be a numeric Discord ID of 17–20 digits (Developer Portal → General Information)');

const httpUrl = z.url({
  protocol: /^https?$/,
  error: 'must be an http:// or https:// URL, e.g. http://127.0.0.1:8080/api/',
});

const INSTALLATION_KEY_MESSAGE = 'must be base64 of 32 random bytes (openssl rand -base64 32)';
/** An AES-256 key as base64: exactly 32 bytes once decoded. */
const isInstallationKey = (text: string): boolean =>
  /^[A-Za-z0-9+/]{43}=$/.test(text) && Buffer.from(text, 'base64').length === 32;

const INTERVAL_UNITS_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "6h" → milliseconds; "off" → null. */
export function parseInterval(text: string): number | null {
  if (text === 'off') return null;
  const match = /^(\d+)\s*([smhd])$/.exec(text)!;
  return Number(match[1]) * INTERVAL_UNITS_MS[match[2] as keyof typeof INTERVAL_UNITS_MS];
}

/**
 * The whole configuration, from the environment only. Every variable the bot reads is here;
 * `.env.example` lists the same names (a test keeps them in sync).
 */
export const ConfigSchema = z
  .object({
    SLACK_BOT_TOKEN: variable(noWhitespace(z.string()).optional()),
    SLACK_SIGNING_SECRET: variable(noWhitespace(z.string()).optional()),
    SLACK_APP_TOKEN: variable(noWhitespace(z.string()).optional()),
    SLACK_API_URL: variable(httpUrl.optional()),
    /** OAuth distribution ("install to any workspace"): all three, or none for one workspace's SLACK_BOT_TOKEN. */
    SLACK_CLIENT_ID: variable(
      z
        .string()
        .regex(
          /^\d+\.\d+$/,
          'must be the Client ID from Basic Information → App Credentials, e.g. 1234567890.987654321',
        )
        .optional(),
    ),
    SLACK_CLIENT_SECRET: variable(noWhitespace(z.string()).optional()),
    SLACK_STATE_SECRET: variable(
      noWhitespace(z.string())
        .min(32, 'must be at least 32 characters of random text (openssl rand -hex 32)')
        .optional(),
    ),
    /** Encrypts installations' tokens at rest (AES-256-GCM). */
    SLACK_INSTALLATION_KEY: variable(z.string().refine(isInstallationKey, INSTALLATION_KEY_MESSAGE).optional()),
    /** Earlier keys, comma-separated: rows they sealed still decrypt until re-encrypted with the current key. */
    SLACK_INSTALLATION_KEY_PREVIOUS: variable(
      z
        .string()
        .transform((list) => list.split(',').map((key) => key.trim()))
        .refine(
          (keys) => keys.every(isInstallationKey),
          `must be keys separated by commas, each ${INSTALLATION_KEY_MESSAGE}`,
        )
        .optional(),
    ),
    DISCORD_TOKEN: variable(
      z
        .string()
        .superRefine((token, ctx) => {
          if (/^bot\s/i.test(token))
            ctx.addIssue({ code: 'custom', message: 'must be the bare token, without a "Bot " prefix' });
          else if (/\s/.test(token)) ctx.addIssue({ code: 'custom', message: WHITESPACE_MESSAGE });
        })
        .optional(),
    ),
    DISCORD_APPLICATION_ID: variable(snowflake.optional()),
    DISCORD_GUILD_ID: variable(snowflake.optional()),
    DISCORD_API_URL: variable(httpUrl.optional()),
    /** How many gateway shards the bot runs in all, across every replica (Discord routes each guild to one). */
    DISCORD_SHARD_COUNT: variable(
      z
        .string()
        .regex(/^\d{1,5}$/, 'must be a whole number of shards, 1 or more, e.g. 2')
        .pipe(z.coerce.number())
        .pipe(z.number().int().min(1, 'must be a whole number of shards, 1 or more, e.g. 2'))
        .optional(),
    ),
    /** The shards this replica connects, e.g. `0,1`; unset with DISCORD_SHARD_COUNT means all of them. */
    DISCORD_SHARD_IDS: variable(
      z
        .string()
        .regex(/^\d{1,5}(\s*,\s*\d{1,5})*$/, 'must be shard numbers separated by commas, e.g. 0 or 0,1')
        .transform((list) => list.split(',').map((id) => Number(id.trim())))
        .refine((ids) => new Set(ids).size === ids.length, 'names a shard twice')
        .optional(),
    ),
    PORT: variable(
      z
        // Decimal digits only: Number() would also take 0xF0A, 1e3 or 0b11.
        .string()
        .regex(/^\d{1,5}$/, 'must be a whole port number from 0 to 65535, in decimal digits')
        .pipe(z.coerce.number())
        .pipe(
          z
            .number({ error: 'must be a port number from 0 to 65535' })
            .int('must be a whole port number from 0 to 65535')
            .min(0, 'must be a port number from 0 to 65535')
            .max(65535, 'must be a port number from 0 to 65535'),
        )
        .default(3000),
    ),
    DATA_DIR: variable(z.string().default('./var')),
    /** postgres://… selects PostgreSQL (shared by every replica) instead of SQLite under DATA_DIR. */
    DATABASE_URL: variable(
      noWhitespace(z.string())
        .regex(/^postgres(ql)?:\/\/[^/]+/, 'must be a postgres:// URL, e.g. postgres://bot:secret@db:5432/bot')
        .optional(),
    ),
    DATASET_DIR: variable(z.string().optional()),
    LOG_LEVEL: variable(
      z
        .string()
        .toLowerCase()
        .pipe(
          z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
            error: 'must be one of fatal, error, warn, info, debug, trace, silent',
          }),
        )
        .default('info'),
    ),
    DIGEST_GRACE_HOURS: variable(
      z.coerce
        .number({ error: 'must be a number of hours from 0 to 168' })
        .min(0, 'must be a number of hours from 0 to 168')
        .max(168, 'must be a number of hours from 0 to 168')
        .default(6),
    ),
    /** How often the digest scheduler looks for due postings. */
    DIGEST_TICK_SECONDS: variable(
      z.coerce
        .number({ error: 'must be a whole number of seconds from 1 to 60' })
        .int('must be a whole number of seconds from 1 to 60')
        .min(1, 'must be a whole number of seconds from 1 to 60')
        .max(60, 'must be a whole number of seconds from 1 to 60')
        .default(60),
    ),
    /** How long a replica's claim on a posting holds before another replica may take it over. */
    DIGEST_CLAIM_LEASE_SECONDS: variable(
      z.coerce
        .number({ error: 'must be a whole number of seconds from 10 to 3600' })
        .int('must be a whole number of seconds from 10 to 3600')
        .min(10, 'must be a whole number of seconds from 10 to 3600')
        .max(3600, 'must be a whole number of seconds from 10 to 3600')
        .default(600),
    ),
    /** After SIGTERM, /readyz answers 503 but requests are still served this long, so load balancers notice first. */
    SHUTDOWN_DRAIN_SECONDS: variable(
      z.coerce
        .number({ error: 'must be a whole number of seconds from 0 to 20' })
        .int('must be a whole number of seconds from 0 to 20')
        .min(0, 'must be a whole number of seconds from 0 to 20')
        .max(20, 'must be a whole number of seconds from 0 to 20')
        .default(0),
    ),
    /** Optional; raises GitHub's API rate limit for `npm run sync` and the running bot's refresh. */
    GITHUB_TOKEN: variable(noWhitespace(z.string()).optional()),
    /** How often the running bot re-imports its data: `6h`, `30m`, `15s`, `1d`, or `off`. */
    DATA_REFRESH: variable(
      z
        .string()
        .toLowerCase()
        .regex(/^(off|\d+\s*[smhd])$/, 'must be an interval such as 6h, 30m or 15s, or off')
        .default('6h')
        .transform(parseInterval)
        .refine((ms) => ms === null || ms >= 1000, 'must be at least 1s (or off)'),
    ),
    /** Refresh from this local folder laid out like shared/ (upstream/, curated/) instead of GitHub. */
    SYNC_FROM: variable(z.string().optional()),
    /** GitHub's API and raw-file bases for the refresh (tests, mirrors). */
    GITHUB_API_URL: variable(httpUrl.optional()),
    GITHUB_RAW_URL: variable(httpUrl.optional()),
    /** The bot's public base URL, for links such as the calendar feed. */
    PUBLIC_URL: variable(httpUrl.optional()),
  })
  .superRefine(
    (parsed, ctx) => {
      // Runs even when a field failed (see `when` below), so only trust values that are strings.
      const env = Object.fromEntries(
        Object.entries(parsed).filter(([, value]) => typeof value === 'string'),
      ) as Partial<Record<keyof typeof parsed, string>>;
      const problem = (variableName: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [variableName], message });

      // Tokens in the wrong variable are the most common setup mistake; name the swap instead of a bare "invalid".
      if (env.SLACK_BOT_TOKEN && !env.SLACK_BOT_TOKEN.startsWith('xoxb-')) {
        if (env.SLACK_BOT_TOKEN.startsWith('xapp-')) {
          problem(
            'SLACK_BOT_TOKEN',
            'holds an app-level token (xapp-…); move it to SLACK_APP_TOKEN ' +
              'and set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-…)',
          );
        } else if (env.SLACK_BOT_TOKEN.startsWith('xoxp-')) {
          problem(
            'SLACK_BOT_TOKEN',
            'holds a user token (xoxp-…); use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions',
          );
        } else {
          problem(
            'SLACK_BOT_TOKEN',
            'must be the Bot User OAuth Token starting with xoxb- (Slack app → OAuth & Permissions)',
          );
        }
      }
      if (env.SLACK_APP_TOKEN && !env.SLACK_APP_TOKEN.startsWith('xapp-')) {
        if (env.SLACK_APP_TOKEN.startsWith('xox')) {
          problem(
            'SLACK_APP_TOKEN',
            'holds an OAuth token (xox…); set it to the app-level token (xapp-…) ' +
              'with the connections:write scope (Basic Information → App-Level Tokens)',
          );
        } else {
          problem(
            'SLACK_APP_TOKEN',
            'must be an app-level token starting with xapp- (Basic Information → App-Level Tokens)',
          );
        }
      }
      if (env.SLACK_SIGNING_SECRET && /^(xox|xapp-)/.test(env.SLACK_SIGNING_SECRET)) {
        problem(
          'SLACK_SIGNING_SECRET',
          'holds a token; set it to the Signing Secret from Basic Information → App Credentials',
        );
      }
      if (env.DISCORD_TOKEN && /^(xox|xapp-)/.test(env.DISCORD_TOKEN)) {
        problem(
          'DISCORD_TOKEN',
          'holds a Slack token; set it to the bot token from the Discord Developer Portal → Bot',
        );
      }

      for (const [name, message] of oauthProblems(env)) problem(name, message);
      const oauth = Boolean(env.SLACK_CLIENT_ID);
      const slackSet = [env.SLACK_BOT_TOKEN, env.SLACK_SIGNING_SECRET, env.SLACK_APP_TOKEN].some(Boolean);
      if (slackSet && !env.SLACK_BOT_TOKEN && !oauth) {
        problem(
          'SLACK_BOT_TOKEN',
          'is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set ' +
            `(or set ${OAUTH_TRIO} to install to any workspace, or unset those to run without Slack)`,
        );
      }
      if ((env.SLACK_BOT_TOKEN || oauth) && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
        problem('SLACK_SIGNING_SECRET', 'is required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
      }
      const discordSet = [env.DISCORD_TOKEN, env.DISCORD_APPLICATION_ID, env.DISCORD_GUILD_ID].some(Boolean);
      if (discordSet && !env.DISCORD_TOKEN) {
        problem(
          'DISCORD_TOKEN',
          'is required when DISCORD_APPLICATION_ID or DISCORD_GUILD_ID is set (or unset those to run without Discord)',
        );
      }
      if (discordSet && !env.DISCORD_APPLICATION_ID) {
        problem(
          'DISCORD_APPLICATION_ID',
          'is required when DISCORD_TOKEN is set (Developer Portal → General Information → Application ID)',
        );
      }
      for (const [name, message] of shardProblems(parsed.DISCORD_SHARD_COUNT, parsed.DISCORD_SHARD_IDS))
        problem(name, message);
      if (env.DISCORD_GUILD_ID && env.DISCORD_APPLICATION_ID && env.DISCORD_GUILD_ID === env.DISCORD_APPLICATION_ID) {
        problem(
          'DISCORD_GUILD_ID',
          'is the same as DISCORD_APPLICATION_ID; set it to the server (guild) ID, ' +
            'or leave it empty to register commands globally',
        );
      }
    },
    { when: () => true },
  ); // report every problem at once, not one per start

export type Config = z.infer<typeof ConfigSchema>;

const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
/** "SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET", as the messages name them. */
const OAUTH_TRIO = `${OAUTH_VARIABLES.slice(0, -1).join(', ')} and ${OAUTH_VARIABLES.at(-1)}`;

/** OAuth distribution needs all three of its variables and a key for the tokens, and replaces SLACK_BOT_TOKEN. */
function oauthProblems(env: Partial<Record<string, string>>): [string, string][] {
  const set = OAUTH_VARIABLES.filter((name) => env[name]);
  if (set.length === 0) return [];
  const problems: [string, string][] = OAUTH_VARIABLES.filter((name) => !env[name]).map((name) => [
    name,
    `is required when ${set.join(' and ')} ${set.length === 1 ? 'is' : 'are'} set: ` +
      `installing to any workspace needs ${OAUTH_TRIO} (or unset them all to use one workspace's SLACK_BOT_TOKEN)`,
  ]);
  if (!env.SLACK_INSTALLATION_KEY) {
    problems.push([
      'SLACK_INSTALLATION_KEY',
      `is required with ${OAUTH_VARIABLES.join(', ')}: ` +
        "installations' tokens are stored encrypted with it (openssl rand -base64 32)",
    ]);
  }
  if (env.SLACK_BOT_TOKEN) {
    problems.push([
      'SLACK_BOT_TOKEN',
      'must be empty when SLACK_CLIENT_ID is set: ' +
        "each workspace's bot token comes from its installation (/slack/install)",
    ]);
  }
  return problems;
}

/** Shard ids must fall inside the count; ids without a count cannot be placed (Discord needs both). */
function shardProblems(count: unknown, ids: unknown): [string, string][] {
  if (ids === undefined || !Array.isArray(ids)) return [];
  if (count === undefined) {
    return [
      ['DISCORD_SHARD_COUNT', 'is required when DISCORD_SHARD_IDS is set (the number of shards across every replica)'],
    ];
  }
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return []; // its own error says why
  const outside = ids.filter((id: number) => id >= count);
  return outside.length > 0
    ? [
        [
          'DISCORD_SHARD_IDS',
          `names shard ${outside.join(', ')}, outside DISCORD_SHARD_COUNT=${count} ` +
            `(shards are numbered 0 to ${count - 1})`,
        ],
      ]
    : [];
}

/** The gateway shards this process connects: discord.js's `shards`/`shardCount`; null for one unsharded session. */
export function discordShards(
  config: Pick<Config, 'DISCORD_SHARD_COUNT' | 'DISCORD_SHARD_IDS'>,
): { shards: number[]; shardCount: number } | null {
  if (config.DISCORD_SHARD_COUNT === undefined) return null;
  const all = Array.from({ length: config.DISCORD_SHARD_COUNT }, (_, id) => id);
  return { shards: config.DISCORD_SHARD_IDS ?? all, shardCount: config.DISCORD_SHARD_COUNT };
}

/** Every variable the bot reads, in schema order. */
export const CONFIG_VARIABLES = Object.keys(ConfigSchema.shape) as (keyof Config)[];

/** Variables whose values must never be printed or logged. */
export const SECRET_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'SLACK_INSTALLATION_KEY',
  'SLACK_INSTALLATION_KEY_PREVIOUS',
  'DISCORD_TOKEN',
  'GITHUB_TOKEN',
  'DATABASE_URL',
] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'Set these variables in the environment or in .env (see .env.example), then start again.',
    );
    this.name = 'ConfigError';
  }
}

/** Validates the environment; the error names each bad variable and how to fix it, never its value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  // One problem per variable: the first is the one to fix (a token in the wrong variable also fails its format).
  const byVariable = new Map<string, string>();
  for (const issue of result.error.issues) {
    const variableName = issue.path.join('.') || 'environment';
    if (!byVariable.has(variableName)) byVariable.set(variableName, `${variableName} ${issue.message}`);
  }
  throw new ConfigError([...byVariable.values()]);
}

/** Installing to any workspace (OAuth distribution) instead of one workspace's SLACK_BOT_TOKEN. */
export const slackOAuthEnabled = (config: Config): boolean => Boolean(config.SLACK_CLIENT_ID);
export const slackEnabled = (config: Config): boolean => Boolean(config.SLACK_BOT_TOKEN) || slackOAuthEnabled(config);
export const discordEnabled = (config: Config): boolean => Boolean(config.DISCORD_TOKEN);
/** Socket Mode when an app-level token is set; otherwise Slack posts events to our HTTP server. */
export const slackMode = (config: Config): 'socket' | 'http' | null =>
  slackEnabled(config) ? (config.SLACK_APP_TOKEN ? 'socket' : 'http') : null;

/**
 * Variables that look like ours but are not (a typo such as SLACK_TOKEN); start-up logs them as a
 * warning rather than failing, since a shared environment may hold unrelated SLACK_/DISCORD_ names.
 */
export function unknownVariables(env: NodeJS.ProcessEnv): string[] {
  const known = new Set<string>(CONFIG_VARIABLES);
  return Object.keys(env)
    .filter((name) => /^(SLACK|DISCORD|DIGEST)_/.test(name) && !known.has(name))
    .sort();
}

/**
 * Loads `.env` from the working directory into process.env when the file exists (Node's own .env parser).
 * Variables already set in the environment win, so a deployment can override a developer's file.
 * Returns whether a file was loaded.
 */
export function loadDotEnv(file = '.env'): boolean {
  if (!existsSync(file)) return false;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}); fix or remove it`,
    ]);
  }
  const unterminated = unterminatedQuotes(text).map(
    ({ line, name, quote }) =>
      `${file} line ${line}: ${name} opens a ${quote} quote that is never closed; close it or remove the quote`,
  );
  if (unterminated.length > 0) throw new ConfigError(unterminated);
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (process.env[name] === undefined && value !== undefined) process.env[name] = value;
  }
  return true;
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(["'`])(.*)$/;

/**
 * Values that open a quote and never close it. Node's parser keeps the quote as part of the value or drops
 * the variable (depending on the version), so a token pasted with a missing quote would be silently wrong.
 * A quoted value may span lines (as Node's parser allows) when a later line closes it.
 */
function unterminatedQuotes(text: string): { line: number; name: string; quote: string }[] {
  const lines = text.split(/\r?\n/);
  const problems: { line: number; name: string; quote: string }[] = [];
  for (let index = 0; index < lines.length; index++) {
    const match = ASSIGNMENT.exec(lines[index]!);
    if (!match) continue;
    const [, name, quote, rest] = match as unknown as [string, string, string, string];
    if (rest.includes(quote)) continue;
    const closing = lines.findIndex((later, at) => at > index && later.includes(quote));
    if (closing === -1) problems.push({ line: index + 1, name, quote });
    else index = closing;
  }
  return problems;
}
