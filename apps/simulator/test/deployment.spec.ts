import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parseAllDocuments } from 'yaml';

// Docker is not available where the tests run, so the deployment files are checked as files: they parse, and
// they say what docs/operations.md promises (multi-stage non-root images with health checks, a durable Redis,
// probes, replicas and no secret in the manifests).
const INFRA = fileURLToPath(new URL('../../../infra/', import.meta.url));
const APPS = ['fleet-api', 'delivery-service', 'analytics-worker', 'simulator', 'web'];

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function yamlDocs(file: string): Doc[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  for (const d of docs) expect({ file, errors: d.errors.map((e) => e.message) }).toEqual({ file, errors: [] });
  return docs.map((d) => d.toJS()).filter(Boolean);
}

const k8sFiles = readdirSync(join(INFRA, 'k8s')).filter((f) => /\.ya?ml$/.test(f));
const k8s = k8sFiles.flatMap((f) => yamlDocs(join(INFRA, 'k8s', f)));
const deployments = k8s.filter((d) => d.kind === 'Deployment');

describe('Dockerfiles', () => {
  it.each(APPS)('%s builds in two stages, runs as the unprivileged node user and has a health check', (app) => {
    const text = readFileSync(join(INFRA, `${app}.Dockerfile`), 'utf8');
    expect(text.match(/^FROM /gm)).toHaveLength(2);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toMatch(/^HEALTHCHECK .*\/(readyz|healthz)/m);
    expect(text).toContain(`--filter "@wingxtra/${app}..."`);
    expect(readFileSync(join(INFRA, `${app}.Dockerfile.dockerignore`), 'utf8')).toMatch(/^\*\*\/\.env$/m);
  });
});

describe('docker-compose.yml', () => {
  const [compose] = yamlDocs(join(INFRA, 'docker-compose.yml'));

  it('runs every app next to PostgreSQL and Redis', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...APPS, 'postgres', 'redis'].sort());
  });

  it('keeps Redis durable: AOF fsynced every second, never evicting', () => {
    const cmd = compose.services.redis.command.join(' ');
    expect(cmd).toContain('--appendonly yes');
    expect(cmd).toContain('--appendfsync everysec');
    expect(cmd).toContain('--maxmemory-policy noeviction');
  });

  it('points delivery-service at the simulator as its GCS bridge, inside the network', () => {
    expect(compose.services['delivery-service'].environment.GCS_BRIDGE_URL).toBe('http://simulator:8003');
  });

  it('the dev-servers file publishes Redis and PostgreSQL on loopback only, with the same Redis settings', () => {
    const [dev] = yamlDocs(join(INFRA, 'docker-compose.dev-servers.yml'));
    expect(dev.services.redis.ports).toEqual(['127.0.0.1:6379:6379']);
    expect(dev.services.postgres.ports).toEqual(['127.0.0.1:5432:5432']);
    expect(dev.services.redis.command.join(' ')).toContain('--appendfsync everysec --maxmemory-policy noeviction');
  });
});

describe('Kubernetes manifests', () => {
  it('lists every manifest in the kustomization', () => {
    const [kustomization] = yamlDocs(join(INFRA, 'k8s', 'kustomization.yaml'));
    expect([...kustomization.resources].sort()).toEqual(k8sFiles.filter((f) => f !== 'kustomization.yaml').sort());
  });

  it('runs fleet-api and the workers as replicated Deployments', () => {
    const replicas = Object.fromEntries(deployments.map((d) => [d.metadata.name, d.spec.replicas]));
    expect(replicas['fleet-api']).toBeGreaterThanOrEqual(2);
    expect(replicas['delivery-service-workers']).toBeGreaterThanOrEqual(2);
    expect(replicas['analytics-worker-workers']).toBeGreaterThanOrEqual(2);
  });

  it.each(deployments.map((d) => [d.metadata.name, d]))('%s has probes, resources and a non-root, read-only container', (_name, d) => {
    const spec = (d as Doc).spec.template.spec;
    expect(spec.securityContext.runAsNonRoot).toBe(true);
    for (const c of spec.containers) {
      expect(c.readinessProbe.httpGet.path).toBe('/readyz');
      expect(c.livenessProbe.httpGet.path).toBe('/healthz');
      expect(c.resources.requests).toBeDefined();
      expect(c.resources.limits).toBeDefined();
      expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    }
  });

  it('splits API pods from worker pods with RUN_WORKERS', () => {
    const runWorkers = (name: string) => deployments.find((d) => d.metadata.name === name)!.spec.template.spec.containers[0].env.find((e: Doc) => e.name === 'RUN_WORKERS').value;
    expect(runWorkers('delivery-service')).toBe('false');
    expect(runWorkers('delivery-service-workers')).toBe('true');
    expect(runWorkers('analytics-worker')).toBe('false');
    expect(runWorkers('analytics-worker-workers')).toBe('true');
  });

  it('takes every secret from the secret, none from the manifests', () => {
    const secretNames = /^(JWT_SECRET|GCS_BRIDGE_SECRET|DRONE_KEY_SECRET|API_KEY|ADMIN_API_KEY|DATABASE_URL|REDIS_URL)$/;
    for (const d of deployments) {
      for (const c of [...d.spec.template.spec.containers, ...(d.spec.template.spec.initContainers ?? [])]) {
        for (const e of c.env ?? []) if (secretNames.test(e.name)) expect({ deployment: d.metadata.name, env: e.name, from: e.valueFrom?.secretKeyRef?.name }).toEqual({ deployment: d.metadata.name, env: e.name, from: 'wingxtra-secrets' });
      }
    }
    const config = k8s.find((d) => d.kind === 'ConfigMap')!;
    expect(Object.keys(config.data).filter((k) => secretNames.test(k))).toEqual([]);
    expect(k8s.some((d) => d.kind === 'Secret')).toBe(false);
  });

  it('names in the example secret every key the Deployments read', () => {
    const example = readFileSync(join(INFRA, 'k8s', 'secrets.env.example'), 'utf8');
    const keys = new Set([...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]));
    for (const d of deployments) {
      for (const c of [...d.spec.template.spec.containers, ...(d.spec.template.spec.initContainers ?? [])]) {
        for (const e of c.env ?? []) if (e.valueFrom) expect(keys).toContain(e.valueFrom.secretKeyRef.key);
      }
    }
  });

  it('migrates before serving, in an init container, where the service has a database', () => {
    const migrating = deployments.filter((d) => d.spec.template.spec.initContainers).map((d) => d.metadata.name).sort();
    expect(migrating).toEqual(['analytics-worker', 'analytics-worker-workers', 'delivery-service', 'delivery-service-workers', 'fleet-api']);
  });
});
