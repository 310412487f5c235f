import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EVENT_STORE, SQL_DATABASE } from '@itsm/platform-kit';
import { CalendarCommands } from '../calendars/calendar-commands';
import { ServiceCommands } from '../services/service-commands';
import { openPgliteCatalog, requestMetadata, serviceInput, type PgliteCatalog } from '../testing/pglite-catalog';
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
      ],
      exports: [EVENT_STORE, SQL_DATABASE],
    })
    class TestStoreModule {}
    return TestStoreModule;
  };

  it('provides working command facades on the bound event store and database', async () => {
    const app = await Test.createTestingModule({ imports: [storeModule(), CatalogApplicationModule.forRoot()] }).compile();
    const services = app.get(ServiceCommands);
    const registered = await services.registerService(serviceInput('Email'), requestMetadata);
    expect(registered.number).toMatch(/^SVC\d{7}$/);
    expect((await services.load(registered.id)).revision).toBe(0);
    expect(app.get(CalendarCommands)).toBeInstanceOf(CalendarCommands);
    await app.close();
  });

  it('uses the dependency graph it is given', async () => {
    const [a, b] = await Promise.all(['A', 'B'].map((name) => catalog.services.registerService(serviceInput(name), requestMetadata)));
    // A graph that claims B already depends on A: adding A → B must be refused as a cycle.
    const graph = { dependentsOf: async () => new Set([b.id]) };
    const app = await Test.createTestingModule({
      imports: [storeModule(), CatalogApplicationModule.forRoot({ dependencyGraph: { useFactory: () => graph } })],
    }).compile();
    expect(app.get(SERVICE_DEPENDENCY_GRAPH)).toBe(graph);
    await expect(app.get(ServiceCommands).addDependency(a.id, b.id, requestMetadata)).rejects.toThrow(/cycle/);
    await app.close();
  });
});
