import type { SelectProps } from 'antd';
import type { Translate } from '../i18n';

type LabelRender = NonNullable<SelectProps['labelRender']>;

/**
 * A select's chosen value shown by its option's name, never by the raw value: a value prefilled from a link
 * (a certificate type id) has no option until the reference lists arrive, and antd would show the id meanwhile.
 * A worker never reads a type id (house rule from the last round's review).
 */
export function nameOnly(ready: boolean, t: Translate): LabelRender {
  return ({ label }) => label ?? (ready ? t('common.unknownOption') : t('common.loadingName'));
}
