import { Typography } from 'antd';
import { useI18n } from '../i18n';

/** A name in the current language, with the other language beside it in grey. */
export function Bilingual({ zh, en }: { zh: string; en: string | null | undefined }) {
  const { lang } = useI18n();
  const [main, other] = lang === 'en' && en ? [en, zh] : [zh, en];
  return (
    <span>
      {main}
      {other && other !== main ? (
        <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
          {other}
        </Typography.Text>
      ) : null}
    </span>
  );
}
