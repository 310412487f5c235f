import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createExclusiveSections } from '@itsm/event-store';
import { EVENT_STORE, EXCLUSIVE_SECTIONS, SQL_DATABASE, WRITE_PIPELINE, writePipelineOn } from '@itsm/platform-kit';
import { AddDependencyHandler } from '../add-dependency/add-dependency.handler';
import { CreateCalendarHandler } from '../create-calendar/create-calendar.handler';
import { RegisterServiceHandler } from '../register-service/register-service.handler';
import { ServiceStreams } from '../service-stream/service-streams';
import { calendarInput, openPgliteCatalog, requestMetadata, serviceInput, type PgliteCatalog } from '../testing/pglite-catalog';
import { CatalogApplicationModule } from './catalog-application.module';
import { SERVICE_DEPENDENCY_GRAPH } from './catalog-application.tokens';

describe('CatalogApplicationModule', () => {
  let catalog: PgliteCatalog;

  beforeAll(async () => {
    catalog = await openPgliteCatalog();
  });
  afterAll(() => catalog.close());

  const storeModule = () => {
    // Stands in for platform-kit's global EventStoreModule, on the test's PGlite.
    @Global()
    @Module({
      providers: [
        { provide: EVENT_STORE, useValue: catalog.store },
        { provide: SQL_DATABASE, useValue: catalog.db },
        { provide: WRITE_PIPELINE, useValue: writePipelineOn(catalog.store) },
        { provide: EXCLUSIVE_SECTIONS, useValue: createExclusiveSections(catalog.db) },
      ],
      exports: [EVENT_STORE, SQL_DATABASE, WRITE_PIPELINE, EXCLUSIVE_SECTIONS],
    })
    class TestStoreModule {}
    return TestStoreModule;
  };

  it('provides working handlers on the bound write pipeline and database', async () => {
    const app = await Test.createTestingModule({ imports: [storeModule(), CatalogApplicationModule.forRoot()] }).compile();
    const registered = await app.get(RegisterServiceHandler).execute(serviceInput('Email'), requestMetadata);
    expect(registered.number).toMatch(/^SVC\d{7}$/);
    expect((await app.get(ServiceStreams).load(registered.id)).revision).toBe(0);
    expect(await app.get(CreateCalendarHandler).execute(calendarInput(), requestMetadata)).toMatchObject({ number: expect.stringMatching(/^CAL\d{7}$/), revision: 0 });
    await app.close();
  });

  it('uses the dependency graph it is given', async () => {
    const [a, b] = await Promise.all(['A', 'B'].map((name) => catalog.handlers.registerService.execute(serviceInput(name), requestMetadata)));
    // A graph that claims B already depends on A: adding A → B must be refused as a cycle.
    const graph = { dependentsOf: async () => new Set([b.id]) };
    const app = await Test.createTestingModule({
      imports: [storeModule(), CatalogApplicationModule.forRoot({ dependencyGraph: { useFactory: () => graph } })],
    }).compile();
    expect(app.get(SERVICE_DEPENDENCY_GRAPH)).toBe(graph);
    await expect(app.get(AddDependencyHandler).execute(a.id, b.id, requestMetadata)).rejects.toThrow(/cycle/);
    await app.close();
  });
});
