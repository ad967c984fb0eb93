import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from './app-layout';
import { RequireRole } from './components/require-role';
import { ticketAnalysts, ticketOffices } from './pages/tickets/ticket-roles';
import {
  bankEditors,
  institutionManagers,
  liveWatchers,
  planConsoleRoles,
  policyEditors,
  registryReaders,
  registryWriters,
  statisticsReaders,
  warningReviewers,
} from './roles';

// One chunk per page, loaded the first time the page is opened.
const LoginPage = lazy(() => import('./pages/login-page').then((m) => ({ default: m.LoginPage })));
const CatalogPage = lazy(() =>
  import('./pages/catalog/catalog-page').then((m) => ({ default: m.CatalogPage })),
);
const UsersPage = lazy(() => import('./pages/users/users-page').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('./pages/audit/audit-page').then((m) => ({ default: m.AuditPage })));
const JobsPage = lazy(() => import('./pages/jobs/jobs-page').then((m) => ({ default: m.JobsPage })));
const CertificatesPage = lazy(() =>
  import('./pages/registry/certificates-page').then((m) => ({ default: m.CertificatesPage })),
);
const CertificateDetailPage = lazy(() =>
  import('./pages/registry/certificate-detail-page').then((m) => ({ default: m.CertificateDetailPage })),
);
const HolderPage = lazy(() =>
  import('./pages/registry/holder-page').then((m) => ({ default: m.HolderPage })),
);
const RecognitionPage = lazy(() =>
  import('./pages/recognition/recognition-page').then((m) => ({ default: m.RecognitionPage })),
);
const PoliciesPage = lazy(() =>
  import('./pages/policies/policies-page').then((m) => ({ default: m.PoliciesPage })),
);
const PolicyEditorPage = lazy(() =>
  import('./pages/policies/policy-editor-page').then((m) => ({ default: m.PolicyEditorPage })),
);
const ImportPage = lazy(() => import('./pages/imports/import-page').then((m) => ({ default: m.ImportPage })));
const QueryPage = lazy(() => import('./pages/query/query-page').then((m) => ({ default: m.QueryPage })));
const VerifyPage = lazy(() => import('./pages/verify/verify-page').then((m) => ({ default: m.VerifyPage })));
const PrintPage = lazy(() => import('./pages/print/print-page').then((m) => ({ default: m.PrintPage })));
const MyCredentialsPage = lazy(() =>
  import('./pages/credentials/my-credentials-page').then((m) => ({ default: m.MyCredentialsPage })),
);
const InstitutionsPage = lazy(() =>
  import('./pages/institutions/institutions-page').then((m) => ({ default: m.InstitutionsPage })),
);
const InstitutionAdminPage = lazy(() =>
  import('./pages/institutions/institution-admin-page').then((m) => ({ default: m.InstitutionAdminPage })),
);
const BankPage = lazy(() => import('./pages/bank/bank-page').then((m) => ({ default: m.BankPage })));
const IssuanceRequestsPage = lazy(() =>
  import('./pages/issuance/issuance-requests-page').then((m) => ({ default: m.IssuanceRequestsPage })),
);
const ExamsPage = lazy(() => import('./pages/exams/exams-page').then((m) => ({ default: m.ExamsPage })));
const PlanDetailPage = lazy(() =>
  import('./pages/exams/plan-detail-page').then((m) => ({ default: m.PlanDetailPage })),
);
const MyRegistrationsPage = lazy(() =>
  import('./pages/exams/my-registrations-page').then((m) => ({ default: m.MyRegistrationsPage })),
);
const ExamAttemptPage = lazy(() =>
  import('./pages/exams/exam-attempt-page').then((m) => ({ default: m.ExamAttemptPage })),
);
const ConsolePlansPage = lazy(() =>
  import('./pages/console/plans-page').then((m) => ({ default: m.PlansPage })),
);
const ConsolePlanNewPage = lazy(() =>
  import('./pages/console/plan-new-page').then((m) => ({ default: m.PlanNewPage })),
);
const ConsolePlanPage = lazy(() =>
  import('./pages/console/plan-page').then((m) => ({ default: m.PlanPage })),
);
const WarningsPage = lazy(() =>
  import('./pages/supervision/warnings-page').then((m) => ({ default: m.WarningsPage })),
);
const WarningsInboxPage = lazy(() =>
  import('./pages/console/warnings-inbox-page').then((m) => ({ default: m.WarningsInboxPage })),
);
const StatisticsPage = lazy(() =>
  import('./pages/statistics/statistics-page').then((m) => ({ default: m.StatisticsPage })),
);
const LivePage = lazy(() => import('./pages/supervision/live-page').then((m) => ({ default: m.LivePage })));
const DecisionPage = lazy(() =>
  import('./pages/decisions/decision-page').then((m) => ({ default: m.DecisionPage })),
);
const DecisionPrintPage = lazy(() =>
  import('./pages/decisions/decision-print-page').then((m) => ({ default: m.DecisionPrintPage })),
);
const DesignationsPage = lazy(() =>
  import('./pages/catalog/designations-page').then((m) => ({ default: m.DesignationsPage })),
);
// 回应关切 (issue 14): the explainer, the FAQ, questions and complaints, and the offices' inbox.
const ExplainIndexPage = lazy(() =>
  import('./pages/explain/explain-index-page').then((m) => ({ default: m.ExplainIndexPage })),
);
const ExplainTypePage = lazy(() =>
  import('./pages/explain/explain-type-page').then((m) => ({ default: m.ExplainTypePage })),
);
const ExplainRegionPage = lazy(() =>
  import('./pages/explain/explain-region-page').then((m) => ({ default: m.ExplainRegionPage })),
);
const ExplainChangesPage = lazy(() =>
  import('./pages/explain/explain-changes-page').then((m) => ({ default: m.ExplainChangesPage })),
);
const FaqPage = lazy(() => import('./pages/faq/faq-page').then((m) => ({ default: m.FaqPage })));
const TicketNewPage = lazy(() =>
  import('./pages/tickets/ticket-new-page').then((m) => ({ default: m.TicketNewPage })),
);
const TicketLookupPage = lazy(() =>
  import('./pages/tickets/ticket-lookup-page').then((m) => ({ default: m.TicketLookupPage })),
);
const TicketsInboxPage = lazy(() =>
  import('./pages/tickets/tickets-inbox-page').then((m) => ({ default: m.TicketsInboxPage })),
);
const TicketStatsPage = lazy(() =>
  import('./pages/tickets/ticket-stats-page').then((m) => ({ default: m.TicketStatsPage })),
);
const NotFoundPage = lazy(() => import('./pages/not-found-page').then((m) => ({ default: m.NotFoundPage })));

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to="/catalog" replace /> },
      { path: 'catalog', element: <CatalogPage /> },
      { path: 'recognition', element: <RecognitionPage /> },
      { path: 'policies', element: <PoliciesPage /> },
      // Public: 一网通查, the printable certificate, and verification (where a printed QR code lands: /v/…).
      { path: 'query', element: <QueryPage /> },
      { path: 'print/:credentialId', element: <PrintPage /> },
      { path: 'verify', element: <VerifyPage /> },
      { path: 'v/:credentialId', element: <VerifyPage /> },
      // Public 机构查询; the filing register for province and system admins (issue 6 §1).
      { path: 'institutions', element: <InstitutionsPage /> },
      {
        path: 'admin/institutions',
        element: (
          <RequireRole roles={institutionManagers}>
            <InstitutionAdminPage />
          </RequireRole>
        ),
      },
      // 统一题库 for province and system admins (issue 7 §1, §7).
      {
        path: 'bank',
        element: (
          <RequireRole roles={bankEditors}>
            <BankPage />
          </RequireRole>
        ),
      },
      // 考试报名: plans are public; registering is a holder's (issue 6 §5).
      { path: 'exams', element: <ExamsPage /> },
      { path: 'exams/:planId', element: <PlanDetailPage /> },
      // The institution console (issue 6 §5): each role sees the plans in its scope; the API decides.
      ...[
        { path: 'console/plans', page: <ConsolePlansPage /> },
        { path: 'console/plans/new', page: <ConsolePlanNewPage /> },
        { path: 'console/plans/:id', page: <ConsolePlanPage /> },
      ].map(({ path, page }) => ({
        path,
        element: <RequireRole roles={planConsoleRoles}>{page}</RequireRole>,
      })),
      // 跟踪分析 (issue 8 §4): figures in each reader's scope; ECharts and the province map load with this page only.
      {
        path: 'statistics',
        element: (
          <RequireRole roles={statisticsReaders}>
            <StatisticsPage />
          </RequireRole>
        ),
      },
      // 实时监控 (issue 8 §1): evaluation activity pushed to the page as it happens.
      {
        path: 'supervision/live',
        element: (
          <RequireRole roles={liveWatchers}>
            <LivePage />
          </RequireRole>
        ),
      },
      // 督导预警 for reviewers, 预警反馈 for the institution it was sent to (issue 8 §3); `?warning=` opens one.
      {
        path: 'supervision/warnings',
        element: (
          <RequireRole roles={warningReviewers}>
            <WarningsPage />
          </RequireRole>
        ),
      },
      {
        path: 'console/warnings',
        element: (
          <RequireRole roles={['institution-operator']}>
            <WarningsInboxPage />
          </RequireRole>
        ),
      },
      // 一试多证 requests a department issues with its own number (issue 13 item 8).
      {
        path: 'console/issuance-requests',
        element: (
          <RequireRole roles={registryWriters}>
            <IssuanceRequestsPage />
          </RequireRole>
        ),
      },
      {
        path: 'my/registrations',
        element: (
          <RequireRole roles={['holder']}>
            <MyRegistrationsPage />
          </RequireRole>
        ),
      },
      // The candidate's computer-based theory exam (issue 7 §3).
      {
        path: 'exam/:registrationId',
        element: (
          <RequireRole roles={['holder']}>
            <ExamAttemptPage />
          </RequireRole>
        ),
      },
      // 互认决定书 (issue 13 item 7): the decision with its intake outcomes, and its printable signed form.
      {
        path: 'decisions/:decisionId',
        element: (
          <RequireRole roles={['system-admin', 'department-admin', 'province-admin', 'supervisor', 'holder']}>
            <DecisionPage />
          </RequireRole>
        ),
      },
      {
        path: 'decisions/:decisionId/print',
        element: (
          <RequireRole roles={['system-admin', 'department-admin', 'province-admin', 'holder']}>
            <DecisionPrintPage />
          </RequireRole>
        ),
      },
      {
        path: 'my/credentials',
        element: (
          <RequireRole roles={['holder']}>
            <MyCredentialsPage />
          </RequireRole>
        ),
      },
      // A department admin edits its 特别规定 and reads (co-signs) the provincial drafts concerning it (issue 13 §2–3).
      {
        path: 'policies/:id/edit',
        element: (
          <RequireRole roles={[...policyEditors, 'department-admin']}>
            <PolicyEditorPage />
          </RequireRole>
        ),
      },
      // 省级认定 (issue 13 §4): kept by the issuing department's admins (住建); the page shows others read-only.
      {
        path: 'designations',
        element: (
          <RequireRole roles={['system-admin', 'department-admin']}>
            <DesignationsPage />
          </RequireRole>
        ),
      },
      {
        path: 'certificates',
        element: (
          <RequireRole roles={registryReaders}>
            <CertificatesPage />
          </RequireRole>
        ),
      },
      {
        path: 'certificates/:id',
        element: (
          <RequireRole roles={registryReaders}>
            <CertificateDetailPage />
          </RequireRole>
        ),
      },
      {
        path: 'holders/:id',
        element: (
          <RequireRole roles={registryReaders}>
            <HolderPage />
          </RequireRole>
        ),
      },
      {
        path: 'imports',
        element: (
          <RequireRole roles={registryWriters}>
            <ImportPage />
          </RequireRole>
        ),
      },
      {
        path: 'admin/users',
        element: (
          <RequireRole roles={['system-admin']}>
            <UsersPage />
          </RequireRole>
        ),
      },
      {
        path: 'admin/audit',
        element: (
          <RequireRole roles={['system-admin']}>
            <AuditPage />
          </RequireRole>
        ),
      },
      // 后台任务 (issue 16 §2): the job queue, its failures and retries.
      {
        path: 'admin/jobs',
        element: (
          <RequireRole roles={['system-admin']}>
            <JobsPage />
          </RequireRole>
        ),
      },
      // 回应关切 (issue 14): public explainer, FAQ and tickets; the offices' inbox and statistics.
      { path: 'explain', element: <ExplainIndexPage /> },
      { path: 'explain/types/:type', element: <ExplainTypePage /> },
      { path: 'explain/regions/:region', element: <ExplainRegionPage /> },
      { path: 'explain/changes', element: <ExplainChangesPage /> },
      { path: 'faq', element: <FaqPage /> },
      { path: 'tickets/new', element: <TicketNewPage /> },
      { path: 'tickets/lookup', element: <TicketLookupPage /> },
      {
        path: 'tickets/inbox',
        element: (
          <RequireRole roles={ticketOffices}>
            <TicketsInboxPage />
          </RequireRole>
        ),
      },
      {
        path: 'tickets/statistics',
        element: (
          <RequireRole roles={ticketAnalysts}>
            <TicketStatsPage />
          </RequireRole>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
