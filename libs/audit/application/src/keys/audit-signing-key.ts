import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { noteSignerFromSeed, parseNoteSigner, parseNoteVerifier, type NoteSigner, type NoteVerifier } from '@itsm/audit-domain';

export const AUDIT_SIGNING_KEY_FILE = 'audit-signing-key';

export interface AuditKeySettings {
  ITSM_AUDIT_SIGNING_KEY?: string;
  ITSM_AUDIT_ORIGIN: string;
  ITSM_DATA_DIR: string;
}

/**
 * The checkpoints' signing key, resolved like the token key: ITSM_AUDIT_SIGNING_KEY, else a key generated on first
 * use into ITSM_DATA_DIR/audit-signing-key (owner-only), named after ITSM_AUDIT_ORIGIN.
 */
export const resolveAuditSigner = (settings: AuditKeySettings): NoteSigner => {
  if (settings.ITSM_AUDIT_SIGNING_KEY) return parseNoteSigner(settings.ITSM_AUDIT_SIGNING_KEY);
  const path = join(settings.ITSM_DATA_DIR, AUDIT_SIGNING_KEY_FILE);
  mkdirSync(settings.ITSM_DATA_DIR, { recursive: true });
  // Written whole into a file of this process, then linked into place: the link fails when the key exists, so
  // processes starting together (the context processes of one host) keep the first one's key and never read half of it.
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(draft, `${noteSignerFromSeed(settings.ITSM_AUDIT_ORIGIN, randomBytes(32)).text}\n`, { flag: 'wx', mode: 0o600 });
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  return parseNoteSigner(readFileSync(path, 'utf8'));
};

/**
 * The key that checks checkpoints, for readers (`itsm verify`): given explicitly, else the public half of the
 * signing key the platform uses (from the environment, or the data directory's file when it exists). Never creates
 * a key. Undefined when there is none: signatures then go unchecked, and the result says so.
 */
export const resolveAuditVerifier = (settings: AuditKeySettings, explicit?: string): NoteVerifier | undefined => {
  if (explicit) return parseNoteVerifier(explicit);
  if (settings.ITSM_AUDIT_SIGNING_KEY) return parseNoteSigner(settings.ITSM_AUDIT_SIGNING_KEY).verifier;
  try {
    return parseNoteSigner(readFileSync(join(settings.ITSM_DATA_DIR, AUDIT_SIGNING_KEY_FILE), 'utf8')).verifier;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};
