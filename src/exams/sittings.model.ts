/**
 * Sittings of an exam plan (issue 6 §2, §4): a date and time at one of a participating institution's sites, with a
 * capacity; registrations book places (`booked`, never above `capacity` — a CHECK in the schema). A joint plan's
 * sittings are one schedule across its institutions' sites.
 */
import { z } from 'zod';

export interface Sitting {
  id: string;
  planId: string;
  institutionId: string;
  siteId: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  booked: number;
  createdAt: Date;
}

/** A sitting with the site it takes place at, as the plan page shows it. */
export interface SittingWithSite extends Sitting {
  site: { id: string; name: string; address: string; region: string };
}

// Times carry their offset (sittings are announced in China Standard Time, e.g. 2027-03-20T09:00:00+08:00).
const instant = z.iso.datetime({ offset: true });
const capacity = z.number().int().min(1).max(10_000);

export const createSittingSchema = z.strictObject({
  institutionId: z.uuid(),
  /** A site of that institution. */
  siteId: z.uuid(),
  startsAt: instant,
  endsAt: instant,
  capacity,
});
export type CreateSittingInput = z.infer<typeof createSittingSchema>;

/** Capacity never below the places booked; times only while none are booked. */
export const updateSittingSchema = z
  .strictObject({ startsAt: instant.optional(), endsAt: instant.optional(), capacity: capacity.optional() })
  .refine((s) => s.startsAt !== undefined || s.endsAt !== undefined || s.capacity !== undefined, {
    message: 'change startsAt, endsAt or capacity',
  });
export type UpdateSittingInput = z.infer<typeof updateSittingSchema>;

export const sittingParamsSchema = z.object({ id: z.uuid(), sittingId: z.uuid() });
