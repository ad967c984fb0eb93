import assert from 'node:assert/strict';
import { residentIdCheckChar } from '../shared/identifiers.ts';
import type { TestApp } from '../testing/app.ts';
import type { SourceView } from './sources.model.ts';

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A valid 居民身份证 number (Beijing 东城区, born 1990-01-01) with serial `n` (1–999). */
export function residentId(n: number): string {
  const body = `11010119900101${String(n).padStart(3, '0')}`;
  return `${body}${residentIdCheckChar(body)}`;
}

/** A pushed 低压电工作业 record (MEM: number "T" + the holder's ID number), issued in Shanghai. */
export function memRecord(idNumber: string, overrides: Record<string, unknown> = {}) {
  return {
    holder: { name: '王小明', idType: 'resident', idNumber },
    validFrom: '2024-03-01',
    validUntil: '2030-02-28',
    issuer: { region: '310000', organization: '上海市应急管理局' },
    ...overrides,
  };
}

export async function addSource(t: TestApp, token: string, body: object): Promise<SourceView> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/sources',
    headers: bearer(token),
    payload: body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

/** A push token for the source, created by `token`'s holder (a system or department admin). */
export async function sourceToken(t: TestApp, token: string, sourceId: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/sources/${sourceId}/tokens`,
    headers: bearer(token),
    payload: { label: `${sourceId} push` },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().token;
}

export function put(t: TestApp, token: string, sourceId: string, type: string, number: string, body: object) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/v1/sources/${sourceId}/certificates/${type}/${encodeURIComponent(number)}`,
    headers: bearer(token),
    payload: body,
  });
}

export function batch(t: TestApp, token: string, sourceId: string, key: string | null, records: object[]) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/sources/${sourceId}/certificates/batch`,
    headers: { ...bearer(token), ...(key !== null && { 'idempotency-key': key }) },
    payload: { records },
  });
}
