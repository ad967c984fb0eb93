import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/config.ts';
import { residentIdCheckChar } from '../src/shared/identifiers.ts';
import type { Figure } from './figures.ts';
import { startBenchPostgres } from './postgres.ts';

const types = ['mem.lv-electrician', 'mem.hv-electrician', 'mem.fusion-welding', 'mem.brazing'];
const surnames = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨';
const given = '伟芳娜敏静丽强磊军洋勇艳杰涛明超';
const counties = [
  '310101',
  '310115',
  '320102',
  '330106',
  '440106',
  '440304',
  '510104',
  '610113',
  '110105',
  '370102',
];

/** N valid MEM rows with a fixed seed: unique (type, number), ~N/2 distinct people, written as a stream. */
export async function writeImportFile(file: string, rows: number, seed = 20260116): Promise<void> {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = fs.createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(
    'certificate_type,certificate_number,holder_name,id_type,id_number,valid_from,valid_until,status,issuer_region,issuer_org,occupation,level\n',
  );
  for (let i = 0; i < rows; i++) {
    const person = Math.floor(i / 2);
    const county = counties[person % counties.length] as string;
    const year = 1965 + (person % 40);
    const day = 1 + (Math.floor(person / 40) % 28);
    const month = 1 + (Math.floor(person / 1120) % 12);
    const seq = String(Math.floor(person / 13440) % 1000).padStart(3, '0');
    const body = `${county}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${seq}`;
    const id = body + residentIdCheckChar(body);
    const type = types[(i % 2) + 2 * (Math.floor(person / 5_000_000) % 2)];
    const name = `${surnames[Math.floor(next() * 16)]}${given[Math.floor(next() * 16)]}`;
    const from = `20${20 + Math.floor(next() * 6)}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`;
    const until = `20${30 + Math.floor(next() * 2)}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`;
    await write(
      `${type},T${id},${name},resident,${id},${from},${until},valid,${county.slice(0, 2)}0000,应急管理局,,\n`,
    );
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}

function runChild(file: string, target: string) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot, 'bench', 'import-child.ts'), file, target],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`import bench on ${target} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as {
    rows: number;
    importSeconds: number;
    copySeconds: number;
    importRssMb: number;
    idleP99Ms: number;
    duringP99Ms: number;
    duringMaxMs: number;
    probes: number;
  };
}

export async function benchImport(rows: number, figures: Figure[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-bench-file-'));
  const file = path.join(dir, 'certificates.csv');
  try {
    await writeImportFile(file, rows);
    const mb = fs.statSync(file).size / 1024 / 1024;
    const server = startBenchPostgres();
    const targets: Array<[string, string]> = [['PGlite', 'pglite']];
    if (server) targets.unshift(['PostgreSQL', server.url]);
    else process.stderr.write('PostgreSQL not available (no DATABASE_URL and not root): PGlite only\n');
    try {
      for (const [label, target] of targets) {
        const r = runChild(file, target);
        figures.push({
          name: `import ${r.rows.toLocaleString('en-US')} rows (${mb.toFixed(0)} MB CSV) on ${label}, peak RSS ${Math.round(r.importRssMb)} MB`,
          value: r.rows / r.importSeconds,
          unit: 'rows/s',
          anchor: {
            name: 'raw COPY of the same certificate rows, same table and indexes',
            value: r.rows / r.copySeconds,
          },
          ...(label === 'PostgreSQL' && { target: '≥ 0.6× raw COPY' }),
        });
        figures.push({
          name: `${label}: a lookup's p99 wait during that import (${r.probes} lookups, max ${Math.round(r.duringMaxMs)} ms)`,
          value: r.duringP99Ms,
          unit: 'ms',
          anchor: { name: 'the same lookup idle', value: r.idleP99Ms },
          target: 'p99 ≤ 1,000 ms (issue 17 §7)',
        });
      }
    } finally {
      server?.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
