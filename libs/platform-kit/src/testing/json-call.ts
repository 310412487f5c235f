/** A parsed answer; specs assert it field by field, so a loose type keeps them short. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonAnswer = { status: number; headers: Headers; body: any };

/** fetch with JSON in and the parsed answer out (the text when the answer is not JSON). */
export const call = async (
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown; rawBody?: string } = {},
): Promise<JsonAnswer> => {
  const hasBody = init.body !== undefined || init.rawBody !== undefined;
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...init.headers },
    body: init.rawBody ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body };
};
