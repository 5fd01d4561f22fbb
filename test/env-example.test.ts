import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigSchema, loadConfig, slackEnabled, discordEnabled } from '../src/config.ts';
import { REPO_ROOT } from '../src/data/paths.ts';

const text = readFileSync(`${REPO_ROOT}/.env.example`, 'utf8');
const assignments = text.split('\n').filter((line) => /^[A-Z0-9_]+=/.test(line));

describe('.env.example', () => {
  it('lists exactly the variables of ConfigSchema, in the same order', () => {
    expect(assignments.map((line) => line.split('=')[0])).toEqual(Object.keys(ConfigSchema.shape));
    expect(CONFIG_VARIABLES).toEqual(Object.keys(ConfigSchema.shape));
  });

  it('explains every variable with a comment right above it', () => {
    const lines = text.split('\n');
    for (const assignment of assignments) {
      const index = lines.indexOf(assignment);
      expect(lines[index - 1], `comment above ${assignment}`).toMatch(/^# \S/);
    }
  });

  it('holds no values, so copying it to .env starts the console adapter with the defaults', () => {
    const parsed = parseEnv(text);
    expect(Object.values(parsed).every((value) => value === '')).toBe(true);
    const config = loadConfig(parsed);
    expect(slackEnabled(config) || discordEnabled(config)).toBe(false);
    expect(config).toEqual(loadConfig({}));
  });

  it('states the same defaults as the schema', () => {
    const defaults = loadConfig({});
    expect(text).toMatch(new RegExp(`Default ${defaults.PORT}\\b`));
    expect(text).toContain(`Default ${defaults.DATA_DIR}`);
    expect(text).toContain(`Default ${defaults.LOG_LEVEL}`);
    expect(text).toContain(`default ${defaults.DIGEST_GRACE_HOURS}`);
  });
});

describe('README configuration table', () => {
  const readme = readFileSync(`${REPO_ROOT}/README.md`, 'utf8');
  const section = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
  );
  const rows = section.split('\n').filter((line) => /^\| `[A-Z0-9_]+` +\|/.test(line));

  it('has one row per variable of ConfigSchema, in the same order', () => {
    expect(rows.map((row) => /^\| `([A-Z0-9_]+)`/.exec(row)![1])).toEqual(Object.keys(ConfigSchema.shape));
  });

  it('states the schema defaults', () => {
    const defaults = loadConfig({});
    const defaultOf = (name: string) =>
      rows
        .find((row) => row.startsWith(`| \`${name}\``))!
        .split('|')[2]!
        .trim();
    expect(defaultOf('PORT')).toBe(`\`${defaults.PORT}\``);
    expect(defaultOf('DATA_DIR')).toBe(`\`${defaults.DATA_DIR}\``);
    expect(defaultOf('LOG_LEVEL')).toContain(`\`${defaults.LOG_LEVEL}\``);
    expect(defaultOf('DIGEST_GRACE_HOURS')).toBe(`\`${defaults.DIGEST_GRACE_HOURS}\``);
  });
});
