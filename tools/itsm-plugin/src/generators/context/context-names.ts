import { names } from '@nx/devkit';

export interface ContextGeneratorSchema {
  name: string;
  aggregate?: string;
  streamType?: string;
  verb?: string;
  pastTense?: string;
  titleField?: string;
  route?: string;
  roles?: string;
}

/** Every spelling the templates and the wiring need, derived once from the options. */
export interface ContextNames {
  /** `changes`: folders, Nx scope, app name. */
  name: string;
  /** `Changes`, `CHANGES`, `changes` (class, constant and property spellings). */
  Name: string;
  NAME: string;
  nameProperty: string;
  /** `cost-center`, `CostCenter`, `costCenter`, `COST_CENTER`, `cost_center`, `cost center`, `Cost center`. */
  aggregate: string;
  Aggregate: string;
  aggregateProperty: string;
  AGGREGATE: string;
  aggregateSnake: string;
  aggregateWords: string;
  AggregateWords: string;
  streamType: string;
  /** `raise`, `Raise`, `raised`, `Raised`. */
  verb: string;
  Verb: string;
  past: string;
  Past: string;
  /** `raise-change`: the use-case folder in application and api. */
  useCase: string;
  /** `RaiseChange` and `ChangeRaised`. */
  commandType: string;
  eventType: string;
  /** `shortDescription`, `short_description`, `short description`, `Short description`. */
  titleField: string;
  titleColumn: string;
  titleWords: string;
  TitleWords: string;
  /** `SHORT_DESCRIPTION_MAX_LENGTH`: the decider's limit, which the request DTO repeats. */
  TITLE_MAX_NAME: string;
  /** `Short description of the change`: the sample value in specs and OpenAPI. */
  SAMPLE_TITLE: string;
  /** `finance/cost-centers` under /api/v1, and `finance`, the segment the gateway routes. */
  route: string;
  resource: string;
  /** `'finance', 'admin'`: the arguments of `@Roles(...)`. */
  rolesList: string;
  /** `finance, admin`, and the first of them (the role the app spec calls with). */
  rolesText: string;
  firstRole: string;
  /** `FINANCE_SERVICE_URL`: the gateway's setting for the context's process. */
  urlSetting: string;
  /** Nx project names: `changes-domain`, … */
  projects: Record<Layer, string>;
  /** TypeScript path aliases, as the existing contexts spell them: `@itsm/changes-domain`, … */
  importPaths: Record<Layer, string>;
}

export const LAYERS = ['domain', 'application', 'api', 'read-models'] as const;
export type Layer = (typeof LAYERS)[number];

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const wordsOf = (camelOrKebab: string): string =>
  camelOrKebab
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/-/g, ' ')
    .toLowerCase();
const pastTenseOf = (verb: string): string => (verb.endsWith('e') ? `${verb}d` : `${verb}ed`);

export const contextNamesOf = (options: ContextGeneratorSchema): ContextNames => {
  const name = names(options.name).fileName;
  const aggregate = names(options.aggregate ?? name.replace(/s$/, '')).fileName;
  const verb = options.verb ?? 'open';
  const past = options.pastTense ?? pastTenseOf(verb);
  const titleField = options.titleField ?? 'title';
  const route = (options.route ?? name).replace(/^\/+|\/+$/g, '');
  const roles = (options.roles ?? 'agent,admin').split(',').map((role) => role.trim()).filter(Boolean);
  const aggregateNames = names(aggregate);
  const nameNames = names(name);
  return {
    name,
    Name: nameNames.className,
    NAME: nameNames.constantName,
    nameProperty: nameNames.propertyName,
    aggregate,
    Aggregate: aggregateNames.className,
    aggregateProperty: aggregateNames.propertyName,
    AGGREGATE: aggregateNames.constantName,
    aggregateSnake: aggregateNames.constantName.toLowerCase(),
    aggregateWords: wordsOf(aggregate),
    AggregateWords: capitalized(wordsOf(aggregate)),
    streamType: options.streamType ?? aggregate,
    verb,
    Verb: capitalized(verb),
    past,
    Past: capitalized(past),
    useCase: `${verb}-${aggregate}`,
    commandType: `${capitalized(verb)}${aggregateNames.className}`,
    eventType: `${aggregateNames.className}${capitalized(past)}`,
    titleField,
    titleColumn: wordsOf(titleField).replace(/ /g, '_'),
    titleWords: wordsOf(titleField),
    TitleWords: capitalized(wordsOf(titleField)),
    TITLE_MAX_NAME: `${names(titleField).constantName}_MAX_LENGTH`,
    SAMPLE_TITLE: `${capitalized(wordsOf(titleField))} of the ${wordsOf(aggregate)}`,
    route,
    resource: route.split('/')[0],
    rolesList: roles.map((role) => `'${role}'`).join(', '),
    rolesText: roles.join(', '),
    firstRole: roles[0],
    urlSetting: `${nameNames.constantName}_SERVICE_URL`,
    projects: Object.fromEntries(LAYERS.map((layer) => [layer, `${name}-${layer}`])) as Record<Layer, string>,
    importPaths: Object.fromEntries(LAYERS.map((layer) => [layer, `@itsm/${name}-${layer}`])) as Record<Layer, string>,
  };
};
