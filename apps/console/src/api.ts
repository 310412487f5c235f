/** The console's one way to the platform: `/api/v1`, a bearer token, problem+json errors, ETags for writes. */

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
  /** Someone else wrote the resource since the ETag we sent. */
  get isStale(): boolean {
    return this.status === 412;
  }
}

export interface Answer<T> {
  data: T;
  etag: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

let token: string | null = null;
let onUnauthorized: () => void = () => undefined;

export const setToken = (value: string | null) => {
  token = value;
};
export const whenUnauthorized = (callback: () => void) => {
  onUnauthorized = callback;
};

export type Query = Record<string, string | number | boolean | string[] | undefined | null>;

/** `?a=1&state=new&state=assigned`: arrays repeat their key, empty values are left out. */
export const queryString = (query: Query = {}): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, String(one));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
};

export async function request<T>(path: string, init: { method?: string; body?: unknown; ifMatch?: string | null; query?: Query } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers['Authorization'] = `Bearer ${token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init.ifMatch) headers['If-Match'] = init.ifMatch;
  const response = await fetch(`/api/v1${path}${queryString(init.query)}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) {
    if (response.status === 401) onUnauthorized();
    const problem = (body && typeof body === 'object' ? body : { status: response.status, title: response.statusText }) as Problem;
    throw new ApiError(response.status, { ...problem, status: response.status });
  }
  return { data: body as T, etag: response.headers.get('ETag') };
}

export const get = async <T>(path: string, query?: Query): Promise<T> => (await request<T>(path, { query })).data;

/** A problem in one line for an alert: its detail and each field's message. */
export const describeError = (error: unknown): string => {
  if (error instanceof ApiError) {
    const fields = error.problem.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
    return [error.problem.detail ?? error.problem.title, fields].filter(Boolean).join(' — ');
  }
  return error instanceof Error ? error.message : String(error);
};
