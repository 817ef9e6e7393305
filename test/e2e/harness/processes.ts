// Child processes that are started in their own process group and stopped with everything they
// spawned (code-server forks an extension host, which forks the language server and file watchers).
import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

export interface Group {
  child: ChildProcess;
  /** Sends SIGTERM to the whole group, then SIGKILL to whatever is left after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const alive = (pgid: number): boolean => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

const running = new Set<Group>();

/** Starts `command` as the leader of a new process group, output appended to `logFile`. */
export function spawnGroup(command: string, args: string[], logFile: string, options: SpawnOptions = {}): Group {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const pgid = child.pid;
  const group: Group = {
    child,
    async stop(graceMs = 5000) {
      running.delete(group);
      if (pgid === undefined || !alive(pgid)) return;
      try {
        process.kill(-pgid, 'SIGTERM');
      } catch {
        return;
      }
      const deadline = Date.now() + graceMs;
      while (alive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (alive(pgid)) {
        try {
          process.kill(-pgid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
  running.add(group);
  return group;
}

/** Stops every group still running (on a signal or an unexpected exit of the harness). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((g) => g.stop(2000)));
}

let handlersInstalled = false;
/** On SIGINT/SIGTERM: stop the groups we started, then exit. */
export function stopGroupsOnSignals(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      void stopAll().finally(() => process.exit(130));
    });
  }
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Rejects after `ms` with a message naming what took too long. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The last lines of a log file, for failure reports. */
export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
