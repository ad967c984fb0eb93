import { Button, Empty, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { institutionApi } from '../../institution-api';
import type { FilingAction, Institution, InstitutionFilter } from '../../institution-types';
import { useApiData } from '../../use-api-data';
import { FilingActionDialog } from './filing-action-dialog';
import { InstitutionDrawer } from './institution-drawer';
import { InstitutionFormModal } from './institution-form-modal';
import { InstitutionHistory } from './institution-history';
import { InstitutionFilters, useInstitutionColumns } from './institution-parts';
import { useInstitutionCatalog } from './use-institution-catalog';

const initialFilter: InstitutionFilter = { status: 'all' };

/** The steps the stored status allows (issue 6 §1); a withdrawn filing allows none. */
function actionsFor(institution: Institution): FilingAction[] {
  switch (institution.storedStatus) {
    case 'active':
      return ['renew', 'suspend', 'withdraw'];
    case 'suspended':
      return ['renew', 'reinstate', 'withdraw'];
    default:
      return [];
  }
}

function ActionButtons(props: {
  institution: Institution;
  onEdit: () => void;
  onAction: (action: FilingAction) => void;
}) {
  const { t } = useI18n();
  const actions = actionsFor(props.institution);
  return (
    <Space size={4} wrap>
      {actions.length > 0 ? (
        <Button size="small" onClick={props.onEdit} data-testid="institution-edit">
          {t('inst.edit')}
        </Button>
      ) : null}
      {actions.map((action) => (
        <Button
          key={action}
          size="small"
          danger={action === 'withdraw'}
          onClick={() => props.onAction(action)}
          data-testid={`institution-${action}`}
        >
          {t(`inst.action.${action}`)}
        </Button>
      ))}
    </Space>
  );
}

/**
 * 评价机构备案 (issue 6 §1): a province admin's register of their province's institutions (system admins see all),
 * in every status, with filing, editing, renewal, suspension, reinstatement, withdrawal and each filing's history.
 */
export function InstitutionAdminPage() {
  const { t } = useI18n();
  const catalog = useInstitutionCatalog();
  const [filter, setFilter] = useState<InstitutionFilter>(initialFilter);
  const [open, setOpen] = useState<Institution | null>(null);
  const [editing, setEditing] = useState<Institution | null>(null);
  const [isFiling, setIsFiling] = useState(false);
  const [pending, setPending] = useState<{ institution: Institution; action: FilingAction } | null>(null);
  const [changes, setChanges] = useState(0);
  const pages = useCursorPages(20);
  const { cursor, limit, reset } = pages;
  const load = useCallback(
    () => institutionApi.list({ ...filter, limit, ...(cursor && { cursor }) }),
    [filter, limit, cursor],
  );
  const { data, error, isLoading, reload } = useApiData(load);

  // After any change: the list, the open drawer and its history show the saved filing.
  const saved = (institution: Institution) => {
    setEditing(null);
    setIsFiling(false);
    setPending(null);
    setOpen((current) => (current?.id === institution.id ? institution : current));
    setChanges((n) => n + 1);
    reload();
  };
  // The filing's actions stay at the right edge of the screen however wide the scope column grows (issue 15 §1).
  const actionsColumn: TableColumnsType<Institution>[number] = {
    key: 'actions',
    title: t('common.actions'),
    fixed: 'right',
    width: 190,
    render: (_, row) => (
      <ActionButtons
        institution={row}
        onEdit={() => setEditing(row)}
        onAction={(action) => setPending({ institution: row, action })}
      />
    ),
  };
  const columns = [...useInstitutionColumns(catalog, { onOpen: setOpen, withStatus: true }), actionsColumn];

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('inst.adminTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('inst.adminSubtitle')}</Typography.Paragraph>
      <InstitutionFilters
        catalog={catalog}
        withStatus
        initial={initialFilter}
        onSearch={(next) => {
          setFilter({ status: 'all', ...next });
          reset();
        }}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => setIsFiling(true)} data-testid="file-institution">
          {t('inst.file')}
        </Button>
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Institution>
        rowKey="id"
        size="middle"
        loading={isLoading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 1200 }}
        locale={{ emptyText: <Empty description={t('inst.none')} /> }}
        data-testid="institution-admin-table"
      />
      <CursorPager
        page={pages.page}
        limit={limit}
        next={data?.next}
        isLoading={isLoading}
        onPrev={pages.goPrev}
        onNext={pages.goNext}
        onLimit={pages.setLimit}
      />
      <InstitutionDrawer
        institution={open}
        catalog={catalog}
        onClose={() => setOpen(null)}
        extra={
          open ? (
            <ActionButtons
              institution={open}
              onEdit={() => setEditing(open)}
              onAction={(action) => setPending({ institution: open, action })}
            />
          ) : null
        }
      >
        {open ? (
          <div>
            <Typography.Title level={5}>{t('inst.history')}</Typography.Title>
            <InstitutionHistory id={open.id} refresh={changes} />
          </div>
        ) : null}
      </InstitutionDrawer>
      <InstitutionFormModal
        open={isFiling || editing !== null}
        institution={editing}
        catalog={catalog}
        onClose={() => {
          setIsFiling(false);
          setEditing(null);
        }}
        onSaved={saved}
      />
      <FilingActionDialog
        institution={pending?.institution ?? null}
        action={pending?.action ?? null}
        onClose={() => setPending(null)}
        onDone={saved}
      />
    </div>
  );
}
