import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateBy, ValidateIf, validateSync, type ValidationError, type ValidationOptions } from 'class-validator';

/** A setting that only makes sense with another one set (the OIDC sign-in needs the JWKS that verifies its tokens). */
const RequiresSetting = (other: string, options: ValidationOptions) =>
  ValidateBy({ name: 'requiresSetting', validator: { validate: (_value, args) => (args?.object as Record<string, unknown>)[other] !== undefined } }, options);

/** Process settings (DESIGN §7), read from the environment and validated once at start-up. */
export class RuntimeConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Where the embedded shape keeps its database and generated secrets. */
  @IsString()
  @MinLength(1)
  ITSM_DATA_DIR = './data';

  /**
   * What holds the data when no DATABASE_URL is given: `postgres` (a PostgreSQL server the platform starts on
   * ITSM_DATA_DIR/postgres and stops with itself; survives kill -9 and power loss) or `pglite` (the earlier
   * in-process engine, not crash-safe: for comparison benchmarks only).
   */
  @IsIn(['postgres', 'pglite'])
  ITSM_EMBEDDED_ENGINE: 'postgres' | 'pglite' = 'postgres';

  /** PostgreSQL server for the event log and read models; without it the embedded database is used. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** EventStoreDB holds the event log when set (distributed shape). */
  @IsOptional()
  @Matches(/^(esdb|kurrentdb|kdb)(\+discover)?:\/\//, { message: 'EVENTSTORE_URL must be an esdb:// connection string' })
  EVENTSTORE_URL?: string;

  @IsOptional()
  @IsString()
  KAFKA_BROKERS?: string;

  /**
   * How long a consumer group waits for a silent member (a crashed process) before its partitions move to the
   * others; unset: kafkajs' 30 s. The broker refuses less than its group.min.session.timeout.ms (6 s by default).
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(6000, { message: 'KAFKA_SESSION_TIMEOUT_MS must be at least 6000 (the broker refuses shorter sessions)' })
  @Max(300000, { message: 'KAFKA_SESSION_TIMEOUT_MS must be at most 300000' })
  KAFKA_SESSION_TIMEOUT_MS?: number;

  /** Prepended to every events topic, on the publishing and on the consuming side (isolates environments on one cluster). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{0,100}$/, { message: 'ITSM_TOPIC_PREFIX may hold only letters, digits, ".", "_" and "-"' })
  ITSM_TOPIC_PREFIX?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * HS256 key for bearer tokens (at least 32 characters). Unset and without a JWKS URL: generated once and kept in
   * ITSM_DATA_DIR/jwt-secret, so the embedded shape works out of the box and `itsm token` signs with the same key.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'ITSM_JWT_SECRET must be at least 32 characters' })
  ITSM_JWT_SECRET?: string;

  /** JWKS of an identity provider: RS256/ES256 bearer tokens are verified with its keys. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'ITSM_JWKS_URL must be an http(s) URL' })
  ITSM_JWKS_URL?: string;

  /**
   * The identity provider the console signs in with (OpenID Connect, Authorization Code + PKCE): its issuer URL, whose
   * `/.well-known/openid-configuration` the browser reads. Needs ITSM_JWKS_URL (the platform verifies its tokens) and
   * ITSM_OIDC_CLIENT_ID; served to the console by `GET /api/v1/console/config`.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'ITSM_OIDC_ISSUER must be an http(s) URL' })
  @RequiresSetting('ITSM_JWKS_URL', { message: 'ITSM_OIDC_ISSUER needs ITSM_JWKS_URL: the platform verifies the provider’s tokens with its keys' })
  ITSM_OIDC_ISSUER?: string;

  /** The console's client id at that provider (a public client: no secret, PKCE instead); required with ITSM_OIDC_ISSUER. */
  @ValidateIf((config: RuntimeConfig) => config.ITSM_OIDC_ISSUER !== undefined || config.ITSM_OIDC_CLIENT_ID !== undefined)
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'ITSM_OIDC_CLIENT_ID must be set with ITSM_OIDC_ISSUER (printable, no spaces)' })
  ITSM_OIDC_CLIENT_ID?: string;

  /** Scopes the console asks for, space-separated; `openid` is required. */
  @Matches(/^(?=(.* )?openid( |$))[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, {
    message: 'ITSM_OIDC_SCOPES must be space-separated scopes including openid',
  })
  ITSM_OIDC_SCOPES = 'openid profile';

  /** When set, bearer tokens must carry this `iss` (and `itsm token` writes it). */
  @IsOptional()
  @IsString()
  ITSM_JWT_ISSUER?: string;

  /** When set, bearer tokens must carry this `aud` (and `itsm token` writes it). */
  @IsOptional()
  @IsString()
  ITSM_JWT_AUDIENCE?: string;

  /**
   * Integration keys for `X-Api-Key`: comma-separated `name:role1+role2:key`, where key is the key itself or
   * `sha256:<hex digest of the key>` so that the configuration need not hold the key.
   */
  @IsOptional()
  @Matches(/^\s*[\w.-]+:[\w+-]+:\S+\s*(,\s*[\w.-]+:[\w+-]+:\S+\s*)*$/, {
    message: 'ITSM_API_KEYS must be a comma-separated list of name:role1+role2:key',
  })
  ITSM_API_KEYS?: string;

  /** Requests per caller (token subject, API key, else client IP) and window; 0 turns rate limiting off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  ITSM_RATE_LIMIT = 600;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  ITSM_RATE_LIMIT_WINDOW_SECONDS = 60;

  /** Largest accepted request body (body-parser size: "1mb", "512kb", or bytes); larger bodies get 413. */
  @Matches(/^\d+(b|kb|mb)?$/i, { message: 'ITSM_BODY_LIMIT must be a size like 1mb, 512kb or 1048576' })
  ITSM_BODY_LIMIT = '1mb';

  /** How long an Idempotency-Key and its stored response are kept. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  ITSM_IDEMPOTENCY_TTL_HOURS = 24;

  /**
   * How long a request holding an Idempotency-Key keeps it without renewing: it renews every third of this while it
   * runs, so a key whose process died is free again this long after.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  ITSM_IDEMPOTENCY_LEASE_SECONDS = 30;

  /**
   * The changes' risk policy (rules and questionnaire): its JSON, or the path of a JSON file. Its content is checked by
   * the changes context when it starts (a bad policy stops the process); default: the platform's policy.
   */
  @IsOptional()
  @IsString()
  ITSM_CHANGE_RISK_POLICY?: string;

  /** The changes' approval policy (stages by type and risk level): its JSON, or the path of a JSON file; checked likewise. */
  @IsOptional()
  @IsString()
  ITSM_CHANGE_APPROVAL_POLICY?: string;

  /** Comma-separated ids of the CAB members the default approval policy names (a majority of them approves). */
  @IsOptional()
  @IsString()
  ITSM_CHANGE_CAB_MEMBERS?: string;

  /** Comma-separated ids of the ECAB members the default approval policy names (two of them approve an emergency change). */
  @IsOptional()
  @IsString()
  ITSM_CHANGE_ECAB_MEMBERS?: string;

  /** How many days of an implementer group's completed changes the risk assessment counts. */
  @Type(() => Number)
  @IsInt({ message: 'ITSM_CHANGE_RISK_LOOKBACK_DAYS must be a whole number of days' })
  @Min(1, { message: 'ITSM_CHANGE_RISK_LOOKBACK_DAYS must be at least 1' })
  @Max(3660, { message: 'ITSM_CHANGE_RISK_LOOKBACK_DAYS must be at most 3660' })
  ITSM_CHANGE_RISK_LOOKBACK_DAYS = 90;

  /**
   * The Ed25519 key that signs the audit log's checkpoints, in the signed-note form `PRIVATE+KEY+<name>+<id>+<key>`.
   * Unset: generated once and kept in ITSM_DATA_DIR/audit-signing-key, readable by the owner only.
   */
  @IsOptional()
  @Matches(/^PRIVATE\+KEY\+[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/, {
    message: 'ITSM_AUDIT_SIGNING_KEY must be a signer key PRIVATE+KEY+<name>+<key id>+<base64 key>',
  })
  ITSM_AUDIT_SIGNING_KEY?: string;

  /** The audit log's name in every checkpoint (the C2SP origin line), and the name of a generated signing key. */
  @Matches(/^[\x21-\x2a\x2c-\x7e]{1,200}$/, { message: 'ITSM_AUDIT_ORIGIN must be printable ASCII without spaces or "+"' })
  ITSM_AUDIT_ORIGIN = 'itsm.local/audit';

  /** The audit checkpointer: `on` keeps the Merkle tree over the log and signs checkpoints in this process. */
  @IsIn(['on', 'off'])
  ITSM_AUDIT_CHECKPOINTER: 'on' | 'off' = 'on';

  /** A checkpoint is signed once the tree grew by this many events (0: only by time). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  ITSM_AUDIT_CHECKPOINT_EVENTS = 1000;

  /** …or this long after the last one when the tree grew at all (0: only by count). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  ITSM_AUDIT_CHECKPOINT_SECONDS = 60;

  /** Each signed checkpoint is also written here as `<tree size>.checkpoint`, never overwritten (write-once storage). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  ITSM_AUDIT_CHECKPOINT_COPY_DIR?: string;

  /** How often the process re-verifies the whole log in the background, for GET /api/v1/audit/verify (0: never). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  ITSM_AUDIT_VERIFY_HOURS = 24;
}

/** For `ConfigModule.forRoot({ validate })`: refuses to start with a list of every invalid setting. */
export const validateRuntimeConfig = (env: Record<string, unknown>): RuntimeConfig => {
  const config = plainToInstance(RuntimeConfig, env, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) throw invalidConfiguration(errors);
  return config;
};

/**
 * The start-up refusal: one line per invalid setting, with the first rule it breaks in the order the rules are
 * declared ("PORT=abc" is "not an integer", not also "greater than 65535"). Values are not repeated: some are secrets.
 */
export const invalidConfiguration = (errors: ValidationError[]): Error =>
  new Error(['Invalid configuration:', ...errors.map((error) => `  ${Object.values(error.constraints ?? {}).at(-1) ?? `${error.property} is invalid`}`)].join('\n'));
