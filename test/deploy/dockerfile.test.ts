import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../../src/data/paths.ts';

// No container engine runs in CI, so the image is checked by reading the Dockerfile against the repository.
const dockerfile = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
const dockerignore = readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim());
const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const stages = instructions.reduce<string[][]>((all, line) => {
  if (/^FROM\s/i.test(line)) all.push([]);
  all.at(-1)?.push(line);
  return all;
}, []);
const runtime = stages.at(-1)!;
const deployment = parseAllDocuments(
  readFileSync(path.join(REPO_ROOT, 'deploy/base/deployment.yaml'), 'utf8'),
)[0]!.toJS();
const container = deployment.spec.template.spec.containers[0];

describe('Dockerfile', () => {
  it('is multi-stage: dependencies are installed (production only) with build tools in an earlier stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const deps = stages[0]!.join('\n');
    expect(deps).toMatch(/apt-get install[^\n]*python3[^\n]*make[^\n]*g\+\+/);
    expect(deps).toMatch(/npm ci --omit=dev/);
    expect(runtime.join('\n')).not.toMatch(/apt-get install|npm (ci|install)/);
    expect(runtime.join('\n')).toMatch(/COPY --from=deps \/app\/node_modules/);
  });

  it('runs as a numeric non-root user', () => {
    const user = runtime.filter((line) => /^USER\s/i.test(line)).at(-1);
    expect(user).toBeDefined();
    const uid = Number(user!.split(/\s+/)[1]!.split(':')[0]);
    expect(uid).toBeGreaterThan(0);
    expect(uid).toBe(deployment.spec.template.spec.securityContext.runAsUser);
  });

  it('copies only what exists and what the bot needs at run time: compiled JavaScript, no TypeScript sources', () => {
    const sources = runtime
      .filter((line) => /^COPY\s/i.test(line) && !/--from=/.test(line))
      .flatMap((line) => line.split(/\s+/).slice(1, -1));
    expect(sources.sort()).toEqual(['data', 'package.json']);
    for (const source of sources) expect(existsSync(path.join(REPO_ROOT, source)), source).toBe(true);
    expect(runtime.join('\n')).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
  });

  it('type-checks with tsc and bundles in a build stage (the sources it copies exist), and runs dist/adapters/main.js with node alone', () => {
    const build = stages.find((stage) => /AS build$/i.test(stage[0]!))!;
    expect(build.join('\n')).toMatch(/RUN npm run typecheck && npm run build/);
    for (const line of build.filter((l) => /^COPY\s/i.test(l))) {
      for (const source of line.split(/\s+/).slice(1, -1))
        expect(existsSync(path.join(REPO_ROOT, source)), source).toBe(true);
    }
    const entrypoint = runtime.find((line) => /^ENTRYPOINT\s/i.test(line));
    expect(JSON.parse(entrypoint!.replace(/^ENTRYPOINT\s+/i, ''))).toEqual(['node', 'dist/adapters/main.js']);
    expect(packageJson.scripts.build).toBe('node scripts/build.mjs');
    expect(packageJson.scripts.typecheck).toBe('tsc --noEmit');
    // The run-time transpiler stays a development tool: not in the image.
    expect(packageJson.dependencies).not.toHaveProperty('tsx');
    expect(packageJson.devDependencies).toHaveProperty('tsx');
    expect(packageJson.dependencies).toHaveProperty('better-sqlite3');
  });

  it('runs on a maintained Node.js LTS line (20 reached end of life on 2026-04-30)', () => {
    const image = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(dockerfile);
    expect(Number(image?.[1])).toBeGreaterThanOrEqual(22);
  });

  it('drops better-sqlite3 build leftovers from the runtime dependencies and lets npm trust a custom CA', () => {
    const deps = stages[0]!.join('\n');
    expect(deps).toMatch(/rm -rf deps src build\/Release\/obj build\/Release\/obj\.target/);
    expect(dockerfile).toMatch(/--mount=type=secret,id=ca,required=false/);
    expect(dockerfile).toMatch(/NODE_EXTRA_CA_CERTS=\/run\/secrets\/ca/);
  });

  it('agrees with the Deployment on PORT and DATA_DIR', () => {
    const env = runtime.filter((line) => /^ENV\s/i.test(line)).join(' ');
    const port = container.env.find((entry: { name: string }) => entry.name === 'PORT').value;
    const dataDir = container.env.find((entry: { name: string }) => entry.name === 'DATA_DIR').value;
    expect(env).toContain(`PORT=${port}`);
    expect(env).toContain(`DATA_DIR=${dataDir}`);
    expect(runtime.join('\n')).toContain(`EXPOSE ${port}`);
    expect(runtime.join('\n')).toContain(`mkdir -p ${dataDir}`);
  });

  it('.dockerignore keeps secrets, local state and dependencies out of the build context', () => {
    for (const entry of ['.env', '.env.*', 'node_modules', 'var', '.git', 'test', 'dist'])
      expect(dockerignore).toContain(entry);
  });
});
