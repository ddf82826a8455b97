import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// `yaml` is not a direct dependency: it is installed with @opentelemetry/sdk-node (via @opentelemetry/configuration).
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/config';
import { ROOT } from './production';

const DIR = join(ROOT, 'deploy', 'kubernetes');

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface HttpProbe {
  httpGet: { path: string; port: string | number };
}
interface Container {
  ports: Array<{ name: string; containerPort: number }>;
  env: EnvVar[];
  readinessProbe: HttpProbe;
  livenessProbe: HttpProbe;
  lifecycle: { preStop: { exec: { command: string[] } } };
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: Record<string, unknown>;
}
/** The parts of the manifests the checks read; a missing part fails the test that reads it. */
interface Doc {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  stringData?: Record<string, string>;
  resources?: string[];
  spec: {
    template: { metadata: { labels: Record<string, string> }; spec: Pod };
    selector: Record<string, string> & { matchLabels?: Record<string, string> };
    sessionAffinity?: string;
    ports: Array<{ targetPort: string }>;
    maxUnavailable: number;
    minReplicas: number;
    scaleTargetRef: unknown;
  };
}
interface Pod {
  terminationGracePeriodSeconds: number;
  securityContext: Record<string, unknown>;
  containers: Container[];
}

function documents(): Doc[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((doc) => {
        if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
        return doc.toJS() as Doc;
      }),
    );
}

/** Every variable loadConfig reads: it is handed an environment that records each name asked for. */
function variablesConfigReads(): Set<string> {
  const read = new Set<string>();
  const env = new Proxy({} as Record<string, string | undefined>, {
    get(_target, name) {
      if (typeof name === 'string') read.add(name);
      return undefined;
    },
  });
  loadConfig(env);
  return read;
}

const docs = documents();
const one = (kind: string): Doc => {
  const found = docs.filter((d) => d.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const deployment = one('Deployment');
const pod = deployment.spec.template.spec;
const container = pod.containers[0]!;
const env = container.env;
const valueOf = (name: string) => env.find((e) => e.name === name)?.value;

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  it('kustomization lists every manifest but the example Secret', () => {
    const kustomization = parseAllDocuments(readFileSync(join(DIR, 'kustomization.yaml'), 'utf8'))[0]!.toJS() as Doc;
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml' && f !== 'secret.example.yaml');
    expect([...(kustomization.resources ?? [])].sort()).toEqual(files.sort());
  });

  it('sets only variables the gateway reads, with values its configuration accepts', () => {
    const known = variablesConfigReads();
    expect(known.has('CHATWOOT_BASE_URL')).toBe(true);
    for (const { name } of env) {
      expect({ name, readByConfig: known.has(name) }).toEqual({ name, readByConfig: true });
    }
    const values = Object.fromEntries(env.map((e) => [e.name, e.value ?? 'a-value-from-the-kubernetes-secret-0123456789']));
    expect(() => loadConfig(values)).not.toThrow();
    expect(loadConfig(values).tracing.enabled).toBe(false);
  });

  it('takes every credential from the Secret, whose example holds exactly those keys', () => {
    const secret = one('Secret');
    const credentials = ['CHATWOOT_API_ACCESS_TOKEN', 'CHATWOOT_PLATFORM_APP_TOKEN', 'GATEWAY_SERVICE_KEYS'];
    for (const name of credentials) {
      const entry = env.find((e) => e.name === name);
      expect(entry?.value).toBeUndefined();
      expect(entry?.valueFrom?.secretKeyRef).toMatchObject({ name: secret.metadata.name, key: name });
    }
    expect(Object.keys(secret.stringData ?? {}).sort()).toEqual([...credentials].sort());
    // Nothing else that looks like a credential is set inline.
    for (const e of env) if (e.value !== undefined) expect(e.name).not.toMatch(/TOKEN|KEY|SECRET|PASSWORD/);
  });

  it('probes readiness on /readyz and liveness on /healthz, on the port the gateway listens on', () => {
    const port = container.ports.find((p) => p.name === 'http');
    expect(port?.containerPort).toBe(loadConfig({ PORT: valueOf('PORT') }).server.port);
    expect(valueOf('HOST')).toBe('0.0.0.0');
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
  });

  it('gives the graceful drain more time than GATEWAY_SHUTDOWN_GRACE_MS plus the preStop pause', () => {
    const graceMs = loadConfig({ GATEWAY_SHUTDOWN_GRACE_MS: valueOf('GATEWAY_SHUTDOWN_GRACE_MS') }).operations.shutdownGraceMs;
    const preStop = container.lifecycle.preStop.exec.command.join(' ');
    const pauseMs = Number(/setTimeout\(\(\) => \{\}, (\d+)\)/.exec(preStop)?.[1]);
    expect(pauseMs).toBeGreaterThan(0);
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(graceMs + pauseMs);
  });

  it('runs as the image user without root, with CPU and memory requests and a memory limit', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits.memory).toBeDefined();
  });

  it('Service, PodDisruptionBudget and HorizontalPodAutoscaler all point at the Deployment, without sticky sessions', () => {
    const labels = deployment.spec.template.metadata.labels;
    const service = one('Service');
    expect(service.spec.selector).toEqual(labels);
    expect(service.spec.sessionAffinity ?? 'None').toBe('None');
    expect(service.spec.ports[0]?.targetPort).toBe('http');
    const pdb = one('PodDisruptionBudget');
    expect(pdb.spec.selector.matchLabels).toEqual(labels);
    const hpa = one('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
    // A drain can always proceed while the autoscaler keeps at least two replicas.
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(pdb.spec.maxUnavailable).toBeLessThan(hpa.spec.minReplicas);
  });
});
