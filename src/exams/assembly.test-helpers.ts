import { newId } from '../shared/ids.ts';
import type { TestApp } from '../testing/app.ts';
import type { ItemType } from './assembly.model.ts';

/**
 * Fixtures of the assembly tests: bank items written straight into the bank's tables (the bank's own service is
 * tested with it), so a test chooses any status, version, difficulty and enemy set.
 */
export interface BankItemSpec {
  occupation?: string;
  level?: string;
  knowledgePoint: string;
  type?: ItemType;
  difficulty?: number;
  score?: number;
  status?: 'draft' | 'reviewed' | 'active' | 'retired';
  /** Versions written; the last one is current. */
  versions?: number;
}

export async function addBankItems(t: TestApp, n: number, spec: BankItemSpec): Promise<string[]> {
  const at = new Date();
  const ids = Array.from({ length: n }, () => newId());
  const versions = spec.versions ?? 1;
  if (n === 0) return ids;
  await t.db
    .insertInto('bank_items')
    .values(
      ids.map((id) => ({
        id,
        occupation: spec.occupation ?? '6-31-01-03',
        level: spec.level ?? '4',
        knowledge_point: spec.knowledgePoint,
        type: spec.type ?? 'single',
        status: spec.status ?? 'active',
        current_version: versions,
        province: '310000',
        created_by: 'test',
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
  await t.db
    .insertInto('bank_item_versions')
    .values(
      ids.flatMap((id) =>
        Array.from({ length: versions }, (_, v) => ({
          item_id: id,
          version: v + 1,
          stem: `${spec.knowledgePoint} 试题 v${v + 1}`,
          options: JSON.stringify(['A', 'B', 'C', 'D'].map((o) => ({ id: o, text: o }))),
          answer: JSON.stringify(['A']),
          score: spec.score ?? 1,
          difficulty: spec.difficulty ?? 0.5,
          created_by: 'test',
          created_at: at,
        })),
      ),
    )
    .execute();
  return ids;
}

export async function addEnemySet(t: TestApp, itemIds: readonly string[]): Promise<string> {
  const id = newId();
  await t.db
    .insertInto('bank_enemy_sets')
    .values({ id, name: '互斥题组', created_by: 'test', created_at: new Date() })
    .execute();
  await t.db
    .insertInto('bank_enemy_members')
    .values(itemIds.map((item_id) => ({ set_id: id, item_id })))
    .execute();
  return id;
}
