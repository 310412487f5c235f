import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/out-tsc',
      '.cache/**',
      'data/**',
      'bench-results/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^.*/tools/webpack/node-app\\.webpack$'],
          // The CLI imports these with import() only to load them when a command needs them (itsm token starts fast),
          // not to split a bundle: static imports elsewhere are fine.
          checkDynamicDependenciesExceptions: [
            '@itsm/platform-kit',
            '@itsm/operations',
            '@itsm/contracts',
            '@itsm/projections',
            '@itsm/audit-application',
            '@itsm/catalog-read-models',
            '@itsm/incidents-read-models',
            '@itsm/incidents-application',
            '@itsm/changes-domain',
            '@itsm/changes-application',
            '@itsm/changes-read-models',
            '@itsm/finance-read-models',
            '@itsm/finance-application',
          ],
          // DESIGN §2: a domain lib imports only the kernel and contracts; contexts meet only through events.
          depConstraints: [
            { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['*'] },
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
            },
            ...['incidents', 'changes', 'catalog', 'finance', 'audit', 'webhooks'].map(
              (context) => ({
                sourceTag: `scope:${context}`,
                onlyDependOnLibsWithTags: [`scope:${context}`, 'scope:shared'],
              }),
            ),
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:contracts',
                'type:util',
              ],
            },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:util'],
            },
            {
              sourceTag: 'type:application',
              onlyDependOnLibsWithTags: [
                'type:application',
                'type:domain',
                'type:contracts',
                'type:infra',
                'type:util',
              ],
            },
            {
              sourceTag: 'type:api',
              onlyDependOnLibsWithTags: [
                'type:api',
                'type:application',
                'type:domain',
                'type:contracts',
                'type:infra',
                'type:util',
              ],
            },
            {
              sourceTag: 'type:read-models',
              onlyDependOnLibsWithTags: [
                'type:read-models',
                'type:contracts',
                'type:infra',
                'type:util',
              ],
            },
            {
              sourceTag: 'type:infra',
              onlyDependOnLibsWithTags: [
                'type:infra',
                'type:contracts',
                'type:util',
              ],
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
          ],
        },
      ],
    },
  },
  {
    files: [
      '**/*.ts',
      '**/*.tsx',
      '**/*.cts',
      '**/*.mts',
      '**/*.js',
      '**/*.jsx',
      '**/*.cjs',
      '**/*.mjs',
    ],
    // Override or add rules here
    rules: {},
  },
];
