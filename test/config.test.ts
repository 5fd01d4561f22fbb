import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CONFIG_VARIABLES,
  ConfigError,
  ConfigSchema,
  loadDotEnv,
  SECRET_VARIABLES,
  discordEnabled,
  loadConfig,
  slackEnabled,
  slackMode,
  slackOAuthEnabled,
  unknownVariables,
} from '../src/config.ts';

const SLACK_HTTP = {
  SLACK_BOT_TOKEN: 'xoxb-1111-2222-abcdef',
  SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
};
const DISCORD = { DISCORD_TOKEN: 'MTA5.GhIjKl.abcdefghijklmnop', DISCORD_APPLICATION_ID: '1090000000000000001' };

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected loadConfig to reject this environment');
}

function messageOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected loadConfig to reject this environment');
}

describe('loadConfig: defaults and modes', () => {
  it('an empty environment is valid and runs neither Slack nor Discord (the console adapter)', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      PORT: 3000,
      DATA_DIR: './var',
      LOG_LEVEL: 'info',
      DIGEST_GRACE_HOURS: 6,
      DIGEST_TICK_SECONDS: 60,
      DIGEST_CLAIM_LEASE_SECONDS: 600,
      SHUTDOWN_DRAIN_SECONDS: 0,
      DATA_REFRESH: 6 * 3_600_000,
    });
    expect(slackEnabled(config)).toBe(false);
    expect(discordEnabled(config)).toBe(false);
    expect(slackMode(config)).toBeNull();
  });

  it.each([
    ['6h', 6 * 3_600_000],
    ['30m', 30 * 60_000],
    ['15s', 15_000],
    ['1d', 86_400_000],
    [' OFF ', null],
  ])('DATA_REFRESH=%s is %s ms', (value, ms) => {
    expect(loadConfig({ DATA_REFRESH: value }).DATA_REFRESH).toBe(ms);
  });

  it.each(['6', 'hourly', '-5m', '0s', '1.5h'])(
    'DATA_REFRESH=%s is refused, naming the variable and the accepted forms',
    (value) => {
      expect(() => loadConfig({ DATA_REFRESH: value })).toThrow(
        /DATA_REFRESH must be (an interval such as 6h, 30m or 15s, or off|at least 1s)/,
      );
    },
  );

  it('treats blank values (a copied .env.example) as unset and trims the rest', () => {
    const blank = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, '  ']));
    expect(loadConfig(blank)).toEqual(loadConfig({}));
    expect(loadConfig({ PORT: ' 8080 ', LOG_LEVEL: 'DEBUG', DATA_DIR: ' /data ' })).toMatchObject({
      PORT: 8080,
      LOG_LEVEL: 'debug',
      DATA_DIR: '/data',
    });
  });

  it('Slack HTTP mode with a bot token and signing secret; Socket Mode with an app token', () => {
    const http = loadConfig(SLACK_HTTP);
    expect(slackEnabled(http)).toBe(true);
    expect(slackMode(http)).toBe('http');
    const socket = loadConfig({ SLACK_BOT_TOKEN: SLACK_HTTP.SLACK_BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-A111-222-abc' });
    expect(slackMode(socket)).toBe('socket');
  });

  it('Discord and Slack together', () => {
    const config = loadConfig({ ...SLACK_HTTP, ...DISCORD, DISCORD_GUILD_ID: '1090000000000000002' });
    expect(slackEnabled(config)).toBe(true);
    expect(discordEnabled(config)).toBe(true);
    expect(config.DISCORD_GUILD_ID).toBe('1090000000000000002');
  });

  it('accepts PORT 0 (a free port) and a fractional grace window', () => {
    expect(loadConfig({ PORT: '0', DIGEST_GRACE_HOURS: '1.5' })).toMatchObject({ PORT: 0, DIGEST_GRACE_HOURS: 1.5 });
  });
});

