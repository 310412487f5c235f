import type { SqlSession } from '@itsm/event-store';
import { liveTablesOf } from '@itsm/projections';
import { ChangeNotFound } from '../../errors';
import type { ChangeDirectory, ChangeRef, KnownChange } from '../../ports/change-directory.port';
import { INCIDENTS_CHANGES_SCHEMA, incidentsChangesProjection, type IncidentsChangesTables } from './incidents-changes.projection';

/** Reads the live table of `incidentsChangesProjection` (ProjectionRuntime `schema`). */
export class SqlChangeDirectory implements ChangeDirectory {
  private readonly t: IncidentsChangesTables;

  constructor(
    private readonly db: Pick<SqlSession, 'query'>,
    schema: string = INCIDENTS_CHANGES_SCHEMA,
  ) {
    this.t = liveTablesOf(incidentsChangesProjection, schema);
  }

  async changeOf(ref: ChangeRef): Promise<KnownChange> {
    const changeId = ref.changeId ?? null;
    const changeNumber = ref.changeNumber ?? null;
    if (changeId === null && changeNumber === null) throw new Error('A change reference names the change id, its number or both');
    const [row] = await this.db.query<{ change_id: string; number: string }>(
      `SELECT change_id, number FROM ${this.t.incidents_changes}
       WHERE ($1::text IS NULL OR change_id = $1::text) AND ($2::text IS NULL OR number = $2::text)`,
      [changeId, changeNumber],
    );
    if (!row) throw new ChangeNotFound(ref);
    return { changeId: row.change_id, changeNumber: row.number };
  }
}
