import * as oauth from 'oauth4webapi';
import { SignInRefusal } from './sign-in-failure';

/**
 * The identity provider as oauth4webapi knows it: its discovery document (`<issuer>/.well-known/openid-configuration`,
 * whose `issuer` oauth4webapi requires to be exactly the one asked for) and the request options every call to it uses.
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * oauth4webapi talks to https only. A provider on this machine (a developer's Keycloak, the e2e stand-in) may use http:
 * the same exception browsers make for a secure context. Anywhere else http is refused.
 */
export const requestOptionsFor = (issuer: string): { [oauth.allowInsecureRequests]?: boolean } =>
  LOOPBACK_HOSTS.has(new URL(issuer).hostname) ? { [oauth.allowInsecureRequests]: true } : {};

/** The provider's metadata; refuses one for another issuer or that does not offer PKCE with S256. */
export const discoverProvider = async (issuer: string): Promise<oauth.AuthorizationServer> => {
  const issuerUrl = new URL(issuer);
  const response = await oauth.discoveryRequest(issuerUrl, { algorithm: 'oidc', ...requestOptionsFor(issuer) });
  const provider = await oauth.processDiscoveryResponse(issuerUrl, response);
  const methods = provider.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes('S256')) throw new SignInRefusal('The identity provider does not support PKCE with S256.');
  if (typeof provider.authorization_endpoint !== 'string') throw new SignInRefusal('The discovery document has no authorization_endpoint.');
  return provider;
};
