import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';

/** A multipart body with one file field, built by hand so the test sends exactly what a browser sends. */
export function multipartFile(filename: string, content: Buffer | string, contentType = 'text/csv') {
  const boundary = `----hutong${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function uploadAndWait(
  app: FastifyInstance,
  token: string,
  filename: string,
  content: Buffer | string,
  acceptValid = false,
) {
  const body = multipartFile(filename, content);
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/imports?acceptValid=${acceptValid}`,
    headers: { ...body.headers, authorization: `Bearer ${token}` },
    payload: body.payload,
  });
  assert.equal(res.statusCode, 202, res.body);
  const { id } = res.json() as { id: string };
  for (let i = 0; i < 600; i++) {
    const status = await app.inject({
      method: 'GET',
      url: `/api/v1/imports/${id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    const job = status.json();
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

export const header =
  'certificate_type,certificate_number,holder_name,id_type,id_number,valid_from,valid_until,status,issuer_region,issuer_org,occupation,level';
