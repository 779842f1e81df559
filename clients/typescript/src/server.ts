// Starts the openkps server's jar on a free port with a fresh data directory, and stops it.

import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface ServerOptions {
  java: string; // the java executable
  jar: string; // server/target/openkps-server-<version>-exec.jar, the runnable one
  log: string; // where the server's output goes (it is printed only when something fails)
  token: string;
  projectId: string;
  startTimeoutMs: number;
}

export interface RunningServer {
  baseUrl: string;
  stop(): Promise<void>;
  logTail(lines: number): string;
}

/** A port nothing listens on right now: the OS picks it, we release it for the server. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close();
        reject(new Error('could not get a free port'));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'openkps-ts-'));
  mkdirSync(dirname(options.log), { recursive: true });
  const out = openSync(options.log, 'w');
  const child: ChildProcess = spawn(
    options.java,
    ['-jar', options.jar, `--server.address=127.0.0.1`, `--server.port=${port}`, `--kps.data-dir=${dataDir}`],
    { stdio: ['ignore', out, out] },
  );
  closeSync(out);

  let exit: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exit = signal !== null ? `signal ${signal}` : `exit code ${code}`;
      resolve();
    });
    child.on('error', (error) => {
      exit = `could not start ${options.java}: ${error.message}`;
      resolve();
    });
  });
  // If this process is ended, the server must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  const baseUrl = `http://127.0.0.1:${port}`;
  const logTail = (lines: number) => {
    try {
      return readFileSync(options.log, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no server log)';
    }
  };
  const stop = async () => {
    if (exit === undefined) {
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    process.off('exit', killOnExit);
    rmSync(dataDir, { recursive: true, force: true });
  };

  // Up when an authenticated list answers 200.
  const deadline = Date.now() + options.startTimeoutMs;
  for (;;) {
    if (exit !== undefined) {
      await stop();
      throw new Error(`the server stopped before it answered (${exit}); its log ends with:\n${logTail(30)}`);
    }
    try {
      const answer = await fetch(`${baseUrl}/v3/${options.projectId}/keypairs?limit=1`, {
        headers: { 'X-Auth-Token': options.token },
        signal: AbortSignal.timeout(5_000),
      });
      await answer.arrayBuffer();
      if (answer.status === 200) {
        return { baseUrl, stop, logTail };
      }
      await stop();
      throw new Error(`the server answered HTTP ${answer.status} to a list with the local token`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('the server answered')) {
        throw error;
      }
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer within ${options.startTimeoutMs} ms; its log ends with:\n${logTail(30)}`);
    }
    await sleep(250);
  }
}
