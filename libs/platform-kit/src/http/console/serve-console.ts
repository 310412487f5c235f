import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/**
 * Paths the console never answers: the API, its docs, the operators' `/admin` routes (projections and their
 * rebuilds), health and metrics stay with Nest's routes.
 */
const SERVER_PATHS = /^\/(api|admin|health|metrics)(\/|$)/;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The command that builds the console, said where it is missing. */
export const CONSOLE_BUILD_COMMAND = 'npx nx build console';

/**
 * Where the built console is: `ITSM_CONSOLE_DIR`, else `dist/apps/console` of the workspace this code runs in
 * (the source tree under ts-node, `dist/apps/platform` once built), else of the working directory.
 */
export const consoleDirectory = (env: Record<string, string | undefined> = process.env): string => {
  if (env['ITSM_CONSOLE_DIR']) return resolve(env['ITSM_CONSOLE_DIR']);
  for (let folder = __dirname; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'nx.json'))) return join(folder, 'dist', 'apps', 'console');
    if (dirname(folder) === folder) return resolve('dist', 'apps', 'console');
  }
};

const notBuiltPage = (dir: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ITSM console not built</title></head>
<body><main><h1>The ITSM console is not built</h1><p>No <code>${dir}/index.html</code>. Build it with
<code>${CONSOLE_BUILD_COMMAND}</code> (<code>npm start</code> builds it when missing), then reload this page.
The API is at <a href="/api/docs">/api/docs</a>.</p></main></body></html>`;

/** A file inside `root`, or undefined (a path that climbs out of it, a folder, a missing file). */
const fileIn = (root: string, urlPath: string): string | undefined => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = normalize(join(root, decoded));
  if (!file.startsWith(root + sep)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
};

/**
 * Serves the web console (apps/console, built by Vite) at `/`: its files, and `index.html` for any other GET that is
 * not a file (a client route such as `/incidents/INC0000001`). Hashed assets are cached for a year, `index.html`
 * never. `/api`, `/admin`, `/health` and `/metrics` are left to the app's routes; when the console is not built, `/` and client
 * routes answer 503 with a page saying how to build it. Call before `listen` (Express middleware, ahead of the routes).
 */
export const serveConsole = (app: INestApplication, dir: string = consoleDirectory()): void => {
  const root = resolve(dir);
  const express = app as unknown as NestExpressApplication;
  express.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || SERVER_PATHS.test(request.path)) return next();
    const file = fileIn(root, request.path);
    if (file) {
      response.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
      response.setHeader('Cache-Control', request.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      response.setHeader('X-Content-Type-Options', 'nosniff');
      return response.sendFile(file);
    }
    // A missing asset (`/assets/old.js`, `/favicon.ico`) is a 404 from the app, not the page.
    if (extname(request.path) !== '') return next();
    const index = join(root, 'index.html');
    response.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(index)) {
      response.status(503).type('html').send(notBuiltPage(root));
      return;
    }
    response.type('html').send(readFileSync(index));
  });
};
