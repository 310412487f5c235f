/** Names of the OpenAPI security schemes. */
export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'api-key';
