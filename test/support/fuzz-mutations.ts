import fc from 'fast-check';
import { extraMember, type Fragment } from './fuzz-json.js';
import { body, type Body } from './fuzz-requests.js';

/**
 * Valid requests with exactly one field made invalid, so the fuzzing reaches the validation of
 * each field rather than stopping at the JSON parser. Noise that cannot make a request valid is
 * layered on top: unknown and `__proto__` members, duplicate keys that a later member overrides,
 * and whitespace.
 */

/** A JSON object as ordered members; a member's value is raw JSON text or a nested object. */
export type Tree = ReadonlyArray<readonly [string, Fragment | Tree]>;

/** A plain value as a Tree (objects) or JSON text (everything else). */
export function toTree(value: Record<string, unknown>): Tree {
  return Object.entries(value).map(([k, v]) => [k, isPlainObject(v) ? toTree(v) : JSON.stringify(v)] as const);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function render(tree: Tree, spacing = ''): string {
  const members = tree.map(([k, v]) => `${JSON.stringify(k)}:${spacing}${typeof v === 'string' ? v : render(v, spacing)}`);
  return `{${spacing}${members.join(`,${spacing}`)}${spacing}}`;
}

function update(tree: Tree, path: readonly string[], change: (members: Tree) => Tree): Tree {
  if (path.length === 0) return change(tree);
  const [head, ...rest] = path;
  return tree.map(([k, v]) => (k === head && typeof v !== 'string' ? ([k, update(v, rest, change)] as const) : ([k, v] as const)));
}

export interface FieldRule {
  /** Where the field is, e.g. ['conversation', 'id']. */
  path: readonly string[];
  /** Values the schema must refuse there. */
  invalid: fc.Arbitrary<Fragment>;
  /** Deleting it must be refused too. */
  required?: boolean;
  /** What the error message must name (default: the dotted path). */
  mention?: RegExp;
}

export interface InvalidCase {
  body: Body;
  /** What the error message must name. */
  mention: RegExp;
  /** Counterexamples print the mutation, not a truncated body. */
  [fc.toStringMethod](): string;
}

/** Changes that cannot make a request valid or invalid: unknown members first, overridden duplicates. */
function noise(noiseAt: ReadonlyArray<readonly string[]>): fc.Arbitrary<(tree: Tree) => Tree> {
  return fc
    .record({
      extras: fc.array(fc.tuple(fc.constantFrom(...noiseAt), extraMember), { maxLength: 3 }),
      shadow: fc.option(fc.constantFrom(...noiseAt), { nil: undefined }),
    })
    .map(({ extras, shadow }) => (tree: Tree) => {
      // Unknown members go first in each object, so the members that decide validity come after them.
      let out = tree;
      for (const [at, member] of extras) out = update(out, at, (members) => [member, ...members]);
      // A duplicate of the first member, earlier, with another value: JSON.parse keeps the later one.
      if (shadow) out = update(out, shadow, (members) => (members.length ? [[members[0]![0], '"shadowed"'] as const, ...members] : members));
      return out;
    });
}

const spacing = fc.constantFrom('', ' ', '\n\t');

/**
 * `base` with one field of `rules` replaced by an invalid value (in place, or as a later duplicate
 * key, which JSON.parse lets win) or deleted, plus noise in the objects at `noiseAt`.
 */
export function invalidVariant(base: Tree, rules: readonly FieldRule[], noiseAt: ReadonlyArray<readonly string[]>): fc.Arbitrary<InvalidCase> {
  return fc
    .record({ rule: fc.constantFrom(...rules), how: fc.constantFrom('replace', 'duplicate', 'delete'), addNoise: noise(noiseAt), spacing })
    .chain(({ rule, how: chosen, addNoise, spacing }) =>
      rule.invalid.map((fragment) => {
        const how = chosen === 'delete' && !rule.required ? 'duplicate' : chosen;
        const parent = rule.path.slice(0, -1);
        const key = rule.path[rule.path.length - 1]!;
        const tree = update(base, parent, (members) => {
          if (how === 'delete') return members.filter(([k]) => k !== key);
          if (how === 'replace' && members.some(([k]) => k === key)) {
            return members.map(([k, v]) => (k === key ? ([k, fragment] as const) : ([k, v] as const)));
          }
          // A later duplicate, or a field the base does not have.
          return [...members, [key, fragment] as const];
        });
        const what = `${how} ${rule.path.join('.')} with ${fragment.length > 60 ? `${fragment.slice(0, 60)}… (${fragment.length} chars)` : fragment}`;
        return {
          body: body(render(addNoise(tree), spacing)),
          mention: rule.mention ?? new RegExp(`\\b${rule.path.join('\\.')}\\b`),
          [fc.toStringMethod]: () => what,
        };
      }),
    );
}

/**
 * `base` with the same noise and no invalid field: the control that shows the noise alone never
 * makes a request fail, so the refusals are caused by the one field.
 */
export function noisyVariant(base: Tree, noiseAt: ReadonlyArray<readonly string[]>): fc.Arbitrary<Body> {
  return fc.record({ addNoise: noise(noiseAt), spacing }).map(({ addNoise, spacing }) => body(render(addNoise(base), spacing)));
}
