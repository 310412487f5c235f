import { userInfo } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import { isRole, resolveJwtSecret, ROLES, signAccessToken, validateRuntimeConfig, type Role } from '@itsm/platform-kit/settings';

interface TokenOptions {
  sub: string;
  role: Role[];
  name?: string;
  expiresIn: string;
  dataDir?: string;
}

const collectRole = (value: string, previous: Role[] = []): Role[] => {
  if (!isRole(value)) throw new InvalidArgumentError(`unknown role; use one of ${ROLES.join(', ')}`);
  return [...previous, value];
};

/** Signs a bearer token with the key the server uses (ITSM_JWT_SECRET, or the one kept in the data folder). */
export const signTokenFromEnvironment = async (options: TokenOptions, env: NodeJS.ProcessEnv = process.env): Promise<string> => {
  const config = validateRuntimeConfig({ ...env, ...(options.dataDir ? { ITSM_DATA_DIR: options.dataDir } : {}) });
  const secret = resolveJwtSecret(config);
  if (!secret) {
    throw new Error('ITSM_JWKS_URL is set and ITSM_JWT_SECRET is not: tokens come from the identity provider, not from itsm');
  }
  return signAccessToken(
    { sub: options.sub, name: options.name, roles: options.role },
    { secret, expiresIn: options.expiresIn, issuer: config.ITSM_JWT_ISSUER, audience: config.ITSM_JWT_AUDIENCE },
  );
};

export const tokenCommand = (): Command =>
  new Command('token')
    .description('print a signed bearer token (JWT) for the API: curl -H "Authorization: Bearer $(itsm token --role admin)"')
    .addOption(new Option('--role <role...>', `role(s) of the caller: ${ROLES.join(', ')}`).argParser(collectRole).makeOptionMandatory())
    .option('--sub <id>', 'subject: who the caller is', userInfo().username || 'cli-user')
    .option('--name <name>', 'display name')
    .option('--expires-in <span>', 'lifetime, e.g. 30m, 8h, 7d', '8h')
    .option('--data-dir <dir>', 'data folder holding the generated key (default: ITSM_DATA_DIR or ./data)')
    .action(async (options: TokenOptions) => {
      process.stdout.write(`${await signTokenFromEnvironment(options)}\n`);
    });
