import type { Role } from './types';

/** Who may search and read the certificate registry (the server narrows it to each one's scope). */
export const registryReaders: Role[] = ['system-admin', 'department-admin', 'province-admin', 'supervisor'];

/** Who may register certificates, singly or by import. */
export const registryWriters: Role[] = ['system-admin', 'department-admin'];

/** Who may draft, simulate and publish a provincial policy pack (a province admin only for their province). */
export const policyEditors: Role[] = ['system-admin', 'province-admin'];

/** Who files and manages evaluation institutions (a province admin only in their province; issue 6 §1). */
export const institutionManagers: Role[] = ['system-admin', 'province-admin'];

/** Who contributes to and reviews the unified question bank (a province admin in their province; issue 7 §1). */
export const bankEditors: Role[] = ['system-admin', 'province-admin'];

/** Who uses the institution console's plan pages (each sees the plans in their scope; issue 6 §5). */
export const planConsoleRoles: Role[] = [
  'system-admin',
  'province-admin',
  'institution-operator',
  'supervisor',
];

/** Who sees the statistics of 跟踪分析 (issue 8 §4), each in their own scope (the server narrows them). */
export const statisticsReaders: Role[] = ['system-admin', 'department-admin', 'province-admin', 'supervisor'];

/** Who reviews warnings (issue 8 §3): supervisors, and the filing authority that decides a proposed sanction. */
export const warningReviewers: Role[] = ['system-admin', 'supervisor', 'province-admin'];

/** Who watches evaluation activity live (issue 8 §1); a provincial supervisor their province only. */
export const liveWatchers: Role[] = ['system-admin', 'supervisor'];
