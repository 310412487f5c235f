import { decryptField, encryptField, InvalidPiiEnvelopeError, isPiiEnvelope, newDataKey, parseEnvelope, PII_ENVELOPE_FIELD } from './field-cipher';

describe('personal field envelopes (AES-256-GCM)', () => {
  const key = newDataKey();
  const keyId = '0190a000-0000-7000-8000-000000000001';

  it('round-trips strings, numbers and null, and stores none of the plaintext', () => {
    for (const value of ['Ada Lovelace, +44 20 7946 0000', 42, null]) {
      const envelope = encryptField(key, keyId, 'IncidentOpened', 'description', value);
      expect(isPiiEnvelope(envelope)).toBe(true);
      expect(envelope[PII_ENVELOPE_FIELD]).toMatch(new RegExp(`^v1:${keyId}:[\\w-]{16}:[\\w-]*:[\\w-]{22}$`));
      expect(JSON.stringify(envelope)).not.toContain('Lovelace');
      expect(decryptField(key, parseEnvelope(envelope), 'IncidentOpened', 'description')).toEqual(value);
    }
  });

  it('uses a fresh IV each time: the same value never encrypts the same way twice', () => {
    const first = encryptField(key, keyId, 'IncidentOpened', 'callerId', 'caller-1');
    const second = encryptField(key, keyId, 'IncidentOpened', 'callerId', 'caller-1');
    expect(first[PII_ENVELOPE_FIELD]).not.toEqual(second[PII_ENVELOPE_FIELD]);
  });

  it('refuses another key, another field, another type and a changed byte', () => {
    const envelope = parseEnvelope(encryptField(key, keyId, 'IncidentWorkLogged', 'entry', 'called back, no answer'));
    expect(() => decryptField(newDataKey(), envelope, 'IncidentWorkLogged', 'entry')).toThrow();
    expect(() => decryptField(key, envelope, 'IncidentWorkLogged', 'notes')).toThrow();
    expect(() => decryptField(key, envelope, 'IncidentResolved', 'entry')).toThrow();
    const flipped = Buffer.from(envelope.ciphertext);
    flipped[0] ^= 1;
    expect(() => decryptField(key, { ...envelope, ciphertext: flipped }, 'IncidentWorkLogged', 'entry')).toThrow();
  });

  it('tells envelopes from ordinary values, and refuses a malformed one', () => {
    expect(isPiiEnvelope('text')).toBe(false);
    expect(isPiiEnvelope({ [PII_ENVELOPE_FIELD]: 'v1:a:b:c:d', other: 1 })).toBe(false);
    expect(() => parseEnvelope({ [PII_ENVELOPE_FIELD]: 'v2:a:b:c:d' })).toThrow(InvalidPiiEnvelopeError);
  });
});
