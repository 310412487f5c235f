import type { Tree } from '@nx/devkit';
import type { ContextNames } from '../context-names';
import { chain, editSource, insertAfterGroup, insertAfterLast } from './source-edits';

export const GATEWAY_CONFIG = 'apps/gateway/src/config/gateway-config.ts';
export const GATEWAY_ROUTES = 'apps/gateway/src/proxy/upstream-routes.ts';

/**
 * In the distributed shape the gateway forwards `/api/v1/<resource>…` to the context's process when
 * `<CONTEXT>_SERVICE_URL` is set (optional: unset, those paths answer 404 and the edge neither probes nor merges it).
 */
export const wireGateway = (tree: Tree, names: ContextNames): boolean => {
  const { name, resource, urlSetting } = names;
  const setting = [
    '',
    `  /** Base URL of apps/${name} (\`/api/v1/${resource}…\`). Optional: unset, the edge does not serve ${name}. */`,
    '  @IsOptional()',
    `  @IsUrl(serviceUrl, { message: '${urlSetting} must be the http(s) URL of the ${name} process' })`,
    `  ${urlSetting}?: string;`,
    '',
  ].join('\n');
  const configured = editSource(
    tree,
    GATEWAY_CONFIG,
    `add the optional setting ${urlSetting}`,
    chain(
      (text) => insertAfterLast(text, /^ {2}[A-Z_]+_SERVICE_URL[?!]: string;\n/gm, setting, `${urlSetting}?: string;`),
      (text) => insertAfterGroup(text, /(GATEWAY_SETTING_NAMES = \[[^\]]*?)'GATEWAY_UPSTREAM_TIMEOUT_MS'/, `'${urlSetting}', `, `'${urlSetting}'`),
    ),
  );
  const routed = editSource(tree, GATEWAY_ROUTES, `forward /api/v1/${resource} to ${urlSetting}`, (text) =>
    insertAfterGroup(
      text,
      /(UPSTREAM_ROUTES: readonly UpstreamRoute\[\] = \[\n(?: {2}(?:\{[^\n]*\},|\/\/[^\n]*)\n)*)\];/,
      `  { service: '${name}', urlSetting: '${urlSetting}', resources: ['${resource}'] },\n`,
      `urlSetting: '${urlSetting}'`,
    ),
  );
  return configured && routed;
};
