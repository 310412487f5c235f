export * from './change-streams';
export * from './change-vocabulary';
export * from './change-events';
export * from './freeze-window-events';
export * from './changes-schema-versions';
