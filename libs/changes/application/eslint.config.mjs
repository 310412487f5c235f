import baseConfig from '../../../eslint.config.mjs';

const BOUNDARIES = '@nx/enforce-module-boundaries';
const [severity, options] = baseConfig.find((block) => block.rules?.[BOUNDARIES])?.rules[BOUNDARIES] ?? [];

export default [
  ...baseConfig,
  // The handler specs run on the real change list and conflict detection, as a host joins them (the libs stay apart).
  ...(options
    ? [{ files: ['**/*.int.spec.ts'], rules: { [BOUNDARIES]: [severity, { ...options, allow: [...(options.allow ?? []), '@itsm/changes-read-models'] }] } }]
    : []),
];
