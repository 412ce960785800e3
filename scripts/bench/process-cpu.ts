/**
 * CPU time of other processes from Linux's /proc (ns on the CPU, from schedstat): a server's
 * main thread (its event loop) apart from its other threads, and every PostgreSQL process.
 * Zero where /proc has nothing (another OS, or the process is gone).
 */
import fs from 'node:fs';

export interface ProcessCpu {
  mainMs: number;
  otherMs: number;
}

const onCpuMs = (file: string) => Number(fs.readFileSync(file, 'utf8').split(' ')[0]) / 1e6;

/** The CPU a process's threads have used so far; threads that ended are not counted. */
export function processCpu(pid: number): ProcessCpu {
  const cpu = { mainMs: 0, otherMs: 0 };
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const ms = onCpuMs(`/proc/${pid}/task/${tid}/schedstat`);
      if (tid === String(pid)) cpu.mainMs += ms;
      else cpu.otherMs += ms;
    }
  } catch {
    // gone, or no /proc
  }
  return cpu;
}

/** CPU ms of every live process named `postgres` (postmaster, backends, writers). */
export function postgresCpuMs(): number {
  let total = 0;
  let entries: string[] = [];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') {
        total += onCpuMs(`/proc/${entry}/schedstat`);
      }
    } catch {
      // exited meanwhile
    }
  }
  return total;
}
