import { describe, expect, it } from 'vitest'
import { hintsOfAutotaskCallout } from '../../adapters/autotask/callbacks.js'
import { hintsOfConnectWiseCallback } from '../../adapters/connectwise/callbacks.js'
import { haloCallbacks } from '../../adapters/halopsa/callbacks.js'
import { syncroCallbacks } from '../../adapters/syncro/callbacks.js'

/** The records each vendor's callback body names (docs/events-sources.md): ids only, whatever else it carries. */

describe('ConnectWise callback bodies', () => {
  it('name the ticket, company (customer) or configuration (asset) by Type and ID', () => {
    // The shape of amp-labs/connectors' captures (docs/events-sources.md section 1.2).
    const body = { MessageId: 'm', Action: 'updated', Type: 'ticket', ID: 57937, Entity: '{"id":57937}' }
    expect(hintsOfConnectWiseCallback(body)).toEqual([{ resource: 'ticket', id: '57937' }])
    expect(hintsOfConnectWiseCallback({ ...body, Type: 'company' })).toEqual([
      { resource: 'customer', id: '57937' },
    ])
    expect(
      hintsOfConnectWiseCallback({ ...body, Type: 'configuration', Action: 'deleted', Entity: null }),
    ).toEqual([{ resource: 'asset', id: '57937' }])
  })

  it('name nothing for other types, or an id that is no record id', () => {
    for (const body of [
      { Type: 'contact', ID: 1 },
      { Type: 'ticket', ID: '1 OR 1=1' },
      { Type: 'ticket', ID: -4 },
      { Type: 'ticket' },
      [{ Type: 'ticket', ID: 1 }],
      'ticket 1',
      null,
    ])
      expect(hintsOfConnectWiseCallback(body)).toEqual([])
  })
})

describe('HaloPSA webhook bodies', () => {
  it('name the ticket of a delivery by its object, of each delivery of a batch', () => {
    // A live capture's shape (docs/events-sources.md section 2.2): `id` is the delivery's, not the record's.
    const delivery = {
      id: '8e25bc7b-0000-4000-8000-000000000000',
      event: 'ticket status changed',
      object_id: 4242,
      ticket: { id: 4242, summary: '…' },
    }
    expect(haloCallbacks.hintsOf(delivery)).toEqual([{ resource: 'ticket', id: '4242' }])
    expect(haloCallbacks.hintsOf([delivery, { ...delivery, ticket: { id: 7 } }])).toEqual([
      { resource: 'ticket', id: '4242' },
      { resource: 'ticket', id: '7' },
    ])
  })

  it('name the record of an event-only delivery by object_id, a ticket unless the event says otherwise', () => {
    expect(haloCallbacks.hintsOf({ event: 'Ticket Deleted', object_id: 9 })).toEqual([
      { resource: 'ticket', id: '9' },
    ])
    expect(haloCallbacks.hintsOf({ event: 'New Client', object_id: 3 })).toEqual([
      { resource: 'customer', id: '3' },
    ])
    expect(haloCallbacks.hintsOf({ event: 'Ticket Deleted', object_id: 'x' })).toEqual([])
    expect(haloCallbacks.hintsOf({ object_id: 9 })).toEqual([])
  })
})

describe('Syncro webhook bodies', () => {
  it('name the record of `attributes` by the event its text names', () => {
    expect(
      syncroCallbacks.hintsOf({
        text: 'A Ticket was created\nby Dana',
        attributes: { id: 55, number: 1001 },
      }),
    ).toEqual([{ resource: 'ticket', id: '55' }])
    expect(syncroCallbacks.hintsOf({ text: 'New Customer Created!', attributes: { id: 8 } })).toEqual([
      { resource: 'customer', id: '8' },
    ])
    expect(
      syncroCallbacks.hintsOf({ text: 'Customer replied', attributes: { id: 70, ticket_id: 55 } }),
    ).toEqual([{ resource: 'ticket', id: '55' }])
  })

  it('name nothing for an event it does not know, or a body of another shape', () => {
    expect(syncroCallbacks.hintsOf({ text: 'New Contact Created!', attributes: { id: 8 } })).toEqual([])
    expect(syncroCallbacks.hintsOf({ text: 'A Ticket was created', attributes: { id: '8; drop' } })).toEqual(
      [],
    )
    expect(syncroCallbacks.hintsOf({ attributes: { id: 8 } })).toEqual([])
  })
})

describe('Autotask callouts', () => {
  // The payload of N8N's IAutotaskRawWebhookPayload and nango.dev's guide (facts §8).
  const callout = {
    Action: 'Update',
    Guid: '0f8a7c1e-0000-4000-8000-000000000000',
    EntityType: 'Ticket',
    Id: 8812,
    Fields: { status: 5 },
    EventTime: '2026-03-01T10:00:00.000Z',
    SequenceNumber: 4,
    PersonID: 29682885,
  }

  it('name the ticket, company (customer) or configuration item (asset) by EntityType and Id, legacy names too', () => {
    expect(hintsOfAutotaskCallout(callout)).toEqual([{ resource: 'ticket', id: '8812' }])
    for (const [EntityType, resource] of [
      ['Company', 'customer'],
      ['Account', 'customer'],
      ['ConfigurationItem', 'asset'],
      ['InstalledProduct', 'asset'],
    ])
      expect(hintsOfAutotaskCallout({ ...callout, EntityType, Action: 'Create' })).toEqual([
        { resource, id: '8812' },
      ])
    expect(hintsOfAutotaskCallout({ ...callout, Action: 'Delete', Fields: {} })).toEqual([
      { resource: 'ticket', id: '8812' },
    ])
    // Autotask's ids start at 0: company 0 is the account's own.
    expect(hintsOfAutotaskCallout({ ...callout, EntityType: 'Company', Id: 0 })).toEqual([
      { resource: 'customer', id: '0' },
    ])
  })

  it('name nothing for a deactivation notice, another entity, or an id that is no record id', () => {
    for (const body of [
      { ...callout, Action: 'Deactivated' },
      { ...callout, EntityType: 'TicketNote' },
      { ...callout, EntityType: 'Contact' },
      { ...callout, Id: -1 },
      { ...callout, Id: '7 or 1=1' },
      { ...callout, Id: undefined },
      { ...callout, Action: undefined },
      [callout],
      null,
    ])
      expect(hintsOfAutotaskCallout(body)).toEqual([])
  })
})
