import type { EventLog } from '@itsm/platform-kit';
import { settingsOf, type EventLogAccess } from './event-log-access';

/** Loaded on first use only (the audit tools bring the Merkle tree and the SQL adapters). */
export const loadAudit = () => import('@itsm/audit-application');

export interface AuditAccess extends EventLogAccess {
  /** A verifier key `<name>+<id>+<key>`; default: the public half of the platform's signing key. */
  key?: string;
  /** A directory of checkpoint copies; default ITSM_AUDIT_CHECKPOINT_COPY_DIR. */
  checkpoints?: string;
}

/** The audit tree, the checkpoint copies and the verifier key of the configured platform, for a reader. */
export const auditSourcesOf = async (log: EventLog, access: AuditAccess) => {
  const { CheckpointCopies, SqlAuditTree, resolveAuditVerifier } = await loadAudit();
  const settings = settingsOf(access);
  const copiesDir = access.checkpoints ?? settings.ITSM_AUDIT_CHECKPOINT_COPY_DIR;
  return {
    sources: { store: log.storedStore, tree: new SqlAuditTree(log.db), copies: copiesDir ? new CheckpointCopies(copiesDir) : undefined },
    verifier: resolveAuditVerifier(settings, access.key),
    origin: settings.ITSM_AUDIT_ORIGIN,
  };
};
