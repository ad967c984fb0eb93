/**
 * The national pack encoded for json-rules-engine, the anchor of the recognition bench: the facts are one
 * certificate (plus the evaluation date and province), each national rule becomes one JRE rule whose event carries
 * what it grants, and the 合法有效 checks are rules of their own. Grouping by occupation (the highest level wins,
 * the lowest rule ordinal names it) is done in plain code after the run, as a JRE user would. The JRE side builds
 * no conditions text and no trace, so the comparison favours it.
 */
import { Engine, type Event, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { HeldCertificate, NationalPack } from '../src/recognition/recognition.model.ts';

export interface Recognitions {
  exemptions: { basis: string; target: string; exempt: readonly string[]; rule: string }[];
  levels: {
    occupation: string;
    deemedLevel: number;
    mayApplyFor: number | null;
    basis: readonly string[];
    rule: string;
  }[];
  ignored: { number: string; type: string; reason: string }[];
}

export type JreEvaluator = (
  certificates: readonly HeldCertificate[],
  asOf: string,
  region: string | null,
) => Promise<Recognitions>;

const HELD = 'held.skill-level';

export function createJreEvaluator(
  national: NationalPack,
  designations: readonly { type: string; region: string }[],
): JreEvaluator {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator<string, string>('onOrBefore', (a, b) => typeof a === 'string' && a <= b);
  engine.addOperator<string, string>('after', (a, b) => typeof a === 'string' && a > b);
  engine.addOperator<string, string>('onOrAfter', (a, b) => typeof a === 'string' && a >= b);
  engine.addOperator<string | null, string>('openOrOnOrAfter', (a, b) => a == null || a >= b);
  engine.addOperator<string | null, string>('before', (a, b) => a != null && a < b);

  const asOf = { fact: 'asOf' };
  const isValid: TopLevelCondition = {
    all: [
      { fact: 'status', operator: 'equal', value: 'valid' },
      { fact: 'validFrom', operator: 'onOrBefore', value: asOf },
      { fact: 'validUntil', operator: 'openOrOnOrAfter', value: asOf },
    ],
  };
  const ignored = (reason: string, conditions: TopLevelCondition): RuleProperties => ({
    name: `ignored.${reason}`,
    priority: 10,
    conditions,
    event: { type: 'ignored', params: { reason } },
  });
  engine.addRule(ignored('suspended', { all: [{ fact: 'status', operator: 'equal', value: 'suspended' }] }));
  engine.addRule(ignored('revoked', { all: [{ fact: 'status', operator: 'equal', value: 'revoked' }] }));
  engine.addRule(
    ignored('not-yet-valid', {
      all: [
        { fact: 'status', operator: 'equal', value: 'valid' },
        { fact: 'validFrom', operator: 'after', value: asOf },
      ],
    }),
  );
  engine.addRule(
    ignored('expired', {
      all: [
        { fact: 'status', operator: 'equal', value: 'valid' },
        { fact: 'validFrom', operator: 'onOrBefore', value: asOf },
        { fact: 'validUntil', operator: 'before', value: asOf },
      ],
    }),
  );

  national.rules.forEach((rule, ordinal) => {
    type Nested = Extract<TopLevelCondition, { all: unknown }>['all'][number];
    const all: Nested[] = [
      { fact: 'type', operator: 'in', value: rule.from },
      isValid,
      { fact: 'asOf', operator: 'onOrAfter', value: rule.effectiveFrom },
    ];
    if (rule.effectiveUntil !== null)
      all.push({ fact: 'asOf', operator: 'onOrBefore', value: rule.effectiveUntil });
    let event: Event;
    if (rule.kind === 'exemption') {
      if (rule.requiresTargetDesignated) {
        const issuedIn = designations.filter((d) => d.type === rule.to).map((d) => d.region.slice(0, 2));
        all.push({
          any: [
            { fact: 'province', operator: 'equal', value: null },
            { fact: 'province', operator: 'in', value: issuedIn },
          ],
        });
      }
      event = { type: 'exemption', params: { rule: rule.id, target: rule.to, exempt: rule.exempt } };
    } else {
      event = {
        type: 'level',
        params: { rule: rule.id, ordinal, occupation: rule.occupation, deemed: +rule.deemedLevel },
      };
    }
    engine.addRule({ name: rule.id, conditions: { all }, event });
  });
  engine.addRule({
    name: HELD,
    conditions: {
      all: [
        { fact: 'type', operator: 'equal', value: 'mohrss.skill-level' },
        { fact: 'level', operator: 'in', value: ['1', '2', '3', '4', '5'] },
        isValid,
      ],
    },
    event: { type: 'held-level', params: { rule: HELD } },
  });

  return async (certificates, on, region) => {
    const province = region ? region.slice(0, 2) : null;
    const runs = await Promise.all(
      certificates.map((c) =>
        engine.run({
          type: c.type,
          status: c.status ?? 'valid',
          validFrom: c.validFrom,
          validUntil: c.validUntil ?? null,
          level: c.level ?? null,
          asOf: on,
          province,
        }),
      ),
    );
    return collect(
      certificates,
      runs.map((r) => r.events),
    );
  };
}

type Best = { occupation: string; deemed: number; ordinal: number; rule: string; basis: string[] };

function collect(certificates: readonly HeldCertificate[], events: Event[][]): Recognitions {
  const out: Recognitions = { exemptions: [], levels: [], ignored: [] };
  const best = new Map<string, Best>();
  certificates.forEach((c, i) => {
    for (const event of events[i] ?? []) {
      const p = event.params ?? {};
      if (event.type === 'ignored') out.ignored.push({ number: c.number, type: c.type, reason: p.reason });
      else if (event.type === 'exemption') {
        out.exemptions.push({ basis: c.number, target: p.target, exempt: p.exempt, rule: p.rule });
      } else {
        const held = event.type === 'held-level';
        const occupation: string = held ? (c.occupation ?? '') : p.occupation;
        const deemed: number = held ? Number(c.level) : p.deemed;
        const ordinal: number = held ? Number.MAX_SAFE_INTEGER : p.ordinal;
        const b = best.get(occupation);
        if (b === undefined || deemed < b.deemed) {
          best.set(occupation, { occupation, deemed, ordinal, rule: p.rule, basis: [c.number] });
        } else if (deemed === b.deemed) {
          if (!b.basis.includes(c.number)) b.basis.push(c.number);
          if (ordinal < b.ordinal) Object.assign(b, { ordinal, rule: p.rule });
        }
      }
    }
  });
  for (const b of best.values()) {
    out.levels.push({
      occupation: b.occupation,
      deemedLevel: b.deemed,
      mayApplyFor: b.deemed > 1 ? b.deemed - 1 : null,
      basis: b.basis.sort(),
      rule: b.rule,
    });
  }
  return out;
}
