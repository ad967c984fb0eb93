import type { BodyOf, ItemOf, ResponseOf } from './api/client';

/** Shapes of 一网通查, `POST /api/v1/public/certificates/search` (src/query/query.routes.ts; issue 5 §1, §2). */
export type PublicQuery = BodyOf<'/api/v1/public/certificates/search'>;

/**
 * One answer: a certificate whose data Hutong hosts (`hosted`; the number comes masked when it embeds an ID number,
 * `ref` names it for "打印证书" without the query's identifiers), or a department's own query site to follow
 * (`linked`).
 */
export type PublicResult = ItemOf<ResponseOf<'/api/v1/public/certificates/search', 'post'>['items']>;
export type HostedResult = Extract<PublicResult, { kind: 'hosted' }>;
export type LinkedResult = Extract<PublicResult, { kind: 'linked' }>;
