import { z } from 'zod';

export const roles = [
  'system-admin',
  'department-admin',
  'province-admin',
  'institution-operator',
  'supervisor',
  'holder',
] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

export const departmentIds = ['mohrss', 'mohurd', 'mem', 'samr'] as const;
export type DepartmentId = (typeof departmentIds)[number];

/** Who is calling: a logged-in user, a user's API token, or the bootstrap admin token of design.md. */
export interface Principal {
  via: 'session' | 'token' | 'admin-token';
  userId: string | null;
  username: string;
  role: Role;
  department: string | null;
  province: string | null;
  institution: string | null;
  holderId: string | null;
  /**
   * A token bound to a department source (issue 5 §2) may call only routes that accept source tokens (the push
   * API) and public ones; absent or null for everyone else.
   */
  source?: string | null;
}

/**
 * What a route allows: anyone, or the listed roles (scope is then checked against the resource). Source-bound
 * tokens are refused unless the route sets `sourceTokens`.
 */
export type Access = { public: true } | { roles: readonly Role[]; sourceTokens?: true };

/** The resource a scoped check looks at: whichever of these the resource has. */
export interface ScopeTarget {
  department?: string | null;
  province?: string | null;
  institution?: string | null;
  holderId?: string | null;
}

const regionCode = z.string().regex(/^\d{2}0000$/, 'a province code like 310000 (GB/T 2260)');
const username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash, underscore');
// Long passphrases allowed; 10 characters minimum per common government password guidance.
const password = z.string().min(10, 'at least 10 characters').max(256);

export const createUserSchema = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(100),
  password,
  role: roleSchema,
  department: z.enum(departmentIds).optional(),
  province: regionCode.optional(),
  institution: z.string().trim().min(1).max(64).optional(),
  /** A holder account is bound to the registry's person with this ID number (实名): required for role holder. */
  holderIdType: z.enum(['resident', 'hk-macao-taiwan-permit', 'foreign-permanent', 'passport']).optional(),
  holderIdNumber: z.string().trim().min(5).max(32).optional(),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(100).optional(),
  isActive: z.boolean().optional(),
  password: password.optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const loginSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

/** A login throttle record as administrators see it (issue 15 §7); `lockedUntil` only while a delay is in force. */
export const loginThrottleViewSchema = z.object({
  kind: z.enum(['address', 'account-address', 'account']),
  username: z.string().nullable(),
  address: z.string().nullable(),
  failures: z.number().int(),
  lastFailureAt: z.string(),
  lockedUntil: z.string().nullable(),
});

export const createTokenSchema = z.strictObject({
  label: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const userViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  department: z.string().nullable(),
  province: z.string().nullable(),
  institution: z.string().nullable(),
  holderId: z.string().nullable(),
  isActive: z.boolean(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userViewSchema>;

/**
 * A user as the admins' list shows it: the operator's institution by name, not by id (issue 15 §4); null when the
 * user has no institution, or when the id names no filed institution (the page then says so).
 */
export const userListItemSchema = userViewSchema.extend({ institutionName: z.string().nullable() });
export type UserListItem = z.infer<typeof userListItemSchema>;

export const tokenViewSchema = z.object({
  id: z.string(),
  label: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  /** The department source the token may push to; null for an ordinary token. */
  source: z.string().nullable(),
});
export type TokenView = z.infer<typeof tokenViewSchema>;
