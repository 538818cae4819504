import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isAppError } from '../../src/errors.js';
import { validate } from '../../src/http/validate.js';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isAppError(err)) return err.message;
    throw err;
  }
  throw new Error('expected a validation error');
}

describe('validation messages', () => {
  const schema = z.object({ ticket_id: z.string(), force: z.boolean().optional(), nested: z.object({ id: z.string() }) });

  it('says "required" for a missing field, naming its path', () => {
    const message = messageOf(() => validate(schema, { nested: {} }, 'request'));
    expect(message).toContain('ticket_id: required');
    expect(message).toContain('nested.id: required');
    expect(message).not.toContain('Invalid input');
  });

  it('still says what is wrong with a field of the wrong type', () => {
    expect(messageOf(() => validate(schema, { ticket_id: 5, nested: { id: 'x' } }))).toMatch(/ticket_id: Invalid input: expected string, received number/);
  });

  it("keeps a schema's own message", () => {
    const custom = z.object({ conversation: z.object({ id: z.string() }, { error: 'conversation.id is missing.' }) });
    expect(messageOf(() => validate(custom, {}))).toContain('conversation: conversation.id is missing.');
  });
});
