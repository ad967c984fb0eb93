import { type BodyOf, call, client, type ItemOf, type QueryOf, type ResponseOf } from '../../api/client';
import { POW_HEADER } from '../../credential-api';

/** 回应关切 (issue 14): the calls the ticket pages make, typed from the server's OpenAPI document. */
export type SubmitBody = BodyOf<'/api/v1/public/tickets'>;
export type Submitted = ResponseOf<'/api/v1/public/tickets', 'post'>;
export type SubmitterView = ResponseOf<'/api/v1/public/tickets/lookup', 'post'>;
export type FaqEntry = ItemOf<ResponseOf<'/api/v1/public/faq'>['items']>;
export type InboxQuery = QueryOf<'/api/v1/tickets'>;
export type InboxPage = ResponseOf<'/api/v1/tickets'>;
export type InboxItem = ItemOf<InboxPage['items']>;
export type OfficeTicket = ResponseOf<'/api/v1/tickets/{id}'>;
export type FaqPreview = ResponseOf<'/api/v1/tickets/{id}/faq/preview', 'post'>;
export type TicketStats = ResponseOf<'/api/v1/tickets/statistics'>;
export type TransferBody = BodyOf<'/api/v1/tickets/{id}/transfer'>;
export type Credentials = { number: string; code: string };

const powHeaders = (pow: string | null): Record<string, string> => (pow ? { [POW_HEADER]: pow } : {});

/**
 * With attachments the body goes as multipart/form-data: the JSON in `data`, the files in `files`
 * (src/tickets/tickets.attachments.ts); without, as plain JSON.
 */
function multipart(body: object, files: File[]) {
  if (files.length === 0) return {};
  return {
    bodySerializer: () => {
      const form = new FormData();
      form.append('data', JSON.stringify(body));
      for (const file of files) form.append('files', file, file.name);
      return form;
    },
  };
}

const ticketPath = (id: string) => ({ params: { path: { id } } });

export const ticketsApi = {
  submit: (body: SubmitBody, files: File[], pow: string | null) =>
    call(
      client.POST('/api/v1/public/tickets', { body, headers: powHeaders(pow), ...multipart(body, files) }),
    ),
  lookup: (body: Credentials, pow: string | null) =>
    call(client.POST('/api/v1/public/tickets/lookup', { body, headers: powHeaders(pow) })),
  supplement: (body: Credentials & { text: string }, files: File[], pow: string | null) =>
    call(
      client.POST('/api/v1/public/tickets/supplement', {
        body,
        headers: powHeaders(pow),
        ...multipart(body, files),
      }),
    ),
  rate: (body: Credentials & { score: number; comment?: string }, pow: string | null) =>
    call(client.POST('/api/v1/public/tickets/rate', { body, headers: powHeaders(pow) })),
  faq: (query: QueryOf<'/api/v1/public/faq'>) =>
    call(client.GET('/api/v1/public/faq', { params: { query } })),
  inbox: (query: InboxQuery) => call(client.GET('/api/v1/tickets', { params: { query } })),
  ticket: (id: string) => call(client.GET('/api/v1/tickets/{id}', ticketPath(id))),
  reply: (id: string, body: BodyOf<'/api/v1/tickets/{id}/reply'>) =>
    call(client.POST('/api/v1/tickets/{id}/reply', { ...ticketPath(id), body })),
  requestInfo: (id: string, text: string) =>
    call(client.POST('/api/v1/tickets/{id}/request-info', { ...ticketPath(id), body: { text } })),
  transfer: (id: string, body: TransferBody) =>
    call(client.POST('/api/v1/tickets/{id}/transfer', { ...ticketPath(id), body })),
  assign: (id: string, userId: string | null) =>
    call(client.POST('/api/v1/tickets/{id}/assign', { ...ticketPath(id), body: { userId } })),
  colleagues: (id: string) => call(client.GET('/api/v1/tickets/{id}/colleagues', ticketPath(id))),
  close: (id: string, note?: string) =>
    call(client.POST('/api/v1/tickets/{id}/close', { ...ticketPath(id), body: note ? { note } : {} })),
  faqPreview: (id: string) =>
    call(client.POST('/api/v1/tickets/{id}/faq/preview', { ...ticketPath(id), body: {} })),
  faqPublish: (id: string, body: BodyOf<'/api/v1/tickets/{id}/faq/publish'>) =>
    call(client.POST('/api/v1/tickets/{id}/faq/publish', { ...ticketPath(id), body })),
  stats: (query: QueryOf<'/api/v1/tickets/statistics'>) =>
    call(client.GET('/api/v1/tickets/statistics', { params: { query } })),
};

/** Where an attachment downloads from (the browser sends the session cookie). */
export const attachmentUrl = (id: string, attachmentId: string) =>
  `/api/v1/tickets/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`;

/** The CSV export of the statistics, same filters. */
export const statsCsvUrl = (query: Record<string, string | undefined>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const qs = params.toString();
  return `/api/v1/tickets/statistics/export.csv${qs ? `?${qs}` : ''}`;
};
