import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the stand-in received it. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the stand-in does with a request; by default it answers 200 `{}`. */
export type StandInHandler = (request: ReceivedRequest, response: ServerResponse) => void;

export interface StandInUpstream {
  url: string;
  /** Every request received so far, oldest first. */
  received: ReceivedRequest[];
  /** Sets how the next requests are answered. */
  answerWith(handler: StandInHandler): void;
  close(): Promise<void>;
}

const answerOk: StandInHandler = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
};

/** A service stand-in on 127.0.0.1: records what the gateway sends it and answers as the spec says. */
export const startStandInUpstream = async (): Promise<StandInUpstream> => {
  const received: ReceivedRequest[] = [];
  let handler = answerOk;
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = { method: incoming.method ?? '', url: incoming.url ?? '', headers: incoming.headers, body: Buffer.concat(chunks).toString() };
      received.push(request);
      handler(request, response);
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answerWith: (next) => (handler = next),
    close: () =>
      new Promise<void>((closed) => {
        // A hanging request would keep close() waiting.
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
};
