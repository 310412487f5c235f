import { CONTROLS, type ControlReport } from '@itsm/audit-domain';
import type { StoredCheckpoint } from '../adapters/sql-audit-tree.adapter';
import type { AuditExportManifest } from './audit-export';

/** Findings shown per control on the page; controls.json holds them all. */
const SHOWN_PER_CONTROL = 5;

const plural = (count: number, word: string) => `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;

/** VERIFY.md: one page for the auditor who receives the export. */
export const verifyMarkdown = (manifest: AuditExportManifest, last: StoredCheckpoint | null, report: ControlReport): string => {
  const positions = manifest.firstPosition === null ? 'no events' : `global positions ${manifest.firstPosition} to ${manifest.lastPosition}`;
  const coverage = last
    ? `${plural(manifest.checkpoints, 'signed checkpoint')}; the last one covers the first ${plural(last.treeSize, 'event')} (signed ${last.signedAt}).`
    : 'no signed checkpoint: only the hash chains can be checked.';
  const tail = manifest.unsignedEvents > 0 ? ` **The last ${plural(manifest.unsignedEvents, 'event')} are after the last checkpoint: no signature covers them.**` : '';
  const controlRows = report.controls.map((control) => `| ${control.title} | ${control.findings} |`).join('\n');
  const findings = CONTROLS.map((control) => {
    const ofControl = report.findings.filter((finding) => finding.control === control.id);
    if (ofControl.length === 0) return '';
    const shown = ofControl
      .slice(0, SHOWN_PER_CONTROL)
      .map((finding) => `- ${finding.summary} (events ${finding.eventIds.join(', ')})`)
      .join('\n');
    const more = ofControl.length > SHOWN_PER_CONTROL ? `\n- … and ${ofControl.length - SHOWN_PER_CONTROL} more in controls.json` : '';
    return `\n**${control.title}**\n\n${shown}${more}\n`;
  }).join('');
  return `# Verifying this audit export

Made by \`${manifest.madeBy}\` at ${manifest.createdAt} from the log \`${manifest.origin}\`: ${plural(manifest.events, 'event')} (${positions}),
${coverage}${tail}

## Verify it, offline, with Node.js 18 or later (nothing to install)

\`\`\`sh
node verify.mjs --key '<the verifier key the operator publishes>'
node verify.mjs --self-test    # its hashing (verify-hashing.cjs) against the published test vectors (test-vectors.json)
\`\`\`

\`0\`: everything below holds. \`1\`: the first failure, named by file, line, global position, stream, revision and
event id. \`2\`: it could not run. \`--json\` prints the result as JSON. The checkpoints are signed with the key in
\`verifier-key.txt\`:

    ${manifest.verifierKey}

Compare it with the key the operator publishes through another channel, or pass that one with \`--key\`: whoever
can change this folder can change that file too.

## What is checked

- each checkpoint's Ed25519 signature by that key, and that each checkpoint extends the one before it (the RFC 6962
  consistency proof in \`checkpoints.jsonl\`);
- every line of \`events.jsonl\`: global positions only increase, each stream's revisions run from 0 without a gap,
  and each event hashes (SHA-256 over RFC 8785 JSON, \`HASHING.md\` §1) to the chain hash it carries, from the one
  before it in its stream;
- the Merkle tree over the events (\`HASHING.md\` §2): its root and last position at each checkpoint's size equal the
  signed ones, so no event up to the last checkpoint was changed, removed, added or moved;
- no checkpoint covers more events than the file holds, and the file holds as many as \`manifest.json\` says.

Not covered: events after the last checkpoint (their chains are checked, nothing signs them); a change made by
someone who holds the signing key (keep copies of the checkpoints elsewhere and compare). \`HASHING.md\` gives every
byte, for a verifier of your own.

## Control checks (\`controls.json\`)

Computed from the same events (each finding cites the event ids that prove it; \`controls.json\` gives each
control's rule and limits):

| control | findings |
|---|---|
${controlRows}
${findings}`;
};
