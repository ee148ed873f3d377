/**
 * infra/kubernetes, checked without a cluster: every object validates against its Kubernetes (or KEDA)
 * model and no kind goes unchecked; then what the schemas cannot see: selectors match their pods, probes
 * point where the services answer, every variable is one a service reads, the executors' grace period
 * covers their shutdown grace, and KEDA watches the queues the dispatcher publishes to.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { queueTopology } from '../../../common/queue-topology.js';
import { DISPATCHER_CONFIG_TABLE } from '../../../dispatcher/config.js';
import { EXECUTOR_CONFIG_TABLE } from '../../../executor/service/config.js';
import { readManifests, validateManifest, type Manifest } from './kubernetes-manifests.js';
import { REPO } from './run-script.js';

const ROOT = path.join(REPO, 'infra/kubernetes');
const HEARTBEAT_CHECK = 'dist/infra/health/check-executor-heartbeat.js';
const DISPATCHER_NAMES = new Set(Object.values(DISPATCHER_CONFIG_TABLE).map((entry) => entry.name));
const EXECUTOR_NAMES = new Set(Object.values(EXECUTOR_CONFIG_TABLE).map((entry) => entry.name));

let manifests: Manifest[];

function find(kind: string, name: string): any {
  const found = manifests.find((manifest) => manifest.object.kind === kind && manifest.object.metadata?.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name} in infra/kubernetes`);
  return found.object;
}

function configMapData(): Record<string, string> {
  return find('ConfigMap', 'juez-config').data as Record<string, string>;
}

/** The container called `name` of a workload's pod template. */
function container(workload: any, name: string): any {
  const found = (workload.spec.template.spec.containers as any[]).find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`${workload.metadata.name} has no container ${name}`);
  return found;
}

const executors = (): any[] => [find('DaemonSet', 'juez-executor'), find('Deployment', 'juez-executor-elastic')];

beforeAll(async () => {
  manifests = await readManifests(ROOT);
});

