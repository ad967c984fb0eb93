import type { MessageKey } from '../../messages';
import {
  type DecidedBy,
  type EvaluationRequest,
  type EvaluationResponse,
  type ExemptionResult,
  heldSkillLevelRule,
  type Ignored,
  type LevelResult,
} from '../../recognition-types';
import { type Both, both, concat, list, same } from './both';
import type { RecognitionCatalog } from './use-recognition-catalog';
import type { RuleInfoMap } from './use-rule-info';

/** One certificate as the person entered it. */
interface Held {
  number: string;
  type: string;
  occupation?: string | undefined;
  level?: string | undefined;
}

/** What the sentences are made from: the question, the answer, the catalog's names and the clauses. */
export interface SentenceContext {
  request: EvaluationRequest;
  response: EvaluationResponse;
  catalog: RecognitionCatalog;
  rules: RuleInfoMap;
}

const certKeys: Record<string, MessageKey> = {
  mem: 'rec.s.cert.mem',
  mohurd: 'rec.s.cert.mohurd',
  samr: 'rec.s.cert.samr',
  mohrss: 'rec.s.cert.mohrss',
};

export function occupationName(code: string, ctx: SentenceContext): Both {
  const o = ctx.catalog.occupationByCode.get(code);
  return o ? { zh: o.nameZh, en: o.nameEn || o.nameZh } : same(code);
}

export function levelName(id: string, ctx: SentenceContext): Both {
  const level = ctx.catalog.levelById.get(id);
  if (!level) return both('rec.s.levelPlain', { id });
  return both('rec.s.level', {
    id,
    grade: level.gradeZh ?? '',
    name: { zh: level.nameZh, en: level.nameEn.toLowerCase() },
  });
}

/** 「低压电工作业特种作业操作证」: the type's Chinese name, as printed on the certificate. */
function certName(held: Pick<Held, 'type' | 'occupation' | 'level'>, ctx: SentenceContext): Both {
  const type = ctx.catalog.typeById.get(held.type);
  if (held.occupation && held.level) {
    return both('rec.s.cert.skill', {
      occupation: occupationName(held.occupation, ctx),
      level: levelName(held.level, ctx),
    });
  }
  if (!type) return same(held.type);
  const key = certKeys[type.department];
  const name = { zh: type.nameZh, en: type.nameEn || type.nameZh };
  return key ? both(key, { name }) : name;
}

/**
 * The certificates behind a result. MEM numbers are per person, so one number may stand for two types: the trace
 * tells which of them the rule matched.
 */
function supporting(numbers: readonly string[], rule: string, ctx: SentenceContext): Held[] {
  const found: Held[] = [];
  for (const number of numbers) {
    const entered = ctx.request.certificates.filter((c) => c.number === number);
    const matched = entered.filter((c) =>
      (ctx.response.trace ?? []).some(
        (tr) =>
          tr.number === number &&
          tr.type === c.type &&
          tr.steps.some((s) => s.rule === rule && s.outcome !== 'not-matched'),
      ),
    );
    const picked = matched.length > 0 ? matched : entered.slice(0, 1);
    if (picked.length === 0) found.push({ number, type: '' });
    for (const c of picked) found.push({ number, type: c.type, occupation: c.occupation, level: c.level });
  }
  return found;
}

function names(held: Held[], ctx: SentenceContext): Both {
  return list(held.map((h) => (h.type ? certName(h, ctx) : same(h.number))));
}

/**
 * 「（依据：通知 二）」: the clause in the notice's words. A worker never reads a rule id (those stay in the
 * official's trace), so while no clause is known the sentence simply has none.
 */
export function citation(rule: string, ctx: SentenceContext): Both {
  const info = ctx.rules.get(rule);
  return info ? both('rec.s.basis', { clause: info.clause }) : same('');
}

/** 「上海市住房城乡建设主管部门」: who decided, in words. */
function whoDecided(decidedBy: DecidedBy, ctx: SentenceContext): Both {
  const name = decidedBy.region ? ctx.catalog.regionName(decidedBy.region) : '';
  const region = name ? { zh: name, en: `${name} ` } : same('');
  return both(`rec.s.who.${decidedBy.department ?? 'mohrss'}` as MessageKey, { region });
}

export function levelSentence(level: LevelResult, ctx: SentenceContext): Both {
  const held = supporting(level.basis, level.rule, ctx);
  const occupation = occupationName(level.occupation, ctx);
  const certs = names(held, ctx);
  const head =
    level.rule === heldSkillLevelRule
      ? both('rec.s.held', { certs })
      : both(held.length > 1 ? 'rec.s.deemedMany' : 'rec.s.deemed', {
          certs,
          occupation,
          level: levelName(String(level.deemedLevel), ctx),
        });
  const next =
    level.mayApplyFor === null
      ? both('rec.s.topLevel')
      : both('rec.s.mayApply', { occupation, level: levelName(String(level.mayApplyFor), ctx) });
  return concat(head, next, citation(level.rule, ctx), both('rec.s.end'));
}

export function exemptionSentence(e: ExemptionResult, ctx: SentenceContext): Both {
  const cert = names(supporting([e.basis], e.rule, ctx), ctx);
  const target = certName({ type: e.target }, ctx);
  const targetDepartment = ctx.catalog.typeById.get(e.target)?.department;
  const exempt = list(
    e.exempt.map((code) =>
      both(
        code === 'safety-training' && targetDepartment === 'mem'
          ? 'rec.s.exempt.safety-training-mem'
          : `rec.s.exempt.${code}`,
      ),
    ),
  );
  const byNational = e.decidedBy.pack === 'national';
  const who = byNational ? undefined : whoDecided(e.decidedBy, ctx);
  const basis = same(ctx.rules.get(e.decidedBy.row)?.clause ?? '');
  const also =
    e.alsoBasis && e.alsoBasis.length > 0
      ? both('rec.s.also', { certs: names(supporting(e.alsoBasis, e.rule, ctx), ctx) })
      : same('');
  if (e.exempt.length === 0) {
    return concat(both('rec.s.denied', { cert, target, who: who ?? same('—'), basis }), both('rec.s.end'));
  }
  const decided = who
    ? both(e.decidedBy.department === 'mohrss' ? 'rec.s.decided.province' : 'rec.s.decided.department', {
        who,
        basis,
      })
    : same('');
  // A department's own grant has no national clause: its basis is said in `decided`.
  const cite = ctx.rules.has(e.rule) && e.rule !== e.decidedBy.row ? citation(e.rule, ctx) : same('');
  return concat(
    both('rec.s.exempt', { cert, target, exempt }),
    also,
    decided,
    cite,
    both('rec.s.end'),
    both(`rec.s.evidence.${e.evidence}`),
  );
}

export function ignoredSentence(item: Ignored, ctx: SentenceContext): Both {
  const type = ctx.catalog.typeById.get(item.type);
  return concat(
    both('rec.s.ignored', {
      number: item.number,
      type: type ? { zh: type.nameZh, en: type.nameEn || type.nameZh } : item.type,
      reason: both(`rec.s.ignored.${item.reason}`),
    }),
    both('rec.s.end'),
  );
}
