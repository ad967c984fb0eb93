import { onFirstUse } from '../shared/lazy.ts';
import type { ChoiceOption, ItemVersion } from './bank.model.ts';

/**
 * QTI 3.0 (1EdTech) import and export of choice items (issue 7 §1; exams.md §2.1). One `qti-assessment-item` per
 * document: a `qti-response-declaration` RESPONSE (cardinality single or multiple, base-type identifier) with its
 * `qti-correct-response`, a SCORE outcome, a `qti-choice-interaction` of `qti-simple-choice`s, and the standard
 * `match_correct` response processing. True-false items are single-choice items whose choices are `true` and
 * `false` (the identifiers 1EdTech's own true/false example uses). The item's score travels as a MAXSCORE outcome
 * default, which match_correct leaves alone; other tools' items without it take the score the importer gives.
 */
export const QTI_NAMESPACE = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';
export const MATCH_CORRECT = 'https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct';

export type QtiChoiceContent =
  | { type: 'single' | 'multiple'; stem: string; options: ChoiceOption[]; answer: string[]; score?: number }
  | { type: 'true-false'; stem: string; answer: boolean; score?: number };

export type QtiParse =
  | { ok: true; identifier: string; title: string | null; content: QtiChoiceContent }
  | { ok: false; reason: QtiReason; message: string };
export type QtiReason =
  | 'not-xml' // the document does not parse
  | 'not-qti3-item' // no qti-assessment-item root in the QTI 3.0 namespace
  | 'unsupported-interaction' // not exactly one qti-choice-interaction
  | 'no-correct-response' // RESPONSE has no correct response, or one naming an unknown choice
  | 'empty-stem'; // neither a prompt nor body text

