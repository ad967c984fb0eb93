import { withQuery } from '../../api';
import { call, client, type ItemOf, type QueryOf, type ResponseOf } from '../../api/client';

/**
 * Live monitoring (issue 8 §1): the activity snapshot through the client generated from the server's schemas
 * (issue 15 item 10), and the URL of its server-sent-events stream.
 */
export type Activity = ResponseOf<'/api/v1/supervision/activity'>;
export type ActivePlan = ItemOf<Activity['plans']>;
export type LiveSitting = ItemOf<Activity['sittings']>;
export type SittingPhase = LiveSitting['phase'];
/** An `exam` frame of the stream carries the same event as the snapshot's list. */
export type LiveEvent = ItemOf<Activity['events']>;
export type LiveFilter = QueryOf<'/api/v1/supervision/activity'>;

/**
 * A `warning` frame of the stream (src/supervision/live.model.ts `warningChangeSchema`). The stream is one
 * text/event-stream route, so OpenAPI does not describe its frames; this names the fields the page reads.
 */
export interface WarningChange {
  id: string;
  isOpen: boolean;
  summary: string;
}

export const liveApi = {
  activity: (filter: LiveFilter) =>
    call(client.GET('/api/v1/supervision/activity', { params: { query: filter } })),
  /** Same origin, so an EventSource sends the session cookie, which the API accepts like a bearer token. */
  streamUrl: (filter: LiveFilter) => withQuery('/api/v1/supervision/live', { ...filter }),
};
