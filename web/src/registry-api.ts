import { requestFile, requestUpload, withQuery } from './api';
import { call, client } from './api/client';
import type {
  Certificate,
  CertificateDetail,
  CertificateFilter,
  Holder,
  ImportView,
  NewCertificate,
} from './registry-types';
import type { Page } from './types';

export type LifecycleAction = 'suspend' | 'reinstate' | 'revoke';

const id = (value: string) => ({ path: { id: value } });

/**
 * The certificate registry: search, lifecycle, holders and bulk imports (issue 3). File downloads and the upload
 * stay on `requestFile` / `requestUpload`: the OpenAPI document describes neither a multipart body nor a file.
 */
export const registryApi = {
  searchCertificates: (filter: CertificateFilter & { limit?: number; cursor?: string }) =>
    call(client.POST('/api/v1/certificates/search', { body: filter })) as Promise<Page<Certificate>>,
  exportCertificates: (filter: CertificateFilter, format: 'csv' | 'xlsx') =>
    requestFile('POST', '/certificates/export', { ...filter, format }),
  createCertificate: (certificate: NewCertificate) =>
    call(client.POST('/api/v1/certificates', { body: certificate })) as Promise<Certificate>,
  // Narrowed holder.idType: see Holder.
  certificate: (certificateId: string) =>
    call(
      client.GET('/api/v1/certificates/{id}', { params: id(certificateId) }),
    ) as Promise<CertificateDetail>,
  changeStatus: (certificateId: string, action: LifecycleAction, reason: string) =>
    call(
      client.POST(`/api/v1/certificates/{id}/${action}`, { params: id(certificateId), body: { reason } }),
    ) as Promise<Certificate>,
  renew: (certificateId: string, validUntil: string, reason?: string) =>
    call(
      client.POST('/api/v1/certificates/{id}/renew', {
        params: id(certificateId),
        body: reason ? { validUntil, reason } : { validUntil },
      }),
    ) as Promise<Certificate>,

  holder: (holderId: string) =>
    call(client.GET('/api/v1/holders/{id}', { params: id(holderId) })) as Promise<{
      holder: Holder;
      certificates: Certificate[];
    }>,

  startImport: (file: File, acceptValid: boolean) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return requestUpload<{ id: string }>(withQuery('/imports', { acceptValid: String(acceptValid) }), form);
  },
  listImports: (query: { limit?: number; cursor?: string }) =>
    // The page types its rows as ImportView though the list sends ImportSummary (no errors): see the report.
    call(client.GET('/api/v1/imports', { params: { query } })) as Promise<Page<ImportView>>,
  import: (importId: string) => call(client.GET('/api/v1/imports/{id}', { params: id(importId) })),
  importErrors: (importId: string) =>
    requestFile('GET', `/imports/${encodeURIComponent(importId)}/errors.csv`),
};

/** Saves a downloaded file through a temporary object URL and a clicked `<a download>`. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
