import { type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { AppError } from './app-error';

/** Validates a body (or query) with a zod schema; a 400 names every bad field. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const parsed = this.schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    throw AppError.invalidInput(
      parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'body', message: issue.message })),
    );
  }
}
