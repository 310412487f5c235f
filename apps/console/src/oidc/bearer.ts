import type { TokenEndpointResponse } from 'oauth4webapi';
import { isJwt } from '../jwt';

/**
 * The bearer sent to the platform from a token response: the access token when the provider issues it as a JWT (it
 * then carries the API's audience and the `roles` claim mappers usually target); otherwise the ID token, whose
 * audience is the client id. Null when the response has neither as a JWT.
 */
export const bearerOf = (tokens: TokenEndpointResponse): string | null => {
  if (isJwt(tokens.access_token)) return tokens.access_token.trim();
  if (isJwt(tokens.id_token)) return tokens.id_token.trim();
  return null;
};
