import { describe, expect, it } from 'vitest'
import { useEngine } from './engine-fixture.js'

const fixture = useEngine(23)
const everything = { filter: [{ op: 'gte', field: 'id', value: 0 }], MaxRecords: 10 }

describe('paging', () => {
  it('walks a POST query by POSTing the same body to each nextPageUrl, ascending by id', async () => {
    const { call, engine } = fixture.current
    const first = await call('/Widgets/query', { method: 'POST', body: everything })
    expect(first.json.pageDetails).toEqual({
      count: 10,
      requestCount: 10,
      prevPageUrl: null,
      nextPageUrl: expect.stringMatching(new RegExp(`^${engine.baseUrl}/Widgets/query/next\\?paging=`)),
    })
    const firstNext = new URL(first.json.pageDetails.nextPageUrl)
    expect(JSON.parse(firstNext.searchParams.get('search')!)).toEqual(everything)
    expect(JSON.parse(new URL(first.json.pageDetails.nextPageUrl).searchParams.get('paging')!)).toEqual({
      pageSize: 10,
      previousIds: [-1],
      nextIds: [10],
    })
    const seen: number[] = first.json.items.map((item: { id: number }) => item.id)
    let next: string | null = first.json.pageDetails.nextPageUrl
    let last = first
    while (next) {
      last = await call(next, { method: 'POST', body: everything })
      expect(last.status).toBe(200)
      seen.push(...last.json.items.map((item: { id: number }) => item.id))
      next = last.json.pageDetails.nextPageUrl
    }
    expect(seen).toEqual(Array.from({ length: 23 }, (_, index) => index + 1))
    expect(last.json.pageDetails).toMatchObject({
      count: 3,
      nextPageUrl: null,
      prevPageUrl: expect.any(String),
    })
  })

  it('names the next page on the host the query was sent to', async () => {
    const { call, credentials } = fixture.current
    const first = await call('/Widgets/query', {
      method: 'POST',
      body: everything,
      headers: { ...credentials(), host: 'sandbox:4040' },
    })
    expect(first.json.pageDetails.nextPageUrl).toMatch(
      /^http:\/\/sandbox:4040\/zone5\/ATServicesRest\/V1\.0\/Widgets\/query\/next\?paging=/,
    )
  })

  it('follows a POST query page POSTed with no body: its URL carries the search', async () => {
    const { call } = fixture.current
    const first = await call('/Widgets/query', { method: 'POST', body: everything })
    const second = await call(first.json.pageDetails.nextPageUrl, { method: 'POST' })
    expect(second.status).toBe(200)
    expect(second.json.items.map((item: { id: number }) => item.id)).toEqual([
      11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
    ])
  })

  it('refuses to follow a POST query page with GET', async () => {
    const { call } = fixture.current
    const first = await call('/Widgets/query', { method: 'POST', body: everything })
    const { status, json } = await call(first.json.pageDetails.nextPageUrl)
    expect(status).toBe(405)
    expect(json).toEqual({ Message: "The requested resource does not support http method 'GET'." })
  })

  it('walks a GET ?search= query with GET, the search carried in each URL, and leads back with prevPageUrl', async () => {
    const { call } = fixture.current
    const search = encodeURIComponent(
      JSON.stringify({ ...everything, filter: [{ op: 'gt', field: 'id', value: 5 }] }),
    )
    const first = await call(`/Widgets/query?search=${search}`)
    const second = await call(first.json.pageDetails.nextPageUrl)
    expect(second.json.items.map((item: { id: number }) => item.id)).toEqual([16, 17, 18, 19, 20, 21, 22, 23])
    expect(second.json.pageDetails.nextPageUrl).toBeNull()
    const back = await call(second.json.pageDetails.prevPageUrl)
    expect(back.json.items).toEqual(first.json.items)
    expect(back.json.pageDetails.prevPageUrl).toBeNull()
  })

  it('sees records created after the walk began, since the cursor is an id', async () => {
    const { call, widgets } = fixture.current
    const first = await call('/Widgets/query', { method: 'POST', body: { ...everything, MaxRecords: 20 } })
    await call('/Widgets', { method: 'POST', body: { name: 'late' } })
    const rest = await call(first.json.pageDetails.nextPageUrl, { method: 'POST', body: everything })
    expect(rest.json.items.map((item: { id: number }) => item.id)).toEqual([21, 22, 23, 24])
    widgets.delete(24)
  })

  it('refuses a paging parameter it did not make', async () => {
    const { call, engine } = fixture.current
    for (const paging of [
      '',
      'abc',
      '{"pageSize":0,"previousIds":[],"nextIds":[1]}',
      '{"pageSize":5,"previousIds":[],"nextIds":[]}',
      '{"pageSize":501,"previousIds":[],"nextIds":[-1]}',
      '{"pageSize":100000,"previousIds":[],"nextIds":[-1]}',
    ]) {
      const search = encodeURIComponent(JSON.stringify(everything))
      const url = `${engine.baseUrl}/Widgets/query/next?paging=${encodeURIComponent(paging)}&search=${search}`
      expect(await call(url, { method: 'POST' }), paging).toMatchObject({
        status: 500,
        json: { errors: ['The paging parameter is not valid.'] },
      })
    }
  })
})
