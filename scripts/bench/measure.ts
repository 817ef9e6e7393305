// Small measuring tools for the benchmarks: run a process and time it, read a process's memory
// from /proc, and summarise repeated samples.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ProcessRun {
  wallMs: number;
  /** User + system CPU time of the process itself (undefined when it could not report). */
  cpuMs?: number;
  maxRssMB?: number;
  exitCode: number | null;
  stderr: string;
}

const USAGE_PRELOAD = path.join(__dirname, 'usage.js');

/** Runs `node args…` with stdout discarded; wall time from spawn to exit. */
export function runNode(args: string[], cwd: string): Promise<ProcessRun> {
  const usageFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ksl-bench-')), 'usage.json');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--require', USAGE_PRELOAD, ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, BENCH_USAGE_FILE: usageFile },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const wallMs = performance.now() - started;
      let usage: { cpuMs?: number; maxRssMB?: number } = {};
      try {
        usage = JSON.parse(fs.readFileSync(usageFile, 'utf8'));
      } catch {
        // the process died before its exit hook ran
      }
      fs.rmSync(path.dirname(usageFile), { recursive: true, force: true });
      resolve({ wallMs, ...usage, exitCode, stderr });
    });
  });
}

export interface ProcStatus {
  /** Peak resident set size (VmHWM), MB. */
  peakRssMB?: number;
  rssMB?: number;
  /** User + system CPU time so far, ms. */
  cpuMs?: number;
}

/** Memory and CPU of a running process, from /proc (Linux); empty elsewhere. */
export function procStatus(pid: number): ProcStatus {
  const out: ProcStatus = {};
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => {
      const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
      return m ? Number(m[1]) / 1024 : undefined;
    };
    const hwm = kb('VmHWM');
    const rss = kb('VmRSS');
    if (hwm !== undefined) out.peakRssMB = hwm;
    if (rss !== undefined) out.rssMB = rss;
    // Fields 14 and 15 of /proc/PID/stat (after the parenthesised command) are utime and stime in ticks.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (Number.isFinite(ticks)) out.cpuMs = ticks * 10; // USER_HZ is 100 on Linux
  } catch {
    // not Linux, or the process is gone
  }
  return out;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** The p-th percentile (0-100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank] as number;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
