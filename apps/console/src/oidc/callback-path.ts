/** Where the identity provider sends the browser back (the redirect URI registered for the console's client). */
export const CALLBACK_PATH = '/auth/callback';

export const redirectUriOf = (origin: string = window.location.origin): string => `${origin}${CALLBACK_PATH}`;
