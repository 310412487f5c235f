import { updateJson, type Tree } from '@nx/devkit';
import { LAYERS, type ContextNames } from '../context-names';

const TSCONFIG = 'tsconfig.base.json';
const PATHS_INDENT = '      ';

/**
 * `@itsm/<context>-<layer>` → `libs/<context>/<layer>/src/index.ts`. Added as text after the last alias, so the file
 * keeps its formatting; a file shaped otherwise (a new workspace) is rewritten as JSON.
 */
export const addPathAliases = (tree: Tree, names: ContextNames): void => {
  const aliases = LAYERS.map((layer) => [names.importPaths[layer], `./libs/${names.name}/${layer}/src/index.ts`] as const);
  const text = tree.read(TSCONFIG, 'utf-8') ?? '{}';
  const existing: Record<string, unknown> = JSON.parse(text).compilerOptions?.paths ?? {};
  const missing = aliases.filter(([alias]) => !(alias in existing));
  if (missing.length === 0) return;
  const pathsStart = text.indexOf('"paths": {\n');
  const pathsEnd = pathsStart < 0 ? -1 : text.indexOf('\n    }', pathsStart);
  if (pathsEnd < 0) {
    updateJson(tree, TSCONFIG, (json) => {
      json.compilerOptions ??= {};
      json.compilerOptions.paths = { ...json.compilerOptions.paths, ...Object.fromEntries(missing.map(([alias, path]) => [alias, [path]])) };
      return json;
    });
    return;
  }
  const lines = missing.map(([alias, path]) => `${PATHS_INDENT}"${alias}": ["${path}"]`).join(',\n');
  tree.write(TSCONFIG, `${text.slice(0, pathsEnd)},\n${lines}${text.slice(pathsEnd)}`);
};
