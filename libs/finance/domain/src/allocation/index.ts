export * from './allocation-method';
export * from './allocation-engine';
