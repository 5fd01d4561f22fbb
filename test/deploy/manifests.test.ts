import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ConfigSchema, loadConfig, SECRET_VARIABLES } from '../../src/config.ts';
import { REPO_ROOT } from '../../src/data/paths.ts';
import { Health, handleHealthRequest, HEALTH_PATHS } from '../../src/health.ts';

const DEPLOY = path.join(REPO_ROOT, 'deploy', 'base');

type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: a Kubernetes manifest is free-form YAML; the assertions name the fields they read
  [key: string]: any;
};

function readYaml(file: string): K8sObject[] {
  const documents = parseAllDocuments(readFileSync(path.join(DEPLOY, file), 'utf8'));
  return documents.map((document) => {
    expect(document.errors, `${file}: ${document.errors.map((error) => error.message).join('; ')}`).toEqual([]);
    return document.toJS() as K8sObject;
  });
}

const yamlFiles = readdirSync(DEPLOY)
  .filter((name) => name.endsWith('.yaml'))
  .sort();
const objects = new Map(yamlFiles.map((file) => [file, readYaml(file)]));
const one = (kind: string): K8sObject => {
  const found = [...objects.values()].flat().filter((object) => object.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};

const kustomization = one('Kustomization');
const deployment = one('Deployment');
const pvc = one('PersistentVolumeClaim');
const service = one('Service');
const secret = one('Secret');
const pod = deployment.spec.template.spec;
const container = pod.containers[0];
const envValue = (name: string): string | undefined =>
  container.env.find((entry: { name: string }) => entry.name === name)?.value;

describe('deploy/ manifests', () => {
  it('every file parses as YAML into Kubernetes objects', () => {
    expect(yamlFiles).toEqual([
      'deployment.yaml',
      'kustomization.yaml',
      'pvc.yaml',
      'secret.template.yaml',
      'service.yaml',
    ]);
    for (const [file, documents] of objects) {
      for (const object of documents) {
        expect(object.apiVersion, file).toBeTruthy();
        expect(object.kind, file).toBeTruthy();
      }
    }
  });

  it('the kustomization lists every manifest but the Secret template, and only files that exist', () => {
    for (const resource of kustomization.resources as string[])
      expect(existsSync(path.join(DEPLOY, resource)), resource).toBe(true);
    expect([...kustomization.resources].sort()).toEqual(
      yamlFiles.filter((file) => file !== 'kustomization.yaml' && file !== 'secret.template.yaml'),
    );
    expect(kustomization.images.map((image: { name: string }) => image.name)).toContain(container.image.split(':')[0]);
  });

  it('probes name exactly the paths the health server serves, on the container port PORT sets', () => {
    expect(container.livenessProbe.httpGet.path).toBe(HEALTH_PATHS.liveness);
    expect(container.startupProbe.httpGet.path).toBe(HEALTH_PATHS.liveness);
    expect(container.readinessProbe.httpGet.path).toBe(HEALTH_PATHS.readiness);
    const port = container.ports.find(
      (candidate: { name: string }) => candidate.name === container.readinessProbe.httpGet.port,
    );
    expect(port).toBeDefined();
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'])
      expect(container[probe].httpGet.port).toBe(port.name);
    expect(String(port.containerPort)).toBe(envValue('PORT'));
  });

  it('runs as one replica, replaced with Recreate, and says why more are unsafe', () => {
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy.type).toBe('Recreate');
    const text = readFileSync(path.join(DEPLOY, 'deployment.yaml'), 'utf8');
    expect(text).toMatch(/Exactly ONE replica/);
    expect(text).toMatch(/SQLite/);
    expect(text).toMatch(/ReadWriteOnce/);
    expect(text).toMatch(/event_id/);
    expect(text).toMatch(/claim table itself is replica-safe/);
  });

  it('is non-root with a read-only root filesystem; DATA_DIR is the mounted ReadWriteOnce claim', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });

    // biome-ignore lint/suspicious/noExplicitAny: a Kubernetes manifest is free-form YAML; the assertions name the fields they read
    const dataVolume = pod.volumes.find((volume: any) => volume.persistentVolumeClaim);
    expect(dataVolume.persistentVolumeClaim.claimName).toBe(pvc.metadata.name);
    expect(pvc.spec.accessModes).toEqual(['ReadWriteOnce']);
    const dataMount = container.volumeMounts.find((mount: { name: string }) => mount.name === dataVolume.name);
    expect(dataMount.mountPath).toBe(envValue('DATA_DIR'));
    expect(dataMount.readOnly).not.toBe(true);

    // tsx writes its cache to the temp directory, which must stay writable.
    const tmpMount = container.volumeMounts.find((mount: { mountPath: string }) => mount.mountPath === '/tmp');
    expect(pod.volumes.find((volume: { name: string }) => volume.name === tmpMount.name).emptyDir).toBeDefined();
  });

  it('asks Prometheus to scrape /metrics on the container port the bot listens on', () => {
    const annotations = deployment.spec.template.metadata.annotations as Record<string, string>;
    expect(annotations['prometheus.io/scrape']).toBe('true');
    expect(annotations['prometheus.io/path']).toBe('/metrics');
    expect(annotations['prometheus.io/port']).toBe(String(container.ports[0].containerPort));
    expect(envValue('PORT')).toBe(annotations['prometheus.io/port']);
    expect(loadConfig({ DATA_REFRESH: envValue('DATA_REFRESH') }).DATA_REFRESH).toBe(6 * 3_600_000);
  });

  it('requests resources and limits memory', () => {
    expect(container.resources.requests.cpu).toBeTruthy();
    expect(container.resources.requests.memory).toBeTruthy();
    expect(container.resources.limits.memory).toBeTruthy();
  });

  it('sets only variables the config schema knows, with values it accepts', () => {
    const known = Object.keys(ConfigSchema.shape);
    const env = Object.fromEntries(
      container.env.map((entry: { name: string; value: string }) => [entry.name, entry.value]),
    );
    for (const name of Object.keys(env)) expect(known, name).toContain(name);
    expect(() => loadConfig(env)).not.toThrow();
  });

  it('takes tokens from the Secret the template describes, whose keys are config variables left empty', () => {
    expect(container.envFrom).toEqual([{ secretRef: { name: secret.metadata.name } }]);
    const keys = Object.keys(secret.stringData);
    for (const key of keys) expect(Object.keys(ConfigSchema.shape), key).toContain(key);
    for (const name of SECRET_VARIABLES.filter((variable) => /^(SLACK|DISCORD)_/.test(variable)))
      expect(keys).toContain(name);
    expect(Object.values(secret.stringData).every((value) => value === '')).toBe(true);
    expect(() => loadConfig(secret.stringData)).not.toThrow();
  });

  it('the Service selects the pods and targets the named port', () => {
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
    expect(service.spec.ports[0].targetPort).toBe(container.ports[0].name);
  });
});

