import { describe, expect, it } from 'vitest';
import { nameTokenVariants } from '../../../src/domain/people/name-tokens.js';

describe('nameTokenVariants', () => {
  it.each([
    ['José García', [['jose', 'garcia']]],
    ['Garcia, José', [['jose', 'garcia']]],
    ['Dr. Anna Müller 🚀', [['anna', 'muller'], ['anna', 'mueller']]],
    ['Sofia Rossi (she/her)', [['sofia', 'rossi']]],
    ['Sofia Rossi | Support', [['sofia', 'rossi']]],
    ['John F. Smith, Jr.', [['john', 'smith']]],
    ["Liam O'Brien", [['liam', 'obrien']]],
    ['Mary Smith-Jones', [['mary', 'smith', 'jones']]],
    ['Łukasz Søren Straße', [['lukasz', 'soren', 'strasse']]],
    ['Nguyễn Văn An', [['nguyen', 'van', 'an']]],
    ['J. S.', [['j', 's']]],
    ['山田 太郎', [['山田', '太郎']]],
  ])('%s -> %j', (name, expected) => {
    expect(nameTokenVariants(name)).toEqual(expected);
  });

  it.each(['', '   ', '🙂', '(away)', 'Dr.'])('%j has no tokens', (name) => {
    expect(nameTokenVariants(name)).toEqual([]);
  });
});
