import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { parse, type CsvError, type Options as CsvOptions } from 'csv-parse';
import type { LedgerLineV1, MoneyV1 } from '@itsm/contracts';
import type { ExclusiveSections } from '@itsm/event-store';
import { newId, RuleViolation, type Clock, type EventMetadata } from '@itsm/event-sourcing';
import {
  checkLedgerHeader,
  checkLedgerLine,
  MAX_LEDGER_LINES,
  type CompletedLedgerImport,
  type LedgerColumn,
  type LedgerLineDraft,
} from '@itsm/finance-domain';
import { EXCLUSIVE_SECTIONS } from '@itsm/platform-kit';
import { FinanceNotFound } from '../errors';
import { FINANCE_CLOCK, FINANCE_DIRECTORY, LEDGER_IMPORT_RUNS } from '../nest/finance-application.tokens';
import type { FinanceDirectory } from '../ports/finance-directory.port';
import type { LedgerImportRun, LedgerImportRuns, LedgerLineError } from '../ports/ledger-import-runs.port';
import { isUuid } from '../stream-ids';
import { LedgerImportStreams, type FinanceCommandResult } from '../streams/finance-streams';
import { LedgerFileTooLarge, LedgerImportRejected, LedgerImportRunning } from './import-ledger.errors';

/** The one section every process takes to check that a file is imported once, and import it. */
export const LEDGER_IMPORT_SECTION = 'finance:ledger-imports';
/** Bad lines listed in a rejection (all are counted). */
export const MAX_REPORTED_LINE_ERRORS = 100;
/** The largest body an import reads. */
export const MAX_LEDGER_FILE_BYTES = 64 * 1024 * 1024;
const PROGRESS_EVERY_LINES = 250;
const PROGRESS_EVERY_MS = 200;

export interface ImportLedgerInput {
  /** The client's id of the import (to follow its progress and to retry safely); default a new one. */
  importId?: string;
  fileName?: string | null;
  /** The CSV file as it arrives (an HTTP request, a file stream). */
  body: AsyncIterable<Buffer | string> | NodeJS.ReadableStream;
  /** The body's length when known (Content-Length): the progress's total. */
  bytesExpected?: number | null;
}

export interface ImportLedgerResult extends FinanceCommandResult<CompletedLedgerImport> {
  /** True when this import id already held this very file: nothing new was recorded. */
  replayed: boolean;
  run: LedgerImportRun;
}

interface ReadFile {
  lines: LedgerLineDraft[];
  errors: LedgerLineError[];
  errorCount: number;
  failure: string | null;
  processed: number;
  bytes: number;
  sha256: string;
}

/**
 * Imports a general-ledger CSV file, streamed: the body is hashed and parsed (csv-parse) as it arrives, each line
 * checked (`checkLedgerLine`) with its number, the progress written to the run (`GET /finance/ledger-imports/:id`).
 * Then the cost centers and pools the lines name are resolved. A file with any bad line imports nothing: the run is
 * rejected with every bad line (the first 100 listed). A good file is appended in one go (`ImportLedger`: a header
 * event and the lines in chunks), inside the section that also refuses a file already imported under another id.
 */
