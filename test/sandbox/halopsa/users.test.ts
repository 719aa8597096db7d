import { describe, expect, it } from 'vitest'
import { api, halo, sortedIds, useHaloEmulator } from './helpers.js'

// End-users (contacts): GET /Users filters, GET /Users/{id}, POST /Users creates and updates.

useHaloEmulator()

const users = () => [...halo.db.users.values()]
const clientOf = (siteId: number) => halo.db.sites.get(siteId)?.client_id
const post = (body: unknown) => api('/Users', { method: 'POST', body })

describe('GET /Users', () => {
  it('filters by client and top level, and leaves inactive users out unless asked', async () => {
    const inactive = users().find((user) => user.inactive)!
    const clientId = clientOf(inactive.site_id)!
    const atClient = users().filter((user) => clientOf(user.site_id) === clientId)
    expect(sortedIds((await api(`/Users?client_id=${clientId}`)).json.users)).toEqual(
      sortedIds(atClient.filter((user) => !user.inactive)),
    )
    expect(sortedIds((await api(`/Users?client_id=${clientId}&includeinactive=true`)).json.users)).toEqual(
      sortedIds(atClient),
    )
    const partners = users().filter(
      (user) => !user.inactive && halo.db.clients.get(clientOf(user.site_id)!)?.toplevel_id === 2,
    )
    expect(partners.length).toBeGreaterThan(0)
    expect(sortedIds((await api('/Users?toplevel_id=2')).json.users)).toEqual(sortedIds(partners))
  })

  it('searches names and email addresses, and phone numbers with search_phonenumbers', async () => {
    const user = users().find((candidate) => !candidate.inactive && candidate.phonenumber)!
    const digits = user.phonenumber!.slice(-6)
    expect(sortedIds((await api(`/Users?search=${digits}`)).json.users)).not.toContain(user.id)
    expect(sortedIds((await api(`/Users?search=${digits}&search_phonenumbers=true`)).json.users)).toContain(
      user.id,
    )
    const email = users().find((candidate) => !candidate.inactive && candidate.emailaddress)!
    const local = email.emailaddress!.split('@')[0]!.toUpperCase()
    expect(sortedIds((await api(`/Users?search=${encodeURIComponent(local)}`)).json.users)).toContain(
      email.id,
    )
  })

  it('pages, and orders by the last update', async () => {
    const page = (await api('/Users?pageinate=true&page_size=10&page_no=2&order=ulastupdate&orderdesc=true'))
      .json
    expect(page.record_count).toBe(users().filter((user) => !user.inactive).length)
    expect(page.users).toHaveLength(10)
    const stamps = page.users.map((user: { ulastupdate: string }) => user.ulastupdate)
    expect(stamps).toEqual([...stamps].sort().reverse())
  })

  it('refuses the filters of the spec it does not apply', async () => {
    const answer = await api('/Users?department_id=3')
    expect(answer.status).toBe(400)
    expect(answer.json).toHaveProperty('department_id')
  })
})

describe('GET /Users/{id}', () => {
  it('answers one user, inactive ones too, with the client of its site; 404 for none', async () => {
    const user = users().find((candidate) => candidate.inactive)!
    const answer = await api(`/Users/${user.id}`)
    expect(answer.status).toBe(200)
    expect(answer.json).toMatchObject({
      id: user.id,
      name: `${user.firstname} ${user.surname}`,
      surname: user.surname,
      emailaddress: user.emailaddress,
      phonenumber: user.phonenumber,
      mobilenumber: user.mobilenumber,
      title: user.title,
      inactive: true,
      site_id: user.site_id,
      client_id: clientOf(user.site_id),
    })
    expect((await api('/Users/999999')).status).toBe(404)
  })
})

describe('POST /Users', () => {
  it('creates a user at a site, splitting name, and updates only what is sent', async () => {
    const site = halo.db.sites.get(3)!
    const created = await post([
      { name: 'Mary Ann Jones', site_id: site.id, emailaddress: 'mary@example.com', title: 'Buyer' },
    ])
    expect(created.status).toBe(200)
    expect(created.json).toMatchObject({
      name: 'Mary Ann Jones',
      firstname: 'Mary Ann',
      surname: 'Jones',
      site_id: site.id,
      client_id: site.client_id,
      title: 'Buyer',
      inactive: false,
      phonenumber: null,
    })
    const updated = await post([{ id: created.json.id, mobilenumber: '07700 900123', inactive: true }])
    expect(updated.json).toMatchObject({
      name: 'Mary Ann Jones',
      emailaddress: 'mary@example.com',
      mobilenumber: '07700 900123',
      inactive: true,
    })
    expect(halo.db.users.get(created.json.id)?.ulastupdate).toBeDefined()
  })

  it('refuses a user without a site or a name, a bad email, a site of another client, an unknown id', async () => {
    const details = async (body: unknown) => (await post(body)).json.details
    expect(await details([{ name: 'No Site' }])).toEqual([
      { field: 'site_id', message: 'Site ID is required' },
    ])
    expect(await details([{ site_id: 1, name: '  ' }])).toEqual([
      { field: 'name', message: 'User name is required' },
    ])
    expect(await details([{ site_id: 1, name: 'A B', emailaddress: 'not-an-address' }])).toEqual([
      { field: 'emailaddress', message: "'not-an-address' is not a valid email address" },
    ])
    const site = halo.db.sites.get(1)!
    const other = [...halo.db.clients.values()].find((client) => client.id !== site.client_id)!
    expect(await details([{ site_id: site.id, client_id: other.id, name: 'A B' }])).toEqual([
      { field: 'site_id', message: `Site ID ${site.id} does not belong to client ${other.id}` },
    ])
    expect(await details([{ id: 999999, name: 'A B' }])).toEqual([
      { field: 'id', message: 'User ID 999999 does not exist' },
    ])
    expect(await details([{ site_id: 999999, name: 'A B' }])).toEqual([
      { field: 'site_id', message: 'Site ID 999999 does not exist' },
    ])
  })
})
