/** What runs each poller's looks every `pollMs` (docs/events.md): BullMQ job schedulers, or timers in the process. */
export interface WatchSchedule {
  /** Schedules every watch of the sources (called by every replica at start; each watch is one schedule). */
  start(): Promise<void>
  /** Stops looking; `force` does not wait for the looks running (the grace period is over). */
  close(force?: boolean): Promise<void>
}
