export * from './change-streams';
export * from './change-vocabulary';
export * from './change-events';
export * from './changes-schema-versions';
