import { App, Button, Modal, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../../components/error-alert';
import { credentialApi, qrSvgUrl, verifyPath } from '../../credential-api';
import type { IssuedCredential } from '../../credential-types';
import { useI18n } from '../../i18n';
import { saveFile } from '../../registry-api';
import type { Certificate } from '../../registry-types';

/** `<number>.jwt`, or `<certificate id>.jwt` when the number is masked or has characters a file name should not. */
export function credentialFilename(certificate: Pick<Certificate, 'id' | 'number'>): string {
  const isPlain = /^[A-Za-z0-9._-]{1,64}$/.test(certificate.number);
  return `${isPlain ? certificate.number : certificate.id}.jwt`;
}

/** Download, QR, print and verify for one of the holder's certificates; the credential is fetched on first use. */
export function CredentialActions({ certificate }: { certificate: Certificate }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [issued, setIssued] = useState<IssuedCredential | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [isQrOpen, setIsQrOpen] = useState(false);

  const withCredential = async (use: (c: IssuedCredential) => void) => {
    if (issued) return use(issued);
    setIsBusy(true);
    try {
      const c = await credentialApi.forCertificate(certificate.id);
      setIssued(c);
      use(c);
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setIsBusy(false);
    }
  };

  const testId = (action: string) => `${action}-${certificate.id}`;
  return (
    <Space wrap size="small">
      <Button
        size="small"
        loading={isBusy}
        data-testid={testId('download')}
        onClick={() =>
          withCredential((c) =>
            saveFile(new Blob([c.credential], { type: 'text/plain' }), credentialFilename(certificate)),
          )
        }
      >
        {t('mine.download')}
      </Button>
      <Button size="small" data-testid={testId('qr')} onClick={() => withCredential(() => setIsQrOpen(true))}>
        {t('mine.qr')}
      </Button>
      <Button
        size="small"
        data-testid={testId('print')}
        onClick={() => withCredential((c) => navigate(`/print/${c.id}`))}
      >
        {t('mine.print')}
      </Button>
      <Button
        size="small"
        data-testid={testId('verify')}
        onClick={() => withCredential((c) => navigate(verifyPath(c)))}
      >
        {t('mine.verify')}
      </Button>
      <Modal
        open={isQrOpen && issued !== null}
        title={t('mine.qrTitle', { number: certificate.number })}
        footer={null}
        onCancel={() => setIsQrOpen(false)}
      >
        {issued ? (
          <div style={{ textAlign: 'center' }}>
            <img
              src={qrSvgUrl(issued.id)}
              alt={t('mine.qr')}
              data-testid="qr-image-view"
              style={{ width: 240, height: 240 }}
            />
            <div style={{ wordBreak: 'break-all', fontSize: 12 }}>{issued.qr.text}</div>
          </div>
        ) : null}
      </Modal>
    </Space>
  );
}