describe('the probe paths are served', () => {
  const state = new Health();
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (!handleHealthRequest(request, response, state.view)) response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('liveness answers 200 at once; readiness 503 until ready, then 200', async () => {
    expect((await fetch(base + container.livenessProbe.httpGet.path)).status).toBe(200);
    expect((await fetch(base + container.readinessProbe.httpGet.path)).status).toBe(503);
    state.markRunning();
    expect((await fetch(base + container.readinessProbe.httpGet.path)).status).toBe(200);
    expect((await fetch(`${base}/not-a-probe`)).status).toBe(404);
  });
});

describe('deploy/replicated: the multi-replica overlay', () => {
  const OVERLAY = path.join(REPO_ROOT, 'deploy', 'replicated');
  const read = (file: string): K8sObject[] => readYaml(path.join('..', 'replicated', file));
  const overlay = read('kustomization.yaml')[0]!;
  const patch = read('deployment-patch.yaml')[0]!;
  const pdb = read('pdb.yaml')[0]!;
  const cluster = read('postgres-cluster.yaml')[0]!;
  const patchedContainer = patch.spec.template.spec.containers[0];
  const patchedEnv = (name: string) => patchedContainer.env.find((entry: { name: string }) => entry.name === name);

  it('builds on the base and lists only files that exist; the example database is applied on its own', () => {
    expect(overlay.resources).toContain('../base');
    for (const resource of overlay.resources as string[])
      expect(existsSync(path.join(OVERLAY, resource)), resource).toBe(true);
    for (const { path: file } of overlay.patches.filter((p: { path?: string }) => p.path))
      expect(existsSync(path.join(OVERLAY, file)), file).toBe(true);
    expect(overlay.resources).not.toContain('postgres-cluster.yaml');
  });

  it('patches the base Deployment and container by name, into 2+ replicas rolling one at a time', () => {
    expect(patch.kind).toBe('Deployment');
    expect(patch.metadata.name).toBe(deployment.metadata.name);
    expect(patchedContainer.name).toBe(container.name);
    expect(patch.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(patch.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    // Probes are the base's (the patch leaves them alone).
    expect(
      patchedContainer.livenessProbe ?? patchedContainer.readinessProbe ?? patchedContainer.startupProbe,
    ).toBeUndefined();
  });

  it('drops the ReadWriteOnce volume: the PVC is deleted and the data volume becomes scratch space', () => {
    const deletion = overlay.patches.find((p: { patch?: string }) => p.patch)!;
    const deleted = parseAllDocuments(deletion.patch)[0]!.toJS() as K8sObject & { $patch: string };
    expect(deleted).toMatchObject({
      $patch: 'delete',
      kind: 'PersistentVolumeClaim',
      metadata: { name: pvc.metadata.name },
    });
    const volume = patch.spec.template.spec.volumes.find((v: { name: string }) => v.name === 'data');
    expect(pod.volumes.map((v: { name: string }) => v.name)).toContain('data');
    expect(volume).toMatchObject({ persistentVolumeClaim: null, emptyDir: {} });
  });

  it('takes DATABASE_URL from the Secret the example CloudNativePG Cluster writes, and drains before stopping', () => {
    expect(cluster).toMatchObject({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster' });
    expect(patchedEnv('DATABASE_URL').valueFrom.secretKeyRef).toEqual({
      name: `${cluster.metadata.name}-app`,
      key: 'uri',
    });
    const env: Record<string, string> = {
      ...Object.fromEntries(container.env.map((e: { name: string; value: string }) => [e.name, e.value])),
      DATABASE_URL: 'postgres://bot@db/bot',
      SHUTDOWN_DRAIN_SECONDS: patchedEnv('SHUTDOWN_DRAIN_SECONDS').value,
    };
    const config = loadConfig(env);
    // Drain plus the bot's own 25 s shutdown budget (which includes the drain) fits the grace period.
    expect(config.SHUTDOWN_DRAIN_SECONDS).toBeGreaterThan(0);
    expect(config.SHUTDOWN_DRAIN_SECONDS).toBeLessThan(pod.terminationGracePeriodSeconds - 5);
  });

  it('a PodDisruptionBudget keeps a replica up through voluntary disruptions, selecting the pods', () => {
    expect(pdb).toMatchObject({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' });
    expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(pdb.spec.minAvailable).toBeLessThan(patch.spec.replicas);
    expect(pdb.spec.selector).toEqual(deployment.spec.selector);
  });
});

describe('deploy/replicated: Discord, one StatefulSet pod per gateway shard', () => {
  const overlay = readYaml(path.join('..', 'replicated', 'kustomization.yaml'))[0]!;
  const statefulSet = readYaml(path.join('..', 'replicated', 'discord-shards.yaml'))[0]!;
  const shardPod = statefulSet.spec.template.spec;
  const shardContainer = shardPod.containers[0];
  const shardEnv = (name: string) => shardContainer.env.find((entry: { name: string }) => entry.name === name);

  it('is in the overlay: a StatefulSet with one pod per shard, started together', () => {
    expect(overlay.resources).toContain('discord-shards.yaml');
    expect(statefulSet).toMatchObject({ apiVersion: 'apps/v1', kind: 'StatefulSet' });
    expect(statefulSet.spec.podManagementPolicy).toBe('Parallel');
    expect(statefulSet.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(String(statefulSet.spec.replicas)).toBe(shardEnv('DISCORD_SHARD_COUNT').value);
  });

  it('each pod owns the shard of its StatefulSet index, which the config accepts for every pod', () => {
    const podIndex = "metadata.labels['apps.kubernetes.io/pod-index']";
    expect(shardEnv('DISCORD_SHARD_IDS').valueFrom.fieldRef.fieldPath).toBe(podIndex);
    for (let index = 0; index < statefulSet.spec.replicas; index += 1) {
      const count = shardEnv('DISCORD_SHARD_COUNT').value;
      const config = loadConfig({ DISCORD_SHARD_COUNT: count, DISCORD_SHARD_IDS: String(index) });
      expect(config.DISCORD_SHARD_IDS).toEqual([index]);
    }
  });

  it('sets only known variables and shares the database; the Discord token comes from its own Secret', () => {
    const known = Object.keys(ConfigSchema.shape);
    for (const { name } of shardContainer.env) expect(known, name).toContain(name);
    expect(shardEnv('DATABASE_URL').valueFrom.secretKeyRef).toEqual({ name: 'k8s-release-bot-db-app', key: 'uri' });
    expect(shardContainer.envFrom).toEqual([{ secretRef: { name: 'k8s-release-bot-discord' } }]);
    expect(shardContainer.envFrom[0].secretRef.name).not.toBe(secret.metadata.name);
  });

  it('runs the base image the same way: probes, port, security, resources, mounts', () => {
    expect(shardContainer.image).toBe(container.image);
    const same = [
      'ports',
      'startupProbe',
      'livenessProbe',
      'readinessProbe',
      'resources',
      'securityContext',
      'volumeMounts',
    ];
    for (const key of same) {
      expect(shardContainer[key], key).toEqual(container[key]);
    }
    expect(shardPod.securityContext).toEqual(pod.securityContext);
    expect(shardPod.volumes.find((volume: { name: string }) => volume.name === 'data').emptyDir).toBeDefined();
    expect(shardEnv('PORT').value).toBe(envValue('PORT'));
    expect(shardEnv('DATA_DIR').value).toBe(envValue('DATA_DIR'));
  });

  it('its pods are neither behind the Slack Service nor counted by the base PodDisruptionBudget', () => {
    const labels = statefulSet.spec.template.metadata.labels as Record<string, string>;
    expect(labels).toMatchObject(statefulSet.spec.selector.matchLabels);
    const slackSelector = service.spec.selector as Record<string, string>;
    for (const [key, value] of Object.entries(slackSelector)) expect(labels[key]).not.toBe(value);
  });
});
