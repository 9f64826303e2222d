// What another process (the API under test) uses: resident memory and CPU time, read from /proc (Linux).
import { readFileSync, writeFileSync } from 'node:fs';
import { clearInterval, setInterval } from 'node:timers';

/** Resident memory of another process, in MB: now (VmRSS) and its peak so far (VmHWM). Linux only. */
export function residentMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/**
 * Starts a new peak for `pid` (writing 5 to clear_refs resets VmHWM to the current RSS), so the next
 * peak read covers what happened since, not the start-up. False where the kernel does not allow it:
 * then use `sampleMemory`, which keeps the highest VmRSS seen.
 */
export function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Polls VmRSS every `everyMs` until stopped; `stop()` answers the highest value seen (MB). */
export function sampleMemory(pid, everyMs = 100) {
  let highest = residentMemory(pid).rssMb;
  const timer = setInterval(() => {
    try {
      highest = Math.max(highest, residentMemory(pid).rssMb);
    } catch {
      // the process ended
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return highest;
    },
  };
}

/** CPU time (user + system, seconds) another process has used so far: for the CPU a request costs. Linux only. */
export function cpuSeconds(pid) {
  // Fields 14 and 15 of /proc/<pid>/stat, after the command name (which may hold spaces) in parentheses.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