describe('loadConfig: missing variables', () => {
  it.each([
    [
      { SLACK_BOT_TOKEN: SLACK_HTTP.SLACK_BOT_TOKEN },
      'SLACK_SIGNING_SECRET',
      /required for HTTP mode.*SLACK_APP_TOKEN/,
    ],
    [{ SLACK_APP_TOKEN: 'xapp-1-A111-222-abc' }, 'SLACK_BOT_TOKEN', /required when/],
    [{ SLACK_SIGNING_SECRET: 'abc123' }, 'SLACK_BOT_TOKEN', /required when/],
    [{ DISCORD_TOKEN: DISCORD.DISCORD_TOKEN }, 'DISCORD_APPLICATION_ID', /required when DISCORD_TOKEN is set/],
    [{ DISCORD_APPLICATION_ID: DISCORD.DISCORD_APPLICATION_ID }, 'DISCORD_TOKEN', /required when/],
    [{ DISCORD_GUILD_ID: '1090000000000000002' }, 'DISCORD_TOKEN', /required when/],
  ])('%o → names %s and says how to fix it', (env, variable, fix) => {
    const problems = problemsOf(env);
    const problem = problems.find((p) => p.startsWith(`${variable} `));
    expect(problem, problems.join('\n')).toBeDefined();
    expect(problem).toMatch(fix);
  });
});

describe('loadConfig: malformed variables', () => {
  it.each([
    ['PORT', 'eighty', /port number from 0 to 65535/],
    ['PORT', '70000', /port number from 0 to 65535/],
    ['PORT', '80.5', /whole port number/],
    ['PORT', '0xF0A', /port number from 0 to 65535, in decimal digits/],
    ['PORT', '1e3', /in decimal digits/],
    ['PORT', '0b11', /in decimal digits/],
    ['LOG_LEVEL', 'loud', /one of fatal, error, warn, info, debug, trace, silent/],
    ['DIGEST_GRACE_HOURS', '-1', /hours from 0 to 168/],
    ['DIGEST_GRACE_HOURS', 'soon', /hours from 0 to 168/],
    ['SLACK_API_URL', 'not a url', /http:\/\/ or https:\/\/ URL/],
    ['DISCORD_API_URL', 'ftp://127.0.0.1/api', /http:\/\/ or https:\/\/ URL/],
    ['DISCORD_GUILD_ID', 'my-server', /numeric Discord ID/],
  ])('%s=%s is rejected with a message naming it', (variable, value, fix) => {
    const env = variable.startsWith('DISCORD_GUILD') ? { ...DISCORD, [variable]: value } : { [variable]: value };
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.startsWith(`${variable} `)).toBe(true);
    expect(problems[0]).toMatch(fix);
  });

  it('a Slack bot token of the wrong kind', () => {
    expect(problemsOf({ ...SLACK_HTTP, SLACK_BOT_TOKEN: 'abcdef' })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN must be the Bot User OAuth Token starting with xoxb-/),
    ]);
  });

  it('a token with a space or line break in it (a bad paste)', () => {
    expect(problemsOf({ ...SLACK_HTTP, SLACK_SIGNING_SECRET: 'abc def' })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET must not contain spaces/),
    ]);
  });

  it('reports every problem at once, one line per variable', () => {
    const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'loud', DISCORD_TOKEN: DISCORD.DISCORD_TOKEN });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(['DISCORD_APPLICATION_ID', 'LOG_LEVEL', 'PORT']);
    const message = messageOf({ PORT: 'x' });
    expect(message).toMatch(/^Invalid configuration:\n {2}- PORT /);
    expect(message).toMatch(/\.env\.example/);
  });
});

