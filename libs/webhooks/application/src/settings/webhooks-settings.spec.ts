import { InvalidWebhooksSetting, webhooksSettingsFrom } from './webhooks-settings';

describe('webhooksSettingsFrom', () => {
  it('allows no private range and retries for about 43 minutes by default', () => {
    expect(webhooksSettingsFrom({})).toEqual({
      allowPrivate: new Set(),
      attemptTimeoutMs: 10_000,
      retry: { maxAttempts: 10, baseDelayMs: 5_000, maxDelayMs: 3_600_000 },
      concurrency: 32,
      pollIntervalMs: 500,
    });
  });

  it('reads the ranges to allow and a fast schedule', () => {
    const settings = webhooksSettingsFrom({ ITSM_WEBHOOKS_ALLOW_PRIVATE: 'loopback, private', ITSM_WEBHOOKS_MAX_ATTEMPTS: '4', ITSM_WEBHOOKS_RETRY_BASE_MS: '20', ITSM_WEBHOOKS_RETRY_MAX_MS: '100' });
    expect([...settings.allowPrivate]).toEqual(['loopback', 'private']);
    expect(settings.retry).toEqual({ maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 });
  });

  it('refuses what it cannot use, naming the setting', () => {
    expect(() => webhooksSettingsFrom({ ITSM_WEBHOOKS_ALLOW_PRIVATE: 'public,intranet' })).toThrow(new InvalidWebhooksSetting('ITSM_WEBHOOKS_ALLOW_PRIVATE takes loopback, private, link-local; not public, intranet'));
    expect(() => webhooksSettingsFrom({ ITSM_WEBHOOKS_TIMEOUT_MS: '0' })).toThrow(/ITSM_WEBHOOKS_TIMEOUT_MS must be a whole number ≥ 1/);
    expect(() => webhooksSettingsFrom({ ITSM_WEBHOOKS_RETRY_BASE_MS: '10', ITSM_WEBHOOKS_RETRY_MAX_MS: '5' })).toThrow(/baseDelayMs must not exceed maxDelayMs/);
  });
});
