import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** JSON stored in jsonb: written as a string, read as a value. */
export type Json = ColumnType<unknown, string, string>;
/** timestamptz read as a Date, written as a Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  role: string;
  department: string | null;
  province: string | null;
  institution: string | null;
  holder_id: string | null;
  is_active: boolean;
  failed_logins: number;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  label: string;
  token_hash: string;
  prefix: string;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
  /** A token bound to a department source may push to that source only (issue 5 §2). */
  source_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AuditLogTable {
  position: number;
  id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
  /** 'sha256' | 'sm3': the hash of this link (issue 18). */
  hash_alg: Generated<string>;
}

/** The crypto profile chosen at install (issue 18): one row. */
export interface CryptoProfileTable {
  id: number;
  /** 'international' | 'gm' */
  profile: string;
  chosen_at: Timestamp;
  /** The blind indexes' profile when it differs from `profile` (migrated installs keep theirs). */
  index_profile: ColumnType<string | null, string | null | undefined, string | null>;
  /** Write version of the rebuildable blind indexes (null: that of `index_profile` or `profile`). */
  index_version: ColumnType<number | null, number | null | undefined, number | null>;
  /** The version lookups also match while a rebuild runs or rows still carry it. */
  index_fallback_version: ColumnType<number | null, number | null | undefined, number | null>;
  /** A running `hutong keys migrate`: target profile and progress. */
  migration: Json | null;
}

export interface ProvinceDesignationsTable {
  certificate_type: string;
  region: string;
  basis: string;
  designated_on: string;
  created_at: Timestamp;
  created_by: string | null;
  /** 'issued' | 'not-issued'; no row = unknown. */
  status: Generated<string>;
  is_demo: Generated<boolean>;
  version: Generated<number>;
}

