import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import type { PolicyEntry, PolicyVersionSummary } from '../../policy-types';
import type { RecognitionCatalog } from '../recognition/use-recognition-catalog';

/** A province admin edits their own province's pack; a system admin any province's. The national pack is a file. */
export function useCanEditPolicy(): (id: string) => boolean {
  const { user } = useAuth();
  return (id) =>
    /^\d{6}$/.test(id) &&
    (user?.role === 'system-admin' || (user?.role === 'province-admin' && user.province === id));
}

/** 全国, or the province's name and code. */
export function usePolicyName(catalog: RecognitionCatalog): (id: string) => string {
  const { t } = useI18n();
  return (id) => (id === 'national' ? t('pol.national') : `${catalog.regionName(id)} ${id}`);
}

/** Versions are `YYYY-MM`, `YYYY-MM-DD` or a day's drafts `YYYY-MM-DD.N`: compared part by part as numbers. */
export function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The versions, newest first. */
export function sortedVersions(entry: PolicyEntry | undefined): PolicyVersionSummary[] {
  return [...(entry?.versions ?? [])].sort((a, b) => compareVersions(b.version, a.version));
}

/** The highest version, of `status` if given. */
export function newestOf(
  entry: PolicyEntry | undefined,
  status?: PolicyVersionSummary['status'],
): PolicyVersionSummary | undefined {
  return sortedVersions(entry).find((v) => !status || v.status === status);
}

/** The published version in force today (a file has no date: always), else the newest published one. */
export function inForce(entry: PolicyEntry | undefined, today: string): PolicyVersionSummary | undefined {
  const published = sortedVersions(entry).filter((v) => v.status === 'published');
  const started = published
    .filter((v) => v.effectiveFrom === null || v.effectiveFrom <= today)
    .sort(
      (a, b) =>
        compareVersions(b.effectiveFrom ?? '', a.effectiveFrom ?? '') ||
        compareVersions(b.version, a.version),
    );
  return started[0] ?? published[0];
}

/** Today's date in China (UTC+8), as the server dates policies. */
export function todayInChina(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