@Injectable()
export class ImportLedgerHandler {
  constructor(
    private readonly streams: LedgerImportStreams,
    @Inject(FINANCE_DIRECTORY) private readonly directory: FinanceDirectory,
    @Inject(LEDGER_IMPORT_RUNS) private readonly runs: LedgerImportRuns,
    @Inject(EXCLUSIVE_SECTIONS) private readonly sections: ExclusiveSections,
    @Inject(FINANCE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: ImportLedgerInput, metadata: EventMetadata): Promise<ImportLedgerResult> {
    const importId = (input.importId ?? newId()).toLowerCase();
    if (!isUuid(importId)) throw new FinanceNotFound('ledger import', importId);
    const fileName = input.fileName?.trim() || null;
    const started = await this.runs.start({ importId, fileName, bytesExpected: input.bytesExpected ?? null, startedBy: metadata.actor.id }, this.clock.now());
    if (!started) throw new LedgerImportRunning(importId);
    let file: ReadFile | undefined;
    try {
      file = await this.read(importId, input.body);
      const resolved = file.failure === null ? await this.resolveTargets(file) : { lines: [], errors: file.errors, errorCount: file.errorCount };
      if (file.failure !== null || resolved.errorCount > 0 || resolved.lines.length === 0) {
        const failure = file.failure ?? (resolved.lines.length === 0 && resolved.errorCount === 0 ? 'The file has no ledger lines: nothing to import' : null);
        throw new LedgerImportRejected(await this.finish(importId, file, 'rejected', { errors: resolved.errors, errorCount: resolved.errorCount, failure }));
      }
      const lines = resolved.lines;
      const sha256 = file.sha256;
      const result = await this.sections.run(LEDGER_IMPORT_SECTION, async () => {
        await this.directory.catchUp();
        const holder = await this.directory.importOfContent(sha256);
        if (holder !== null && holder !== importId) throw new RuleViolation(`This file (sha256 ${sha256}) was already imported as ledger import ${holder}`);
        return this.streams.execute(importId, { type: 'ImportLedger', data: { importId, contentSha256: sha256, fileName, lines } }, metadata);
      });
      const state = result.state as CompletedLedgerImport;
      const run = await this.finish(importId, file, 'imported', { errors: [], errorCount: 0, failure: null, totals: state.totals });
      return { ...result, state, replayed: result.events.length === 0, run };
    } catch (error) {
      if (!(error instanceof LedgerImportRejected)) {
        const failure = error instanceof Error ? error.message : String(error);
        await this.finish(importId, file, error instanceof RuleViolation ? 'rejected' : 'failed', { errors: file?.errors ?? [], errorCount: file?.errorCount ?? 0, failure }).catch(() => undefined);
      }
      throw error;
    }
  }

  /** Reads the whole body: hash, size, every line checked; stops checking (not reading) after a fatal problem. */
  private async read(importId: string, body: ImportLedgerInput['body']): Promise<ReadFile> {
    const hash = createHash('sha256');
    const file: ReadFile = { lines: [], errors: [], errorCount: 0, failure: null, processed: 0, bytes: 0, sha256: '' };
    const addError = (line: number, problems: string[]) => {
      file.errorCount += 1;
      if (file.errors.length < MAX_REPORTED_LINE_ERRORS) file.errors.push({ line, problems });
    };
    const tap = new Transform({
      transform(chunk: Buffer | string, _encoding, done) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        file.bytes += buffer.length;
        if (file.bytes > MAX_LEDGER_FILE_BYTES) return done(new LedgerFileTooLarge(MAX_LEDGER_FILE_BYTES));
        hash.update(buffer);
        done(null, buffer);
      },
    });
    const parser = parse({
      bom: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
      max_record_size: 64 * 1024,
      // A malformed record (an unclosed quote, too many or too few fields) is reported on its line; reading goes on.
      on_skip: (error: CsvError) => addError(Number(error['lines'] ?? 0), [csvProblemOf(error)]),
    } as CsvOptions);
    const piping = pipeline(body as NodeJS.ReadableStream, tap, parser).then(
      () => undefined,
      (error: unknown) => error,
    );
    let columns: LedgerColumn[] | null = null;
    let lastReport = Date.now();
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (file.failure !== null) continue;
      if (columns === null) {
        try {
          columns = checkLedgerHeader(record);
        } catch (error) {
          if (!(error instanceof RuleViolation)) throw error;
          file.failure = `The header (line ${info.lines}) is not one of a ledger file: ${error.message}`;
          addError(info.lines, [error.message]);
        }
        continue;
      }
      file.processed += 1;
      if (file.processed > MAX_LEDGER_LINES) {
        file.failure = `An import takes at most ${MAX_LEDGER_LINES} lines; split the file`;
        continue;
      }
      const fields = Object.fromEntries(columns.map((column, index) => [column, record[index]])) as Partial<Record<LedgerColumn, string>>;
      const checked = checkLedgerLine(fields, info.lines);
      if (checked.ok) file.lines.push(checked.line);
      else addError(info.lines, checked.problems);
      if (file.processed % PROGRESS_EVERY_LINES === 0 || Date.now() - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = Date.now();
        await this.runs.progress(importId, { processed: file.processed, bytesReceived: file.bytes, errorCount: file.errorCount }, this.clock.now());
      }
    }
    const failed = await piping;
    if (failed !== undefined) throw failed;
    if (columns === null && file.failure === null) file.failure = 'The file is empty: a ledger file starts with a header line naming its columns';
    file.sha256 = hash.digest('hex');
    return file;
  }

  /** The lines with their cost center or pool ids; a target that is unknown or closed is an error on its line. */
  private async resolveTargets(file: ReadFile): Promise<{ lines: LedgerLineV1[]; errors: LedgerLineError[]; errorCount: number }> {
    await this.directory.catchUp();
    const refs = (kind: 'cost-pool' | 'cost-center', uuid: boolean) =>
      [...new Set(file.lines.filter((line) => line.target.kind === kind && isUuid(line.target.ref) === uuid).map((line) => line.target.ref))];
    const [byCode, byId, pools] = await Promise.all([
      this.directory.costCentersByCode(refs('cost-center', false)),
      this.directory.costCenters(refs('cost-center', true)),
      this.directory.costPools(refs('cost-pool', true)),
    ]);
    const centers = new Map([...byCode.map((c) => [c.code, c] as const), ...byId.map((c) => [c.id, c] as const)]);
    const poolsById = new Map(pools.map((pool) => [pool.id, pool]));
    const errors = [...file.errors];
    let errorCount = file.errorCount;
    const lines: LedgerLineV1[] = [];
    for (const line of file.lines) {
      const { kind, ref } = line.target;
      const found = kind === 'cost-center' ? centers.get(ref) : poolsById.get(ref);
      const what = kind === 'cost-center' ? `cost_center "${ref}"` : `cost_pool "${ref}"`;
      if (found === undefined || found.status === 'closed') {
        errorCount += 1;
        const problem = found === undefined ? `${what} is not a ${kind.replace('-', ' ')} finance knows` : `${what} is closed`;
        if (errors.length < MAX_REPORTED_LINE_ERRORS) errors.push({ line: line.lineNumber, problems: [problem] });
        continue;
      }
      lines.push({ ...line, target: { kind, id: found.id } });
    }
    errors.sort((a, b) => a.line - b.line);
    return { lines, errors, errorCount };
  }

  private async finish(
    importId: string,
    file: ReadFile | undefined,
    status: 'imported' | 'rejected' | 'failed',
    outcome: { errors: LedgerLineError[]; errorCount: number; failure: string | null; totals?: MoneyV1[] },
  ): Promise<LedgerImportRun> {
    const run = {
      status,
      processed: file?.processed ?? 0,
      total: file === undefined ? null : file.processed,
      bytesReceived: file?.bytes ?? 0,
      contentSha256: file?.sha256 || null,
      errorCount: outcome.errorCount,
      errors: outcome.errors,
      failure: outcome.failure,
      totals: outcome.totals ?? [],
    };
    await this.runs.finish(importId, run, this.clock.now());
    return (await this.runs.get(importId)) as LedgerImportRun;
  }
}

const csvProblemOf = (error: CsvError): string => {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return 'the line has another number of fields than the header';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is not closed';
    case 'CSV_MAX_RECORD_SIZE':
      return 'the line is longer than 64 KiB';
    default:
      return error.message;
  }
};
