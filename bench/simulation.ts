import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../src/config.ts';
import type { Figure } from './figures.ts';
import { startBenchPostgres } from './postgres.ts';

/** Policy simulation over an N-holder registry on PostgreSQL (issue 4 §7). */
export async function benchSimulation(holders: number, figures: Figure[]): Promise<void> {
  const server = startBenchPostgres();
  if (!server) {
    process.stderr.write(
      'PostgreSQL not available (no DATABASE_URL and not root): simulation bench skipped\n',
    );
    return;
  }
  try {
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(projectRoot, 'bench', 'simulation-child.ts'),
        String(holders),
        server.url,
      ],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    if (child.status !== 0) throw new Error(`simulation bench failed:\n${child.stderr}`);
    const r = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as {
      holders: number;
      changed: number;
      simSeconds: number;
      scanSeconds: number;
      rssMb: number;
    };
    figures.push({
      name: `policy simulation over ${r.holders.toLocaleString('en-US')} holders on PostgreSQL (${r.changed.toLocaleString('en-US')} changed, peak RSS ${Math.round(r.rssMb)} MB)`,
      value: r.holders / r.simSeconds,
      unit: 'holders/s',
      anchor: {
        name: 'the same keyset scan of holders and certificates, no evaluation',
        value: r.holders / r.scanSeconds,
      },
    });
  } finally {
    server.stop();
  }
}
