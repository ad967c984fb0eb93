/**
 * The national pack encoded for json-rules-engine, the anchor of the recognition bench: the facts are one
 * certificate (plus the evaluation date and province), each national rule becomes one JRE rule whose event carries
 * what it grants, and the 合法有效 checks (复审 included) are rules of their own. A rule towards a province-designated
 * type (建筑焊工) becomes two: one where the province is on record as issuing it, one where that is unknown (or no
 * region is given), whose event carries the unknown condition; where it is on record as not issued, neither fires.
 * What a JRE user does after the run is plain code: grouping by occupation (the highest level wins, a skill-level
 * certificate held directly names it among equals, then the lowest rule ordinal), listing each waiver towards a
 * target once, and dropping waivers towards a type the holder already holds valid. The JRE side builds no condition
 * text and no trace, so the comparison favours it.
 */
import { Engine, type Event, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { DesignationFact } from '../src/recognition/recognition.compile.ts';
import type { HeldCertificate, NationalPack } from '../src/recognition/recognition.model.ts';

export interface Recognitions {
  /**
   * One line per (target, waiver); `numbers` are every certificate giving it, `rules` every row that does (the
   * engine names one of them), each with its evidence.
   */
  exemptions: {
    target: string;
    exempt: readonly string[];
    numbers: readonly string[];
    rules: readonly { rule: string; evidence: string }[];
    decidedBy: string;
    conditions: readonly string[];
  }[];
  levels: {
    occupation: string;
    deemedLevel: number;
    mayApplyFor: number | null;
    basis: readonly string[];
    since: string;
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
  designations: readonly DesignationFact[],
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
      { fact: 'reviewedUntil', operator: 'openOrOnOrAfter', value: asOf },
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
  engine.addRule(
    ignored('review-overdue', {
      all: [
        { fact: 'status', operator: 'equal', value: 'valid' },
        { fact: 'validFrom', operator: 'onOrBefore', value: asOf },
        { fact: 'validUntil', operator: 'openOrOnOrAfter', value: asOf },
        { fact: 'reviewedUntil', operator: 'before', value: asOf },
      ],
    }),
  );
  // A certificate held 合法有效: no waiver towards its type is listed (the holder has nothing left to be exempt from).
  engine.addRule({ name: 'held', priority: 10, conditions: isValid, event: { type: 'held' } });

  const dated = (rule: NationalPack['rules'][number]) => {
    type Nested = Extract<TopLevelCondition, { all: unknown }>['all'][number];
    const all: Nested[] = [
      { fact: 'type', operator: 'in', value: rule.from },
      isValid,
      { fact: 'asOf', operator: 'onOrAfter', value: rule.effectiveFrom },
    ];
    if (rule.effectiveUntil !== null)
      all.push({ fact: 'asOf', operator: 'onOrBefore', value: rule.effectiveUntil });
    return all;
  };
  national.rules.forEach((rule, ordinal) => {
    if (rule.kind === 'exemption') {
      const params = {
        rule: rule.id,
        ordinal,
        target: rule.to,
        exempt: rule.exempt,
        evidence: rule.evidence,
        conditions: [] as string[],
      };
      if (!rule.requiresTargetDesignated) {
        engine.addRule({
          name: rule.id,
          conditions: { all: dated(rule) },
          event: { type: 'exemption', params },
        });
        return;
      }
      const on = (status: DesignationFact['status']) =>
        designations
          .filter((d) => d.type === rule.to && d.status === status)
          .map((d) => d.region.slice(0, 2));
      const [issued, notIssued] = [on('issued'), on('not-issued')];
      engine.addRule({
        name: `${rule.id}.issued`,
        conditions: { all: [...dated(rule), { fact: 'province', operator: 'in', value: issued }] },
        event: { type: 'exemption', params },
      });
      engine.addRule({
        name: `${rule.id}.unknown`,
        conditions: {
          all: [
            ...dated(rule),
            {
              any: [
                { fact: 'province', operator: 'equal', value: null },
                {
                  all: [
                    { fact: 'province', operator: 'notIn', value: issued },
                    { fact: 'province', operator: 'notIn', value: notIssued },
                  ],
                },
              ],
            },
          ],
        },
        event: { type: 'exemption', params: { ...params, conditions: ['designated-region unknown'] } },
      });
    } else {
      engine.addRule({
        name: rule.id,
        conditions: { all: dated(rule) },
        event: {
          type: 'level',
          params: { rule: rule.id, ordinal, occupation: rule.occupation, deemed: +rule.deemedLevel },
        },
      });
    }
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

  const decidedBy = `national@${national.version}`;
  return async (certificates, on, region) => {
    const province = region ? region.slice(0, 2) : null;
    const runs = await Promise.all(
      certificates.map((c) =>
        engine.run({
          type: c.type,
          status: c.status ?? 'valid',
          validFrom: c.validFrom,
          validUntil: c.validUntil ?? null,
          reviewedUntil: c.reviewedUntil ?? null,
          level: c.level ?? null,
          asOf: on,
          province,
        }),
      ),
    );
    return collect(
      certificates,
      runs.map((r) => r.events),
      decidedBy,
    );
  };
}

type Best = {
  occupation: string;
  deemed: number;
  ordinal: number;
  rule: string;
  basis: string[];
  since: string;
};
type Line = Recognitions['exemptions'][number] & {
  numbers: string[];
  rules: { rule: string; evidence: string }[];
};

function collect(
  certificates: readonly HeldCertificate[],
  events: Event[][],
  decidedBy: string,
): Recognitions {
  const out: Recognitions = { exemptions: [], levels: [], ignored: [] };
  const best = new Map<string, Best>();
  const held = new Set<string>();
  certificates.forEach((c, i) => {
    if ((events[i] ?? []).some((e) => e.type === 'held')) held.add(c.type);
  });
  const lines = new Map<string, Line>();
  certificates.forEach((c, i) => {
    for (const event of events[i] ?? []) {
      const p = event.params ?? {};
      if (event.type === 'ignored') out.ignored.push({ number: c.number, type: c.type, reason: p.reason });
      else if (event.type === 'exemption') {
        if (held.has(p.target)) continue;
        // Listed once per target and waiver, whichever certificates and rows give it.
        const key = `${p.target} ${[...p.exempt].sort().join('+')}`;
        let line = lines.get(key);
        if (line === undefined) {
          line = {
            target: p.target,
            exempt: p.exempt,
            numbers: [],
            rules: [],
            decidedBy,
            conditions: p.conditions,
          };
          lines.set(key, line);
        }
        if (!line.numbers.includes(c.number)) line.numbers.push(c.number);
        if (!line.rules.some((r) => r.rule === p.rule))
          line.rules.push({ rule: p.rule, evidence: p.evidence });
      } else if (event.type === 'level' || event.type === 'held-level') {
        const isHeld = event.type === 'held-level';
        const occupation: string = isHeld ? (c.occupation ?? '') : p.occupation;
        const deemed: number = isHeld ? Number(c.level) : p.deemed;
        // Holding the certificate comes first among equals: 视同 is not holding it.
        const ordinal: number = isHeld ? -1 : p.ordinal;
        const b = best.get(occupation);
        if (b === undefined || deemed < b.deemed) {
          best.set(occupation, {
            occupation,
            deemed,
            ordinal,
            rule: p.rule,
            basis: [c.number],
            since: c.validFrom,
          });
        } else if (deemed === b.deemed) {
          if (!b.basis.includes(c.number)) b.basis.push(c.number);
          if (c.validFrom < b.since) b.since = c.validFrom;
          if (ordinal < b.ordinal) Object.assign(b, { ordinal, rule: p.rule });
        }
      }
    }
  });
  for (const line of lines.values()) {
    line.numbers.sort();
    line.rules.sort((a, b) => a.rule.localeCompare(b.rule));
    out.exemptions.push(line);
  }
  for (const b of best.values()) {
    out.levels.push({
      occupation: b.occupation,
      deemedLevel: b.deemed,
      mayApplyFor: b.deemed > 1 ? b.deemed - 1 : null,
      basis: b.basis.sort(),
      since: b.since,
      rule: b.rule,
    });
  }
  return out;
}
