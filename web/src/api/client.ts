import createClient from 'openapi-fetch';
import { apiErrorOf, networkError } from './errors';
import type { paths } from './schema';

/**
 * The typed API client: every path, parameter, body and answer comes from `schema.d.ts`, which scripts/gen-api.mjs
 * generates from the OpenAPI document the server publishes, so the server's Zod schemas are the one source of
 * truth for the shapes (issue 15 item 10). Call it through `call()`, which returns the answer or throws `ApiError`.
 */
export const client = createClient<paths>({
  credentials: 'same-origin',
  // Like `withQuery`: an empty filter field is left out rather than sent as `?q=`.
  querySerializer: (query: Record<string, unknown>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== undefined && item !== null && item !== '') params.append(key, String(item));
      }
    }
    return params.toString();
  },
});

export type ApiPath = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type SuccessOf<R> = R extends { 200: infer A } ? A : R extends { 201: infer B } ? B : never;

/** The JSON answer of a route on success: `ResponseOf<'/api/v1/plans/{id}'>`, `ResponseOf<'/api/v1/users', 'post'>`. */
export type ResponseOf<P extends ApiPath, M extends Method = 'get'> =
  Operation<P, M> extends {
    responses: infer R;
  }
    ? JsonOf<SuccessOf<R>>
    : never;

/** The JSON body a route takes. */
export type BodyOf<P extends ApiPath, M extends Method = 'post'> =
  Operation<P, M> extends {
    requestBody?: infer B;
  }
    ? JsonOf<NonNullable<B>>
    : never;

/** The query parameters a route takes. */
export type QueryOf<P extends ApiPath, M extends Method = 'get'> =
  Operation<P, M> extends {
    parameters: { query?: infer Q };
  }
    ? NonNullable<Q>
    : never;

/** One element of an array type: `ItemOf<ResponseOf<'/api/v1/plans'>['items']>`. */
export type ItemOf<A> = A extends readonly (infer T)[] ? T : never;

/**
 * The answer of a typed request, or an `ApiError` for a failed one:
 * `call(client.GET('/api/v1/plans/{id}', { params: { path: { id } } }))`.
 */
export async function call<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await pending;
  } catch (cause) {
    throw networkError(cause);
  }
  if (!result.response.ok) throw apiErrorOf(result.response, result.error);
  return result.data as T;
}
