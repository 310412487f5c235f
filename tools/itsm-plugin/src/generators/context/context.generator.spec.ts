import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logger, readJson, readProjectConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { contextGenerator } from './context.generator';
import { contextNamesOf } from './context-names';
import { contextScopesOf } from './wiring/module-boundaries';

const WORKSPACE = join(__dirname, '../../../../..');
// The files the generator edits, as they are in this repository: the spec fails when one loses its anchor.
const WIRED_FILES = [
  'eslint.config.mjs',
  'tsconfig.base.json',
  'libs/contracts/src/index.ts',
  'libs/contracts/src/stream-contexts.ts',
  'libs/contracts/src/platform/event-schemas.ts',
  'libs/contracts/src/platform/event-schemas.spec.ts',
  'apps/platform/src/app/platform.module.ts',
  'apps/gateway/src/config/gateway-config.ts',
  'apps/gateway/src/proxy/upstream-routes.ts',
];

const problems = { name: 'problems', verb: 'record', titleField: 'summary', roles: 'agent,admin' };

afterEach(() => jest.restoreAllMocks());

describe('nx g @itsm/tools:context', () => {
  let tree: Tree;
  let warnings: jest.SpyInstance;
  const read = (path: string) => tree.read(path, 'utf-8') ?? '';

  beforeEach(() => {
    warnings = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    tree = createTreeWithEmptyWorkspace();
    for (const path of WIRED_FILES) tree.write(path, readFileSync(join(WORKSPACE, path), 'utf-8'));
  });

  describe('on this repository', () => {
    beforeEach(() => contextGenerator(tree, problems));

    it('creates the four libs, tagged with the context scope and their layer', () => {
      for (const layer of ['domain', 'application', 'api', 'read-models']) {
        const project = readProjectConfiguration(tree, `problems-${layer}`);
        expect([project.root, project.tags]).toEqual([`libs/problems/${layer}`, ['scope:problems', `type:${layer}`]]);
        expect(tree.exists(`libs/problems/${layer}/README.md`)).toBe(true);
        expect(tree.exists(`libs/problems/${layer}/jest.config.cjs`)).toBe(true);
      }
      expect(read('libs/problems/README.md')).toContain('What goes where');
    });

    it('puts the sample decider with its given/when/then spec in the domain, one use case in application and api', () => {
      expect(read('libs/problems/domain/src/problem/decide.ts')).toContain("case 'RecordProblem': return record(command, problem);");
      expect(read('libs/problems/domain/src/problem/decide.spec.ts')).toContain('given([]).when(record()).then([recorded()]);');
      expect(read('libs/problems/application/src/record-problem/record-problem.handler.ts')).toContain('this.pipeline.execute(problemStreamId(problemId), decisionOf(problemDecider, command)');
      expect(read('libs/problems/application/src/nest/problems-application.module.ts')).toContain('export class ProblemsApplicationModule');
      expect(read('libs/problems/api/src/record-problem/record-problem.controller.ts')).toContain("@Roles('agent', 'admin')");
      expect(read('libs/problems/api/src/record-problem/record-problem.request.dto.ts')).toMatch(/@IsString\(\)[\s\S]*summary!: string;/);
      expect(tree.exists('libs/problems/api/src/record-problem/record-problem.request.dto.spec.ts')).toBe(true);
      expect(read('libs/problems/read-models/src/problem-list/problem-list.projection.ts')).toContain("export const PROBLEM_LIST_PROJECTION = 'problem_list';");
      expect(read('libs/contracts/src/problems/problem-events.ts')).toContain("export type ProblemRecorded = DomainEvent<'ProblemRecorded', ProblemRecordedV1>;");
    });

    it('creates a thin host app served like the others (listens, stops on signals, reports a failed start)', () => {
      expect(readProjectConfiguration(tree, 'problems').tags).toEqual(['scope:app', 'type:app']);
      const main = read('apps/problems/src/main.ts');
      expect(main).toContain("serveContextApp('problems', createProblemsApp, { projectionsFollowKafka: true }).catch(reportStartFailure);");
    });

    it('adds the path aliases and the scope the module-boundary rule maps to itself and scope:shared', () => {
      expect(readJson(tree, 'tsconfig.base.json').compilerOptions.paths).toMatchObject({
        '@itsm/problems-domain': ['./libs/problems/domain/src/index.ts'],
        '@itsm/problems-application': ['./libs/problems/application/src/index.ts'],
        '@itsm/problems-api': ['./libs/problems/api/src/index.ts'],
        '@itsm/problems-read-models': ['./libs/problems/read-models/src/index.ts'],
      });
      expect(contextScopesOf(tree)).toEqual(expect.arrayContaining(['incidents', 'catalog', 'problems']));
    });

    it('warns that a stream type no context owns cannot be relayed', () => {
      expect(warnings).toHaveBeenCalledWith(expect.stringContaining("route the stream type 'problem' to 'problems' in STREAM_TYPE_CONTEXTS"));
    });

    it('publishes the events in @itsm/contracts and the one schema-version registry', () => {
      expect(read('libs/contracts/src/index.ts')).toContain("export * from './problems';");
      expect(read('libs/contracts/src/platform/event-schemas.ts')).toContain('  ...PROBLEMS_EVENT_SCHEMA_VERSIONS,\n});');
      expect(read('libs/contracts/src/platform/event-schemas.spec.ts')).toContain(', ...PROBLEMS_EVENT_TYPES].sort()');
    });

    it('hosts the module and its projections in the embedded process', () => {
      const platform = read('apps/platform/src/app/platform.module.ts');
      expect(platform).toContain("import { ProblemsModule } from '@itsm/problems-api';");
      expect(platform).toContain("import { problemsProjections } from '@itsm/problems-read-models';");
      expect(platform).toMatch(/ProjectionsModule\.forRoot\(\[[^\]]*,\s*\.\.\.problemsProjections,?\s*\]\)/);
      expect(platform).not.toMatch(/,\s*,/);
      expect(platform).toContain('    ProblemsModule.forRoot(),\n  ],\n})');
    });

    it('routes /api/v1/problems to PROBLEMS_SERVICE_URL at the gateway, an optional setting', () => {
      const config = read('apps/gateway/src/config/gateway-config.ts');
      expect(config).toContain('  @IsOptional()\n  @IsUrl(serviceUrl, { message: \'PROBLEMS_SERVICE_URL must be the http(s) URL of the problems process\' })\n  PROBLEMS_SERVICE_URL?: string;');
      expect(config).toMatch(/GATEWAY_SETTING_NAMES = \[[^\]]*'PROBLEMS_SERVICE_URL', 'GATEWAY_UPSTREAM_TIMEOUT_MS'\]/);
      expect(read('apps/gateway/src/proxy/upstream-routes.ts')).toContain("  { service: 'problems', urlSetting: 'PROBLEMS_SERVICE_URL', resources: ['problems'] },\n];");
    });

    it('refuses to generate a context twice, leaving the wiring as it was', async () => {
      const platform = read('apps/platform/src/app/platform.module.ts');
      await expect(contextGenerator(tree, problems)).rejects.toThrow('libs/problems exists already');
      expect(read('apps/platform/src/app/platform.module.ts')).toBe(platform);
    });
  });

  it('routes a nested collection by its first segment', async () => {
    await contextGenerator(tree, { name: 'finance-two', aggregate: 'ledger', route: 'finance-two/ledgers' });
    expect(read('libs/finance-two/api/src/shared/ledger-controller.decorator.ts')).toContain("export const LEDGER_ROUTE = 'api/v1/finance-two/ledgers';");
    expect(read('apps/gateway/src/proxy/upstream-routes.ts')).toContain("urlSetting: 'FINANCE_TWO_SERVICE_URL', resources: ['finance-two'] }");
  });

  it('still generates the context where a file to wire is missing, leaving that step to do by hand', async () => {
    tree.delete('apps/gateway/src/proxy/upstream-routes.ts');
    await contextGenerator(tree, problems);
    expect(tree.exists('libs/problems/domain/src/problem/decide.ts')).toBe(true);
    expect(tree.exists('apps/gateway/src/proxy/upstream-routes.ts')).toBe(false);
    expect(read('apps/platform/src/app/platform.module.ts')).toContain('ProblemsModule.forRoot()');
    expect(warnings).toHaveBeenCalledWith('apps/gateway/src/proxy/upstream-routes.ts: could not forward /api/v1/problems to PROBLEMS_SERVICE_URL; do it by hand.');
  });
});

describe('context names', () => {
  it('derives every spelling from the options', () => {
    expect(contextNamesOf({ name: 'finance', aggregate: 'cost-center', titleField: 'name', route: 'finance/cost-centers', roles: 'finance, admin' })).toMatchObject({
      Name: 'Finance',
      Aggregate: 'CostCenter',
      aggregateProperty: 'costCenter',
      aggregateSnake: 'cost_center',
      AggregateWords: 'Cost center',
      commandType: 'OpenCostCenter',
      eventType: 'CostCenterOpened',
      useCase: 'open-cost-center',
      resource: 'finance',
      rolesList: "'finance', 'admin'",
      urlSetting: 'FINANCE_SERVICE_URL',
      TITLE_MAX_NAME: 'NAME_MAX_LENGTH',
    });
  });

  it('takes the aggregate from the name and the past tense from the verb by default', () => {
    expect(contextNamesOf({ name: 'changes', verb: 'raise', titleField: 'shortDescription' })).toMatchObject({
      aggregate: 'change',
      past: 'raised',
      eventType: 'ChangeRaised',
      titleColumn: 'short_description',
      titleWords: 'short description',
      route: 'changes',
    });
  });
});
