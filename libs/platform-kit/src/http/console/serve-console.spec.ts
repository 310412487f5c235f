import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONSOLE_BUILD_COMMAND, consoleDirectory, serveConsole } from './serve-console';

@Controller('api/v1/ping')
class PingController {
  @Get()
  ping() {
    return { pong: true };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

const startApp = async (dir: string): Promise<{ app: INestApplication; base: string }> => {
  const app = await NestFactory.create(PingModule, { logger: false });
  serveConsole(app, dir);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, base: `http://127.0.0.1:${address.port}` };
};

describe('serveConsole', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'itsm-console-'));
    mkdirSync(join(folder, 'built', 'assets'), { recursive: true });
    writeFileSync(join(folder, 'built', 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(folder, 'built', 'assets', 'main-abc.js'), 'console.log(1)');
    writeFileSync(join(folder, 'secret.txt'), 'outside');
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  describe('with a built console', () => {
    let app: INestApplication;
    let base: string;
    beforeAll(async () => ({ app, base } = await startApp(join(folder, 'built'))));
    afterAll(() => app.close());

    it('serves index.html at / and for client routes, never cached', async () => {
      for (const path of ['/', '/incidents/INC0000001', '/catalog']) {
        const answer = await fetch(`${base}${path}`);
        expect({ path, status: answer.status, type: answer.headers.get('content-type'), cache: answer.headers.get('cache-control'), body: await answer.text() }).toEqual({
          path,
          status: 200,
          type: 'text/html; charset=utf-8',
          cache: 'no-cache',
          body: '<!doctype html><title>console</title>',
        });
      }
    });

    it('serves hashed assets with their type, cached for a year', async () => {
      const answer = await fetch(`${base}/assets/main-abc.js`);
      expect([answer.status, answer.headers.get('content-type'), answer.headers.get('cache-control'), await answer.text()]).toEqual([
        200,
        'text/javascript; charset=utf-8',
        'public, max-age=31536000, immutable',
        'console.log(1)',
      ]);
    });

    it('leaves the API to its routes: a route answers, an unknown API path is the app’s 404, not the page', async () => {
      expect(await (await fetch(`${base}/api/v1/ping`)).json()).toEqual({ pong: true });
      const unknown = await fetch(`${base}/api/v1/nothing`);
      expect([unknown.status, unknown.headers.get('content-type')]).toEqual([404, expect.stringContaining('application/json')]);
      expect((await fetch(`${base}/health`)).status).toBe(404);
      // The operators' routes (GET /admin/projections) are the app's, not client routes.
      expect((await fetch(`${base}/admin/projections`)).status).toBe(404);
    });

    it('answers 404 for a missing asset and never serves a file outside its folder', async () => {
      expect((await fetch(`${base}/assets/gone.js`)).status).toBe(404);
      const climbing = await fetch(`${base}/..%2Fsecret.txt`);
      expect(await climbing.text()).not.toContain('outside');
    });
  });

  it('without a build, answers 503 with the command that builds it', async () => {
    const { app, base } = await startApp(join(folder, 'missing'));
    try {
      const answer = await fetch(`${base}/incidents`);
      expect(answer.status).toBe(503);
      expect(await answer.text()).toContain(CONSOLE_BUILD_COMMAND);
    } finally {
      await app.close();
    }
  });

  it('finds the console in ITSM_CONSOLE_DIR, else in the workspace’s dist/apps/console', () => {
    expect(consoleDirectory({ ITSM_CONSOLE_DIR: '/srv/console' })).toBe('/srv/console');
    expect(consoleDirectory({})).toMatch(/dist\/apps\/console$/);
  });
});
