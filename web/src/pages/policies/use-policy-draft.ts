import { useCallback, useEffect, useState } from 'react';
import { isNationalPack, type ProvincialRows } from '../../policy-types';
import { recognitionApi } from '../../recognition-api';
import { useApiData } from '../../use-api-data';
import { inForce, newestOf, todayInChina } from './policy-utils';

const loadPolicies = () => recognitionApi.policies();

const emptyRows: ProvincialRows = { overrides: [], correspondence: [], oneExamMultiCert: [] };

/**
 * The province's draft being edited: its versions from the policy list, the draft's rows as a local copy the
 * tables change, and saving that copy back with `PUT`.
 */
export function usePolicyDraft(region: string) {
  const list = useApiData(loadPolicies);
  const entry = list.data?.items.find((item) => item.id === region);
  const [created, setCreated] = useState<string>();
  const draft = created ?? newestOf(entry, 'draft')?.version;
  /** What the draft is compared and simulated against: the version in force. */
  const published = inForce(entry, todayInChina())?.version;

  const loadDraft = useCallback(
    () => (draft ? recognitionApi.policyVersion(region, draft) : Promise.resolve(undefined)),
    [region, draft],
  );
  const version = useApiData(loadDraft);
  const [rows, setRows] = useState<ProvincialRows>(emptyRows);
  const [isDirty, setIsDirty] = useState(false);
  /** Bumped on every save, so views of the saved draft (diff, simulation) start again. */
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    const pack = version.data?.pack;
    if (!pack || isNationalPack(pack)) return;
    setRows({
      overrides: pack.overrides ?? [],
      correspondence: pack.correspondence ?? [],
      oneExamMultiCert: pack.oneExamMultiCert ?? [],
    });
    setIsDirty(false);
  }, [version.data]);

  const change = useCallback((next: ProvincialRows) => {
    setRows(next);
    setIsDirty(true);
  }, []);

  const create = useCallback(async () => {
    const result = await recognitionApi.createDraft(region);
    setCreated(result.version);
    list.reload();
  }, [region, list.reload]);

  const save = useCallback(async () => {
    if (!draft) return;
    await recognitionApi.saveDraft(region, draft, rows);
    setIsDirty(false);
    setRevision((r) => r + 1);
  }, [region, draft, rows]);

  const afterPublish = useCallback(() => {
    setCreated(undefined);
    list.reload();
  }, [list.reload]);

  return {
    list,
    entry,
    draft,
    published,
    version,
    rows,
    isDirty,
    revision,
    change,
    create,
    save,
    /** After publishing: the draft is a published version now. */
    afterPublish,
  };
}