export interface DataKeysTable {
  id: string;
  wrapped: string;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

export interface HoldersTable {
  id: string;
  id_type: string;
  id_index: string;
  /** Blind-index version (issue 18): 1 HMAC-SHA-256, 2 HMAC-SM3; the column default is the install's current. */
  index_version: Generated<number>;
  id_cipher: string;
  id_masked: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CertificatesTable {
  id: string;
  type: string;
  department: string;
  number: string | null;
  number_index: string;
  /** Blind-index version of `number_index` (issue 18), as `holders.index_version`. */
  index_version: Generated<number>;
  number_cipher: string | null;
  number_masked: string;
  holder_id: string;
  valid_from: string;
  valid_until: string | null;
  status: string;
  issuer_region: string;
  issuer_org: string;
  issuer_org_code: string | null;
  occupation: string | null;
  level: string | null;
  import_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: ColumnType<number, number | undefined, number>;
  /** The hosted source that pushed it; null = its department's default source `<department>-hosted`. */
  source_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Position in the credential status lists; assigned by the database. */
  status_index: ColumnType<string, never, never>;
  /** 复审 (issue 13 item 5): the last review and the date it holds until; null = not known. */
  reviewed_on: ColumnType<string | null, string | null | undefined, string | null>;
  reviewed_until: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CertificateHistoryTable {
  id: Generated<number>;
  certificate_id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  reason: string | null;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
  import_id: string | null;
}

export interface ImportsTable {
  id: string;
  status: string;
  filename: string;
  format: string;
  file_sha256: string;
  accept_valid: boolean;
  created_by: string;
  worker: string;
  created_at: Timestamp;
  finished_at: Timestamp | null;
  total: ColumnType<number, number | undefined, number>;
  created: ColumnType<number, number | undefined, number>;
  updated: ColumnType<number, number | undefined, number>;
  unchanged: ColumnType<number, number | undefined, number>;
  invalid: ColumnType<number, number | undefined, number>;
  message: string | null;
  /** The running import's latest `ImportProgress`, for any process's status request; null once it ends. */
  progress: ColumnType<unknown, string | null | undefined, string | null>;
  /** Runs started again after their process died (migration 0120). */
  attempts: ColumnType<number, number | undefined, number>;
  /** The job's data (`import.job.ts`), to queue it again when its process died; null for older rows. */
  job_data: ColumnType<unknown, string | null | undefined, string | null>;
}

/** A queued import's sealed upload, in chunks, until its job ends (migration 0110). */
export interface ImportUploadsTable {
  import_id: string;
  seq: number;
  chunk: Uint8Array;
}

export interface ImportErrorsTable {
  import_id: string;
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface PolicyVersionsTable {
  policy_id: string;
  version: string;
  status: string;
  effective_from: string | null;
  pack: Json;
  based_on: string | null;
  created_by: string;
  created_at: Timestamp;
  published_by: string | null;
  published_at: Timestamp | null;
}

export interface RecognitionDecisionsTable {
  id: string;
  holder_id: string | null;
  region: string | null;
  as_of: string;
  national_version: string;
  province_version: string | null;
  facts: Json;
  facts_hash: string;
  result: Json;
  created_at: Timestamp;
  /** Department pack id → version in force when decided. */
  department_versions: Json | null;
}

export interface PolicyCosignaturesTable {
  policy_id: string;
  version: string;
  department: string;
  rows: Json;
  status: string;
  reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  requested_at: Timestamp;
}

export interface StatusListsTable {
  purpose: string;
  list: number;
  bits: Uint8Array;
  version: number;
  updated_at: Timestamp;
}

export interface CredentialKeysTable {
  kid: string;
  public_jwk: Json;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

export interface CredentialsTable {
  id: string;
  certificate_id: string;
  kid: string;
  facts_hash: string;
  digest: string;
  jws: string;
  issued_at: Timestamp;
  /** 国密 profile (issue 18): the SM2 signature's protected header and signature, base64url; null otherwise. */
  sm2_protected: ColumnType<string | null, string | null | undefined, string | null>;
  sm2_signature: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TrustedIssuersTable {
  id: string;
  issuer: string;
  name: string;
  source_kind: string;
  source: string;
  keys: Json;
  fetched_at: Timestamp;
  created_by: string;
  created_at: Timestamp;
}

export interface SourcesTable {
  id: string;
  name_zh: string;
  name_en: string;
  department: string;
  kind: string;
  url: string | null;
  deep_link_template: string | null;
  /** Catalog type ids, a JSON array. */
  types: Json;
  region: string | null;
  last_update_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** A linked source's issuance endpoint (issue 7 §5, 一试多证 pushed to the department); https, or http on loopback. */
  issuance_url: ColumnType<string | null, string | null | undefined, string | null>;
  /** Its shared HMAC secret, sealed by the keyring (`<keyId>.<…>`); write-only through the API. */
  issuance_secret_cipher: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface IdempotencyKeysTable {
  source_id: string;
  key: string;
  request_hash: string;
  response: Json | null;
  created_at: Timestamp;
}

export interface InstitutionsTable {
  id: string;
  credit_code: string;
  name: string;
  kind: string;
  filing_level: string;
  national_code: string;
  province: string;
  site_code: string;
  code: string;
  status: string;
  valid_from: string;
  valid_until: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: ColumnType<number, number | undefined, number>;
}

export interface InstitutionSitesTable {
  id: string;
  institution_id: string;
  name: string;
  address: string;
  region: string;
  created_at: Timestamp;
}

export interface InstitutionScopesTable {
  institution_id: string;
  occupation: string;
  level: string;
}

export interface ExamPlansTable {
  id: string;
  code: string;
  name: string;
  occupation: string;
  level: string;
  kind: string;
  lead_province: string;
  status: string;
  subjects: Json;
  registration_opens: string;
  registration_closes: string;
  created_by: string;
  created_at: Timestamp;
  approved_by: string | null;
  approved_at: Timestamp | null;
  updated_at: Timestamp;
  version: ColumnType<number, number | undefined, number>;
}

export interface ExamPlanInstitutionsTable {
  plan_id: string;
  institution_id: string;
  province: string;
}

export interface ExamSittingsTable {
  id: string;
  plan_id: string;
  institution_id: string;
  site_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  capacity: number;
  booked: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
}

export interface RegistrationBatchesTable {
  id: string;
  plan_id: string;
  institution_id: string;
  filename: string;
  file_sha256: string;
  total: number;
  registered: number;
  invalid: number;
  errors: Json;
  created_by: string;
  created_at: Timestamp;
}

export interface ExamRegistrationsTable {
  id: string;
  plan_id: string;
  sitting_id: string;
  institution_id: string;
  province: string;
  holder_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: string;
  channel: string;
  batch_id: string | null;
  declared: Json;
  commitment: Json;
  eligibility: Json;
  decision_id: string | null;
  created_by: string;
  created_at: Timestamp;
  cancelled_by: string | null;
  cancelled_at: Timestamp | null;
  /** The candidate's employer as declared (issue 7 §3 recusal); null when not given. */
  employer: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ExamEventsTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  kind: string;
  institution_id: string | null;
  plan_id: string | null;
  province: string | null;
  subject_type: string;
  subject_id: string;
  payload: Json;
}

export interface BankItemsTable {
  id: string;
  occupation: string;
  level: string;
  knowledge_point: string;
  type: string;
  status: string;
  current_version: number;
  province: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** `numeric` columns come back as strings from both drivers: convert with Number() where read. */
export type Numeric = ColumnType<string, number | string, number | string>;

export interface BankItemVersionsTable {
  item_id: string;
  version: number;
  stem: string;
  options: Json;
  answer: Json;
  rubric: Json | null;
  score: Numeric;
  difficulty: Numeric;
  created_by: string;
  created_at: Timestamp;
}

export interface BankEnemySetsTable {
  id: string;
  name: string;
  created_by: string;
  created_at: Timestamp;
}

export interface BankEnemyMembersTable {
  set_id: string;
  item_id: string;
}

export interface PapersTable {
  id: string;
  plan_id: string;
  form: string;
  subject: string;
  blueprint: Json;
  total_score: Numeric;
  status: string;
  created_by: string;
  created_at: Timestamp;
}

export interface PaperItemsTable {
  paper_id: string;
  position: number;
  item_id: string;
  version: number;
  score: Numeric;
}

export interface ExamStaffTable {
  id: string;
  plan_id: string;
  sitting_id: string;
  role: string;
  name: string;
  employer: string;
  user_id: string | null;
  created_at: Timestamp;
}

export interface ExamAttemptsTable {
  id: string;
  registration_id: string;
  paper_id: string;
  seed: string;
  status: string;
  started_at: Timestamp;
  deadline_at: Timestamp;
  submitted_at: Timestamp | null;
  score: Numeric | null;
}

export interface ExamAnswersTable {
  id: Generated<string>;
  attempt_id: string;
  item_id: string;
  response: Json;
  answered_at: Timestamp;
}

export interface PracticalScoresTable {
  registration_id: string;
  staff_id: string;
  subject: string;
  criteria: Json;
  total: Numeric;
  scored_at: Timestamp;
}

export interface ExamResultsTable {
  registration_id: string;
  plan_id: string;
  scores: Json;
  passed: boolean;
  flags: Json;
  status: string;
  published_at: Timestamp | null;
  publicity_until: Timestamp | null;
  appeal_until: Timestamp | null;
  certificate_id: string | null;
  updated_at: Timestamp;
}

export interface CertificateSequencesTable {
  prefix: string;
  last: number;
}

export interface ArchiveRecordsTable {
  id: string;
  plan_id: string;
  position: number;
  registration_id: string | null;
  retention_class: string;
  content: Json | null;
  content_hash: string;
  prev_hash: string;
  hash: string;
  /** 'sha256' | 'sm3': the hash of this link and its content hash (issue 18). */
  hash_alg: Generated<string>;
  sealed_at: Timestamp;
  purged_at: Timestamp | null;
}

export interface WarningsTable {
  id: string;
  rule: string;
  rules_version: string;
  severity: string;
  status: string;
  fingerprint: string;
  institution_id: string | null;
  plan_id: string | null;
  sitting_id: string | null;
  province: string | null;
  occupation: string | null;
  review_level: string;
  summary: string;
  evidence: Json;
  due_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: ColumnType<number, number | undefined, number>;
}

export interface WarningActionsTable {
  id: Generated<string>;
  warning_id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  from_status: string | null;
  to_status: string;
  comment: string | null;
}

export interface WarningAttachmentsTable {
  id: string;
  warning_id: string;
  action_id: string;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  created_at: Timestamp;
}

/** Certificates counted ahead for the statistics (migration 0080, `statistics/statistics.tally.ts`). */
export interface CertificateTalliesTable {
  department: string;
  type: string;
  province: string;
  status: string;
  occupation: string | null;
  level: string | null;
  /** First day of the month of `valid_from`, as `YYYY-MM-DD`. */
  from_month: string;
  until_month: string | null;
  n: number;
}

/** A policy simulation run as a job (issue 16 §2): its progress, then its result. */
export interface PolicySimulationsTable {
  id: string;
  region: string;
  version: string;
  as_of: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  phase: 'queued' | 'grouping' | 'evaluating' | 'done';
  done: Generated<number>;
  total: Generated<number>;
  result: unknown | null;
  error: string | null;
  job_id: string | null;
  requested_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface StatisticsTallyStateTable {
  id: number;
  refreshed_at: Timestamp;
  row_count: number;
}

export interface SupervisionCursorsTable {
  name: string;
  last_event_id: string;
  updated_at: Timestamp;
  /** The runner process holding the cursor, and until when (migration 0070). */
  lease_owner: string | null;
  lease_until: Timestamp | null;
}

/** The issuance outbox (issue 7 §5): requests to a department's own system to issue a 一试多证 certificate. */
export interface IssuanceRequestsTable {
  id: string;
  source_id: string;
  plan_id: string;
  registration_id: string;
  certificate_type: string;
  province: string;
  /** The JSON request body, sealed: it carries the candidate's name and ID number. */
  body_cipher: string;
  /** `pending` | `delivered` | `failed`. */
  status: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp | null;
  /** Status codes and error kinds only, never personal data. */
  last_error: string | null;
  delivered_at: Timestamp | null;
  /** The department's reference from its answer. */
  reference: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** 一试多证 issued by the department (issue 13 item 8): the qualification half, decided by that department. */
export interface QualificationRequestsTable {
  id: string;
  type: string;
  department: string;
  province: string;
  holder_id: string;
  registration_id: string;
  plan_id: string;
  skill_certificate_id: string;
  arrangement: string | null;
  /** `pending` | `issued` | `refused` | `already-held`. */
  status: string;
  existing_certificate_id: string | null;
  /** The outbox row (`issuance_requests`) when pushed to the department's endpoint. */
  outbox_request_id: string | null;
  certificate_id: string | null;
  refusal_reason: string | null;
  created_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
}

/** 互认决定书 credentials (migration 0013): one signed RecognitionDecision per decision, reused while valid. */
export interface DecisionCredentialsTable {
  id: string;
  decision_id: string;
  kid: string;
  /** Credential ids of the basis certificates it names. */
  basis: Json;
  digest: string;
  jws: string;
  issued_at: Timestamp;
  valid_until: Timestamp;
  /** 国密 profile (issue 18): the SM2 signature's protected header and value, base64url. */
  sm2_protected: ColumnType<string | null, string | null | undefined, string | null>;
  sm2_signature: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A target department's intake outcome of a decision (migration 0013); one per decision × department. */
export interface DecisionIntakesTable {
  decision_id: string;
  department: string;
  region: string | null;
  /** `accepted` | `refused`. */
  outcome: string;
  reason: string | null;
  /** The rules of the decision's exemptions towards this department. */
  rules: Json;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** 回应关切 (issue 14, migration 0020): a question or complaint and the office answering it. */
export interface TicketsTable {
  id: string;
  number: string;
  /** Keyed hash (HMAC) of the number and the lookup code; the code itself is shown once. */
  code_hash: string;
  kind: string;
  topic_kind: string;
  topic_ref: string;
  topic_label: Json;
  certificate_type: string | null;
  rule: string | null;
  region: string;
  department: string;
  office_province: string | null;
  routing_row: string;
  routing_version: string;
  status: string;
  due_on: string;
  /** Computed over a year without the published holiday arrangement (migration 0040). */
  due_provisional: ColumnType<boolean, boolean | undefined, boolean>;
  escalated: ColumnType<boolean, boolean | undefined, boolean>;
  escalated_at: Timestamp | null;
  assignee_id: string | null;
  holder_id: string | null;
  contact_kind: string | null;
  contact_cipher: string | null;
  contact_masked: string | null;
  faq_requested: ColumnType<boolean, boolean | undefined, boolean>;
  rating: number | null;
  rating_comment_cipher: string | null;
  rated_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  first_replied_at: Timestamp | null;
  closed_at: Timestamp | null;
}

export interface TicketSequencesTable {
  day: string;
  last: number;
}

/** Each step of a ticket, in `seq` order; bodies sealed, `details` ids and offices only. */
export interface TicketEventsTable {
  id: string;
  seq: Generated<number>;
  ticket_id: string;
  kind: string;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  is_public: boolean;
  body_cipher: string | null;
  details: Json | null;
}

export interface TicketAttachmentsTable {
  id: string;
  ticket_id: string;
  event_id: string | null;
  filename_cipher: string;
  media_type: string;
  size: number;
  sha256: string;
  /** Relative to the data directory: a file written before migration 0040; null when in `content_cipher`. */
  path: string | null;
  /** The file, sealed by the keyring (migration 0040). */
  content_cipher: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

/** Notifications to the submitter: one row per message, sent by the ticket worker. */
export interface TicketOutboxTable {
  id: string;
  ticket_id: string;
  event_id: string | null;
  channel: string;
  kind: string;
  recipient_cipher: string;
  subject: string;
  body_cipher: string;
  status: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp | null;
  last_error: string | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Published FAQ entries (masked text), with their search tokens. */
export interface FaqEntriesTable {
  id: string;
  ticket_id: string | null;
  question: string;
  answer: string;
  certificate_type: string | null;
  region: string | null;
  rule: string | null;
  department: string;
  tokens: string[];
  question_tokens: string[];
  published_by: string;
  published_at: Timestamp;
}

export interface Database {
  tickets: TicketsTable;
  ticket_sequences: TicketSequencesTable;
  ticket_events: TicketEventsTable;
  ticket_attachments: TicketAttachmentsTable;
  ticket_outbox: TicketOutboxTable;
  faq_entries: FaqEntriesTable;
  decision_credentials: DecisionCredentialsTable;
  decision_intakes: DecisionIntakesTable;
  qualification_requests: QualificationRequestsTable;
  issuance_requests: IssuanceRequestsTable;
  warnings: WarningsTable;
  warning_actions: WarningActionsTable;
  warning_attachments: WarningAttachmentsTable;
  supervision_cursors: SupervisionCursorsTable;
  certificate_tallies: CertificateTalliesTable;
  statistics_tally_state: StatisticsTallyStateTable;
  policy_simulations: PolicySimulationsTable;
  bank_items: BankItemsTable;
  bank_item_versions: BankItemVersionsTable;
  bank_enemy_sets: BankEnemySetsTable;
  bank_enemy_members: BankEnemyMembersTable;
  papers: PapersTable;
  paper_items: PaperItemsTable;
  exam_staff: ExamStaffTable;
  exam_attempts: ExamAttemptsTable;
  exam_answers: ExamAnswersTable;
  practical_scores: PracticalScoresTable;
  exam_results: ExamResultsTable;
  certificate_sequences: CertificateSequencesTable;
  archive_records: ArchiveRecordsTable;
  institutions: InstitutionsTable;
  institution_sites: InstitutionSitesTable;
  institution_scopes: InstitutionScopesTable;
  exam_plans: ExamPlansTable;
  exam_plan_institutions: ExamPlanInstitutionsTable;
  exam_sittings: ExamSittingsTable;
  registration_batches: RegistrationBatchesTable;
  exam_registrations: ExamRegistrationsTable;
  exam_events: ExamEventsTable;
  sources: SourcesTable;
  idempotency_keys: IdempotencyKeysTable;
  status_lists: StatusListsTable;
  credential_keys: CredentialKeysTable;
  credentials: CredentialsTable;
  trusted_issuers: TrustedIssuersTable;
  policy_versions: PolicyVersionsTable;
  recognition_decisions: RecognitionDecisionsTable;
  policy_cosignatures: PolicyCosignaturesTable;
  data_keys: DataKeysTable;
  holders: HoldersTable;
  certificates: CertificatesTable;
  certificate_history: CertificateHistoryTable;
  imports: ImportsTable;
  import_errors: ImportErrorsTable;
  import_uploads: ImportUploadsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  crypto_profile: CryptoProfileTable;
  province_designations: ProvinceDesignationsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AuditRow = Selectable<AuditLogTable>;
