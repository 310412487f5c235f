import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noteSignerFromSeed } from '@itsm/audit-domain';
import { AUDIT_SIGNING_KEY_FILE, resolveAuditSigner } from './audit-signing-key';

describe('resolveAuditSigner', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'itsm-audit-key-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates a key once into the data directory, named after the origin, and keeps it', () => {
    const settings = { ITSM_AUDIT_ORIGIN: 'itsm.test/incidents', ITSM_DATA_DIR: join(dataDir, 'data') };
    const first = resolveAuditSigner(settings);
    expect(first.verifier.name).toBe('itsm.test/incidents');
    expect(resolveAuditSigner(settings).text).toBe(first.text);
    // Only the key: the draft it was written to is gone.
    expect(readdirSync(settings.ITSM_DATA_DIR)).toEqual([AUDIT_SIGNING_KEY_FILE]);
  });

  it('takes ITSM_AUDIT_SIGNING_KEY when set, and writes nothing', () => {
    const key = noteSignerFromSeed('itsm.test/catalog', Buffer.alloc(32, 3));
    expect(resolveAuditSigner({ ITSM_AUDIT_SIGNING_KEY: key.text, ITSM_AUDIT_ORIGIN: 'ignored', ITSM_DATA_DIR: dataDir }).text).toBe(key.text);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
