export * from './verify/log-verifier';
export * from './verify/verify-event-log';
export * from './backup/backup-format';
export { writeBackup, type BackupProgress, type BackupSource, type BackupSummary } from './backup/write-backup';
export { checkBackup, type BackupCheckProgress, type CheckedBackup } from './backup/read-backup';
export { restoreBackup, RestoreTargetNotEmpty, type RestoreProgress, type RestoreSummary, type RestoreTarget } from './backup/restore-backup';
export { readNumberSequences, restoreNumberSequences } from './backup/number-sequences';
