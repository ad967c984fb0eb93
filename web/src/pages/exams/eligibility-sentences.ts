import type { Eligibility } from '../../exam-types';
import type { MessageKey } from '../../messages';
import type { NationalRule } from '../../policy-types';
import { heldSkillLevelRule } from '../../recognition-types';
import type { Certificate } from '../../registry-types';
import { type Both, both, concat, list, same } from '../recognition/both';
import type { RecognitionCatalog } from '../recognition/use-recognition-catalog';

export interface RuleInfo {
  clause: string;
  /** A deemed-level rule's certificate types. */
  from?: readonly string[];
}

/** What the eligibility sentences are made from: the catalog's names, the national rules, the holder's certificates. */
export interface EligibilityContext {
  catalog: RecognitionCatalog;
  rules: ReadonlyMap<string, RuleInfo>;
  /** The holder's registry certificates, to name the ones behind a level (numbers there are masked, as in `basis`). */
  certificates: readonly Certificate[];
}

const certKeys: Record<string, MessageKey> = {
  mem: 'rec.s.cert.mem',
  mohurd: 'rec.s.cert.mohurd',
  samr: 'rec.s.cert.samr',
  mohrss: 'rec.s.cert.mohrss',
};

const ignoredReasons = new Set(['expired', 'not-yet-valid', 'suspended', 'revoked']);

export function occupationName(code: string, ctx: EligibilityContext): Both {
  const o = ctx.catalog.occupationByCode.get(code);
  return o ? { zh: o.nameZh, en: o.nameEn || o.nameZh } : same(code);
}

export function levelName(id: string, ctx: EligibilityContext): Both {
  const level = ctx.catalog.levelById.get(id);
  if (!level) return both('rec.s.levelPlain', { id });
  return both('rec.s.level', {
    id,
    grade: level.gradeZh ?? '',
    name: { zh: level.nameZh, en: level.nameEn.toLowerCase() },
  });
}

/** 「低压电工作业特种作业操作证」: a certificate type as printed. */
function typeName(type: string, ctx: EligibilityContext): Both {
  const known = ctx.catalog.typeById.get(type);
  if (!known) return same(type);
  const key = certKeys[known.department];
  const name = { zh: known.nameZh, en: known.nameEn || known.nameZh };
  return key ? both(key, { name }) : name;
}

/** 「（依据：通知 二）」: the clause in the notice's words; a candidate never reads a rule id. */
function citation(rule: string, ctx: EligibilityContext): Both {
  const info = ctx.rules.get(rule);
  return info ? both('rec.s.basis', { clause: info.clause }) : same('');
}

/**
 * The types of the certificates behind a deemed level: those whose (masked) number is in `basis`, else the holder's
 * valid certificates of a type the rule names.
 */
function basisTypes(basis: readonly string[], rule: string, ctx: EligibilityContext): string[] {
  const from = ctx.rules.get(rule)?.from ?? [];
  const byNumber = ctx.certificates
    .filter((c) => basis.includes(c.number) && (from.length === 0 || from.includes(c.type)))
    .map((c) => c.type);
  if (byNumber.length > 0) return [...new Set(byNumber)];
  const byType = ctx.certificates.filter((c) => from.includes(c.type) && c.effectiveStatus === 'valid');
  return [...new Set(byType.map((c) => c.type))];
}

/** The level of the occupation the candidate already holds, and why: 「您持有的…视同电工五级/初级工（依据…）。」 */
export function heldSentence(e: Eligibility, ctx: EligibilityContext): Both {
  const occupation = occupationName(e.occupation, ctx);
  const held = e.heldLevel;
  if (!held) return concat(both('elig.s.none', { occupation }), both('rec.s.end'));
  const level = levelName(String(held.level), ctx);
  if (held.rule === heldSkillLevelRule) {
    const numbers = both('elig.s.numbers', { numbers: list(held.basis.map(same)) });
    return concat(both('elig.s.held', { occupation, level }), numbers, both('rec.s.end'));
  }
  const types = basisTypes(held.basis, held.rule, ctx);
  const certs = types.length > 0 ? list(types.map((t) => typeName(t, ctx))) : list(held.basis.map(same));
  return concat(
    both('elig.s.deemed', { certs, occupation, level }),
    citation(held.rule, ctx),
    both('rec.s.end'),
  );
}

/** 「证书 T3101****（低压电工作业）已过期，未予采用。」 */
export function ignoredSentence(item: Eligibility['ignored'][number], ctx: EligibilityContext): Both {
  const type = ctx.catalog.typeById.get(item.type);
  const reason = ignoredReasons.has(item.reason)
    ? both(`rec.s.ignored.${item.reason}` as MessageKey)
    : same(item.reason);
  return concat(
    both('rec.s.ignored', {
      number: item.number,
      type: type ? { zh: type.nameZh, en: type.nameEn || type.nameZh } : item.type,
      reason,
    }),
    both('rec.s.end'),
  );
}

/** National rules by id, for citations: deemed-level rules keep the certificate types they name. */
export function ruleMap(rules: readonly NationalRule[]): Map<string, RuleInfo> {
  return new Map(
    rules.map((r) => [
      r.id,
      r.kind === 'deemed-level' ? { clause: r.clause, from: r.from } : { clause: r.clause },
    ]),
  );
}
