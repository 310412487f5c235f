/** The roles of DESIGN §7; a token's or key's other roles are ignored. */
export const ROLES = [
  'requester',
  'agent',
  // Accepts major incidents that an agent proposed (separation of duties: the proposer cannot accept).
  'incident-manager',
  'change-manager',
  'cab-member',
  'service-owner',
  'finance',
  'auditor',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