describe('loadConfig: conflicting variables', () => {
  it('Slack tokens swapped between SLACK_BOT_TOKEN and SLACK_APP_TOKEN', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xapp-1-A111-222-abc', SLACK_APP_TOKEN: 'xoxb-1111-2222-abcdef' });
    expect(problems).toContainEqual(
      expect.stringMatching(/^SLACK_BOT_TOKEN holds an app-level token \(xapp-…\); move it to SLACK_APP_TOKEN/),
    );
    expect(problems).toContainEqual(expect.stringMatching(/^SLACK_APP_TOKEN holds an OAuth token/));
  });

  it('a user token where the bot token belongs', () => {
    expect(problemsOf({ ...SLACK_HTTP, SLACK_BOT_TOKEN: 'xoxp-1-2-3' })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN holds a user token/),
    ]);
  });

  it('a token pasted into SLACK_SIGNING_SECRET', () => {
    expect(problemsOf({ ...SLACK_HTTP, SLACK_SIGNING_SECRET: 'xoxb-9-9-9' })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET holds a token/),
    ]);
  });

  it('a Slack token pasted into DISCORD_TOKEN', () => {
    expect(problemsOf({ ...DISCORD, DISCORD_TOKEN: 'xoxb-1111-2222-abcdef' })).toEqual([
      expect.stringMatching(/^DISCORD_TOKEN holds a Slack token/),
    ]);
  });

  it('a Discord token with the "Bot " authorization prefix', () => {
    expect(problemsOf({ ...DISCORD, DISCORD_TOKEN: `Bot ${DISCORD.DISCORD_TOKEN}` })).toEqual([
      expect.stringMatching(/^DISCORD_TOKEN must be the bare token, without a "Bot " prefix/),
    ]);
  });

  it('the application ID repeated as the guild ID', () => {
    expect(problemsOf({ ...DISCORD, DISCORD_GUILD_ID: DISCORD.DISCORD_APPLICATION_ID })).toEqual([
      expect.stringMatching(/^DISCORD_GUILD_ID is the same as DISCORD_APPLICATION_ID/),
    ]);
  });

  it('cross-variable checks still run when another variable is malformed', () => {
    const problems = problemsOf({ PORT: 'x', SLACK_BOT_TOKEN: 'xapp-1-A111-222-abc' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(['PORT', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
  });
});

describe('loadConfig: installing to any workspace (OAuth distribution)', () => {
  const OAUTH = {
    SLACK_CLIENT_ID: '1234567890.987654321',
    SLACK_CLIENT_SECRET: 'c0ffee00c0ffee00c0ffee00c0ffee00',
    SLACK_STATE_SECRET: 'a'.repeat(64),
    SLACK_INSTALLATION_KEY: Buffer.alloc(32, 7).toString('base64'),
    SLACK_SIGNING_SECRET: SLACK_HTTP.SLACK_SIGNING_SECRET,
  };

  it('the three OAuth variables and a key enable Slack without SLACK_BOT_TOKEN', () => {
    const config = loadConfig(OAUTH);
    expect(slackEnabled(config)).toBe(true);
    expect(slackOAuthEnabled(config)).toBe(true);
    expect(slackMode(config)).toBe('http');
    expect(slackMode(loadConfig({ ...OAUTH, SLACK_APP_TOKEN: 'xapp-1-A111-222-abc' }))).toBe('socket');
    expect(slackOAuthEnabled(loadConfig(SLACK_HTTP))).toBe(false);
  });

  it('needs all three or none, naming each one missing', () => {
    expect(problemsOf({ ...OAUTH, SLACK_CLIENT_SECRET: '', SLACK_STATE_SECRET: '' })).toEqual([
      expect.stringMatching(/^SLACK_CLIENT_SECRET is required when SLACK_CLIENT_ID is set/),
      expect.stringMatching(/^SLACK_STATE_SECRET is required when SLACK_CLIENT_ID is set/),
    ]);
    expect(problemsOf({ ...SLACK_HTTP, SLACK_STATE_SECRET: OAUTH.SLACK_STATE_SECRET })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SLACK_CLIENT_ID is required when SLACK_STATE_SECRET is set/)]),
    );
  });

  it('needs SLACK_INSTALLATION_KEY (base64 of 32 bytes), and SLACK_BOT_TOKEN left empty', () => {
    expect(problemsOf({ ...OAUTH, SLACK_INSTALLATION_KEY: '' })).toEqual([
      expect.stringMatching(/^SLACK_INSTALLATION_KEY is required with SLACK_CLIENT_ID.*openssl rand -base64 32/),
    ]);
    expect(problemsOf({ ...OAUTH, SLACK_INSTALLATION_KEY: Buffer.alloc(16).toString('base64') })).toEqual([
      expect.stringMatching(/^SLACK_INSTALLATION_KEY must be base64 of 32 random bytes/),
    ]);
    expect(problemsOf({ ...OAUTH, SLACK_BOT_TOKEN: SLACK_HTTP.SLACK_BOT_TOKEN })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN must be empty when SLACK_CLIENT_ID is set/),
    ]);
    expect(problemsOf({ ...OAUTH, SLACK_SIGNING_SECRET: '' })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET is required for HTTP mode/),
    ]);
  });

  it('previous keys are a comma-separated list of keys', () => {
    const previous = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)].map((key) => key.toString('base64'));
    expect(loadConfig({ ...OAUTH, SLACK_INSTALLATION_KEY_PREVIOUS: previous.join(', ') })).toMatchObject({
      SLACK_INSTALLATION_KEY_PREVIOUS: previous,
    });
    expect(problemsOf({ ...OAUTH, SLACK_INSTALLATION_KEY_PREVIOUS: `${previous[0]},short` })).toEqual([
      expect.stringMatching(/^SLACK_INSTALLATION_KEY_PREVIOUS must be keys separated by commas/),
    ]);
  });
});

