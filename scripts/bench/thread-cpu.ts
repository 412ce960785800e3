/**
 * CPU time of this process's main thread (the server's event loop, with the bench's client
 * beside it), and of its other threads, from Linux's /proc (processCpu). Unlike latency, this
 * hardly moves with the load others put on the machine. Undefined where /proc has no schedstat.
 */
import fs from 'node:fs';
import { type ProcessCpu, processCpu } from './process-cpu';

export type ThreadCpu = ProcessCpu;

export function threadCpu(): ThreadCpu | undefined {
  return fs.existsSync(`/proc/${process.pid}/schedstat`) ? processCpu(process.pid) : undefined;
}

/** CPU used since `start`; threads that ended meanwhile are not counted. */
export function cpuSince(start: ThreadCpu | undefined): ThreadCpu | undefined {
  const now = threadCpu();
  if (!start || !now) return undefined;
  return { mainMs: now.mainMs - start.mainMs, otherMs: now.otherMs - start.otherMs };
}