function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A choice item's version as a QTI 3.0 assessment item; `undefined` for practical tasks (no QTI mapping here). */
export function exportQtiItem(
  item: { id: string; type: string; knowledgePoint: string },
  v: ItemVersion,
): string | undefined {
  let choices: ChoiceOption[];
  let correct: string[];
  if (item.type === 'true-false') {
    choices = [
      { id: 'true', text: '正确' },
      { id: 'false', text: '错误' },
    ];
    correct = [v.answer === true ? 'true' : 'false'];
  } else if (item.type === 'single' || item.type === 'multiple') {
    choices = v.options;
    correct = Array.isArray(v.answer) ? v.answer : [];
  } else return undefined;
  const cardinality = item.type === 'multiple' ? 'multiple' : 'single';
  const maxChoices = item.type === 'multiple' ? choices.length : 1;
  // Identifiers are NCNames: the item id is a UUID, which may start with a digit.
  const identifier = `hutong-${item.id}-v${v.version}`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<qti-assessment-item xmlns="${QTI_NAMESPACE}" identifier="${identifier}" title="${escapeXml(item.knowledgePoint)}" xml:lang="zh-CN" adaptive="false" time-dependent="false">`,
    `  <qti-response-declaration identifier="RESPONSE" cardinality="${cardinality}" base-type="identifier">`,
    '    <qti-correct-response>',
    ...correct.map((c) => `      <qti-value>${escapeXml(c)}</qti-value>`),
    '    </qti-correct-response>',
    '  </qti-response-declaration>',
    '  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float">',
    '    <qti-default-value><qti-value>0</qti-value></qti-default-value>',
    '  </qti-outcome-declaration>',
    '  <qti-outcome-declaration identifier="MAXSCORE" cardinality="single" base-type="float">',
    `    <qti-default-value><qti-value>${v.score}</qti-value></qti-default-value>`,
    '  </qti-outcome-declaration>',
    '  <qti-item-body>',
    `    <qti-choice-interaction response-identifier="RESPONSE" shuffle="false" max-choices="${maxChoices}">`,
    `      <qti-prompt>${escapeXml(v.stem)}</qti-prompt>`,
    ...choices.map(
      (c) =>
        `      <qti-simple-choice identifier="${escapeXml(c.id)}">${escapeXml(c.text)}</qti-simple-choice>`,
    ),
    '    </qti-choice-interaction>',
    '  </qti-item-body>',
    `  <qti-response-processing template="${MATCH_CORRECT}"/>`,
    '</qti-assessment-item>',
    '',
  ];
  return lines.join('\n');
}

// preserveOrder keeps mixed content (a stem with <b> or <br/>) in document order.
type Node = { [name: string]: Node[] | string | Record<string, string> | undefined } & {
  ':@'?: Record<string, string>;
  '#text'?: string;
};
const xmlParser = onFirstUse<typeof import('fast-xml-parser')>('fast-xml-parser');
let parserMade: InstanceType<typeof import('fast-xml-parser').XMLParser> | undefined;
/** Made on first use: QTI files are imported now and then, not at every start. */
const parser = () =>
  (parserMade ??= new (xmlParser().XMLParser)({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
  }));

const nameOf = (n: Node) => Object.keys(n).find((k) => k !== ':@') ?? '';
const childrenOf = (n: Node): Node[] => {
  const c = n[nameOf(n)];
  return Array.isArray(c) ? c : [];
};
const attr = (n: Node, name: string) => n[':@']?.[name];
const find = (nodes: Node[], name: string) => nodes.filter((n) => nameOf(n) === name);
function findDeep(nodes: Node[], name: string): Node[] {
  return nodes.flatMap((n) => (nameOf(n) === name ? [n] : findDeep(childrenOf(n), name)));
}
/** The text of an element with its inline markup dropped and whitespace collapsed (an <img> gives its alt text). */
function textOf(nodes: Node[]): string {
  const parts = nodes.map((n) => {
    if (typeof n['#text'] === 'string') return n['#text'];
    const name = nameOf(n);
    if (name === 'img') return attr(n, 'alt') ?? '';
    if (name === 'br' || name === 'p' || name === 'div') return ` ${textOf(childrenOf(n))} `;
    return textOf(childrenOf(n));
  });
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Reads one QTI 3.0 choice item. The stem is the interaction's prompt, after any body text before it. */
export function importQtiItem(xml: string): QtiParse {
  let doc: Node[];
  try {
    doc = parser().parse(xml, true) as Node[];
  } catch (error) {
    return { ok: false, reason: 'not-xml', message: (error as Error).message };
  }
  const [root] = find(doc, 'qti-assessment-item');
  if (!root || (attr(root, 'xmlns') !== undefined && attr(root, 'xmlns') !== QTI_NAMESPACE))
    return {
      ok: false,
      reason: 'not-qti3-item',
      message: `expected a qti-assessment-item in ${QTI_NAMESPACE}`,
    };
  const top = childrenOf(root);
  const body = find(top, 'qti-item-body')[0];
  const interactions = body ? findDeep(childrenOf(body), 'qti-choice-interaction') : [];
  const [interaction] = interactions;
  if (!body || !interaction || interactions.length !== 1)
    return {
      ok: false,
      reason: 'unsupported-interaction',
      message: 'expected exactly one qti-choice-interaction',
    };
  const responseId = attr(interaction, 'response-identifier') ?? 'RESPONSE';
  const declaration = find(top, 'qti-response-declaration').find((d) => attr(d, 'identifier') === responseId);
  const correct = declaration
    ? findDeep(find(childrenOf(declaration), 'qti-correct-response'), 'qti-value').map((v) =>
        textOf(childrenOf(v)),
      )
    : [];
  const inside = childrenOf(interaction);
  const options = find(inside, 'qti-simple-choice').map((c) => ({
    id: attr(c, 'identifier') ?? '',
    text: textOf(childrenOf(c)),
  }));
  const ids = new Set(options.map((o) => o.id));
  if (correct.length === 0 || correct.some((c) => !ids.has(c)))
    return { ok: false, reason: 'no-correct-response', message: `no correct response among the choices` };
  const before = childrenOf(body).filter((n) => !findDeep([n], 'qti-choice-interaction').length);
  const stem = [textOf(before), textOf(find(inside, 'qti-prompt'))].filter(Boolean).join(' ');
  if (!stem)
    return { ok: false, reason: 'empty-stem', message: 'the item has neither a prompt nor body text' };
  const maxScore = find(top, 'qti-outcome-declaration').find((d) => attr(d, 'identifier') === 'MAXSCORE');
  const scoreText = maxScore
    ? findDeep(childrenOf(maxScore), 'qti-value').map((v) => textOf(childrenOf(v)))[0]
    : undefined;
  const score = scoreText !== undefined && Number(scoreText) > 0 ? Number(scoreText) : undefined;
  const identifier = attr(root, 'identifier') ?? '';
  const title = attr(root, 'title') ?? null;
  const extra = score === undefined ? {} : { score };
  const isTrueFalse = options.length === 2 && ids.has('true') && ids.has('false') && correct.length === 1;
  if (isTrueFalse)
    return {
      ok: true,
      identifier,
      title,
      content: { type: 'true-false', stem, answer: correct[0] === 'true', ...extra },
    };
  const cardinality = declaration ? attr(declaration, 'cardinality') : undefined;
  const type = cardinality === 'multiple' ? 'multiple' : 'single';
  return { ok: true, identifier, title, content: { type, stem, options, answer: correct, ...extra } };
}
