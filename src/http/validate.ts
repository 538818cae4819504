import type { z } from 'zod';
import { AppError } from '../errors.js';

/** Validates parsed input; a failure is a 400 that lists every problem with its JSON path. */
export function validate<T extends z.ZodType>(schema: T, value: unknown, what = 'request body'): z.infer<T> {
  const result = schema.safeParse(value, { error: requiredWhenMissing });
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new AppError('invalid_request', 400, `Invalid ${what}: ${summary}`, { details: { issues } });
}

/**
 * A missing field says "required" (`ticket_id: required`) rather than zod's "Invalid input: expected
 * string, received undefined". A parse-level map: a schema's own message still wins.
 */
function requiredWhenMissing(issue: { code?: string; input?: unknown }): string | undefined {
  return issue.code === 'invalid_type' && issue.input === undefined ? 'required' : undefined;
}
