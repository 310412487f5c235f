/** The clock the webhooks handlers read "now" from (tests set it by hand). */
export const WEBHOOKS_CLOCK = Symbol('WEBHOOKS_CLOCK');
/** The checked settings (WebhooksSettings). */
export const WEBHOOKS_SETTINGS = Symbol('WEBHOOKS_SETTINGS');
/** The working tables (WebhooksTables). */
export const WEBHOOKS_TABLES = Symbol('WEBHOOKS_TABLES');
