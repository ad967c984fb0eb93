import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { projectRoot } from '../config.ts';

/** A port free on loopback now (a test server binds it next). */
export async function freePort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address() as net.AddressInfo;
      probe.close(() => resolve(address.port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Everything it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * `hutong serve` as a real process on a scratch PostgreSQL database, resolved once it prints `ready` (its
 * banner by default). The data directory is `<dir>/<port>`; the environment is only what is given here.
 */
export async function serveProcess(
  url: string,
  dir: string,
  env: Record<string, string> = {},
  ready = 'is running',
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'hutong.js'), 'serve'], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HUTONG_DATA_DIR: path.join(dir, String(port)),
      HUTONG_DATA_KEY: 'c'.repeat(64),
      HUTONG_DEMO: '0',
      HUTONG_LOG_LEVEL: 'warn',
      DATABASE_URL: url,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(ready)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${out}`)));
  });
  return {
    child,
    port,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
