import type { PGlite } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * A Kysely dialect for embedded PGlite. PGlite is one session, so the driver hands out its single connection
 * behind a mutex held from acquire to release: a transaction owns the database until it ends and concurrent
 * requests queue instead of interleaving inside it (stack-notes.md: kysely-pglite has no such lock).
 *
 * Hot reads run as prepared statements (issue 16 §6): PGlite's `query()` parses, plans and describes every
 * statement anew (five protocol messages through the WASM module), which cost the public query ~10 ms of its
 * ~12 ms on 30,000 certificates. A `select`/`with` statement seen a second time is `prepare`d (outside a
 * transaction, so a failure cannot abort one) and then run as `execute name('literal', …)`: the literals are
 * untyped, so PostgreSQL coerces them to the inferred parameter types exactly as it does a text-format bind.
 */
export class PGliteDialect implements Dialect {
  readonly #pglite: PGlite;
  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.#pglite);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  readonly #connection: PGliteConnection;
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(pglite: PGlite) {
    this.#connection = new PGliteConnection(pglite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release = release;
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    this.#connection.inTransaction = true;
    const mode = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    const access = settings.accessMode ? ` ${settings.accessMode}` : '';
    await connection.executeQuery({
      sql: `begin${mode}${access}`,
      parameters: [],
    } as unknown as CompiledQuery);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery({ sql: 'commit', parameters: [] } as unknown as CompiledQuery);
    } finally {
      this.#connection.inTransaction = false;
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery({ sql: 'rollback', parameters: [] } as unknown as CompiledQuery);
    } finally {
      this.#connection.inTransaction = false;
    }
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.#tail;
  }
}

/** Statements prepared per session at most (no eviction: Kysely's statement texts are few and fixed). */
const MAX_PREPARED = 500;
const MAX_SEEN = 5000;
const PREPARABLE = /^\s*(select|with)\b/i;

/** A parameter as an untyped SQL literal (what PGlite would send as text), or undefined when not a plain value. */
function literalOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'null';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'bigint') text = String(value);
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else if (value instanceof Date) text = value.toISOString();
  else return undefined;
  // standard_conforming_strings is on (the default since PostgreSQL 9.1): only the quote needs doubling.
  return `'${text.replaceAll("'", "''")}'`;
}

/** A prepared statement PostgreSQL no longer accepts (a migration changed its tables, or it was deallocated). */
function isStale(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '0A000' || code === '26000';
}

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite;
  /** Set by the driver between begin and commit/rollback. */
  inTransaction = false;
  readonly #prepared = new Map<string, string>();
  readonly #seen = new Set<string>();
  readonly #unpreparable = new Set<string>();
  #nextName = 0;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiledQuery;
    if (parameters.length > 0 && PREPARABLE.test(sql)) {
      const prepared = await this.#preparedFor(sql);
      if (prepared) {
        const literals = parameters.map(literalOf);
        if (literals.every((l) => l !== undefined)) {
          try {
            return this.#toResult(await this.#pglite.query<R>(`execute ${prepared}(${literals.join(', ')})`));
          } catch (error) {
            if (!isStale(error)) throw error;
            this.#prepared.delete(sql);
          }
        }
      }
    }
    return this.#toResult(await this.#pglite.query<R>(sql, [...parameters]));
  }

  /** The statement's prepared name: prepared on its second sighting, outside any transaction. */
  async #preparedFor(sql: string): Promise<string | undefined> {
    const name = this.#prepared.get(sql);
    if (name || this.inTransaction || this.#prepared.size >= MAX_PREPARED) return name;
    if (this.#unpreparable.has(sql)) return undefined;
    if (!this.#seen.has(sql)) {
      if (this.#seen.size >= MAX_SEEN) this.#seen.clear();
      this.#seen.add(sql);
      return undefined;
    }
    const fresh = `hutong_q${this.#nextName++}`;
    try {
      await this.#pglite.query(`prepare ${fresh} as ${sql}`);
    } catch {
      if (this.#unpreparable.size >= MAX_SEEN) this.#unpreparable.clear();
      this.#unpreparable.add(sql);
      return undefined;
    }
    this.#prepared.set(sql, fresh);
    return fresh;
  }

  #toResult<R>(result: { rows: R[]; affectedRows?: number }): QueryResult<R> {
    return {
      rows: result.rows,
      ...(result.affectedRows !== undefined && { numAffectedRows: BigInt(result.affectedRows) }),
    };
  }

  // biome-ignore lint/correctness/useYield: streaming is not offered by PGlite; callers page with keysets instead
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming queries; use keyset pagination');
  }
}
