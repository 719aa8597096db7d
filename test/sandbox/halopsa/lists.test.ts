import { describe, expect, it } from 'vitest'
import { api, halo, sortedIds, useHaloEmulator } from './helpers.js'

useHaloEmulator()

describe('client, asset and action lists', () => {
  it('leaves inactive clients out unless includeinactive=true, and searches names', async () => {
    const active = (await api('/Client')).json
    expect(active.record_count).toBe(
      [...halo.db.clients.values()].filter((client) => !client.inactive).length,
    )
    expect((await api('/Client?includeinactive=true')).json.record_count).toBe(halo.db.clients.size)
    const onlyInactive = (await api('/Client?includeactive=false&includeinactive=true')).json.clients
    expect(onlyInactive.every((client: { inactive: boolean }) => client.inactive)).toBe(true)
    const found = (await api(`/Client?includeinactive=true&search=${encodeURIComponent("o'brien &")}`)).json
      .clients
    expect(found.map((client: { name: string }) => client.name)).toEqual(["O'Brien & Sons Plumbing"])
  })

  it.each(['Client', 'Asset'])(
    'binds lastupdatefromdate on /%s as the boolean the spec types it, filtering nothing',
    async (path) => {
      const all = (await api(`/${path}?includeinactive=true`)).json.record_count
      for (const flag of ['true', 'false']) {
        const answer = await api(
          `/${path}?includeinactive=true&lastupdatefromdate=${flag}&lastupdatetodate=${flag}`,
        )
        expect([answer.status, answer.json.record_count]).toEqual([200, all])
      }
      const dated = await api(`/${path}?includeinactive=true&lastupdatefromdate=2025-01-01T00:00:00`)
      expect(dated.status).toBe(400)
      expect(dated.json).toEqual({ lastupdatefromdate: [expect.any(String)] })
    },
  )

  it('filters assets by client, type and search, inactive ones only on request', async () => {
    const asset = [...halo.db.assets.values()].find((candidate) => !candidate.inactive)
    const byClient = (await api(`/Asset?client_id=${asset?.client_id}&includeinactive=true`)).json.assets
    expect(sortedIds(byClient)).toEqual(
      [...halo.db.assets.values()].filter((a) => a.client_id === asset?.client_id).map((a) => a.id),
    )
    const byType = (await api('/Asset?assettype_id=3')).json.assets
    expect(
      byType.every((a: { assettype_id: number; inactive: boolean }) => a.assettype_id === 3 && !a.inactive),
    ).toBe(true)
    expect(
      (await api(`/Asset?search=${asset?.key_field?.toLowerCase()}`)).json.assets.map(
        (a: { id: number }) => a.id,
      ),
    ).toContain(asset?.id)
    expect((await api(`/Asset?search=${asset?.inventory_number}`)).json.assets).toHaveLength(1)
    const active = (await api('/Asset')).json.record_count
    expect(active).toBe([...halo.db.assets.values()].filter((a) => !a.inactive).length)
    expect(active).toBeLessThan(150)
  })

  it("lists a ticket's actions oldest first, filters private ones", async () => {
    const withHidden = [...halo.db.tickets.keys()].find((id) =>
      halo.db.actionsOf(id).some((a) => a.hiddenfromuser),
    ) as number
    const all = (await api(`/Actions?ticket_id=${withHidden}`)).json
    expect(all.actions.map((a: { id: number }) => a.id)).toEqual(
      halo.db.actionsOf(withHidden).map((a) => a.id),
    )
    expect(all.record_count).toBe(all.actions.length)
    const visible = (await api(`/Actions?ticket_id=${withHidden}&excludeprivate=true`)).json.actions
    expect(visible.length).toBeLessThan(all.actions.length)
    expect(visible.every((a: { hiddenfromuser: boolean }) => !a.hiddenfromuser)).toBe(true)
    expect((await api(`/Actions?ticket_id=${withHidden}&count=1`)).json.actions).toHaveLength(1)
    expect((await api('/Actions?ticket_id=999999')).json).toEqual({ record_count: 0, actions: [] })
  })

  it("lists every ticket's actions in a date range without ticket_id, as the spec allows", async () => {
    const times = [...halo.db.actions.values()].map((a) => a.datetime).sort()
    const [from, to] = [times[Math.floor(times.length / 3)]!, times[Math.floor(times.length / 2)]!]
    const range = `startdate=${from.replace('Z', '')}&enddate=${to.replace('Z', '')}`
    const { status, json } = await api(`/Actions?${range}`)
    const expected = [...halo.db.actions.values()].filter((a) => a.datetime >= from && a.datetime < to)
    expect(status).toBe(200)
    expect(sortedIds(json.actions)).toEqual(sortedIds(expected))
    expect(new Set(json.actions.map((a: { ticket_id: number }) => a.ticket_id)).size).toBeGreaterThan(1)
    expect((await api('/Actions')).json.record_count).toBe(halo.db.actions.size)
  })
})
