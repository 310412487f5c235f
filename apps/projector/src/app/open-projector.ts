import { openEventLog, type EventLog, type EventLogConfig } from '@itsm/platform-kit';
import { ProjectionRuntime } from '@itsm/projections';
import { hostedProjections } from './hosted-projections';

export interface Projector extends EventLog {
  runtime: ProjectionRuntime;
}

/** Opens the log, the read-model database and the runtime with every hosted projection (for the CLI and tests). */
export const openProjector = async (config: EventLogConfig): Promise<Projector> => {
  const log = await openEventLog(config);
  try {
    const runtime = await ProjectionRuntime.create({ db: log.db, source: log.store, projections: hostedProjections });
    return {
      ...log,
      runtime,
      async close() {
        await runtime.stop();
        await log.close();
      },
    };
  } catch (error) {
    await log.close();
    throw error;
  }
};
