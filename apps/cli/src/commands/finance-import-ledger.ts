import { randomUUID } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';

/** What the server says about an import (GET /api/v1/finance/ledger-imports/:id, or the import's answer). */
export interface LedgerImportAnswer {
  id: string;
  status: 'running' | 'imported' | 'rejected' | 'failed';
  processed: number;
  total: number | null;
  bytesReceived: number;
  bytesExpected: number | null;
  errorCount: number;
  errors: { line: number; problems: string[] }[];
  failure: string | null;
  totals: { amount: string; currency: string }[];
}

export interface ImportLedgerFileOptions {
  file: string;
  /** Base URL of the platform or the gateway (http://localhost:3000). */
  url: string;
  token: string;
  importId?: string;
  /** Called with the server's progress while the file uploads (and once at the end). */
  onProgress?: (progress: { bytesReceived: number; bytesTotal: number; processed: number }) => void;
  pollMs?: number;
}

export interface ImportLedgerFileResult {
  /** The HTTP status of the import: 201 imported, 200 already imported (a replay), 400 rejected, … */
  status: number;
  importId: string;
  /** The import (imported or replayed) or the problem details (`lines`: every bad line, by number). */
  body: Record<string, unknown>;
}

/**
 * Uploads a general-ledger CSV file to `POST /api/v1/finance/ledger-imports` as a stream (the server reads it as it
 * arrives) under an import id chosen here, and follows `GET /api/v1/finance/ledger-imports/:id` meanwhile to report
 * the server's progress: bytes it received of the file's size, lines it checked.
 */
export const importLedgerFile = async (options: ImportLedgerFileOptions): Promise<ImportLedgerFileResult> => {
  const importId = options.importId ?? randomUUID();
  const bytesTotal = statSync(options.file).size;
  const base = options.url.replace(/\/+$/, '');
  const authorization = `Bearer ${options.token}`;
  const query = new URLSearchParams({ importId, fileName: basename(options.file) });
  let done = false;
  const follow = (async () => {
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
      if (done) return;
      const answer = await fetch(`${base}/api/v1/finance/ledger-imports/${importId}`, { headers: { authorization } }).catch(() => undefined);
      if (answer?.ok) {
        const status = (await answer.json()) as LedgerImportAnswer;
        options.onProgress?.({ bytesReceived: status.bytesReceived, bytesTotal, processed: status.processed });
      }
    }
  })();
  try {
    const response = await fetch(`${base}/api/v1/finance/ledger-imports?${query}`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'text/csv', 'content-length': String(bytesTotal) },
      body: Readable.toWeb(createReadStream(options.file)) as unknown as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const text = await response.text();
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    if (response.status < 300) options.onProgress?.({ bytesReceived: bytesTotal, bytesTotal, processed: Number(body['processed'] ?? 0) });
    return { status: response.status, importId, body };
  } finally {
    done = true;
    await follow;
  }
};

/** The lines a person reads after an import: what was imported, or every bad line. */
export const describeImport = (result: ImportLedgerFileResult): string[] => {
  const { status, body, importId } = result;
  if (status === 201 || status === 200) {
    const totals = ((body['totals'] as { amount: string; currency: string }[]) ?? []).map((total) => `${total.currency} ${total.amount}`).join(', ');
    return [`${status === 200 ? 'already imported' : 'imported'} ${String(body['processed'])} lines as ledger import ${importId}${totals ? ` (totals: ${totals})` : ''}`];
  }
  const lines = (body['lines'] as { line: number; problems: string[] }[] | undefined) ?? [];
  const header = `not imported (HTTP ${status}): ${String(body['detail'] ?? body['title'] ?? 'refused')}`;
  const more = Number(body['errorCount'] ?? lines.length) - lines.length;
  return [header, ...lines.flatMap(({ line, problems }) => problems.map((problem) => `  line ${line}: ${problem}`)), ...(more > 0 ? [`  … and ${more} more bad lines`] : [])];
};
