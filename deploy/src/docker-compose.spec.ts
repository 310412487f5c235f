import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSchemaErrors, parseCompose, type ComposeFile, type ComposeService } from './compose-validator';

const repoRoot = join(__dirname, '..', '..');
const source = readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8');
const compose = parseCompose(source) as ComposeFile;
const service = (name: string): ComposeService => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
};
const env = (name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(service(name).environment ?? {}).map(([k, v]) => [k, String(v)]));
const publishedPorts = (name: string): string[] => (service(name).ports ?? []).map((p) => p.split(':').slice(-2).join(':'));

describe('docker-compose.yml', () => {
  it('is valid against the compose specification schema', () => {
    expect(composeSchemaErrors(compose)).toEqual([]);
  });

  it('the schema check does catch mistakes', () => {
    const broken = { services: { kafka: { imagee: 'apache/kafka:3.9.1', healthcheck: { interval: 'soon' } } } };
    expect(composeSchemaErrors(broken)).toEqual(
      expect.arrayContaining([expect.stringMatching(/additional properties.*imagee/), expect.stringMatching(/duration/)]),
    );
  });

  it('runs one Kafka 3.9 node in KRaft mode, sized for a single replica', () => {
    expect(service('kafka').image).toMatch(/^apache\/kafka:3\.9\./);
    const kafka = env('kafka');
    expect(kafka['KAFKA_PROCESS_ROLES'].split(',').sort()).toEqual(['broker', 'controller']);
    expect(kafka['KAFKA_CONTROLLER_QUORUM_VOTERS']).toBe(`${kafka['KAFKA_NODE_ID']}@kafka:9093`);
    expect(kafka['KAFKA_CONTROLLER_LISTENER_NAMES']).toBe('CONTROLLER');
    expect(kafka['CLUSTER_ID']).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(kafka).toMatchObject({
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    });
    expect(kafka['KAFKA_ADVERTISED_LISTENERS']).toContain('PLAINTEXT://kafka:9092');
    expect(publishedPorts('kafka')).toContain('9094:9094');
  });

  it('runs an insecure single-node EventStoreDB on 2113', () => {
    expect(service('eventstore').image).toMatch(/^(eventstore\/eventstore|docker\.kurrent\.io\/.*kurrentdb):/);
    expect(env('eventstore')).toMatchObject({ EVENTSTORE_CLUSTER_SIZE: '1', EVENTSTORE_INSECURE: 'true' });
    expect(publishedPorts('eventstore')).toContain('2113:2113');
  });

  it('runs PostgreSQL 16', () => {
    expect(service('postgres').image).toBe('postgres:16');
    expect(publishedPorts('postgres')).toContain('5432:5432');
  });

  it.each(['kafka', 'eventstore', 'postgres', 'platform', 'service-catalog', 'incidents', 'changes', 'finance', 'webhooks', 'gateway', 'projector'])('gives %s a health check', (name) => {
    expect(service(name).healthcheck?.test).toBeDefined();
  });

  it('keeps server data in declared named volumes', () => {
    const declared = Object.keys(compose.volumes ?? {});
    for (const name of ['kafka', 'eventstore', 'postgres']) {
      const named = (service(name).volumes ?? []).map((v) => v.split(':')[0]);
      expect(named.length).toBeGreaterThan(0);
      for (const volume of named) expect(declared).toContain(volume);
    }
  });

  it('builds the platform from deploy/ and points it at the three servers once they are healthy', () => {
    const platform = service('platform');
    expect(platform.build?.dockerfile).toBe('deploy/Dockerfile.platform');
    expect(env('platform')).toMatchObject({
      KAFKA_BROKERS: 'kafka:9092',
      EVENTSTORE_URL: 'esdb://eventstore:2113?tls=false',
    });
    expect(env('platform')['DATABASE_URL']).toMatch(/^postgresql:\/\/[^@]+@postgres:5432\//);
    expect(platform.depends_on).toEqual({
      kafka: { condition: 'service_healthy' },
      eventstore: { condition: 'service_healthy' },
      postgres: { condition: 'service_healthy' },
    });
  });

  it('has a platform Dockerfile that builds with Nx and runs the bundle', () => {
    const dockerfile = readFileSync(join(repoRoot, 'deploy', 'Dockerfile.platform'), 'utf8');
    expect(dockerfile).toMatch(/^FROM \S+ AS build$/m);
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).toMatch(/RUN npx nx build platform\b/);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/apps\/platform\/main\.js"\]$/m);
  });

  describe('distributed shape', () => {
    const SERVERS_HEALTHY = {
      kafka: { condition: 'service_healthy' },
      eventstore: { condition: 'service_healthy' },
      postgres: { condition: 'service_healthy' },
    };

    it.each(['service-catalog', 'incidents', 'changes', 'finance', 'webhooks', 'gateway', 'relay', 'projector'])('builds %s from the one app Dockerfile with APP set to it', (name) => {
      expect(service(name).build).toMatchObject({ context: '.', dockerfile: 'deploy/Dockerfile.app', args: { APP: name } });
    });

    it('puts the gateway on host port 3000, in front of healthy service-catalog, incidents, changes, finance and webhooks services', () => {
      expect(publishedPorts('gateway')).toEqual(['3000:3000']);
      expect(service('service-catalog').ports ?? []).toEqual([]);
      for (const name of ['incidents', 'changes', 'finance', 'webhooks']) expect(service(name).ports ?? []).toEqual([]);
      expect(env('gateway')['CATALOG_SERVICE_URL']).toBe(`http://service-catalog:${env('service-catalog')['PORT']}`);
      expect(env('gateway')['INCIDENTS_SERVICE_URL']).toBe(`http://incidents:${env('incidents')['PORT']}`);
      expect(env('gateway')['CHANGES_SERVICE_URL']).toBe(`http://changes:${env('changes')['PORT']}`);
      expect(env('gateway')['FINANCE_SERVICE_URL']).toBe(`http://finance:${env('finance')['PORT']}`);
      expect(env('gateway')['WEBHOOKS_SERVICE_URL']).toBe(`http://webhooks:${env('webhooks')['PORT']}`);
      expect(service('gateway').depends_on).toEqual({
        'service-catalog': { condition: 'service_healthy' },
        incidents: { condition: 'service_healthy' },
        changes: { condition: 'service_healthy' },
        finance: { condition: 'service_healthy' },
        webhooks: { condition: 'service_healthy' },
      });
      // The edge keeps no data (Idempotency-Key is the service's), so it has no database.
      expect(env('gateway')['DATABASE_URL']).toBeUndefined();
      // The embedded platform owns the same port, so it only runs when asked for.
      expect(service('platform').profiles).toEqual(['embedded']);
    });

    it('gives the gateway and the services one JWT secret of at least 32 characters', () => {
      const secret = env('gateway')['ITSM_JWT_SECRET'];
      expect(env('service-catalog')['ITSM_JWT_SECRET']).toBe(secret);
      for (const name of ['incidents', 'changes', 'finance', 'webhooks']) expect(env(name)['ITSM_JWT_SECRET']).toBe(secret);
      expect(env('projector')['ITSM_JWT_SECRET']).toBe(secret);
      expect(secret.replace(/^\$\{ITSM_JWT_SECRET:-(.*)\}$/, '$1').length).toBeGreaterThanOrEqual(32);
    });

    it.each(['service-catalog', 'incidents', 'changes', 'finance', 'webhooks', 'relay', 'projector'])('points %s at the three servers once they are healthy', (name) => {
      expect(env(name)).toMatchObject({ KAFKA_BROKERS: 'kafka:9092', EVENTSTORE_URL: 'esdb://eventstore:2113?tls=false' });
      expect(env(name)['DATABASE_URL']).toMatch(/^postgresql:\/\/[^@]+@postgres:5432\//);
      expect(service(name).depends_on).toEqual(SERVERS_HEALTHY);
    });

    it('has an app Dockerfile that builds the chosen app with Nx and runs its bundle', () => {
      const dockerfile = readFileSync(join(repoRoot, 'deploy', 'Dockerfile.app'), 'utf8');
      expect(dockerfile).toMatch(/^FROM \S+ AS build$/m);
      expect(dockerfile).toMatch(/^ARG APP$/m);
      expect(dockerfile).toMatch(/RUN npx nx build \$\{APP\}/);
      expect(dockerfile).toMatch(/^COPY --from=build \/repo\/dist\/apps\/\$\{APP\} \.\/dist\/app$/m);
      expect(dockerfile).toMatch(/^CMD \["node", "dist\/app\/main\.js"\]$/m);
    });
  });
});
