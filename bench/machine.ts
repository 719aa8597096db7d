import { readdirSync, readFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'

/**
 * How busy the machine was while a part of the benchmark ran: what spoils its timings on a shared machine,
 * reported beside them. `othersCores`: the CPU time every process outside this benchmark took, per second of
 * the run (1.0 = one core busy all along); `benchCores`: this process and its descendants (load generator,
 * emulators, gateways, Redis). Both from /proc; undefined where there is none (not Linux).
 */
export interface MachineLoad {
  seconds: number
  cores: number
  /** `os.loadavg()` at the end: 1, 5 and 15 minutes. */
  loadAverage: number[]
  othersCores?: number
  benchCores?: number
}

/** Clock ticks per second of /proc's CPU times (USER_HZ): 100 on every Linux build that matters. */
const TICKS_PER_SECOND = 100

/** Busy CPU time of the whole machine, all cores, in seconds (/proc/stat's first line). */
function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  // user nice system idle iowait irq softirq steal (guest time is counted in user already)
  const [user, nice, system, , , irq, softirq, steal] = fields as number[]
  return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) / TICKS_PER_SECOND
}

interface ProcStat {
  pid: number
  parent: number
  /** Its own CPU time and that of its children it has waited for (ended ones), in seconds. */
  seconds: number
}

function procStat(pid: string): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and parentheses: the fields after it follow the last ')'.
    const after = text
      .slice(text.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number)
    const [utime, stime, cutime, cstime] = after.slice(11, 15) as number[]
    return {
      pid: Number(pid),
      parent: after[1]!,
      seconds: (utime! + stime! + cutime! + cstime!) / TICKS_PER_SECOND,
    }
  } catch {
    return undefined // gone meanwhile
  }
}

/**
 * CPU time of this process and every process below it, in seconds: the living ones' own, and through their
 * `cutime`, that of the children they saw end. A child that ended since the previous reading is counted by its
 * parent's `cutime` instead of its own: the sum only grows.
 */
function benchTreeSeconds(): number {
  const stats = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => procStat(pid) ?? [])
  const children = new Map<number, ProcStat[]>()
  for (const stat of stats) children.set(stat.parent, [...(children.get(stat.parent) ?? []), stat])
  let seconds = 0
  const pending = [process.pid]
  while (pending.length > 0) {
    const pid = pending.pop()!
    for (const child of children.get(pid) ?? []) pending.push(child.pid)
    seconds += stats.find((stat) => stat.pid === pid)?.seconds ?? 0
  }
  return seconds
}

const readCpu = () => {
  try {
    return { machine: machineBusySeconds(), bench: benchTreeSeconds() }
  } catch {
    return undefined
  }
}

/** Starts watching the machine; `stop()` says how busy it was since. */
export function watchMachine(): { stop(): MachineLoad } {
  const started = performance.now()
  const before = readCpu()
  return {
    stop() {
      const seconds = (performance.now() - started) / 1000
      const after = readCpu()
      const load: MachineLoad = {
        seconds: Number(seconds.toFixed(1)),
        cores: availableParallelism(),
        loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
      }
      if (before && after) {
        const bench = after.bench - before.bench
        const others = Math.max(0, after.machine - before.machine - bench)
        load.benchCores = Number((bench / seconds).toFixed(2))
        load.othersCores = Number((others / seconds).toFixed(2))
      }
      return load
    },
  }
}
