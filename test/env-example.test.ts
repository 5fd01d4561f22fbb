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
