/**
 * CPU time of this process's main thread (the server's event loop, with the bench's client
 * beside it), and of its other threads, from Linux's /proc/self/task/<tid>/schedstat (ns on the
 * CPU). Unlike latency, this hardly moves with the load others put on the machine. Undefined
 * where /proc has no schedstat.
 */
import fs from 'node:fs';

export interface ThreadCpu {
  mainMs: number;
  otherMs: number;
}

export function threadCpu(): ThreadCpu | undefined {
  try {
    let mainNs = 0;
    let otherNs = 0;
    for (const tid of fs.readdirSync('/proc/self/task')) {
      const [onCpu] = fs.readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ');
      if (tid === String(process.pid)) mainNs += Number(onCpu);
      else otherNs += Number(onCpu);
    }
    return { mainMs: mainNs / 1e6, otherMs: otherNs / 1e6 };
  } catch {
    return undefined;
  }
}

/** CPU used since `start`; threads that ended meanwhile are not counted. */
export function cpuSince(start: ThreadCpu | undefined): ThreadCpu | undefined {
  const now = threadCpu();
  if (!start || !now) return undefined;
  return { mainMs: now.mainMs - start.mainMs, otherMs: now.otherMs - start.otherMs };
}
