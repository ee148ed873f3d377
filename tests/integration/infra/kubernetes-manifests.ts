/**
 * Reads the Kubernetes manifests of infra/kubernetes and validates each object with the model of its
 * apiVersion and kind (kubernetes-models; KEDA's kinds from @kubernetes-models/keda). A kind without a
 * model here is an error: an object nothing checked must not slip through.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { DaemonSet, Deployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';

/** One object of a manifest file. Its fields are read freely by the checks, hence `any`. */
export interface Manifest {
  /** Relative to the manifests' root, e.g. `base/dispatcher.yaml`. */
  file: string;
  object: any;
}

type Model = new (data: any) => { validate(): void };

/** The kinds juez's manifests may use, by `<apiVersion>/<kind>`. */
const MODELS: Readonly<Record<string, Model>> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/DaemonSet': DaemonSet,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
  'keda.sh/v1alpha1/TriggerAuthentication': TriggerAuthentication,
};

/** Every object of every `*.yaml` below `root`, in file order. @throws Error on a YAML syntax error. */
export async function readManifests(root: string): Promise<Manifest[]> {
  const files = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.yaml') || file.endsWith('.yml')).sort();
  const manifests: Manifest[] = [];
  for (const file of files) {
    for (const document of parseAllDocuments(await readFile(path.join(root, file), 'utf8'))) {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((error) => error.message).join('; ')}`);
      const object: unknown = document.toJS();
      if (object !== null && object !== undefined) manifests.push({ file, object });
    }
  }
  return manifests;
}

/**
 * Validates one object with its model.
 * @throws Error naming the object when its kind has no model here or the model finds it invalid.
 */
export function validateManifest({ file, object }: Manifest): void {
  const key = `${String(object?.apiVersion)}/${String(object?.kind)}`;
  const name = `${file}: ${key} ${String(object?.metadata?.name)}`;
  const model = MODELS[key];
  if (model === undefined) throw new Error(`${name}: unknown kind (no model to validate it with)`);
  try {
    new model(object).validate();
  } catch (error) {
    throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
