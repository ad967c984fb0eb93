import { Writable } from 'node:stream';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';

/**
 * Requests for a property-based HTTP fuzz (issue 17 §8), drawn from the app's own OpenAPI document: every
 * operation, with path parameters, query strings, headers and JSON bodies that follow the schema most of the time
 * and break it the rest, and ID numbers sown everywhere so the log can be searched for them afterwards.
 */

/** ID numbers the fuzz sows: valid GB 11643 numbers, an `X` check character, a first-generation 15-digit one. */
export const sownIdNumbers = [
  '440524188001010014',
  '11010519491231002X',
  '310115198506123411',
  '110105491231002',
];

interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  maxItems?: number;
}

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path, `/api/v1/certificates/{id}`. */
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
}

export interface FuzzRequest {
  method: Operation['method'];
  /** The operation, `GET /api/v1/certificates/{id}` (not sent). */
  route: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** Every operation of the document under `/api/`, but those `skip` names (`GET /api/v1/supervision/live`). */
export function operationsOf(app: FastifyInstance, skip: string[] = []): Operation[] {
  const doc = app.swagger() as {
    paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown }>>;
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const [m, op] of Object.entries(methods)) {
      const method = m.toUpperCase() as Operation['method'];
      if (skip.includes(`${method} ${path}`)) continue;
      const content = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)
        ?.content;
      operations.push({
        method,
        path,
        parameters: op.parameters ?? [],
        ...(content?.['application/json']?.schema && { body: content['application/json'].schema }),
      });
    }
  }
  return operations;
}

const idNumber = fc.constantFrom(...sownIdNumbers);
const nastyString = fc.oneof(
  idNumber,
  idNumber.map((id) => `T${id}`),
  idNumber.map((id) => `值 ${id} 王五`),
  idNumber.map((id) => `${id}${id}`),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e308',
    '99999999999999999999999',
    'null',
    'undefined',
    '../../etc/passwd',
    "' OR 1=1 --",
    '=1+1',
    '@SUM(A1)',
    '\u0000',
    '\uFFFF\uD800',
    '%00',
    '2024-02-30',
    '0000-00-00',
    '9999-12-31T25:61:61Z',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    'x'.repeat(5000),
  ),
  fc.uuid(),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.oneof({ arbitrary: fc.uuid(), weight: 3 }, nastyString);
    case 'date':
      return fc.oneof(
        {
          arbitrary: fc
            .date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
          weight: 3,
        },
        nastyString,
      );
    case 'date-time':
      return fc.oneof(
        {
          arbitrary: fc
            .date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString()),
          weight: 3,
        },
        nastyString,
      );
    case 'uri':
      // Never a host outside this machine; port 9 (discard) refuses at once.
      return fc.oneof(
        fc.constantFrom('http://127.0.0.1:9/x', 'https://127.0.0.1:9/', 'ftp://x', 'did:web:x'),
        nastyString,
      );
  }
  return nastyString;
}

/** Values for a schema: conforming most of the time, and any JSON the rest. */
export function valueFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const garbage = fc.oneof(nastyString, fc.jsonValue({ maxDepth: 2 }), idNumber.map(Number));
  if (!schema || depth > 5) return garbage;
  const conforming = conformingFor(schema, depth);
  return fc.oneof({ arbitrary: conforming, weight: 6 }, { arbitrary: garbage, weight: 1 });
}

function conformingFor(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0)
    return fc.oneof(...alternatives.map((s) => valueFor(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, valueFor(s, depth + 1)])),
        { requiredKeys: (schema.required ?? []).filter((k) => k in properties) },
      );
      // Now and then a key the schema does not know, holding an ID number.
      return fc.oneof(
        { arbitrary: record, weight: 5 },
        fc.tuple(record, idNumber).map(([r, id]) => ({ ...r, idNumber: id, extra: id })),
      );
    }
    case 'array':
      return fc.array(valueFor(schema.items, depth + 1), { maxLength: Math.min(schema.maxItems ?? 4, 4) });
    case 'string':
      return stringFor(schema);
    case 'integer':
      return fc.oneof(
        fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 }),
        fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER, Number(sownIdNumbers[0])),
      );
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 1e308));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
  }
  return fc.jsonValue({ maxDepth: 2 });
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

function encodePathSegment(text: string): string {
  // A lone surrogate cannot be percent-encoded; it travels as U+FFFD, as a browser would send it.
  return encodeURIComponent(
    text.replace(/[\uD800-\uDFFF]/g, (c, i: number, all: string) => {
      const code = c.charCodeAt(0);
      const pair = code < 0xdc00 ? all.charCodeAt(i + 1) : all.charCodeAt(i - 1);
      const paired = code < 0xdc00 ? pair >= 0xdc00 && pair <= 0xdfff : pair >= 0xd800 && pair < 0xdc00;
      return paired ? c : '\uFFFD';
    }),
  );
}

/** One request to an operation, as `caller` (a header set: anonymous, an admin token, …). */
export function requestFor(
  op: Operation,
  callers: fc.Arbitrary<Record<string, string>>,
): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const path = fc
    .tuple(...pathParams.map((p) => valueFor(p.schema)))
    .map((values) =>
      pathParams.reduce(
        (url, p, i) => url.replace(`{${p.name}}`, encodePathSegment(asText(values[i]) || 'x')),
        op.path,
      ),
    );
  const query = fc
    .tuple(
      fc.record(Object.fromEntries(queryParams.map((p) => [p.name, valueFor(p.schema)])), {
        requiredKeys: [],
      }),
      fc.option(fc.tuple(fc.constantFrom('idNumber', 'q', 'number', 'name', 'x'), nastyString), {
        nil: undefined,
      }),
    )
    .map(([known, extra]) => {
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(known)) search.append(k, asText(v));
      if (extra) search.append(extra[0], extra[1]);
      const text = search.toString();
      return text === '' ? '' : `?${text}`;
    });
  const headers = fc
    .tuple(callers, fc.option(idNumber, { nil: undefined }), fc.option(idNumber, { nil: undefined }))
    .map(([caller, inHeader, inRequestId]) => ({
      ...caller,
      ...(inHeader && {
        'user-agent': `fuzz ${inHeader}`,
        'x-id-number': inHeader,
        referer: `/q?id=${inHeader}`,
      }),
      ...(inRequestId && { 'x-request-id': inRequestId }),
    }));
  const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
  const payload = hasBody
    ? fc.oneof(
        { arbitrary: valueFor(op.body).map((v) => JSON.stringify(v) ?? 'null'), weight: 8 },
        fc.constantFrom(
          '',
          '{',
          '{"a":',
          '[]',
          'null',
          '"440524188001010014"',
          '{"idNumber":440524188001010014}',
        ),
      )
    : fc.constant(undefined);
  return fc.tuple(path, query, headers, payload).map(([p, q, h, body]) => ({
    method: op.method,
    route: `${op.method} ${op.path}`,
    url: `${p}${q}`,
    headers: body === undefined ? h : { ...h, 'content-type': 'application/json' },
    ...(body !== undefined && { payload: body }),
  }));
}

/** A log destination that keeps every line, for searching after the run. */
export function captureLog(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { stream, lines };
}
