import type { ChangeAction } from '../../shared/changes.js'

/**
 * Halo's webhook events are notification rules ("basically the same as Halo Notification profiles ... 'New Ticket
 * Logged', 'Ticket Reassigned'", usehalo.com/guide/webhook-integration/), named by the tenant. The emulator raises
 * a rule by its name (case-insensitive) for these ticket changes: 'New Ticket Logged' is Halo's own example name;
 * 'Ticket Updated' is our name (no source names an "any update" rule); 'Ticket Deleted' is listed only by a
 * third-party page (docs.superit.ai/psa/halo/webhook-setup/, inferred). A rule with any other name is stored and
 * never raised, as a rule whose conditions never match.
 */
export const TICKET_EVENT_NAMES: Readonly<Record<ChangeAction, string>> = {
  created: 'New Ticket Logged',
  updated: 'Ticket Updated',
  deleted: 'Ticket Deleted',
}
