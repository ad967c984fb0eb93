import type { CertificateReview, EffectiveStatus, IdType } from './registry-types';

/** Shapes of 一网通查, `POST /api/v1/public/certificates/search` (src/query/query.routes.ts; issue 5 §1, §2). */
export type PublicQuery =
  | { name: string; idNumber: string; idType?: IdType }
  | { name: string; number: string };

/** A certificate whose data Hutong hosts; the number comes masked when it embeds an ID number. */
export interface HostedResult {
  kind: 'hosted';
  type: string;
  typeNameZh: string;
  typeNameEn: string;
  number: string;
  holderName: string;
  issuer: { region: string; organization: string };
  validFrom: string;
  validUntil: string | null;
  status: EffectiveStatus;
  /** 复审: `overdue` shows 待复审 beside the status. */
  review: CertificateReview;
  source: {
    kind: 'hosted';
    id: string;
    nameZh: string;
    nameEn: string;
    department: string;
    updatedAt: string;
  };
  /** Opaque: names this result for "打印证书" without the query's identifiers (when the server gives one). */
  ref?: string;
}

/** Types that a department's own query site serves: a link to follow, not data. */
export interface LinkedResult {
  kind: 'linked';
  source: {
    kind: 'linked';
    id: string;
    nameZh: string;
    nameEn: string;
    department: string;
    url: string;
    updatedAt: string | null;
  };
  deepLink: string;
  types: Array<{ id: string; nameZh: string; nameEn: string }>;
}

export type PublicResult = HostedResult | LinkedResult;
