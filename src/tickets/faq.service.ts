import { timingSafeEqual } from 'node:crypto';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { documentTokens } from './faq.search.ts';
import { findNames, type MaskReport, maskPersonalData } from './tickets.mask.ts';
import type { OfficeDeps } from './tickets.office.ts';
import { coversOffice } from './tickets.rules.ts';
import { findEvents, findTicket, insertEvent, type TicketRow } from './tickets.store.ts';
import { namesAbout } from './tickets.topics.ts';
import { officeOf } from './tickets.views.ts';

/**
 * Publishing a reply as a FAQ entry (issue 14 §3–4), in two steps: the preview masks the question and the answer
 * (names, ID-like and phone-like strings, e-mails) and returns them with a confirmation bound to exactly those
 * texts; publishing takes the texts back with that confirmation, checks they are still masked, and stores the entry
 * with its search tokens. Nothing is published that an official did not see masked.
 */
async function loadForFaq(deps: OfficeDeps, principal: Principal, id: string): Promise<TicketRow> {
  const row = await findTicket(deps.db, id);
  if (!row || !coversOffice(principal, officeOf(row))) throw new AppError('not_found', 'no such ticket');
  if (!row.first_replied_at)
    throw new AppError('invalid_transition', 'only a replied ticket becomes a FAQ entry');
  return row;
}

function confirmationOf(deps: OfficeDeps, ticketId: string, question: string, answer: string): string {
  return deps.keyring.protector().index('faq:preview', `${ticketId}\n${question}\n${answer}`);
}

export interface FaqPreview {
  question: string;
  answer: string;
  masked: { question: MaskReport; answer: MaskReport };
  confirmation: string;
}

export async function previewFaq(
  deps: OfficeDeps,
  principal: Principal,
  id: string,
  input: { question?: string | undefined; answer?: string | undefined },
): Promise<FaqPreview> {
  const row = await loadForFaq(deps, principal, id);
  const events = await findEvents(deps.db, row.id);
  const protector = deps.keyring.protector();
  const open = (kind: string, last: boolean) => {
    const found = last ? events.filter((e) => e.kind === kind).at(-1) : events.find((e) => e.kind === kind);
    return found?.body_cipher ? protector.decrypt(found.body_cipher) : '';
  };
  const rawQuestion = input.question ?? open('submit', false);
  const rawAnswer = input.answer ?? open('reply', true);
  // A name the question gives (我叫…) is masked in the answer too, where it may stand without a cue (…您好).
  const names = [...(await namesAbout(deps.db, row)), ...findNames(rawQuestion), ...findNames(rawAnswer)];
  const question = maskPersonalData(rawQuestion, names);
  const answer = maskPersonalData(rawAnswer, names);
  return {
    question: question.text,
    answer: answer.text,
    masked: { question: question.report, answer: answer.report },
    confirmation: confirmationOf(deps, row.id, question.text, answer.text),
  };
}

export async function publishFaq(
  deps: OfficeDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  input: { question: string; answer: string; confirmation: string },
) {
  const row = await loadForFaq(deps, principal, id);
  const expected = Buffer.from(confirmationOf(deps, row.id, input.question, input.answer));
  const given = Buffer.from(input.confirmation);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new AppError('rule_violation', 'publish exactly the texts of a preview of this ticket', [
      { path: 'body.confirmation', message: 'does not match the texts' },
    ]);
  const names = await namesAbout(deps.db, row);
  if (
    maskPersonalData(input.question, names).text !== input.question ||
    maskPersonalData(input.answer, names).text !== input.answer
  )
    throw new AppError('rule_violation', 'the texts still hold personal data: preview them again');
  const entryId = newId();
  await deps.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('faq_entries')
      .select('id')
      .where('ticket_id', '=', row.id)
      .executeTakeFirst();
    if (existing) throw new AppError('conflict', 'this ticket is already a FAQ entry');
    await trx
      .insertInto('faq_entries')
      .values({
        id: entryId,
        ticket_id: row.id,
        question: input.question,
        answer: input.answer,
        certificate_type: row.certificate_type,
        region: row.region,
        rule: row.rule,
        department: row.department,
        tokens: documentTokens(`${input.question}\n${input.answer}`),
        question_tokens: documentTokens(input.question),
        published_by: ctx.actorLabel,
        published_at: ctx.at,
      })
      .execute();
    await insertEvent(trx, {
      id: newId(),
      ticketId: row.id,
      kind: 'faq',
      at: ctx.at,
      actorId: ctx.actorId,
      actorLabel: ctx.actorLabel,
      isPublic: false,
      bodyCipher: null,
      details: { entry: entryId },
    });
    await appendAudit(trx, ctx, {
      action: 'faq.publish',
      targetType: 'faq-entry',
      targetId: entryId,
      // The entry is public text, masked: kept whole, so the audit shows exactly what went out.
      after: {
        ticket: row.id,
        question: input.question,
        answer: input.answer,
        type: row.certificate_type,
        region: row.region,
      },
    });
  });
  return { id: entryId, question: input.question, answer: input.answer, publishedAt: ctx.at.toISOString() };
}
