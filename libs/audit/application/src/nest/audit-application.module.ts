import { Inject, Injectable, Logger, Module, Optional, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NoteSigner } from '@itsm/audit-domain';
import type { EventStore, PersonalDataVault, SqlExecutor } from '@itsm/event-store';
import { EVENT_STORE, PERSONAL_DATA_VAULT, PROCESS_MONITOR, SQL_DATABASE, STORED_EVENT_STORE, type ProcessMonitor, type RuntimeConfig } from '@itsm/platform-kit';
import { CheckpointCopies } from '../adapters/checkpoint-copies.adapter';
import { SqlAuditTree } from '../adapters/sql-audit-tree.adapter';
import { SqlEventLogQueries } from '../adapters/sql-event-search.adapter';
import { SqlEventLeaves } from '../adapters/sql-event-leaves.adapter';
import { SqlVerificationRuns } from '../adapters/sql-verification-runs.adapter';
import { resolveAuditSigner } from '../keys/audit-signing-key';
import { AuditCheckpointer } from '../processes/checkpointer/audit-checkpointer';
import { BackgroundVerification } from '../processes/verification/background-verification';
import { LiveControlChecks } from '../controls/control-report';
import { AuditProofs } from '../proofs/audit-proofs';
import { AUDIT_COPIES, AUDIT_EVENT_QUERIES, AUDIT_ORIGIN, AUDIT_SIGNER } from './audit-application.tokens';

export interface AuditApplicationOptions {
  /** Run the checkpointer and the background verification in this host (per settings); default true. */
  processes?: boolean;
}

type Settings = ConfigService<RuntimeConfig, true>;

/**
 * Starts the checkpointer and the background verification once the app is up (when the settings turn them on),
 * stops them before the event log closes, and reports both to the process monitor (readiness, metrics).
 */
