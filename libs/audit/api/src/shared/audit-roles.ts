import { applyDecorators } from '@nestjs/common';
import { Roles } from '@itsm/platform-kit';

/**
 * Reading events themselves (their data, who did what) is for auditors only, as the issue asks: an admin runs
 * the platform but does not read everyone's records through it.
 */
export const AuditorsOnly = () => applyDecorators(Roles('auditor'));

/** The log's integrity (verification results, checkpoints, proofs) holds no record data: auditors and admins. */
export const IntegrityReaders = () => applyDecorators(Roles('auditor', 'admin'));
