import { describe, expect, it } from 'vitest';
import { firstNamesAgree } from '../../../src/domain/people/first-names.js';

describe('firstNamesAgree', () => {
  it.each([
    ['john', 'john', 'same'],
    ['jon', 'jonathan', 'variant'],
    ['christopher', 'chris', 'variant'],
    ['bob', 'robert', 'variant'],
    ['bob', 'rob', 'variant'],
    ['bill', 'william', 'variant'],
    ['kate', 'katherine', 'variant'],
    ['kate', 'catherine', 'variant'],
    ['liz', 'elizabeth', 'variant'],
    ['mike', 'michael', 'variant'],
    ['pepe', 'jose', 'variant'],
    ['иван', 'иван', 'same'],
  ] as const)('%s and %s agree (%s)', (a, b, expected) => {
    expect(firstNamesAgree(a, b)).toBe(expected);
    expect(firstNamesAgree(b, a)).toBe(expected);
  });

  it.each([
    ['john', 'joan'],
    ['john', 'jane'],
    ['katherine', 'catherine'],
    ['jo', 'jonathan'],
    ['christopher', 'christina'],
    ['robert', 'william'],
    ['иван', 'иванна'],
  ])('%s and %s do not agree', (a, b) => {
    expect(firstNamesAgree(a, b)).toBeNull();
  });
});
