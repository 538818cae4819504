import { expect } from 'vitest';
import type { Refusal } from './fuzz-requests.js';
import type { FuzzAnswer } from './fuzz-sandbox.js';

/** The one error shape every refusal has: `{"status":"error","error":{"code","message"}}`, as JSON. */
export function expectErrorBody(answer: FuzzAnswer): { code: string; message: string } {
  expect(answer.headers.get('content-type'), answer.text.slice(0, 200)).toMatch(/^application\/json/);
  expect(answer.json).toMatchObject({ status: 'error', error: { code: expect.any(String), message: expect.any(String) } });
  const { error } = answer.json as { error: { code: string; message: string } };
  expect(error.message.length).toBeGreaterThan(0);
  return error;
}

/**
 * A refused request: the expected 4xx with the JSON error body naming what was wrong, and nothing
 * done on its behalf: no call to any service, no write anywhere.
 */
export function expectRefused(answer: FuzzAnswer, expected: Refusal): void {
  expect(answer.status, answer.text.slice(0, 300)).toBe(expected.status);
  const error = expectErrorBody(answer);
  expect(error.code).toBe(expected.code);
  expect(error.message).toMatch(expected.mention);
  expect(answer.externalCalls).toEqual([]);
  expect(answer.writes).toEqual([]);
}

/** fast-check settings shared by the suite: a hung request fails its run instead of the whole file. */
export const runs = (numRuns: number) => ({ numRuns, timeout: 10_000 }) as const;
