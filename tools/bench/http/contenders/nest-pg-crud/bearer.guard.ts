import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { createAccessTokenVerifier, type Role } from '@itsm/platform-kit';

/** Who may register a service on the platform (CatalogRegister): the same roles here. */
const EDITORS: readonly Role[] = ['service-owner', 'admin'];

/**
 * The platform's own token check (platform-kit's verifier: HS256 signature, expiry, `sub`, roles) with the same
 * key, as a plain Nest guard: reads need a valid token, writes one of the editors' roles.
 */
@Injectable()
export class BearerGuard implements CanActivate {
  private readonly verify = createAccessTokenVerifier({ secret: new TextEncoder().encode(process.env['ITSM_JWT_SECRET'] ?? '') });

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const match = /^Bearer +([A-Za-z0-9\-_.]+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException();
    const principal = await this.verify(match[1]).catch(() => {
      throw new UnauthorizedException();
    });
    if (request.method !== 'GET' && !principal.roles.some((role) => EDITORS.includes(role))) throw new ForbiddenException();
    return true;
  }
}