describe('secrets never appear in errors', () => {
  const secretValues = {
    SLACK_BOT_TOKEN: [
      'xapp-Zq9s3cr3t-bot-0001',
      'xoxp-Zq9s3cr3t-bot-0002',
      'Zq9s3cr3t-bot-0003',
      'xoxb Zq9s3cr3t 0004',
    ],
    SLACK_SIGNING_SECRET: ['xoxb-Zq9s3cr3t-sign-0001', 'Zq9s3cr3t sign 0002'],
    SLACK_APP_TOKEN: ['xoxb-Zq9s3cr3t-app-0001', 'Zq9s3cr3t-app-0002'],
    DISCORD_TOKEN: ['Bot Zq9s3cr3t.discord.0001', 'xoxb-Zq9s3cr3t-discord-0002', 'Zq9s3cr3t discord 0003'],
    SLACK_CLIENT_SECRET: ['Zq9s3cr3t client 0001'],
    SLACK_STATE_SECRET: ['Zq9s3cr3t-state-too-short', 'Zq9s3cr3t state with spaces that is long enough'],
    SLACK_INSTALLATION_KEY: ['Zq9s3cr3t-not-a-base64-key', 'WnE5czNjcjN0LXNob3J0'],
    SLACK_INSTALLATION_KEY_PREVIOUS: [`${'A'.repeat(43)}=,Zq9s3cr3t-not-a-key`],
    GITHUB_TOKEN: ['ghp_Zq9s3cr3t github 0001'],
    DATABASE_URL: ['mysql://bot:Zq9s3cr3t@db/bot', 'postgres://bot:Zq9s3cr3t db/bot'],
  } satisfies Record<(typeof SECRET_VARIABLES)[number], string[]>;

  for (const [variable, values] of Object.entries(secretValues)) {
    it.each(values)(`${variable}=%s: the message names ${variable} but not the value`, (value) => {
      const message = messageOf({ [variable]: value });
      expect(message).toContain(variable);
      expect(message).not.toContain(value);
      for (const fragment of value.split(/\s+/).filter((part) => part.includes('Zq9s3cr3t')))
        expect(message).not.toContain(fragment);
    });
  }

  it('every secret variable is part of the schema', () => {
    for (const name of SECRET_VARIABLES) expect(Object.keys(ConfigSchema.shape)).toContain(name);
  });
});

describe('unknownVariables', () => {
  it('lists look-alike SLACK_/DISCORD_ names the bot does not read (typos), ignoring everything else (GITHUB_* belongs to CI)', () => {
    expect(
      unknownVariables({
        SLACK_TOKEN: 'x',
        GITHUB_TOKEN: 'g',
        GITHUB_ACTIONS: 'true',
        DISCORD_BOT_TOKEN: 'y',
        SLACK_BOT_TOKEN: 'z',
        HOME: '/root',
        PATH: '/bin',
      }),
    ).toEqual(['DISCORD_BOT_TOKEN', 'SLACK_TOKEN']);
  });
});

