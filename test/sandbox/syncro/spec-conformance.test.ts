import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  extractSyncroSpecExamples,
  SYNCRO_SPEC_EXAMPLES_PATH,
  SYNCRO_SPEC_PATH,
  type SyncroSpecExamples,
} from '../../../scripts/syncro-spec-examples.js'
import { api, syncro, useSyncroEmulator } from './helpers.js'

useSyncroEmulator()

describe('record shapes', () => {
  // The spec's examples, kept in the repository (scripts/syncro-spec-examples.ts extracts them from
  // ../shared/vendor-specs/syncro-openapi.json), so this runs on a fresh clone.
  it("carries every field of the vendor's OpenAPI examples", async () => {
    const spec = JSON.parse(readFileSync(SYNCRO_SPEC_EXAMPLES_PATH, 'utf8')) as SyncroSpecExamples
    const example = (operation: string, status = '200') => {
      const response = spec.operations[operation]?.[status]
      const value = response?.example ?? Object.values(response?.examples ?? {})[0]
      if (value === undefined) throw new Error(`no example for ${operation} ${status}`)
      return value as any // eslint-disable-line @typescript-eslint/no-explicit-any -- vendor JSON
    }
    const keysOf = (value: object) => Object.keys(value)
    const contact = [...syncro.db.contacts.values()][0]!
    const postContact = (body: object) => api('/contacts', { method: 'POST', body })
    // A ticket with a drop-down answered, like the spec's POST /tickets example.
    const typedTicket = [...syncro.db.tickets.values()].find((ticket) =>
      syncro.db
        .ticketFieldsOf(ticket.ticket_type_id ?? 0)
        .some((field) => field.answers.some((answer) => answer.content === ticket.properties[field.name])),
    )!
    const ticketWithFields = (await api(`/tickets/${typedTicket.id}`)).json.ticket
    const dropDown = ticketWithFields.ticket_fields.find(
      (field: { answers: unknown[] }) => field.answers.length > 0,
    )
    const ticketExample = example('POST /tickets').ticket
    // GET /invoices/{id} has a schema, no example: its properties' names.
    const invoiceSchema = spec.operations['GET /invoices/{id}']?.['200']?.schema as {
      properties: Record<string, unknown> & { customer: { properties: Record<string, unknown> } }
    }
    const timerTicketId = ticketWithFields.id as number
    const timerWrite = (verb: string, method: string, body: object) =>
      api(`/tickets/${timerTicketId}/${verb}`, { method, body })
    const createdTimer = (
      await timerWrite('timer_entry', 'POST', { start_at: '2026-01-05T09:00:00Z', duration_minutes: 10 })
    ).json
    const timerEntry = { timer_entry_id: createdTimer.id }
    const invoice = (await api('/invoices')).json.invoices[0]
    const pairs: [string, object, object][] = [
      ['list ticket', (await api('/tickets')).json.tickets[0], example('GET /tickets').tickets[0]],
      ['ticket', (await api('/tickets/42')).json.ticket, example('GET /tickets/{id}').ticket],
      ['customer', (await api('/customers')).json.customers[0], example('GET /customers').customers[0]],
      ['single customer', (await api('/customers/1')).json.customer, example('GET /customers/{id}').customer],
      ['asset', (await api('/customer_assets')).json.assets[0], example('GET /customer_assets').assets[0]],
      [
        'asset customer',
        (await api('/customer_assets')).json.assets[0].customer,
        example('GET /customer_assets').assets[0].customer,
      ],
      [
        'listed comment',
        (await api('/tickets/42/comments')).json.comments[0],
        example('GET /tickets/{id}/comments').comments[0],
      ],
      ['ticket settings', (await api('/tickets/settings')).json, example('GET /tickets/settings')],
      ['user', (await api('/users/1')).json.user, example('GET /users/{id}').user],
      ['users', (await api('/users')).json, example('GET /users')],
      ['settings', (await api('/settings')).json, example('GET /settings')],
      ['settings.ticket', (await api('/settings')).json.ticket, example('GET /settings').ticket],
      ['settings.locale', (await api('/settings')).json.locale, example('GET /settings').locale],
      ['contacts', (await api('/contacts')).json, example('GET /contacts')],
      ['listed contact', (await api('/contacts')).json.contacts[0], example('GET /contacts').contacts[0]],
      // GET /contacts/{id} has a schema, no example (and spells longitude "longitud"): the listed example.
      ['single contact', (await api(`/contacts/${contact.id}`)).json, example('GET /contacts').contacts[0]],
      ['list meta', (await api('/contacts')).json.meta, example('GET /contacts').meta],
      [
        'created contact',
        (await postContact({ customer_id: contact.customer_id, name: 'Boba Fett' })).json,
        example('POST /contacts'),
      ],
      [
        'updated contact',
        (await api(`/contacts/${contact.id}`, { method: 'PUT', body: { name: contact.name, notes: 'x' } }))
          .json,
        example('PUT /contacts/{id}'),
      ],
      [
        'refused contact',
        (await postContact({ customer_id: contact.customer_id, name: 'Bad Email', email: 'xxx' })).json,
        example('POST /contacts', '422'),
      ],
      [
        'refused contact record',
        (await postContact({ customer_id: contact.customer_id, name: 'Bad Email', email: 'xxx' })).json
          .record,
        example('POST /contacts', '422').record,
      ],
      [
        'refused contact update record',
        (await api(`/contacts/${contact.id}`, { method: 'PUT', body: { customer_id: null } })).json.record,
        example('PUT /contacts/{id}', '422').record,
      ],
      ['ticket with fields', ticketWithFields, ticketExample],
      ['ticket field', dropDown, ticketExample.ticket_fields[1]],
      ['ticket field answer', dropDown.answers[0], ticketExample.ticket_fields[1].answers[0]],
      ['ticket answer', ticketWithFields.ticket_answers[0], ticketExample.ticket_answers[0]],
      ['ticket type with fields', ticketWithFields.ticket_type, ticketExample.ticket_type],
      ['ticket timers', (await api('/ticket_timers')).json, example('GET /ticket_timers')],
      [
        'listed ticket timer',
        (await api('/ticket_timers')).json.ticket_timers[0],
        example('GET /ticket_timers').ticket_timers[0],
      ],
      [
        "ticket's timer",
        (await api(`/tickets/${[...syncro.db.ticketTimers.values()][0]!.ticket_id}`)).json.ticket
          .ticket_timers[0],
        example('GET /ticket_timers').ticket_timers[0],
      ],
      ['created ticket timer', createdTimer, example('POST /tickets/{id}/timer_entry')],
      [
        'refused ticket timer',
        (await timerWrite('timer_entry', 'POST', {})).json,
        example('POST /tickets/{id}/timer_entry', '422'),
      ],
      [
        'updated ticket timer',
        (await timerWrite('update_timer_entry', 'PUT', { ...timerEntry, notes: 'Updated Notes' })).json,
        example('PUT /tickets/{id}/update_timer_entry'),
      ],
      [
        'charged ticket timer',
        (await timerWrite('charge_timer_entry', 'POST', timerEntry)).json,
        example('POST /tickets/{id}/charge_timer_entry'),
      ],
      [
        'billable ticket timer',
        (await api(`/ticket_timers/${createdTimer.id}?billable=true`, { method: 'PATCH' })).json,
        example('PATCH ticket_timers/{id}'),
      ],
      [
        'billable ticket timer record',
        (await api(`/ticket_timers/${createdTimer.id}?billable=true`, { method: 'PATCH' })).json.ticket_timer,
        example('PATCH ticket_timers/{id}').ticket_timer,
      ],
      [
        'refused billable',
        (await api(`/ticket_timers/${createdTimer.id}`, { method: 'PATCH' })).json,
        example('PATCH ticket_timers/{id}', '422'),
      ],
      [
        'deleted ticket timer',
        (await timerWrite('delete_timer_entry', 'POST', timerEntry)).json,
        example('POST /tickets/{id}/delete_timer_entry'),
      ],
      ['invoices', (await api('/invoices')).json, example('GET /invoices')],
      ['listed invoice', invoice, example('GET /invoices').invoices[0]],
      ['single invoice', (await api(`/invoices/${invoice.id}`)).json, invoiceSchema.properties],
      [
        'invoice customer',
        (await api(`/invoices/${invoice.id}`)).json.customer,
        invoiceSchema.properties.customer.properties,
      ],
    ]
    for (const [name, ours, vendors] of pairs) {
      expect(keysOf(ours), name).toEqual(expect.arrayContaining(keysOf(vendors)))
    }
  })

  const specMissing = !existsSync(SYNCRO_SPEC_PATH)
  it.skipIf(specMissing)(
    `keeps the spec's examples as the document has them${specMissing ? ` (skipped: no spec at ${SYNCRO_SPEC_PATH})` : ''}`,
    () => {
      const extracted = extractSyncroSpecExamples(JSON.parse(readFileSync(SYNCRO_SPEC_PATH, 'utf8')))
      expect(JSON.parse(readFileSync(SYNCRO_SPEC_EXAMPLES_PATH, 'utf8'))).toEqual(extracted)
    },
  )
})
