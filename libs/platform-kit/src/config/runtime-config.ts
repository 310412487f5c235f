import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/** Process settings (DESIGN §7), read from the environment and validated once at start-up. */
export class RuntimeConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Where the embedded shape keeps its PGlite database and generated secrets. */
  @IsString()
  @MinLength(1)
  ITSM_DATA_DIR = './data';

  /** PostgreSQL server for the event log and read models; without it the embedded PGlite is used. */
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

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

/** For `ConfigModule.forRoot({ validate })`: refuses to start with a list of every invalid setting. */
export const validateRuntimeConfig = (env: Record<string, unknown>): RuntimeConfig => {
  const config = plainToInstance(RuntimeConfig, env, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const details = errors.flatMap((error) => Object.values(error.constraints ?? {})).join('; ');
    throw new Error(`Invalid configuration: ${details}`);
  }
  return config;
};
