import type { ServiceCriticality, ServiceKind, ServiceLifecycle } from '@itsm/contracts';
import { serviceStreamId, upcastEvent } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import { cursorKeyOf, decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, isCursorNumber, pageOf, type Page, type TableNames } from '@itsm/projections';
import type { CatalogServicesTable } from './catalog-services.projection';
import { foldService, type ServiceFold } from './service-view.fold';
import { changeTemplateViewOf, offeringViewOf, serviceViewOf, type ChangeTemplateRow, type OfferingRow, type ServiceRow } from './service-rows';
import type { ChangeTemplateView, OfferingView, ServiceView } from './service.view';

export interface ServiceFilter {
  kind?: ServiceKind;
  lifecycle?: ServiceLifecycle;
  ownerGroup?: string;
  criticality?: ServiceCriticality;
  /** Text in the name, case-insensitive. */
  q?: string;
  limit?: number;
  cursor?: string;
}

type ServiceCursor = { n: number };
const isServiceCursor = cursorKeyOf<ServiceCursor>({ n: isCursorNumber });

/** Services, their offerings and change templates: lists from the read model, one service from its stream. */
export class ServiceQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly t: TableNames<CatalogServicesTable>,
  ) {}

  /** Services by number, filtered; keyset pagination on the number (stable while services are added). */
  async list(filter: ServiceFilter): Promise<Page<ServiceView>> {
    const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
    const after = filter.cursor === undefined ? -1 : decodeCursor(filter.cursor, isServiceCursor).n;
    const conditions = ['s.number_seq > $1'];
    const params: unknown[] = [after];
    const where = (sql: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      conditions.push(sql(`$${params.length}`));
    };
    if (filter.kind !== undefined) where((p) => `s.kind = ${p}`, filter.kind);
    if (filter.lifecycle !== undefined) where((p) => `s.lifecycle = ${p}`, filter.lifecycle);
    if (filter.ownerGroup !== undefined) where((p) => `s.owner_group = ${p}`, filter.ownerGroup);
    if (filter.criticality !== undefined) where((p) => `s.criticality = ${p}`, filter.criticality);
    // strpos, not LIKE: the user's text is matched literally (no % or _ wildcards to escape).
    if (filter.q !== undefined) where((p) => `strpos(lower(s.name), lower(${p})) > 0`, filter.q);
    params.push(limit + 1);
    const rows = await this.db.query<ServiceRow>(
      `${this.selectServices()} WHERE ${conditions.join(' AND ')} ORDER BY s.number_seq LIMIT $${params.length}`,
      params,
    );
    return pageOf(rows, limit, serviceViewOf, (row) => encodeCursor({ n: Number(row.number_seq) }));
  }

  /** The service as its stream says now (upcast, as every reader of the log), with its revision; null when there is none. */
  async get(serviceId: string): Promise<ServiceFold | null> {
    return foldService((await this.store.readStream(serviceStreamId(serviceId))).map(upcastEvent));
  }

  /** A service registered just now, folded from the events its registration appended (its whole stream). */
  registered(events: readonly RecordedEvent[]): ServiceFold | null {
    return foldService(events.map(upcastEvent));
  }

  /** The id of the service with this number (SVC0000001), or null when the read model does not know it (yet). */
  async idOfNumber(number: string): Promise<string | null> {
    const [row] = await this.db.query<{ service_id: string }>(`SELECT service_id FROM ${this.t.catalog_services} WHERE number = $1`, [number]);
    return row?.service_id ?? null;
  }

  /** The read model's row of one service (what lists show), or null. */
  async projected(serviceId: string): Promise<ServiceView | null> {
    const [row] = await this.db.query<ServiceRow>(`${this.selectServices()} WHERE s.service_id = $1`, [serviceId]);
    return row ? serviceViewOf(row) : null;
  }

  async offeringsOf(serviceId: string): Promise<OfferingView[]> {
    const rows = await this.db.query<OfferingRow>(
      `SELECT offering_id, service_id, name, calendar_id, is_default, sla_targets FROM ${this.t.catalog_offerings}
       WHERE service_id = $1 ORDER BY added_position`,
      [serviceId],
    );
    return rows.map(offeringViewOf);
  }

  async changeTemplatesOf(serviceId: string): Promise<ChangeTemplateView[]> {
    const rows = await this.db.query<ChangeTemplateRow>(
      `SELECT template_id, service_id, name, steps, pre_approved FROM ${this.t.catalog_change_templates}
       WHERE service_id = $1 ORDER BY added_position`,
      [serviceId],
    );
    return rows.map(changeTemplateViewOf);
  }

  private selectServices(): string {
    const { catalog_services, catalog_offerings, catalog_dependencies } = this.t;
    return `SELECT s.*,
        (SELECT COALESCE(json_agg(json_build_object('id', o.offering_id, 'offeringId', o.offering_id, 'name', o.name, 'default', o.is_default) ORDER BY o.added_position), '[]'::json)
           FROM ${catalog_offerings} o WHERE o.service_id = s.service_id) AS offerings,
        (SELECT COALESCE(json_agg(d.depends_on_service_id ORDER BY d.added_position), '[]'::json)
           FROM ${catalog_dependencies} d WHERE d.service_id = s.service_id) AS depends_on
      FROM ${catalog_services} s`;
  }
}
