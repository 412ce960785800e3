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

/** 429 with Retry-After: `Too many ${what}. Try again in ${seconds} seconds.` */
export function tooManyFailures(what: string, seconds: number): ServiceError {
  return new ServiceError(
    'rate-limited',
    `Too many ${what}. Try again in ${seconds} seconds.`,
    undefined,
    seconds,
  );
}

export function invalidField(field: string, message: string): ServiceError {
  return new ServiceError('invalid', message, { [field]: message });
}
