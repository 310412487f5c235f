/** What the console needs from an OpenID provider's discovery document (OpenID Connect Discovery 1.0). */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  code_challenge_methods_supported?: string[];
}

export const discoveryUrlOf = (issuer: string): string => `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;

/** Reads `<issuer>/.well-known/openid-configuration`; refuses one for another issuer or without PKCE S256. */
export const discoverProvider = async (issuer: string): Promise<ProviderMetadata> => {
  const url = discoveryUrlOf(issuer);
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch {
    throw new Error(`The identity provider cannot be reached (${url}; is it up, and does it allow this origin by CORS?).`);
  }
  if (!response.ok) throw new Error(`The identity provider’s discovery document (${url}) answered ${response.status}.`);
  const metadata = (await response.json()) as Partial<ProviderMetadata>;
  // Discovery §4.3: the issuer in the document must be exactly the one asked for.
  if (metadata.issuer !== issuer) throw new Error(`The discovery document names the issuer ${String(metadata.issuer)}, not ${issuer}.`);
  if (typeof metadata.authorization_endpoint !== 'string' || typeof metadata.token_endpoint !== 'string') {
    throw new Error('The discovery document has no authorization_endpoint or token_endpoint.');
  }
  const methods = metadata.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes('S256')) throw new Error('The identity provider does not support PKCE with S256.');
  return metadata as ProviderMetadata;
};
