import type { Role } from './types';

/** Who may search and read the certificate registry (the server narrows it to each one's scope). */
export const registryReaders: Role[] = ['system-admin', 'department-admin', 'province-admin', 'supervisor'];

/** Who may register certificates, singly or by import. */
export const registryWriters: Role[] = ['system-admin', 'department-admin'];
