/**
 * The client-side check of a resident ID number (GB 11643-1999) before a query is sent: 18 characters with the
 * check character (ISO 7064 MOD 11-2), or a legacy 15-digit number. The server checks again (province, birth date).
 * No imports: this file also runs under node:test.
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

export type ResidentIdProblem = 'length' | 'charset' | 'check-digit';

export function residentIdProblem(value: string): ResidentIdProblem | null {
  const id = value.trim().toUpperCase();
  if (id.length === 15) return /^\d{15}$/.test(id) ? null : 'charset';
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'charset';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (weights[i] ?? 0);
  return checkChars[sum % 11] === id[17] ? null : 'check-digit';
}
