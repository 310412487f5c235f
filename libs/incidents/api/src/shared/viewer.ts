import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { GatewayRequest, Role } from '@itsm/platform-kit';

/** Roles that see every incident; anyone else (requesters) sees only the incidents they are the caller of. */
const SEES_ALL: readonly Role[] = ['agent', 'incident-manager', 'auditor', 'admin'];

/** Who is reading, and whether they may see incidents other than their own. */
export interface Viewer {
  id: string;
  seesAll: boolean;
}

export const viewerOf = (
  request: Pick<GatewayRequest, 'principal'>,
): Viewer => {
  const principal = request.principal;
  if (!principal)
    throw new Error(
      '@CurrentViewer() needs an authenticated route behind the gateway conventions',
    );
  return {
    id: principal.id,
    seesAll: principal.roles.some((role) => SEES_ALL.includes(role)),
  };
};

export const CurrentViewer = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Viewer =>
    viewerOf(context.switchToHttp().getRequest<GatewayRequest>()),
);
