export * from './personal-data-fields';
export * from './subject-events';
