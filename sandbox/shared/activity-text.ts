import type { Random } from './random.js'

// What the sandbox activity writes: ticket summaries and comments as a service desk writes them.

export const ACTIVITY_SUMMARIES = [
  'Outlook keeps asking for the password',
  'Printer on the second floor shows offline',
  'New starter needs a laptop and accounts',
  'VPN drops every few minutes',
  'Shared drive mapped to the wrong letter',
  'Teams calls have no audio',
  'Backup job failed overnight',
  'Phishing email reported by reception',
  'Wi-Fi slow in the meeting room',
  'Licence renewal for the accounting software',
] as const

export const ACTIVITY_COMMENTS = [
  'Called the user, will remote in after lunch.',
  'Waiting on the customer to confirm the fix.',
  'Escalated to the network team.',
  'Replaced the cable; monitoring for a day.',
  'User confirms it works again.',
  'Vendor case opened, reference to follow.',
] as const

/** A summary the ticket does not have already, so an edit always changes it. */
export function otherSummary(random: Random, current: string): string {
  return random.pick(ACTIVITY_SUMMARIES.filter((summary) => summary !== current))
}
