import type { Tree } from '@nx/devkit';
import type { ContextNames } from '../context-names';
import { chain, editSource, insertAfterGroup, withImport } from './source-edits';

export const PLATFORM_MODULE = 'apps/platform/src/app/platform.module.ts';

/** The embedded process hosts the context's module and follows the log with its projections. */
export const wireEmbeddedProcess = (tree: Tree, names: ContextNames): boolean => {
  const { Name, nameProperty, importPaths } = names;
  const projections = `${nameProperty}Projections`;
  return editSource(
    tree,
    PLATFORM_MODULE,
    `host ${Name}Module and ${projections} in PlatformModule`,
    chain(
      (text) => withImport(text, `import { ${Name}Module } from '${importPaths.api}';`),
      (text) => withImport(text, `import { ${projections} } from '${importPaths['read-models']}';`),
      // The group stops before a trailing comma and line break, so a multi-line list gets no hole (`, ,`).
      (text) => insertAfterGroup(text, /(ProjectionsModule\.forRoot\(\[[^\]]*?)(,?\s*)\]/, `, ...${projections}`, `...${projections}`),
      (text) => insertAfterGroup(text, /(\n) {2}\],\n\}\)\nexport class PlatformModule/, `    ${Name}Module.forRoot(),\n`, `${Name}Module.forRoot(`),
    ),
  );
};
