import baseConfig from '../../../eslint.config.mjs';

const BOUNDARIES = '@nx/enforce-module-boundaries';
const [severity, options] = baseConfig.find((block) => block.rules?.[BOUNDARIES])?.rules[BOUNDARIES] ?? [];

export default [
  ...baseConfig,
  // The API specs compose changes as a host does (apps join the API and read-model libs, which stay apart).
  ...(options
    ? [{ files: ['**/*.int.spec.ts'], rules: { [BOUNDARIES]: [severity, { ...options, allow: [...(options.allow ?? []), '@itsm/changes-read-models'] }] } }]
    : []),
];
