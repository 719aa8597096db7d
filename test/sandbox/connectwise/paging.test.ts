import { describe, expect, it } from 'vitest'
import { startConnectWiseEmulator } from '../../../sandbox/connectwise/index.js'
import { api, call, cw, links, q, ticketIds, useConnectWiseEmulator } from './helpers.js'
import type { CallResult } from '../http.js'

useConnectWiseEmulator()

describe('paging', () => {
  it('answers 25 records by id ascending with next and last links', async () => {
    const result = await api('/service/tickets')
    expect(result.status).toBe(200)
    expect(Array.isArray(result.json)).toBe(true)
    expect(result.json.map((ticket: { id: number }) => ticket.id)).toEqual(ticketIds(() => true).slice(0, 25))
    const lastPage = Math.ceil(cw.db.tickets.size / 25)
    expect(links(result)).toEqual({
      next: `${cw.baseUrl}/service/tickets?page=2`,
      last: `${cw.baseUrl}/service/tickets?page=${lastPage}`,
    })
    expect(result.headers.link).toBe(
      `<${cw.baseUrl}/service/tickets?page=2>; rel="next", <${cw.baseUrl}/service/tickets?page=${lastPage}>; rel="last"`,
    )
  })

  it('links first, prev, next and last, keeping the other parameters', async () => {
    const conditions = q('board/id = 1')
    const result = await api(`/service/tickets?${conditions}&pageSize=10&page=2&fields=id`)
    const matching = ticketIds((ticket) => ticket.boardId === 1)
    expect(result.json).toEqual(matching.slice(10, 20).map((id) => ({ id })))
    const base = `${cw.baseUrl}/service/tickets?${conditions}&pageSize=10&fields=id`
    expect(links(result)).toEqual({
      first: `${base}&page=1`,
      prev: `${base}&page=1`,
      next: `${base}&page=3`,
      last: `${base}&page=${Math.ceil(matching.length / 10)}`,
    })
  })

  it('has no next link on the last page and answers [] past the end', async () => {
    const total = cw.db.tickets.size
    const lastPage = Math.ceil(total / 100)
    const last = await api(`/service/tickets?pageSize=100&page=${lastPage}`)
    expect(last.json).toHaveLength(total - (lastPage - 1) * 100)
    expect(Object.keys(links(last))).toEqual(['first', 'prev', 'last'])
    const past = await api(`/service/tickets?pageSize=100&page=${lastPage + 5}`)
    expect(past.status).toBe(200)
    expect(past.json).toEqual([])
    expect(links(past).next).toBeUndefined()
  })

  it('caps the page size at the maximum and refuses invalid sizes and pages', async () => {
    const capped = await startConnectWiseEmulator({ pageSize: { default: 10, max: 50 } })
    try {
      expect((await call(capped, '/service/tickets')).json).toHaveLength(10)
      expect((await call(capped, '/service/tickets?pageSize=5000')).json).toHaveLength(50)
    } finally {
      await capped.close()
    }
    expect((await api('/service/tickets?pageSize=5000')).json).toHaveLength(
      Math.min(1000, cw.db.tickets.size),
    )
    for (const query of [
      'pageSize=0',
      'pageSize=-5',
      'pageSize=2.5',
      'pageSize=abc',
      'page=0',
      'page=-1',
      'page=x',
    ]) {
      const { status, json } = await api(`/service/tickets?${query}`)
      expect(status, query).toBe(400)
      expect(json, query).toEqual({ code: 'InvalidArgument', message: expect.any(String) })
    }
  })

  it('reads parameter names case-insensitively', async () => {
    const { json } = await api(
      `/service/tickets?PAGESIZE=3&Page=2&CONDITIONS=${encodeURIComponent('board/id = 2')}`,
    )
    expect(json.map((ticket: { id: number }) => ticket.id)).toEqual(
      ticketIds((ticket) => ticket.boardId === 2).slice(3, 6),
    )
  })

  it('pages forward-only by pageId, seeing records inserted during the walk exactly once', async () => {
    const forward = { headers: { 'pagination-type': 'forward-only' } }
    const seen: number[] = []
    const inserted: number[] = []
    let next: string | undefined = `${cw.baseUrl}/service/tickets?pageSize=100&fields=id,summary`
    for (let page = 0; next; page++) {
      const result: CallResult = await api(next, forward)
      expect(result.status).toBe(200)
      expect(Object.keys(links(result)).every((rel) => rel === 'next')).toBe(true)
      seen.push(...result.json.map((ticket: { id: number }) => ticket.id))
      next = links(result).next
      if (next) expect(next).toMatch(new RegExp(`pageId=${seen.at(-1)}&pageSize=100$`))
      if (page < 2) {
        const created = await api('/service/tickets', {
          method: 'POST',
          body: { summary: `Mid-walk ${page}`, company: { id: 1 } },
        })
        inserted.push(created.json.id)
      }
    }
    expect(seen).toEqual(ticketIds(() => true))
    expect(seen).toEqual(expect.arrayContaining(inserted))
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('applies conditions under forward-only paging and refuses orderBy with it', async () => {
    const forward = { headers: { 'pagination-type': 'forward-only' } }
    const first = await api(`/service/tickets?pageSize=5&${q('board/id = 3')}`, forward)
    expect(first.json.map((ticket: { id: number }) => ticket.id)).toEqual(
      ticketIds((ticket) => ticket.boardId === 3).slice(0, 5),
    )
    expect(links(first).next).toContain(q('board/id = 3'))
    const after = await api(
      `/service/tickets?pageSize=5&pageId=${first.json[4].id}&${q('board/id = 3')}`,
      forward,
    )
    expect(after.json.map((ticket: { id: number }) => ticket.id)).toEqual(
      ticketIds((ticket) => ticket.boardId === 3).slice(5, 10),
    )
    expect((await api('/service/tickets?orderBy=summary', forward)).json.code).toBe('InvalidArgument')
    expect((await api('/service/tickets?pageId=abc', forward)).status).toBe(400)
    const beyond = await api('/service/tickets?pageId=99999999', forward)
    expect(beyond.json).toEqual([])
    expect(beyond.headers.link).toBeUndefined()
  })
})
