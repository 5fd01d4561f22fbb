import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url().optional())
  .optional();

/**
 * The whole configuration, from the environment only. Every variable the bot reads is here;
 * `.env.example` lists the same names (a test keeps them in sync).
 */
export const ConfigSchema = z
  .object({
    SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional()),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: optionalString.pipe(z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional()),
    SLACK_API_URL: optionalUrl,
    DISCORD_TOKEN: optionalString,
    DISCORD_APPLICATION_ID: optionalString.pipe(z.string().regex(/^\d{17,20}$/, 'must be a numeric snowflake ID').optional()),
    DISCORD_GUILD_ID: optionalString.pipe(z.string().regex(/^\d{17,20}$/, 'must be a numeric snowflake ID').optional()),
    DISCORD_API_URL: optionalUrl,
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATA_DIR: z.string().trim().min(1).default('./var'),
    DATASET_DIR: z.string().trim().min(1).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DIGEST_GRACE_HOURS: z.coerce.number().min(0).max(168).default(6),
    /** Optional; raises GitHub's API rate limit for `npm run sync`. */
    GITHUB_TOKEN: optionalString,
  })
  .superRefine((env, ctx) => {
    const slackSet = [env.SLACK_BOT_TOKEN, env.SLACK_SIGNING_SECRET, env.SLACK_APP_TOKEN].some(Boolean);
    if (slackSet && !env.SLACK_BOT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required when any Slack variable is set' });
    }
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
      });
    }
    const discordSet = [env.DISCORD_TOKEN, env.DISCORD_APPLICATION_ID, env.DISCORD_GUILD_ID].some(Boolean);
    if (discordSet && !env.DISCORD_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_TOKEN'], message: 'is required when any Discord variable is set' });
    }
    if (discordSet && !env.DISCORD_APPLICATION_ID) {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_APPLICATION_ID'], message: 'is required when any Discord variable is set' });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

/** Variables whose values must never be printed or logged. */
export const SECRET_VARIABLES = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN', 'GITHUB_TOKEN'] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; the error names each bad variable and how to fix it, never its value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || 'environment';
    return `${variable} ${issue.message} (see .env.example)`;
  });
  throw new ConfigError(problems);
}

export const slackEnabled = (config: Config): boolean => Boolean(config.SLACK_BOT_TOKEN);
export const discordEnabled = (config: Config): boolean => Boolean(config.DISCORD_TOKEN);