describe('infra/kubernetes', () => {
  it('validates every object against its model', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(8);
    for (const manifest of manifests) expect(() => validateManifest(manifest)).not.toThrow();
  });

  it('(the check itself refuses an unknown kind and an invalid object)', () => {
    expect(() => validateManifest({ file: 'x.yaml', object: { apiVersion: 'rabbitmq.com/v1beta1', kind: 'RabbitmqCluster', metadata: { name: 'r' } } })).toThrow(
      /x\.yaml: rabbitmq\.com\/v1beta1\/RabbitmqCluster r: unknown kind/,
    );
    const broken = structuredClone(find('Deployment', 'juez-dispatcher'));
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'eighty';
    expect(() => validateManifest({ file: 'x.yaml', object: broken })).toThrow(/containerPort must be integer/);
    const badTrigger = structuredClone(find('ScaledObject', 'juez-executor'));
    badTrigger.spec.minReplicaCount = 'one';
    expect(() => validateManifest({ file: 'x.yaml', object: badTrigger })).toThrow(/minReplicaCount/);
  });

  it('puts every namespaced object in the juez namespace, and every workload selects its own pods', () => {
    for (const { file, object } of manifests) {
      if (object.kind === 'Namespace') continue;
      expect(object.metadata.namespace, `${file} ${object.kind}`).toBe('juez');
      if (object.spec?.template !== undefined) {
        expect(object.spec.template.metadata.labels, `${file} ${object.kind}`).toMatchObject(object.spec.selector.matchLabels);
      }
    }
    const dispatcherPods = find('Deployment', 'juez-dispatcher').spec.template.metadata.labels;
    expect(dispatcherPods).toMatchObject(find('Service', 'juez-dispatcher').spec.selector);
    expect(dispatcherPods).toMatchObject(find('PodDisruptionBudget', 'juez-dispatcher').spec.selector.matchLabels);
  });

  it('probes the dispatcher on /health (liveness) and /ready (readiness), on the port the Service targets', () => {
    const dispatcher = container(find('Deployment', 'juez-dispatcher'), 'dispatcher');
    expect(dispatcher.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(dispatcher.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
    expect(dispatcher.ports).toContainEqual({ name: 'http', containerPort: 8080 });
    expect(dispatcher.env).toContainEqual({ name: 'JUEZ_HTTP_PORT', value: '8080' });
    expect(find('Service', 'juez-dispatcher').spec.ports[0].targetPort).toBe('http');
    expect(dispatcher.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
  });

  it('gives each container only variables its service reads, from juez-config and juez-secrets', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const configKeys = Object.keys(configMapData());
    expect(configKeys.filter((key) => !DISPATCHER_NAMES.has(key) && !EXECUTOR_NAMES.has(key))).toEqual([]);
    const workloads: [any, string, Set<string>][] = [
      [find('Deployment', 'juez-dispatcher'), 'dispatcher', DISPATCHER_NAMES],
      ...executors().map((workload): [any, string, Set<string>] => [workload, 'executor', EXECUTOR_NAMES]),
    ];
    for (const [workload, name, known] of workloads) {
      const { env, envFrom } = container(workload, name);
      expect(envFrom).toEqual([{ configMapRef: { name: 'juez-config' } }]);
      for (const variable of env as any[]) {
        expect(known.has(variable.name), `${workload.metadata.name}: ${variable.name}`).toBe(true);
        const secret = variable.valueFrom?.secretKeyRef;
        if (secret === undefined) continue;
        expect(secret.name).toBe('juez-secrets');
        // The README's `kubectl create secret` creates every key a manifest references.
        expect(readme, `README.md creates the key ${secret.key}`).toContain(`--from-literal=${secret.key}=`);
      }
    }
  });

  it('runs the executors with the Docker socket, resources for their sandboxes and a grace period covering theirs', () => {
    const config = configMapData();
    for (const workload of executors()) {
      const pod = workload.spec.template.spec;
      const executor = container(workload, 'executor');
      const socket = (pod.volumes as any[]).find((volume) => volume.hostPath?.path === '/var/run/docker.sock');
      expect(socket?.hostPath.type, workload.metadata.name).toBe('Socket');
      expect(executor.volumeMounts).toContainEqual({ name: socket.name, mountPath: '/var/run/docker.sock' });
      expect(executor.volumeMounts).toContainEqual({ name: 'package-cache', mountPath: '/var/cache/juez/packages' });
      expect(executor.env).toContainEqual({ name: 'JUEZ_PACKAGE_CACHE_DIR', value: '/var/cache/juez/packages' });
      expect(executor.env).toContainEqual({ name: 'JUEZ_EXECUTOR_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } });
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(Number(config.JUEZ_SHUTDOWN_GRACE_S));
      // One requested CPU per sandbox, and a memory limit at or above the request.
      expect(executor.resources.requests.cpu).toBe(config.JUEZ_POOL_SIZE);
      expect(executor.resources.limits.memory).toBeDefined();
      for (const probe of [executor.startupProbe, executor.livenessProbe]) expect(probe.exec.command).toEqual(['node', HEARTBEAT_CHECK]);
      expect(pod.initContainers[0].volumeMounts).toContainEqual({ name: socket.name, mountPath: '/var/run/docker.sock' });
    }
    expect(existsSync(path.join(REPO, 'infra/health/check-executor-heartbeat.ts'))).toBe(true);
  });

  it('scales the elastic executors with KEDA on the queues the dispatcher publishes to', () => {
    const scaled = find('ScaledObject', 'juez-executor');
    expect(scaled.spec.scaleTargetRef.name).toBe(find('Deployment', 'juez-executor-elastic').metadata.name);
    const topology = queueTopology(configMapData().JUEZ_QUEUE_PREFIX);
    const triggers = scaled.spec.triggers as any[];
    expect(triggers.every((trigger) => trigger.type === 'rabbitmq')).toBe(true);
    expect(triggers.map((trigger) => trigger.metadata.queueName).sort()).toEqual(Object.values(topology.queues).sort());
    for (const trigger of triggers) {
      expect(trigger.metadata.mode).toBe('QueueLength');
      const auth = find('TriggerAuthentication', trigger.authenticationRef.name);
      expect(auth.spec.secretTargetRef).toContainEqual({ parameter: 'host', name: 'juez-secrets', key: 'JUEZ_AMQP_URL' });
    }
  });
});
