import * as oauth from 'oauth4webapi';

/**
 * oauth4webapi's errors, said as sentences a person signing in can act on. Each step of the flow names itself, so the
 * same kind of error (an unreachable server, an unexpected value) is explained for the step it happened in.
 */
export type SignInStep = 'discovery' | 'response' | 'tokens';

/** A refusal of the console's own (not oauth4webapi's): its message is already the sentence to show. */
export class SignInRefusal extends Error {}

const codeOf = (problem: unknown): string | undefined =>
  problem && typeof problem === 'object' && 'code' in problem && typeof problem.code === 'string' ? problem.code : undefined;

/** fetch rejects with a bare TypeError when the server is down or CORS forbids the answer; oauth4webapi's own TypeErrors carry a code. */
const isUnreachable = (problem: unknown): boolean => problem instanceof TypeError && codeOf(problem) === undefined;

const causeOf = (problem: oauth.OperationProcessingError): Record<string, unknown> =>
  problem.cause && typeof problem.cause === 'object' ? (problem.cause as Record<string, unknown>) : {};

const discoveryFailure = (problem: unknown, issuer: string): string | undefined => {
  if (isUnreachable(problem)) return `The identity provider cannot be reached (${issuer}; is it up, and does it allow this origin by CORS?).`;
  if (!(problem instanceof oauth.OperationProcessingError)) return undefined;
  if (problem.code === oauth.JSON_ATTRIBUTE_COMPARISON) {
    const body = causeOf(problem)['body'] as { issuer?: unknown } | undefined;
    return `The discovery document names the issuer ${String(body?.issuer)}, not ${issuer}.`;
  }
  if (problem.code === oauth.RESPONSE_IS_NOT_CONFORM && problem.cause instanceof Response) {
    return `The identity provider’s discovery document answered ${problem.cause.status}.`;
  }
  return undefined;
};

const responseFailure = (problem: unknown, issuer: string): string | undefined => {
  if (problem instanceof oauth.AuthorizationResponseError) return `The identity provider refused the sign-in: ${problem.error_description ?? problem.error}.`;
  if (!(problem instanceof oauth.OperationProcessingError) || problem.code !== oauth.INVALID_RESPONSE) return undefined;
  if (problem.message.includes('"state"')) return 'The sign-in response does not match the request this tab made (state): refused. Start again.';
  if (problem.message.includes('"iss"')) {
    const parameters = causeOf(problem)['parameters'];
    const iss = parameters instanceof URLSearchParams ? parameters.get('iss') : null;
    return iss ? `The response comes from ${iss}, not ${issuer}: refused.` : 'The response does not name its issuer (iss), though the provider says it does: refused.';
  }
  return undefined;
};

const ID_TOKEN_CLAIMS: Record<string, (issuer: string, claims: Record<string, unknown>) => string> = {
  nonce: () => 'The ID token does not answer this sign-in (nonce): refused.',
  iss: (issuer, claims) => `The ID token was issued by ${String(claims['iss'])}, not ${issuer}: refused.`,
  aud: () => 'The ID token is not meant for this console (audience): refused.',
};

const tokensFailure = (problem: unknown, issuer: string): string | undefined => {
  if (isUnreachable(problem)) return 'The identity provider’s token endpoint cannot be reached (does it allow this origin by CORS?).';
  if (problem instanceof oauth.ResponseBodyError) return `The identity provider did not issue tokens: ${problem.error_description ?? problem.error}.`;
  if (problem instanceof oauth.WWWAuthenticateChallengeError) return `The identity provider did not issue tokens: HTTP ${problem.status}.`;
  if (problem instanceof oauth.UnsupportedOperationError) return `The identity provider issued tokens the console cannot use: ${problem.message}.`;
  if (!(problem instanceof oauth.OperationProcessingError)) return undefined;
  const cause = causeOf(problem);
  if (problem.code === oauth.JWT_CLAIM_COMPARISON) {
    const explain = ID_TOKEN_CLAIMS[String(cause['claim'])];
    if (explain) return explain(issuer, (cause['claims'] ?? {}) as Record<string, unknown>);
  }
  if (problem.code === oauth.JWT_TIMESTAMP_CHECK) return 'The ID token is expired or not yet valid (is this computer’s clock right?): refused.';
  if (problem.message.includes('"id_token"')) return 'The identity provider sent no ID token (is the openid scope granted?).';
  return undefined;
};

const EXPLAIN: Record<SignInStep, (problem: unknown, issuer: string) => string | undefined> = {
  discovery: discoveryFailure,
  response: responseFailure,
  tokens: tokensFailure,
};

/** The error to show for a failed step: our sentence when we know the case, else oauth4webapi's own words. */
export const signInFailure = (step: SignInStep, problem: unknown, issuer: string): Error => {
  if (problem instanceof SignInRefusal) return problem;
  if (codeOf(problem) === oauth.HTTP_REQUEST_FORBIDDEN) {
    return new Error(`The identity provider must be served over https (only one on this machine may use http): ${issuer}.`);
  }
  const sentence = EXPLAIN[step](problem, issuer);
  if (sentence) return new Error(sentence);
  return new Error(`The sign-in with ${issuer} failed: ${problem instanceof Error ? problem.message : String(problem)}.`);
};

/** Runs one step of the flow; a failure comes out as a sentence for that step. */
export const signInStep = async <T>(step: SignInStep, issuer: string, run: () => T | Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (problem) {
    throw signInFailure(step, problem, issuer);
  }
};
