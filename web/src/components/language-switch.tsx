import { Button } from 'antd';
import { useI18n } from '../i18n';

/** Shows the other language's name: `EN` while in Chinese, `中文` while in English. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Button
      size="small"
      title={t('lang.switchLabel')}
      data-testid="language-switch"
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
    >
      {t('lang.switch')}
    </Button>
  );
}
