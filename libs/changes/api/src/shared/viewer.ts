import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { GatewayRequest, Role } from '@itsm/platform-kit';

/** Roles that see every change; anyone else (requesters) sees, edits and cancels only the changes they requested. */
const SEES_ALL: readonly Role[] = ['agent', 'change-manager', 'cab-member', 'service-owner', 'auditor', 'admin'];

export interface Viewer {
  id: string;
  seesAll: boolean;
}

export const viewerOf = (request: Pick<GatewayRequest, 'principal'>): Viewer => {
  const principal = request.principal;
  if (!principal) throw new Error('@CurrentViewer() needs an authenticated route behind the gateway conventions');
  return { id: principal.id, seesAll: principal.roles.some((role) => SEES_ALL.includes(role)) };
};

export const CurrentViewer = createParamDecorator((_data: unknown, context: ExecutionContext): Viewer => viewerOf(context.switchToHttp().getRequest<GatewayRequest>()));
