import type { Role } from '../../types';

/** Who answers tickets: the offices of departments and provinces (each sees its own; issue 14 §3). */
export const ticketOffices: Role[] = ['system-admin', 'department-admin', 'province-admin'];

/** Who reads the tickets' statistics (issue 14 §5), each in their scope. */
export const ticketAnalysts: Role[] = ['system-admin', 'department-admin', 'province-admin', 'supervisor'];
