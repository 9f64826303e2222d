import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * A refusal the client can act on: a stable `code` (what the customer site translates), an HTTP
 * status and optional extra fields. Thrown by services; turned into JSON by AppErrorFilter.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: HttpStatus,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  static invalidInput(errors: FieldError[]): AppError {
    return new AppError('invalid_input', HttpStatus.BAD_REQUEST, errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      errors,
    });
  }
}
