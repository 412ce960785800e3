/** What a service refuses, in words for a person; the HTTP layer picks the status from `kind`. */
export type ServiceErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'not-found'
  | 'conflict'
  /** What was asked for existed once and is no longer kept (an events cursor past retention). */
  | 'gone'
  | 'rate-limited';

export class ServiceError extends Error {
  constructor(
    readonly kind: ServiceErrorKind,
    message: string,
    readonly fields?: Record<string, string>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export function invalidField(field: string, message: string): ServiceError {
  return new ServiceError('invalid', message, { [field]: message });
}
