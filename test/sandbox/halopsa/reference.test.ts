import { describe, expect, it } from 'vitest'
import { STATUS_TYPE } from '../../../sandbox/halopsa/index.js'
import { api, halo, sortedIds, useHaloEmulator } from './helpers.js'

useHaloEmulator()

describe('reference records, sites and end-users', () => {
  it('leaves closed or pending statuses out with excludeclosed / excludepending', async () => {
    const types = (path: string) =>
      api(path).then(({ json }) => new Set(json.map((status: { type: number }) => status.type)))
    expect(await types('/Status')).toEqual(
      new Set([STATUS_TYPE.open, STATUS_TYPE.pending, STATUS_TYPE.closed]),
    )
    expect(await types('/Status?excludeclosed=true')).toEqual(
      new Set([STATUS_TYPE.open, STATUS_TYPE.pending]),
    )
    expect(await types('/Status?excludepending=true')).toEqual(
      new Set([STATUS_TYPE.open, STATUS_TYPE.closed]),
    )
    expect((await api('/Status?excludeclosed=false')).json).toHaveLength(halo.db.statuses.size)
  })

  it.each([
    ['Status', 9, 'Closed'],
    ['Agent', 1, 'Sam Carter'],
    ['Team', 3, 'Projects'],
    ['TicketType', 1, undefined],
  ])('answers GET /%s/{id} as the list shows the record, 404 for an unknown id', async (path, id, name) => {
    const list = (await api(`/${path}${path === 'Agent' ? '?includedisabled=true' : ''}`)).json
    const one = await api(`/${path}/${id}`)
    expect(one.status).toBe(200)
    expect(one.json).toEqual(list.find((record: { id: number }) => record.id === id))
    if (name) expect(one.json.name).toBe(name)
    const missing = await api(`/${path}/999999`)
    expect([missing.status, typeof missing.json.Message]).toEqual([404, 'string'])
  })

  it("lists sites and end-users by client, site and search, in the spec's fields", async () => {
    const site = [...halo.db.sites.values()][3]!
    const sites = (await api(`/Site?client_id=${site.client_id}`)).json
    expect(sortedIds(sites.sites)).toEqual(
      sortedIds([...halo.db.sites.values()].filter((s) => s.client_id === site.client_id)),
    )
    expect(sites.sites.find((s: { id: number }) => s.id === site.id)).toMatchObject({
      id: site.id,
      name: site.name,
      client_id: site.client_id,
      client_name: halo.db.clients.get(site.client_id)?.name,
      inactive: false,
    })
    expect((await api('/Site?pageinate=true&page_size=5')).json.sites).toHaveLength(5)
    const user = [...halo.db.users.values()][7]!
    const bySite = (await api(`/Users?site_id=${user.site_id}`)).json.users
    expect(sortedIds(bySite)).toEqual(
      sortedIds([...halo.db.users.values()].filter((u) => u.site_id === user.site_id && !u.inactive)),
    )
    const found = (await api(`/Users?search=${encodeURIComponent(user.surname)}`)).json.users
    expect(found.find((u: { id: number }) => u.id === user.id)).toMatchObject({
      name: `${user.firstname} ${user.surname}`,
      emailaddress: user.emailaddress,
      site_id: user.site_id,
      client_id: halo.db.sites.get(user.site_id)?.client_id,
    })
    expect((await api('/Users?lastupdatefromdate=2025-01-01')).status).toBe(400)
  })
})
