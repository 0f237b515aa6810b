import { describe, expect, it } from 'vitest';
import { defineRoute, type RouteDefinition } from '../shared/http/route';
import { multiLineText, singleLineText, type TextKind, textKinds } from '../shared/http/text';
import * as z from '../shared/schema/zod';
import { httpRoutes } from './manifest';

/**
 * Every string any route takes (body, query, path parameters), found by walking its zod schemas, refuses
 * what no text may carry. A new route, or a raw `z.string()` in an old one, is checked without editing
 * this file.
 */

interface StringField {
  /** Where the field sits, e.g. `body.customer.name` or `query.q`. */
  readonly path: string;
  readonly schema: z.ZodMiniType;
  readonly kind: TextKind;
}

interface Walk {
  readonly strings: StringField[];
  /** Fields that take anything (`z.any()`, `z.unknown()`, custom schemas): they cannot be checked. */
  readonly unchecked: string[];
}

type Def = { readonly type: string } & Record<string, unknown>;
const defOf = (schema: z.ZodMiniType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

const walk = (schema: z.ZodMiniType, path: string, found: Walk): void => {
  const def = defOf(schema);
  const inner = (key: string, suffix = ''): void =>
    walk(def[key] as z.ZodMiniType, `${path}${suffix}`, found);
  switch (def.type) {
    case 'string':
      found.strings.push({ path, schema, kind: textKinds.get(schema)?.kind ?? 'single-line' });
      return;
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodMiniType>))
        walk(value, `${path}.${key}`, found);
      if (def.catchall) inner('catchall', '.*');
      return;
    case 'array':
      inner('element', '[]');
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      inner('innerType');
      return;
    case 'pipe':
      inner('in');
      inner('out');
      return;
    case 'union':
      for (const option of def.options as z.ZodMiniType[]) walk(option, path, found);
      return;
    case 'intersection':
      inner('left');
      inner('right');
      return;
    case 'record':
      inner('keyType', '.<key>');
      inner('valueType', '.*');
      return;
    case 'tuple':
      for (const [index, item] of (def.items as z.ZodMiniType[]).entries())
        walk(item, `${path}[${index}]`, found);
      if (def.rest) inner('rest', '[]');
      return;
    case 'lazy':
      walk((def.getter as () => z.ZodMiniType)(), path, found);
      return;
    case 'number':
    case 'boolean':
    case 'enum':
    case 'literal':
    case 'null':
    case 'undefined':
    case 'transform':
    case 'never':
      return;
    default:
      found.unchecked.push(`${path} (${def.type})`);
  }
};

const stringFieldsOf = (route: RouteDefinition): Walk => {
  const found: Walk = { strings: [], unchecked: [] };
  if (route.body) walk(route.body, 'body', found);
  if (route.query) walk(route.query, 'query', found);
  if (route.params) walk(route.params, 'params', found);
  return found;
};

/**
 * Hostile samples, each short and long (a length limit must not be what refuses them): a lone surrogate
 * of either half and NUL anywhere; for single-line fields also CR, LF and CRLF inside the text.
 */
const padded = (bad: string) => [bad, `a${bad}b`, `${'a'.repeat(30)}${bad}`, `${bad}${'a'.repeat(30)}`];
const alwaysRefused = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u0000', '\u0007', '\u001B'].flatMap(padded);
const refusedOnOneLine = ['\n', '\r', '\r\n', '\u2028'].map((bad) => `a${bad}b`).flatMap(padded);

/** What a field accepts that it should not; empty when it refuses every hostile sample. */
const acceptedHostileSamples = (field: StringField): string[] =>
  [...alwaysRefused, ...(field.kind === 'single-line' ? refusedOnOneLine : [])].filter(
    (sample) => field.schema.safeParse(sample).success,
  );

const offendersOf = (route: RouteDefinition) => {
  const { strings, unchecked } = stringFieldsOf(route);
  return [
    ...unchecked.map((path) => `${path} takes anything`),
    ...strings.flatMap((field) => {
      const accepted = acceptedHostileSamples(field);
      return accepted.length ? [`${field.path} (${field.kind}) accepts ${JSON.stringify(accepted[0])}`] : [];
    }),
  ];
};

describe('text fields of every route', () => {
  it.each(httpRoutes.map(({ route }) => [`${route.method} ${route.path}`, route] as const))(
    '%s refuses lone surrogates, NUL and control characters, and line breaks where one line is meant',
    (_name, route) => {
      expect(offendersOf(route)).toEqual([]);
    },
  );

  it('finds the strings nested in objects, arrays, unions and defaults', () => {
    const paths = httpRoutes.flatMap(({ route }) => stringFieldsOf(route).strings.map((f) => f.path));
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.customer.name',
        'body.services[]',
        'body.socialLinks.x',
        'body.followUpSequence.steps[].body',
        'body.utm.source',
        'query.q',
      ]),
    );
  });

  it('would catch a raw z.string(), a length-limited one and a field that takes anything', () => {
    const careless = defineRoute({
      method: 'POST',
      path: '/api/careless',
      name: 'careless',
      summary: 'A route written without the text building blocks',
      access: 'public',
      body: z.strictObject({
        name: z.string(),
        token: z.string().check(z.minLength(20), z.maxLength(200)),
        notes: z.optional(z.array(z.string().check(z.maxLength(100)))),
        extra: z.unknown(),
      }),
      query: z.strictObject({ q: z.string().check(z.trim()) }),
    });
    expect(offendersOf(careless)).toEqual([
      'body.extra (unknown) takes anything',
      expect.stringMatching(/^body\.name /),
      expect.stringMatching(/^body\.token /),
      expect.stringMatching(/^body\.notes\[\] /),
      expect.stringMatching(/^query\.q /),
    ]);
  });

  it('tells single-line fields from multi-line ones, which keep line feeds', () => {
    const oneLine = defineRoute({
      method: 'POST',
      path: '/api/lines',
      name: 'lines',
      summary: 'Both kinds of text',
      access: 'public',
      body: z.strictObject({ title: singleLineText(10), notes: multiLineText(10) }),
    });
    expect(stringFieldsOf(oneLine).strings.map(({ path, kind }) => [path, kind])).toEqual([
      ['body.title', 'single-line'],
      ['body.notes', 'multi-line'],
    ]);
    expect(offendersOf(oneLine)).toEqual([]);
  });
});
