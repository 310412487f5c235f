import { Command } from 'commander';
import type { ControlReport } from '@itsm/audit-domain';
import { loadAudit } from '../cli/audit-access';
import { withEventLog, type EventLogAccess } from '../cli/event-log-access';
import { progressBar } from '../cli/progress-bar';

export interface ControlsCommandOptions extends EventLogAccess {
  json?: boolean;
  progressBar?: boolean;
}

/** The control checks over the whole log as stored (what `GET /api/v1/audit/controls` answers), streamed with progress. */
export const runControls = (options: ControlsCommandOptions): Promise<ControlReport> =>
  withEventLog('itsm controls', 'reader', options, async (log) => {
    const { controlReportOverLog } = await loadAudit();
    const bar = progressBar('controls', 'events', 0, options.progressBar ?? !options.json);
    try {
      return await controlReportOverLog(log.store, { onProgress: ({ position, head }) => bar.update(position, head) });
    } finally {
      bar.stop();
    }
  });

const describeReport = (report: ControlReport): string => {
  const lines = [`control checks over ${report.eventsRead} events (up to position ${report.lastPosition ?? '-'}):`];
  for (const control of report.controls) {
    lines.push(`  ${String(control.findings).padStart(6)}  ${control.title}`);
    for (const finding of report.findings.filter((item) => item.control === control.id)) {
      lines.push(`          - ${finding.summary}`, `            events ${finding.eventIds.join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
};

export const controlsCommand = (): Command =>
  new Command('controls')
    .description('run the control checks over the log (SLA breaches without escalation, work logged without the agent role, change approvals and reviews); each finding cites its events')
    .option('--data-dir <dir>', 'embedded data directory (default: ITSM_DATA_DIR or ./data); may be in use by a running platform')
    .option('--json', 'print the report as JSON')
    .action(async (options: ControlsCommandOptions) => {
      const report = await runControls(options);
      process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : describeReport(report));
    });
