export * from './field-cipher';
export * from './personal-data-policy';
export * from './subject-keys.port';
export { SqlSubjectKeys, subjectKeysDdl } from './sql-subject-keys';
export { InMemorySubjectKeys } from './in-memory-subject-keys';
export * from './personal-data-vault';
export * from './personal-data-event-store';
export * from './protect-personal-data';
export * from './subject-keys-dump';
