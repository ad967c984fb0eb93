import { request, requestFile, requestUpload, withQuery } from './api';
import type {
  Certificate,
  CertificateDetail,
  CertificateFilter,
  Holder,
  ImportView,
  NewCertificate,
} from './registry-types';
import type { Page } from './types';

const enc = encodeURIComponent;

export type LifecycleAction = 'suspend' | 'reinstate' | 'revoke';

/** The certificate registry: search, lifecycle, holders and bulk imports (issue 3). */
export const registryApi = {
  searchCertificates: (filter: CertificateFilter & { limit?: number; cursor?: string }) =>
    request<Page<Certificate>>('POST', '/certificates/search', filter),
  exportCertificates: (filter: CertificateFilter, format: 'csv' | 'xlsx') =>
    requestFile('POST', '/certificates/export', { ...filter, format }),
  createCertificate: (certificate: NewCertificate) =>
    request<Certificate>('POST', '/certificates', certificate),
  certificate: (id: string) => request<CertificateDetail>('GET', `/certificates/${enc(id)}`),
  changeStatus: (id: string, action: LifecycleAction, reason: string) =>
    request<Certificate>('POST', `/certificates/${enc(id)}/${action}`, { reason }),
  renew: (id: string, validUntil: string, reason?: string) =>
    request<Certificate>(
      'POST',
      `/certificates/${enc(id)}/renew`,
      reason ? { validUntil, reason } : { validUntil },
    ),

  holder: (id: string) =>
    request<{ holder: Holder; certificates: Certificate[] }>('GET', `/holders/${enc(id)}`),

  startImport: (file: File, acceptValid: boolean) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return requestUpload<{ id: string }>(withQuery('/imports', { acceptValid: String(acceptValid) }), form);
  },
  listImports: (query: { limit?: number; cursor?: string }) =>
    request<Page<ImportView>>('GET', withQuery('/imports', query)),
  import: (id: string) => request<ImportView>('GET', `/imports/${enc(id)}`),
  importErrors: (id: string) => requestFile('GET', `/imports/${enc(id)}/errors.csv`),
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
