import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { requestLoggingOptions } from './logging.module';

describe('request log', () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...chunk.toString().trim().split('\n').map((line: string) => JSON.parse(line)));
        done();
      },
    });
    const log = pinoHttp(requestLoggingOptions('info'), sink);
    server = createServer((request, response) => {
      log(request, response);
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('writes one JSON line per request with the correlation id, echoed to the caller, and no credentials', async () => {
    const answer = await fetch(`${url}/api/v1/things`, { headers: { 'x-correlation-id': 'corr-7', authorization: 'Bearer secret-token' } });
    expect(answer.headers.get('x-correlation-id')).toBe('corr-7');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const line = lines.find((entry) => entry['correlationId'] === 'corr-7');
    expect(line).toMatchObject({ msg: 'request completed', req: { id: 'corr-7', url: '/api/v1/things' }, res: { statusCode: 200 } });
    expect(JSON.stringify(line)).not.toContain('secret-token');
  });

  it('does not log health probes', async () => {
    const before = lines.length;
    await fetch(`${url}/health/live`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.length).toBe(before);
  });
});

