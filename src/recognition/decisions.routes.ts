import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../accounts/accounts.model.ts';
import { type CredentialDeps, jsonSerializationOf } from '../credentials/issue.service.ts';
import { qrContent } from '../credentials/qr.ts';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import { maskNumber } from '../registry/registry.protect.ts';
import { getHolder } from '../registry/registry.store.ts';
import { AppError } from '../shared/errors.ts';
import { canSeeHolderOf, decisionCredential, latestDecisionCredential } from './decision-credential.ts';
import {
  decideIntake,
  intakeRequestSchema,
  intakeSchema,
  listIntakes,
  recordIntake,
} from './decision-intake.ts';
import {
  type DecisionRow,
  findBasisCertificates,
  getDecisionRow,
  targetDepartments,
} from './recognition.decisions.ts';
import type { EvaluationResponse } from './recognition.model.ts';

/**
 * 互认决定书 (issue 13 item 7): a decision as the holder and the departments it names see it, its signed credential,
 * and the intake outcome each target department records.
 */
const tags = ['recognition'];

const issuedSchema = z.object({
  id: z.uuid(),
  decisionId: z.uuid(),
  format: z.literal('vc+jwt'),
  credential: z.string(),
  digest: z.string(),
  issuedAt: z.string(),
  validUntil: z.string(),
});

const decisionViewSchema = z.object({
  id: z.uuid(),
  asOf: z.string(),
  region: z.string().nullable(),
  createdAt: z.string(),
  policy: z.object({ national: z.string(), province: z.string().nullable() }),
  factsHash: z.string(),
  holder: z.object({ name: z.string(), idNumberMasked: z.string() }).nullable(),
  /** The engine's answer with every certificate number masked. */
  result: z.record(z.string(), z.unknown()),
  targets: z.array(z.object({ department: z.string(), rules: z.array(z.string()) })),
  intakes: z.array(intakeSchema),
  credential: issuedSchema.omit({ credential: true }).nullable(),
  /** Whether the caller may record an intake outcome (a target department in scope, or a system admin). */
  canRecordIntake: z.boolean(),
});

/** Every number the answer cites, masked: the one of the certificate found for it, else by the ID pattern. */
function maskedResult(result: EvaluationResponse, masked: (n: string) => string) {
  return {
    ...result,
    levels: result.levels.map((l) => ({ ...l, basis: l.basis.map(masked) })),
    exemptions: result.exemptions.map((e) => {
      const also = (e as { alsoBasis?: readonly string[] }).alsoBasis;
      return { ...e, basis: masked(e.basis), ...(also && { alsoBasis: also.map(masked) }) };
    }),
    ignored: result.ignored.map((i) => ({ ...i, number: masked(i.number) })),
    ...(result.trace && { trace: result.trace.map((t) => ({ ...t, number: masked(t.number) })) }),
  };
}

async function viewOf(deps: CredentialDeps, principal: Principal, row: DecisionRow) {
  const result = row.result as EvaluationResponse;
  const targets = targetDepartments(deps.catalog, result);
  const canRecordIntake = decideIntake(principal, targets, row.region, undefined).ok;
  const isTarget = principal.role === 'department-admin' && canRecordIntake;
  if (!isTarget && !(await canSeeHolderOf(deps, principal, row)))
    throw new AppError('not_found', 'no such decision');
  const basis = await findBasisCertificates(deps.db, row);
  const holder = row.holder_id ? await getHolder(deps.db, row.holder_id) : undefined;
  const credential = await latestDecisionCredential(deps, row.id);
  return {
    id: row.id,
    asOf: row.as_of,
    region: row.region,
    createdAt: new Date(row.created_at).toISOString(),
    policy: { national: row.national_version, province: row.province_version },
    factsHash: row.facts_hash,
    holder: holder ? { name: holder.name, idNumberMasked: holder.id_masked } : null,
    result: maskedResult(result, (n) => basis.get(n)?.row.number_masked ?? maskNumber(n)),
    targets: [...targets].map(([department, rules]) => ({ department, rules })),
    intakes: await listIntakes(deps.db, row.id),
    credential: credential
      ? {
          id: credential.id,
          decisionId: credential.decisionId,
          format: credential.format,
          digest: credential.digest,
          issuedAt: credential.issuedAt,
          validUntil: credential.validUntil,
        }
      : null,
    canRecordIntake,
  };
}

export async function decisionRoutes(base: FastifyInstance, opts: CredentialDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ id: z.uuid() });

  app.get(
    '/recognition/decisions/:id',
    {
      schema: {
        tags,
        summary: '互认决定 A stored decision with the intake outcomes of the departments it names',
        params,
        response: { 200: decisionViewSchema },
      },
      config: {
        access: { roles: ['system-admin', 'department-admin', 'province-admin', 'supervisor', 'holder'] },
      },
    },
    async (request) => {
      const row = await getDecisionRow(opts.db, request.params.id);
      if (!row) throw new AppError('not_found', 'no such decision');
      return viewOf(opts, principalOf(request), row);
    },
  );

  app.get(
    '/recognition/decisions/:id/credential',
    {
      schema: {
        tags,
        summary:
          '互认决定书 The decision as a W3C VC 2.0 (vc+jwt, type RecognitionDecision), valid 90 days, with a QR (?serialization=json: every signature, SM2 too under gm)',
        params,
        querystring: z.object({ serialization: z.enum(['compact', 'json']).optional() }),
        response: {
          200: z.union([
            issuedSchema.extend({
              qr: z.object({ mode: z.enum(['credential', 'link']), text: z.string(), version: z.number() }),
            }),
            // Issue 18: the JWS JSON serialization (RFC 7515 §7.2.1), as for a certificate's credential.
            issuedSchema.extend({
              format: z.literal('vc+jws-json'),
              credential: z.object({
                payload: z.string(),
                signatures: z.array(z.object({ protected: z.string(), signature: z.string() })),
              }),
            }),
          ]),
        },
      },
      config: { access: { roles: ['system-admin', 'department-admin', 'province-admin', 'holder'] } },
    },
    async (request) => {
      const issued = await decisionCredential(
        opts,
        principalOf(request),
        auditContextOf(request, opts.clock),
        request.params.id,
      );
      const { sm2: _sm2, ...compact } = issued;
      if (request.query.serialization !== 'json')
        return { ...compact, qr: qrContent(opts.publicUrl, issued) };
      return { ...compact, format: 'vc+jws-json' as const, credential: jsonSerializationOf(issued) };
    },
  );

  app.post(
    '/recognition/decisions/:id/intake',
    {
      schema: {
        tags,
        summary:
          '受理结果 The target department records whether it accepted the decision (accepted | refused, reason)',
        params,
        body: intakeRequestSchema,
        response: { 200: intakeSchema },
      },
      // A department's own system records through its source token as well as its admins.
      config: { access: { roles: ['system-admin', 'department-admin'], sourceTokens: true } },
    },
    async (request) =>
      recordIntake(
        opts,
        principalOf(request),
        auditContextOf(request, opts.clock),
        request.params.id,
        request.body,
      ),
  );
}
