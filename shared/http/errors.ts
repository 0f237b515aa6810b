export interface FieldError {
  /** Dotted path of the offending field, e.g. `socialLinks.x`; empty for the body itself. */
  readonly path: string;
  readonly message: string;
}

export abstract class ProblemError extends Error {
  abstract readonly status: number;
  /** Stable identifier for clients; documented on the API reference page. */
  abstract readonly problemType: string;
  abstract readonly title: string;
  readonly extensions: Record<string, unknown> = {};
}

const defineProblem = (status: number, problemType: string, title: string) =>
  class extends ProblemError {
    readonly status = status;
    readonly problemType = problemType;
    readonly title = title;
    constructor(detail: string = title, extensions: Record<string, unknown> = {}) {
      super(detail);
      this.name = `${problemType}-error`;
      Object.assign(this.extensions, extensions);
    }
  };

export class BadRequestError extends defineProblem(400, 'bad-request', 'Bad request') {}
export class UnauthorizedError extends defineProblem(401, 'unauthorized', 'Sign-in required') {}
export class ForbiddenError extends defineProblem(403, 'forbidden', 'Not allowed') {}
export class NotFoundError extends defineProblem(404, 'not-found', 'Not found') {}
export class MethodNotAllowedError extends defineProblem(405, 'method-not-allowed', 'Method not allowed') {}
export class ConflictError extends defineProblem(409, 'conflict', 'Conflict') {}
export class GoneError extends defineProblem(410, 'gone', 'No longer valid') {}
export class PayloadTooLargeError extends defineProblem(413, 'payload-too-large', 'Request body too large') {}
export class UnsupportedMediaTypeError extends defineProblem(415, 'unsupported-media-type', 'Send JSON') {}
export class TooManyRequestsError extends defineProblem(429, 'too-many-requests', 'Too many requests') {}

// Booking: each tells the client what happened and what to do next.
export class SlotTakenError extends defineProblem(409, 'slot-taken', 'Slot just taken') {
  constructor() {
    super('Someone else booked this slot a moment ago. Please pick another one.');
  }
}
export class SlotUnavailableError extends defineProblem(409, 'slot-unavailable', 'Slot not available') {}
export class DayFullError extends defineProblem(409, 'day-full', 'Day fully booked') {
  constructor() {
    super('This day has no more room for bookings. Please pick another day.');
  }
}
export class ChangeNoticePassedError extends defineProblem(
  409,
  'change-notice-passed',
  'Too late to change',
) {}
export class BookingPausedError extends defineProblem(503, 'booking-paused', 'Booking is paused') {}
export class CalendarUnavailableError extends defineProblem(
  503,
  'calendar-unavailable',
  'Calendar not answering',
) {}

export class EmailUnavailableError extends defineProblem(503, 'email-unavailable', 'Email not sent') {}

export class GoogleWorkspaceUnavailableError extends defineProblem(
  503,
  'google-workspace-unavailable',
  'Google Workspace not available',
) {}

export class ValidationError extends ProblemError {
  readonly status = 400;
  readonly problemType = 'validation';
  readonly title = 'Some fields are not valid';
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; '));
    this.name = 'ValidationError';
    this.extensions.errors = errors;
  }
}

/** Version check lost: carries the current version so the client can reload and retry. */
export class VersionConflictError extends ProblemError {
  readonly status = 409;
  readonly problemType = 'version-conflict';
  readonly title = 'Changed by someone else';
  constructor(currentVersion: number | undefined) {
    super('This item was changed since you loaded it. Reload and try again.');
    this.name = 'VersionConflictError';
    this.extensions.currentVersion = currentVersion;
  }
}

export const problemTypes = [
  'bad-request',
  'validation',
  'unauthorized',
  'forbidden',
  'not-found',
  'method-not-allowed',
  'conflict',
  'version-conflict',
  'gone',
  'payload-too-large',
  'unsupported-media-type',
  'too-many-requests',
  'slot-taken',
  'slot-unavailable',
  'day-full',
  'change-notice-passed',
  'booking-paused',
  'calendar-unavailable',
  'google-workspace-unavailable',
  'email-unavailable',
  'internal',
] as const;
