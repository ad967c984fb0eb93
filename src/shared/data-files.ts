import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { ErrorDetail } from './errors.ts';

/**
 * Reads one versioned data file (catalog, policy pack) and validates it; problems are collected as
 * `file:dotted.path` details so a loader can report every broken file at once.
 */
export function readDataFile<S extends z.ZodType>(
  dir: string,
  file: string,
  schema: S,
  problems: ErrorDetail[],
): z.output<S> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  } catch (error) {
    problems.push({ path: file, message: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ path: `${file}:${issue.path.map(String).join('.')}`, message: issue.message });
    }
    return undefined;
  }
  return parsed.data;
}