describe('loadDotEnv', () => {
  const names = ['K8S_BOT_TEST_FROM_FILE', 'K8S_BOT_TEST_ALREADY_SET'];
  afterEach(() => {
    for (const name of names) delete process.env[name];
  });

  it('loads a .env file; variables already in the environment win', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dotenv-')), '.env');
    writeFileSync(file, '# comment\nK8S_BOT_TEST_FROM_FILE=from file\nK8S_BOT_TEST_ALREADY_SET="from file"\n');
    process.env.K8S_BOT_TEST_ALREADY_SET = 'from environment';
    expect(loadDotEnv(file)).toBe(true);
    expect(process.env.K8S_BOT_TEST_FROM_FILE).toBe('from file');
    expect(process.env.K8S_BOT_TEST_ALREADY_SET).toBe('from environment');
  });

  it('an unterminated quote is a ConfigError naming the file, line and variable, and loads nothing', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dotenv-')), '.env');
    writeFileSync(
      file,
      'K8S_BOT_TEST_FROM_FILE=fine\nK8S_BOT_TEST_ALREADY_SET="xoxb-pasted-without-end\nLOG_LEVEL=debug\n',
    );
    expect(() => loadDotEnv(file)).toThrow(ConfigError);
    expect(() => loadDotEnv(file)).toThrow(
      `${file} line 2: K8S_BOT_TEST_ALREADY_SET opens a " quote that is never closed`,
    );
    expect(() => loadDotEnv(file)).not.toThrow(/xoxb-pasted/);
    expect(process.env.K8S_BOT_TEST_FROM_FILE).toBeUndefined();
  });

  it('a quoted value spanning lines, closed later, is fine', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dotenv-')), '.env');
    writeFileSync(file, "K8S_BOT_TEST_FROM_FILE='first\nsecond'\nK8S_BOT_TEST_ALREADY_SET=after\n");
    expect(loadDotEnv(file)).toBe(true);
    expect(process.env.K8S_BOT_TEST_FROM_FILE).toBe('first\nsecond');
    expect(process.env.K8S_BOT_TEST_ALREADY_SET).toBe('after');
  });

  it('no file is fine', () => {
    expect(loadDotEnv(path.join(tmpdir(), 'no-such-dir-k8s-bot', '.env'))).toBe(false);
  });

  it('an unreadable .env (a folder) is a ConfigError naming it', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'dotenv-dir-'));
    expect(() => loadDotEnv(folder)).toThrow(ConfigError);
    expect(() => loadDotEnv(folder)).toThrow(/cannot be read \(EISDIR\)/);
  });
});

describe('storage and replica settings', () => {
  it('DATABASE_URL must be a postgres:// URL; the error names the variable, never the value', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://bot:pw@db:5432/bot' }).DATABASE_URL).toBe(
      'postgres://bot:pw@db:5432/bot',
    );
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/bot' }).DATABASE_URL).toBe('postgresql://db/bot');
    expect(() => loadConfig({ DATABASE_URL: 'sqlite:///var/bot.sqlite' })).toThrow(
      /DATABASE_URL must be a postgres:\/\/ URL/,
    );
  });

  it('digest cadence, lease and drain are bounded whole seconds', () => {
    expect(
      loadConfig({ DIGEST_TICK_SECONDS: '5', DIGEST_CLAIM_LEASE_SECONDS: '30', SHUTDOWN_DRAIN_SECONDS: '5' }),
    ).toMatchObject({
      DIGEST_TICK_SECONDS: 5,
      DIGEST_CLAIM_LEASE_SECONDS: 30,
      SHUTDOWN_DRAIN_SECONDS: 5,
    });
    expect(() => loadConfig({ DIGEST_TICK_SECONDS: '0' })).toThrow(
      /DIGEST_TICK_SECONDS must be a whole number of seconds from 1 to 60/,
    );
    expect(() => loadConfig({ DIGEST_CLAIM_LEASE_SECONDS: '5' })).toThrow(
      /DIGEST_CLAIM_LEASE_SECONDS must be a whole number of seconds from 10/,
    );
    expect(() => loadConfig({ SHUTDOWN_DRAIN_SECONDS: '30' })).toThrow(
      /SHUTDOWN_DRAIN_SECONDS must be a whole number of seconds from 0 to 20/,
    );
  });
});
