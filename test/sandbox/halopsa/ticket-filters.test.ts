import { describe, expect, it } from 'vitest'
import { type TicketRecord } from '../../../sandbox/halopsa/index.js'
import { api, halo, listedTicketIds, ticketsWhere, useHaloEmulator } from './helpers.js'

useHaloEmulator()

describe('ticket filters', () => {
  const sample = () => halo.db.tickets.get(42) as TicketRecord

  it('filters by client, status (one or a list), ticket type, agent and team', async () => {
    const { client_id, tickettype_id } = sample()
    expect(await listedTicketIds(`client_id=${client_id}`)).toEqual(
      ticketsWhere((t) => t.client_id === client_id),
    )
    expect(await listedTicketIds('status_id=4')).toEqual(ticketsWhere((t) => t.status_id === 4))
    expect(await listedTicketIds('status_id=1,2')).toEqual(
      ticketsWhere((t) => t.status_id === 1 || t.status_id === 2),
    )
    expect(await listedTicketIds('status=3,5')).toEqual(
      ticketsWhere((t) => t.status_id === 3 || t.status_id === 5),
    )
    expect(await listedTicketIds(`requesttype_id=${tickettype_id}`)).toEqual(
      ticketsWhere((t) => t.tickettype_id === tickettype_id),
    )
    expect(await listedTicketIds('agent_id=3')).toEqual(ticketsWhere((t) => t.agent_id === 3))
    // `team` takes team ids (spec: "array of int"); a ticket holds its team's name.
    expect(await listedTicketIds('team=3')).toEqual(ticketsWhere((t) => t.team === 'Projects'))
    expect(await listedTicketIds('team=1,3')).toEqual(
      ticketsWhere((t) => t.team === 'Projects' || t.team === '1st Line Support'),
    )
    expect(await listedTicketIds('client_id=999999')).toEqual([])
  })

  it('filters by priority ids, SLA, asset and excluded ids, as the spec documents them', async () => {
    expect(await listedTicketIds('priority=1,2')).toEqual(ticketsWhere((t) => [1, 2].includes(t.priority_id)))
    expect((await listedTicketIds('priority=1')).length).toBeGreaterThan(0)
    expect(await listedTicketIds('priority=1')).not.toEqual(await listedTicketIds(''))
    expect(await listedTicketIds('sla=2')).toEqual(ticketsWhere((t) => t.sla_id === 2))
    const linked = [...halo.db.tickets.values()].find((t) => t.asset_ids.length > 0)!
    expect(await listedTicketIds(`asset_id=${linked.asset_ids[0]}`)).toEqual(
      ticketsWhere((t) => t.asset_ids.includes(linked.asset_ids[0]!)),
    )
    expect(await listedTicketIds('excludethese=1,2,3')).toEqual(ticketsWhere((t) => t.id > 3))
  })

  it.each([
    ['/Tickets', 'category_1=4'],
    ['/Tickets', 'mine=true'],
    ['/Tickets', 'toplevel_id=1'],
    ['/Client', 'activeinactive=true,false'],
    ['/Asset', 'assetstatuses=1'],
    ['/Actions', 'ticket_id=1&supplieronly=true'],
  ])(
    'refuses a documented filter it does not apply (%s?%s) rather than answer unfiltered',
    async (path, query) => {
      const answer = await api(`${path}?${query}`)
      expect(answer.status).toBe(400)
      const name = query.split('&').at(-1)!.split('=')[0]!
      expect(answer.json[name]).toEqual([expect.stringContaining('does not emulate')])
    },
  )

  it('lets a boolean filter set to false through: it filters nothing', async () => {
    expect((await api('/Tickets?mine=false&count=1')).status).toBe(200)
  })

  it('keeps open tickets with open_only=true', async () => {
    const open = await listedTicketIds('open_only=true')
    expect(open).toEqual(ticketsWhere((t) => ![8, 9].includes(t.status_id)))
    expect(open.length).toBeGreaterThan(50)
  })

  it('searches summary and details case-insensitively, or the exact id', async () => {
    const bySummary = await listedTicketIds('search=PRINTER OFFLINE')
    expect(bySummary).toEqual(ticketsWhere((t) => t.summary.toLowerCase().includes('printer offline')))
    expect(bySummary.length).toBeGreaterThan(0)
    expect(await listedTicketIds('search=hard reset')).toEqual(
      ticketsWhere((t) => (t.details ?? '').toLowerCase().includes('hard reset')),
    )
    expect(await listedTicketIds('search=42')).toContain(42)
  })

  it('bounds last_update, from inclusive to exclusive, with or without a zone', async () => {
    const stamp = sample().last_update
    const from = await listedTicketIds(`lastupdatefromdate=${encodeURIComponent(stamp.replace('Z', ''))}`)
    expect(from).toEqual(ticketsWhere((t) => t.last_update >= stamp))
    expect(from).toContain(42)
    const to = await listedTicketIds(`lastupdatetodate=${encodeURIComponent(stamp)}`)
    expect(to).toEqual(ticketsWhere((t) => t.last_update < stamp))
    expect(to).not.toContain(42)
  })

  it('searches a chosen date field between startdate and enddate', async () => {
    const within = (field: 'dateoccurred' | 'datecreated' | 'lastactiondate' | 'dateclosed') =>
      ticketsWhere(
        (t) =>
          t[field] !== null && (t[field] as string) >= '2025-01-01' && (t[field] as string) < '2025-03-01',
      )
    const range = 'startdate=2025-01-01&enddate=2025-03-01T00:00:00'
    expect(await listedTicketIds(range)).toEqual(within('dateoccurred'))
    expect(await listedTicketIds(`datesearch=dateoccured&${range}`)).toEqual(within('dateoccurred'))
    expect(await listedTicketIds(`datesearch=datecreated&${range}`)).toEqual(within('datecreated'))
    expect(await listedTicketIds(`datesearch=lastactiondate&${range}`)).toEqual(within('lastactiondate'))
    expect(await listedTicketIds(`datesearch=datecleared&${range}`)).toEqual(within('dateclosed'))
    expect((await api(`/Tickets?datesearch=whenever&${range}`)).status).toBe(400)
    expect((await api('/Tickets?startdate=2025-02-30')).status).toBe(400)
    expect((await api('/Tickets?lastupdatefromdate=yesterday')).json).toEqual({
      lastupdatefromdate: [expect.any(String)],
    })
  })

  it('combines filters and ignores unknown parameters', async () => {
    const { client_id } = sample()
    expect(await listedTicketIds(`client_id=${client_id}&open_only=true&whatever=1`)).toEqual(
      ticketsWhere((t) => t.client_id === client_id && ![8, 9].includes(t.status_id)),
    )
  })
})
