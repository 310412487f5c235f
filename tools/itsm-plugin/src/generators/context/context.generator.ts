import { generateFiles, joinPathFragments, logger, type Tree } from '@nx/devkit';
import { contextNamesOf, LAYERS, type ContextGeneratorSchema, type ContextNames } from './context-names';
import { registerContracts } from './wiring/contracts-registry';
import { wireEmbeddedProcess } from './wiring/embedded-process';
import { wireGateway } from './wiring/gateway-route';
import { addContextScope } from './wiring/module-boundaries';
import { addPathAliases } from './wiring/path-aliases';

export type { ContextGeneratorSchema } from './context-names';

const FILES = joinPathFragments(__dirname, 'files');

/**
 * `nx g @itsm/tools:context <name>`: a bounded context on the shape of docs/architecture.md — the four libs with
 * their tags and path aliases, a sample decider and use case, a projection, the published events, a thin host
 * app — wired into the module-boundary rule, the embedded process and the gateway. Existing files are edited as
 * text at their anchors (never reformatted); a missing anchor leaves a warning instead of a guess.
 */
export const contextGenerator = async (tree: Tree, options: ContextGeneratorSchema): Promise<void> => {
  const names = contextNamesOf(options);
  if (tree.exists(`libs/${names.name}`)) throw new Error(`libs/${names.name} exists already: a context is generated once.`);
  const substitutions = { ...names, tmpl: '' };

  for (const layer of LAYERS) {
    const root = `libs/${names.name}/${layer}`;
    generateFiles(tree, joinPathFragments(FILES, 'lib'), root, { ...substitutions, layer, project: names.projects[layer] });
    generateFiles(tree, joinPathFragments(FILES, layer), root, substitutions);
  }
  generateFiles(tree, joinPathFragments(FILES, 'context'), `libs/${names.name}`, substitutions);
  generateFiles(tree, joinPathFragments(FILES, 'contracts'), `libs/contracts/src/${names.name}`, substitutions);
  generateFiles(tree, joinPathFragments(FILES, 'app'), `apps/${names.name}`, substitutions);

  addPathAliases(tree, names);
  addContextScope(tree, names.name);
  registerContracts(tree, names);
  wireEmbeddedProcess(tree, names);
  wireGateway(tree, names);
  logNextSteps(names);
};

const logNextSteps = ({ name, projects, urlSetting }: ContextNames): void => {
  logger.info(
    [
      `The ${name} context is generated. Check it with:`,
      `  npx nx run-many -t lint,test -p ${Object.values(projects).join(',')},${name} && npx nx build ${name} && npx nx build platform`,
      `Distributed, give the gateway ${urlSetting}; embedded, apps/platform hosts it already.`,
    ].join('\n'),
  );
};

export default contextGenerator;
