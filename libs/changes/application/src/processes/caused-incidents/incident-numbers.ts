import { assertSchemaName, onceDdl, type SqlExecutor } from '@itsm/event-store';

/**
 * The caused-incidents process's own memory of incident numbers (`<changesSchema>.caused_incident_numbers`), learnt
 * from `IncidentOpened`: the incidents' link event names the change, not the incident's number, and the number comes
 * before the link in the incident's stream, so in the order the process sees events (the log, or Kafka per stream)
 * it is always known in time. Remembering is an idempotent upsert.
 */
export class IncidentNumbers {
  private readonly table: string;
  private readonly ensure: () => Promise<void>;

  constructor(
    private readonly db: SqlExecutor,
    schema: string,
  ) {
    this.table = `${assertSchemaName(schema)}.caused_incident_numbers`;
    this.ensure = onceDdl(db, `CREATE SCHEMA IF NOT EXISTS ${schema}; CREATE TABLE IF NOT EXISTS ${this.table} (incident_id text PRIMARY KEY, number text NOT NULL)`);
  }

  async remember(incidentId: string, number: string): Promise<void> {
    await this.ensure();
    await this.db.query(`INSERT INTO ${this.table} (incident_id, number) VALUES ($1, $2) ON CONFLICT (incident_id) DO NOTHING`, [incidentId, number]);
  }

  async numberOf(incidentId: string): Promise<string | null> {
    await this.ensure();
    const [row] = await this.db.query<{ number: string }>(`SELECT number FROM ${this.table} WHERE incident_id = $1`, [incidentId]);
    return row?.number ?? null;
  }
}
