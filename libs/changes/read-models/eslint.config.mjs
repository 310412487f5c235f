import baseConfig from '../../../eslint.config.mjs';

const BOUNDARIES = '@nx/enforce-module-boundaries';
const [severity, options] = baseConfig.find((block) => block.rules?.[BOUNDARIES])?.rules[BOUNDARIES] ?? [];

export default [
  ...baseConfig,
  // The specs build their events with the change decider and run the application's copies beside the projections, as a host does.
  ...(options
    ? [{ files: ['**/*.int.spec.ts'], rules: { [BOUNDARIES]: [severity, { ...options, allow: [...(options.allow ?? []), '@itsm/changes-application', '@itsm/changes-domain'] }] } }]
    : []),
];
