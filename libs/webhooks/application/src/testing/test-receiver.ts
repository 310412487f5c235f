import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered. */
  status: number;
}

/** How the receiver answers the n-th request (1-based) on a path; default 204. */
export type Answer = (request: { path: string; count: number }) => { status: number; headers?: Record<string, string>; delayMs?: number };

/**
 * A webhook receiver on 127.0.0.1 for specs and the bench: records every request, answers as told (fail the first
 * three, be down, redirect). Not a mock of the platform: a real HTTP server the platform posts to.
 */
export class TestReceiver {
  readonly received: ReceivedDelivery[] = [];
  private readonly counts = new Map<string, number>();
  private answer: Answer = () => ({ status: 204 });

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<TestReceiver> {
    // The server exists before the receiver that answers its requests.
    const started: { receiver?: TestReceiver } = {};
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => started.receiver?.handle(request.url ?? '/', request.headers, Buffer.concat(chunks).toString('utf8'), response));
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    started.receiver = new TestReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return started.receiver;
  }

  answerWith(answer: Answer): void {
    this.answer = answer;
  }

  /** Requests that reached `path`, in arrival order. */
  on(path: string): ReceivedDelivery[] {
    return this.received.filter((delivery) => delivery.path === path);
  }

  private handle(path: string, headers: IncomingHttpHeaders, body: string, response: import('node:http').ServerResponse): void {
    const count = (this.counts.get(path) ?? 0) + 1;
    this.counts.set(path, count);
    const { status, headers: extra, delayMs } = this.answer({ path, count });
    this.received.push({ path, headers, body, status });
    const reply = () => {
      if (!response.writableEnded) response.writeHead(status, extra).end();
    };
    if (delayMs === undefined) reply();
    else setTimeout(reply, delayMs).unref();
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
