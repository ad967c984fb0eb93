import type { SubmitBody } from './tickets-api';

export const topicKinds = ['certificate-type', 'rule', 'decision', 'registration', 'institution'] as const;
export type TopicKind = (typeof topicKinds)[number];

export interface TicketFormValues {
  kind: 'question' | 'complaint';
  topicKind: TopicKind;
  ref?: string;
  region?: string;
  text?: string;
  contactKind: 'phone' | 'email';
  contact?: string;
}

/** The values a link may prefill: `/tickets/new?topic=rule&ref=…&region=310000&kind=complaint`. */
export function prefillOf(params: URLSearchParams): Partial<TicketFormValues> {
  const topic = params.get('topic');
  const kind = params.get('kind');
  const region = params.get('region');
  const ref = params.get('ref') ?? params.get('type') ?? undefined;
  const topicKind =
    topicKinds.find((k) => k === topic) ?? (params.get('type') ? 'certificate-type' : undefined);
  return {
    ...(topicKind && { topicKind }),
    ...(ref && { ref }),
    ...(region && /^\d{2}0000$/.test(region) && { region }),
    ...((kind === 'question' || kind === 'complaint') && { kind }),
  };
}

/** The form's values as the API's body; the contact only when given (a signed-in holder may leave it out). */
export function toSubmitBody(values: TicketFormValues): SubmitBody {
  const ref = (values.ref ?? '').trim();
  const topic: SubmitBody['topic'] =
    values.topicKind === 'certificate-type'
      ? { kind: 'certificate-type', type: ref }
      : values.topicKind === 'rule'
        ? { kind: 'rule', rule: ref }
        : { kind: values.topicKind, id: ref };
  const contact = (values.contact ?? '').trim();
  return {
    kind: values.kind,
    topic,
    region: values.region ?? '',
    text: (values.text ?? '').trim(),
    ...(contact && { contact: values.contactKind === 'phone' ? { phone: contact } : { email: contact } }),
  };
}
