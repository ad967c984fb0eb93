/**
 * The warning rules over one large plan (issue 8 §2): every rule, the statistical ones included (K index for every
 * ordered pair within each room, Gnormed per candidate, the funnel over the peers), on generated facts — N candidates
 * in rooms of 30 on two 100-item forms, answers following item difficulty (fixed seed). Anchor in the same run: one
 * anchor: Holland's K alone for every ordered pair of a room, computed by its definition (a pass over the form's
 * population per pair, as a first implementation did), on the first rooms — what the prepared counts replaced.
 */
import { mulberry32 } from '../src/demo/demo.random.ts';
import type { ExamineeResponses } from '../src/supervision/integrity.ts';
import { loadSupervisionRules } from '../src/supervision/supervision.rules-data.ts';
import type { PlanFacts } from '../src/supervision/warnings.model.ts';
import { evaluatePlan } from '../src/supervision/warnings.rules.ts';
import type { Figure } from './figures.ts';

const ITEMS = 100;
const ROOM = 30;
const KEYS = ['A', 'B', 'C', 'D'];

function generate(candidates: number): PlanFacts {
  const random = mulberry32(0x5eed);
  const difficulty = Array.from({ length: ITEMS }, (_, i) => 0.1 + (0.8 * i) / (ITEMS - 1));
  const rooms = Math.ceil(candidates / ROOM);
  const started = new Date('2026-10-15T01:00:00Z');
  const attempts: PlanFacts['attempts'] = [];
  for (let e = 0; e < candidates; e++) {
    const ability = 0.3 + random() * 0.6;
    const responses: string[] = [];
    const correct: boolean[] = [];
    for (let i = 0; i < ITEMS; i++) {
      const key = KEYS[i % 4] as string;
      const right = random() < 1 / (1 + Math.exp(-6 * (ability - (difficulty[i] ?? 0.5))));
      const wrongs = KEYS.filter((k) => k !== key);
      responses.push(right ? key : (wrongs[Math.floor(random() * 3)] as string));
      correct.push(right);
    }
    const id = `r-${e}`;
    attempts.push({
      registrationId: id,
      sittingId: `s-${Math.floor(e / ROOM)}`,
      paperId: `form-${e % 2}`,
      status: 'submitted',
      startedAt: started,
      submittedAt: new Date(started.getTime() + (35 + random() * 40) * 60_000),
      allowedMinutes: 90,
      score: correct.filter(Boolean).length,
      fullScore: ITEMS,
      responses: { id, responses, correct },
      difficulty,
    });
  }
  return {
    now: new Date('2026-11-29T08:00:00Z'),
    today: '2026-11-29',
    plan: { id: 'p', code: 'P', occupation: '6-31-01-03', level: '4', year: '2026', subjects: ['theory'] },
    ratios: {
      invigilators: { minPerRoom: 2, candidatesPerStaff: 15 },
      examiners: { min: 3, odd: true, candidatesPerStaff: 5 },
      reviewPanel: { min: 3, odd: true },
    },
    institutions: [],
    sittings: Array.from({ length: rooms }, (_, k) => ({
      id: `s-${k}`,
      institutionId: 'i',
      siteName: '考点',
      startsAt: started,
      endsAt: new Date(started.getTime() + 150 * 60_000),
      candidates: ROOM,
      staff: [],
      candidateEmployers: [],
    })),
    attempts,
    sheets: [],
    issued: [],
    overlaps: [],
    peers: Array.from({ length: 40 }, (_, k) => ({ id: `peer-${k}`, n: 40 + k, events: 28 + (k % 5) })),
  };
}

export async function benchSupervision(figures: Figure[], candidates: number): Promise<void> {
  const rules = loadSupervisionRules();
  const facts = generate(candidates);
  const time = (f: () => void, rounds: number) => {
    f(); // warm-up
    const t0 = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) f();
    return Number(process.hrtime.bigint() - t0) / 1e9 / rounds;
  };
  let sink = 0;
  const rulesSeconds = time(() => {
    sink += evaluatePlan(facts, rules, true).length;
  }, 3);
  // The anchor on 3 rooms (it is slow), as candidates per second.
  const forms = new Map<string, ExamineeResponses[]>();
  for (const a of facts.attempts) forms.set(a.paperId, [...(forms.get(a.paperId) ?? []), a.responses]);
  const sample = facts.attempts.slice(0, 3 * ROOM);
  const naiveSeconds = time(() => {
    for (let r = 0; r < 3; r++) {
      const room = sample.slice(r * ROOM, (r + 1) * ROOM);
      for (const c of room)
        for (const s of room)
          if (c !== s && c.paperId === s.paperId)
            sink += kByDefinition(c.responses, s.responses, forms.get(c.paperId) ?? []);
    }
  }, 1);
  if (sink === 0) throw new Error('nothing was read');
  figures.push({
    name: `supervision: every warning rule over a ${candidates.toLocaleString('en-US')}-candidate plan (rooms of ${ROOM}, ${ITEMS} items)`,
    value: candidates / rulesSeconds,
    unit: 'candidates/s',
    anchor: {
      name: 'K alone by its definition, a population pass per pair',
      value: sample.length / naiveSeconds,
    },
  });
}

/** Holland's p by its definition (exams.md §4.1): the comparison group found by a pass over the population. */
function kByDefinition(
  copier: ExamineeResponses,
  source: ExamineeResponses,
  population: ExamineeResponses[],
) {
  const wrongOf = (e: ExamineeResponses) => e.responses.filter((r, i) => r != null && !e.correct[i]).length;
  const wrongItems = source.responses.flatMap((r, i) => (r != null && !source.correct[i] ? [i] : []));
  const others = population.filter((e) => e.id !== copier.id && e.id !== source.id);
  const target = wrongOf(copier);
  const distances = others.map((e) => Math.abs(wrongOf(e) - target)).sort((a, b) => a - b);
  const window = distances[Math.min(3, distances.length) - 1] ?? 0;
  let total = 0;
  let size = 0;
  for (const e of others) {
    if (Math.abs(wrongOf(e) - target) > window) continue;
    size++;
    for (const i of wrongItems) if (e.responses[i] != null && e.responses[i] === source.responses[i]) total++;
  }
  return total / Math.max(1, size) / Math.max(1, wrongItems.length);
}
