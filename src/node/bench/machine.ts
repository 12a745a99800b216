import { availableParallelism, cpus, loadavg, platform, arch, totalmem } from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly platform: string;
  readonly memoryGiB: number;
  /** 1-minute load average when the run started and ended: other work on the machine skews every figure. */
  readonly loadStart: number;
  loadEnd?: number;
}

export function describeMachine(): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    platform: `${platform()} ${arch()}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadStart: +loadavg()[0]!.toFixed(2),
  };
}

export function finishMachine(m: Machine): Machine {
  m.loadEnd = +loadavg()[0]!.toFixed(2);
  return m;
}
