import type { ScimType } from '../../../shared/scim/errors';
import { ServiceError, type ServiceErrorKind } from '../errors';

const KIND: Record<number, ServiceErrorKind> = {
  400: 'invalid',
  401: 'unauthenticated',
  404: 'not-found',
  409: 'conflict',
  429: 'rate-limited',
};

/** A refusal with the SCIM status and `scimType` (RFC 7644 §3.12) that the SCIM layer answers. */
export class ScimError extends ServiceError {
  constructor(
    readonly status: 400 | 401 | 404 | 409 | 413 | 415 | 429,
    message: string,
    readonly scimType?: ScimType,
  ) {
    super(KIND[status] ?? 'invalid', message);
    this.name = 'ScimError';
  }
}

export const invalidValue = (message: string) => new ScimError(400, message, 'invalidValue');
export const invalidPath = (message: string) => new ScimError(400, message, 'invalidPath');
export const invalidFilter = (message: string) => new ScimError(400, message, 'invalidFilter');
export const invalidSyntax = (message: string) => new ScimError(400, message, 'invalidSyntax');
export const mutability = (message: string) => new ScimError(400, message, 'mutability');
export const noTarget = (message: string) => new ScimError(400, message, 'noTarget');
export const uniqueness = (message: string) => new ScimError(409, message, 'uniqueness');
export const notFound = (what: string, id: string) =>
  new ScimError(404, `No ${what} with id "${id.slice(0, 100)}".`);
