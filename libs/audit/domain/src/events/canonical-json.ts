/** The kernel's RFC 8785 canonical JSON, the very text the hash chain hashes (audit's leaves and vectors use it). */
export { canonicalJson } from '@itsm/event-sourcing';