@Injectable()
export class AuditProcessesHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly config: ConfigService<RuntimeConfig, true>,
    private readonly checkpointer: AuditCheckpointer,
    private readonly verification: BackgroundVerification,
    @Optional() @Inject(PROCESS_MONITOR) private readonly monitor?: ProcessMonitor,
  ) {}

  onApplicationBootstrap(): void {
    const checkpointerOn = this.config.get('ITSM_AUDIT_CHECKPOINTER', { infer: true }) === 'on';
    const verifyHours = this.config.get('ITSM_AUDIT_VERIFY_HOURS', { infer: true });
    this.monitor?.register(() => [...(checkpointerOn ? [this.checkpointer.status()] : []), ...(verifyHours > 0 ? [this.verification.status()] : [])]);
    if (checkpointerOn) this.checkpointer.start();
    if (verifyHours > 0) this.verification.start();
    this.logger.log(`audit checkpointer ${checkpointerOn ? 'on' : 'off'}; background verification ${verifyHours > 0 ? `every ${verifyHours} h` : 'off'}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.verification.stop();
    await this.checkpointer.stop();
    this.logger.log('audit checkpointer and verification stopped');
  }
}

/**
 * The audit composition root: the audit tree and its checkpoints in the SQL database (schema `audit`), the
 * signing key from the settings (or the data directory), the log's own table for event search (not with the log
 * in EventStoreDB), and the background processes. Needs the global EventStoreModule and HealthModule.
 */
@Module({})
export class AuditApplicationModule {
  static forRoot(options: AuditApplicationOptions = {}): DynamicModule {
    const logger = new Logger('Audit');
    const processes: Provider[] =
      options.processes === false
        ? []
        : [
            {
              provide: AuditCheckpointer,
              inject: [STORED_EVENT_STORE, SqlAuditTree, SQL_DATABASE, AUDIT_SIGNER, AUDIT_ORIGIN, AUDIT_COPIES, ConfigService],
              useFactory: (store: EventStore, tree: SqlAuditTree, db: SqlExecutor, signer: NoteSigner, origin: string, copies: CheckpointCopies | null, config: Settings) =>
                new AuditCheckpointer({
                  store,
                  // Leaves from the texts the appenders stored when the log is in the SQL database (not EventStoreDB).
                  leaves: config.get('EVENTSTORE_URL', { infer: true }) ? undefined : new SqlEventLeaves(db),
                  tree,
                  signer,
                  origin,
                  copies: copies ?? undefined,
                  everyEvents: config.get('ITSM_AUDIT_CHECKPOINT_EVENTS', { infer: true }),
                  everySeconds: config.get('ITSM_AUDIT_CHECKPOINT_SECONDS', { infer: true }),
                  onFailure: (error, status) =>
                    logger.error(`checkpointer failed (${status.consecutiveFailures} in a row, retrying): ${error instanceof Error ? error.message : String(error)}`),
                }),
            },
            {
              provide: BackgroundVerification,
              inject: [STORED_EVENT_STORE, SqlAuditTree, SqlVerificationRuns, AUDIT_SIGNER, AUDIT_ORIGIN, AUDIT_COPIES, SQL_DATABASE, ConfigService],
              useFactory: (
                store: EventStore,
                tree: SqlAuditTree,
                runs: SqlVerificationRuns,
                signer: NoteSigner,
                origin: string,
                copies: CheckpointCopies | null,
                db: SqlExecutor,
                config: Settings,
              ) =>
                new BackgroundVerification({
                  sources: { store, tree, copies: copies ?? undefined },
                  // As `itsm verify`: on the texts the appenders stored when the log is in the SQL database.
                  canonicalTexts: config.get('EVENTSTORE_URL', { infer: true }) ? undefined : { db },
                  runs,
                  verifier: signer.verifier,
                  origin,
                  intervalHours: config.get('ITSM_AUDIT_VERIFY_HOURS', { infer: true }),
                  onResult: (result) =>
                    result.ok
                      ? logger.log(`background verification: ${result.events} events verified`)
                      : logger.error(`background verification FAILED at position ${result.firstFailure?.globalPosition}: ${result.firstFailure?.reason} (${result.firstFailure?.detail})`),
                  onFailure: (error) => logger.error(`background verification could not run: ${error instanceof Error ? error.message : String(error)}`),
                }),
            },
            AuditProcessesHost,
          ];
    return {
      module: AuditApplicationModule,
      providers: [
        {
          provide: AUDIT_SIGNER,
          inject: [ConfigService],
          useFactory: (config: Settings) =>
            resolveAuditSigner({
              ITSM_AUDIT_SIGNING_KEY: config.get('ITSM_AUDIT_SIGNING_KEY', { infer: true }),
              ITSM_AUDIT_ORIGIN: config.get('ITSM_AUDIT_ORIGIN', { infer: true }),
              ITSM_DATA_DIR: config.get('ITSM_DATA_DIR', { infer: true }),
            }),
        },
        { provide: AUDIT_ORIGIN, inject: [ConfigService], useFactory: (config: Settings) => config.get('ITSM_AUDIT_ORIGIN', { infer: true }) },
        {
          provide: AUDIT_COPIES,
          inject: [ConfigService],
          useFactory: (config: Settings) => {
            const directory = config.get('ITSM_AUDIT_CHECKPOINT_COPY_DIR', { infer: true });
            return directory ? new CheckpointCopies(directory) : null;
          },
        },
        {
          provide: SqlAuditTree,
          inject: [SQL_DATABASE],
          useFactory: async (db: SqlExecutor) => {
            const tree = new SqlAuditTree(db);
            await tree.migrate();
            return tree;
          },
        },
        { provide: SqlVerificationRuns, inject: [SQL_DATABASE, SqlAuditTree], useFactory: (db: SqlExecutor, tree: SqlAuditTree) => new SqlVerificationRuns(db, tree.tables) },
        {
          provide: AUDIT_EVENT_QUERIES,
          inject: [SQL_DATABASE, ConfigService, PERSONAL_DATA_VAULT],
          // The log's own table: only when the log is in the SQL database (not EventStoreDB); personal fields decrypted.
          useFactory: (db: SqlExecutor, config: Settings, vault: PersonalDataVault) =>
            config.get('EVENTSTORE_URL', { infer: true }) ? null : new SqlEventLogQueries(db, undefined, (events) => vault.reveal(events)),
        },
        { provide: AuditProofs, inject: [SqlAuditTree, STORED_EVENT_STORE], useFactory: (tree: SqlAuditTree, store: EventStore) => new AuditProofs(tree, store) },
        { provide: LiveControlChecks, inject: [EVENT_STORE], useFactory: (store: EventStore) => new LiveControlChecks(store) },
        ...processes,
      ],
      exports: [SqlAuditTree, SqlVerificationRuns, AuditProofs, LiveControlChecks, AUDIT_SIGNER, AUDIT_ORIGIN, AUDIT_EVENT_QUERIES, AUDIT_COPIES],
    };
  }
}
