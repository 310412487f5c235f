import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { requestLoggingOptions } from './logging.module';
import { createRequestLogger } from './request-logger';

/** A server whose every request goes through the request logger, then logs `inRequest` lines as the app's code would. */
const serverLoggingAt = async (level: string, lines: Record<string, unknown>[], inRequest: (log: PinoLogger) => void) => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().trim().split('\n').map((line: string) => JSON.parse(line)));
      done();
    },
  });
  const options = requestLoggingOptions(level);
  const middleware = createRequestLogger(options, sink);
  // The app's lines out of a request go to the first PinoLogger's destination: this server's sink.
  __resetOutOfContextForTests();
  const appLogger = new PinoLogger({ pinoHttp: [options, sink] });
  appLogger.setContext('Probe');
  const server: Server = createServer((request, response) => {
    middleware(request as Request, response as unknown as Response, () => {
      inRequest(appLogger);
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('request log', () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => ({ server, url } = await serverLoggingAt('info', lines, (log) => log.info('handling'))));
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('writes one JSON line per request with the correlation id, echoed to the caller, and no credentials', async () => {
    const answer = await fetch(`${url}/api/v1/things`, { headers: { 'x-correlation-id': 'corr-7', authorization: 'Bearer secret-token' } });
    expect(answer.headers.get('x-correlation-id')).toBe('corr-7');
    await settle();
    const line = lines.find((entry) => entry['correlationId'] === 'corr-7' && entry['msg'] === 'request completed');
    expect(line).toMatchObject({ msg: 'request completed', req: { id: 'corr-7', url: '/api/v1/things' }, res: { statusCode: 200 } });
    expect(JSON.stringify(line)).not.toContain('secret-token');
  });

  it('binds the lines written during a request to it', async () => {
    await fetch(`${url}/api/v1/things`, { headers: { 'x-correlation-id': 'corr-9' } });
    await settle();
    expect(lines.find((entry) => entry['msg'] === 'handling' && entry['correlationId'] === 'corr-9')).toMatchObject({
      context: 'Probe',
      req: { id: 'corr-9', url: '/api/v1/things' },
    });
  });

  it('does not log health probes', async () => {
    const before = lines.length;
    await fetch(`${url}/health/live`);
    await settle();
    expect(lines.slice(before).filter((entry) => entry['msg'] === 'request completed')).toEqual([]);
  });
});

describe('request log above its level (LOG_LEVEL=warn)', () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    ({ server, url } = await serverLoggingAt('warn', lines, (log) => log.warn({ correlationId: 'said-by-the-line' }, 'something to look at')));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('writes no request line and still echoes the correlation id; other lines say what they need themselves', async () => {
    const answer = await fetch(`${url}/api/v1/things`, { headers: { 'x-correlation-id': 'corr-8', authorization: 'Bearer secret-token' } });
    expect(answer.headers.get('x-correlation-id')).toBe('corr-8');
    await settle();
    expect(lines).toEqual([expect.objectContaining({ msg: 'something to look at', context: 'Probe', correlationId: 'said-by-the-line' })]);
    expect(lines[0]).not.toHaveProperty('req');
  });
});
