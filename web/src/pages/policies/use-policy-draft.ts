import { useCallback, useEffect, useState } from 'react';
import {
  type DepartmentRule,
  isDepartmentPack,
  isNationalPack,
  type ProvincialRows,
  policyOwnerOf,
} from '../../policy-types';
import { recognitionApi } from '../../recognition-api';
import { useApiData } from '../../use-api-data';
import { policyApi } from './policy-api';
import { inForce, newestDraftOf, todayInChina } from './policy-utils';

const loadPolicies = () => recognitionApi.policies();

const emptyRows: ProvincialRows = { overrides: [], correspondence: [], oneExamMultiCert: [] };

/**
 * The draft being edited, of a province's pack or a department's 特别规定: its versions from the policy list, its
 * rows as a local copy the tables change, and saving that copy back with `PUT`.
 */
export function usePolicyDraft(id: string) {
  const owner = policyOwnerOf(id);
  const list = useApiData(loadPolicies);
  const entry = list.data?.items.find((item) => item.id === id);
  const [created, setCreated] = useState<string>();
  const draft = created ?? newestDraftOf(entry)?.version;
  /** What the draft is compared and simulated against: the version in force. */
  const published = inForce(entry, todayInChina())?.version;

  const loadDraft = useCallback(
    () => (draft ? recognitionApi.policyVersion(id, draft) : Promise.resolve(undefined)),
    [id, draft],
  );
  const version = useApiData(loadDraft);
  const [rows, setRows] = useState<ProvincialRows>(emptyRows);
  const [rules, setRules] = useState<DepartmentRule[]>([]);
  const [isDirty, setIsDirty] = useState(false);
  /** Bumped on every save, so views of the saved draft (diff, simulation) start again. */
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    const pack = version.data?.pack;
    if (!pack || isNationalPack(pack)) return;
    if (isDepartmentPack(pack)) setRules(pack.rules ?? []);
    else
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

  const changeRules = useCallback((next: DepartmentRule[]) => {
    setRules(next);
    setIsDirty(true);
  }, []);

  const create = useCallback(async () => {
    const result = await policyApi.createDraft(id);
    setCreated(result.version);
    list.reload();
  }, [id, list.reload]);

  const save = useCallback(async () => {
    if (!draft) return;
    await policyApi.saveDraft(id, draft, owner?.kind === 'department' ? { rules } : rows);
    setIsDirty(false);
    setRevision((r) => r + 1);
    // An edit of a draft awaiting co-signatures withdraws the request: reload its status.
    version.reload();
    list.reload();
  }, [id, draft, owner?.kind, rules, rows, version.reload, list.reload]);

  /** After a co-signature step: the version's status and signatures changed on the server. */
  const refresh = useCallback(() => {
    version.reload();
    list.reload();
  }, [version.reload, list.reload]);

  const afterPublish = useCallback(() => {
    setCreated(undefined);
    list.reload();
  }, [list.reload]);

  return {
    owner,
    list,
    entry,
    draft,
    published,
    version,
    rows,
    rules,
    isDirty,
    revision,
    change,
    changeRules,
    create,
    save,
    refresh,
    /** After publishing: the draft is a published version now. */
    afterPublish,
  };
}
