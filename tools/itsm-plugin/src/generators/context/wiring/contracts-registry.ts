import { logger, type Tree } from '@nx/devkit';
import type { ContextNames } from '../context-names';
import { chain, editSource, insertAfterGroup, withImport } from './source-edits';

const CONTRACTS = 'libs/contracts/src';

/**
 * The context's contracts folder joins the published contract: exported by @itsm/contracts, its schema versions in
 * the platform's one registry (what writers stamp), and the registry's spec expecting its event types.
 */
export const registerContracts = (tree: Tree, names: ContextNames): void => {
  const { name, NAME } = names;
  editSource(tree, `${CONTRACTS}/index.ts`, `export ./${name}`, (text) => {
    const line = `export * from './${name}';`;
    return text.includes(line) ? text : `${text.trimEnd()}\n${line}\n`;
  });
  const versions = `${NAME}_EVENT_SCHEMA_VERSIONS`;
  editSource(
    tree,
    `${CONTRACTS}/platform/event-schemas.ts`,
    `add ${versions} to EVENT_SCHEMA_VERSIONS`,
    chain(
      (text) => withImport(text, `import { ${versions} } from '../${name}/${name}-schema-versions';`),
      (text) => insertAfterGroup(text, /(EVENT_SCHEMA_VERSIONS\b[^=]*= Object\.freeze\(\{\n(?:\s*\.\.\.[A-Z_]+,\n)*)/, `  ...${versions},\n`, `...${versions},`),
    ),
  );
  const types = `${NAME}_EVENT_TYPES`;
  editSource(
    tree,
    `${CONTRACTS}/platform/event-schemas.spec.ts`,
    `expect ${types} in EVENT_SCHEMA_VERSIONS`,
    chain(
      (text) => withImport(text, `import { ${types} } from '../${name}/${name}-schema-versions';`),
      (text) => insertAfterGroup(text, /(toEqual\(\[(?:\.\.\.[A-Z_]+_EVENT_TYPES, )*\.\.\.[A-Z_]+_EVENT_TYPES)\]/, `, ...${types}`, `...${types}]`),
    ),
  );
  warnUnlessStreamTypeRouted(tree, names);
};

/** The relay names a stream's topic from STREAM_TYPE_CONTEXTS: a stream type missing there cannot be published. */
const warnUnlessStreamTypeRouted = (tree: Tree, { name, streamType }: ContextNames): void => {
  const text = tree.read(`${CONTRACTS}/stream-contexts.ts`, 'utf-8') ?? '';
  const routed = new RegExp(`['"]?${streamType}['"]?: '${name}'`).test(text);
  if (!routed) {
    logger.warn(`${CONTRACTS}/stream-contexts.ts: route the stream type '${streamType}' to '${name}' in STREAM_TYPE_CONTEXTS (and add '${name}' to EventContext), or the relay cannot publish it.`);
  }
};
