/** One message of a `text/event-stream`, as a client sees it (comments included, for heartbeats). */
export type ServerSentMessage =
  | { kind: 'event'; id: string | undefined; event: string; data: string }
  | { kind: 'comment'; text: string }
  | { kind: 'retry'; milliseconds: number };

/**
 * Reads a `text/event-stream` body (fetch's `response.body`) message by message, by the WHATWG parsing rules
 * that matter here: lines, `field: value`, a blank line ends a message, `:` starts a comment. For Node specs,
 * benchmarks and tools; the console has its own copy in the browser bundle.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentMessage> {
  const decoder = new TextDecoder();
  let buffer = '';
  let fields: { id?: string; event?: string; data: string[] } = { data: [] };
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.search(/\r\n|\n|\r/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (fields.data.length > 0 || fields.event !== undefined) {
          yield { kind: 'event', id: fields.id, event: fields.event ?? 'message', data: fields.data.join('\n') };
        }
        fields = { data: [] };
        continue;
      }
      if (line.startsWith(':')) {
        yield { kind: 'comment', text: line.slice(1).trim() };
        continue;
      }
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (name === 'data') fields.data.push(value);
      else if (name === 'id') fields.id = value;
      else if (name === 'event') fields.event = value;
      else if (name === 'retry' && /^\d+$/.test(value)) yield { kind: 'retry', milliseconds: Number(value) };
    }
  }
}
