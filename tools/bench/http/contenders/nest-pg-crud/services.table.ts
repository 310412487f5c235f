import { Pool } from 'pg';

export interface ServiceRow {
  id: string;
  number: string;
  name: string;
  kind: string;
  description: string;
  ownerGroup: string;
  supportGroup: string;
  criticality: string;
  lifecycle: string;
}

/** One table, one row per service, numbered from a sequence (the platform allocates SVC numbers too). */
const SCHEMA = `
  CREATE SEQUENCE IF NOT EXISTS service_numbers;
  CREATE TABLE IF NOT EXISTS services (
    id text PRIMARY KEY,
    number bigint NOT NULL DEFAULT nextval('service_numbers'),
    name text NOT NULL,
    kind text NOT NULL,
    description text NOT NULL,
    owner_group text NOT NULL,
    support_group text NOT NULL,
    criticality text NOT NULL,
    lifecycle text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS services_by_number ON services (number);`;

const COLUMNS = `id, 'SVC' || lpad(number::text, 7, '0') AS number, name, kind, description, owner_group AS "ownerGroup",
  support_group AS "supportGroup", criticality, lifecycle`;

export type NewService = Omit<ServiceRow, 'number' | 'lifecycle'>;

/** The CRUD app's whole data access: plain `pg`, one pooled query per request. */
export class ServicesTable {
  private constructor(private readonly pool: Pool) {}

  static async open(connectionString: string): Promise<ServicesTable> {
    const pool = new Pool({ connectionString, max: 10 });
    await pool.query(SCHEMA);
    return new ServicesTable(pool);
  }

  async insert(service: NewService): Promise<ServiceRow> {
    const { rows } = await this.pool.query<ServiceRow>({
      name: 'insert-service',
      text: `INSERT INTO services (id, name, kind, description, owner_group, support_group, criticality, lifecycle)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'pipeline') RETURNING ${COLUMNS}`,
      values: [service.id, service.name, service.kind, service.description, service.ownerGroup, service.supportGroup, service.criticality],
    });
    return rows[0];
  }

  async byId(id: string): Promise<ServiceRow | undefined> {
    const { rows } = await this.pool.query<ServiceRow>({ name: 'service-by-id', text: `SELECT ${COLUMNS} FROM services WHERE id = $1`, values: [id] });
    return rows[0];
  }

  async firstPage(limit: number): Promise<ServiceRow[]> {
    const { rows } = await this.pool.query<ServiceRow>({ name: 'first-services', text: `SELECT ${COLUMNS} FROM services ORDER BY number LIMIT $1`, values: [limit] });
    return rows;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
