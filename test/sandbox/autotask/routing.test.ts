import { describe, expect, it } from 'vitest'
import { useEngine } from './engine-fixture.js'

const fixture = useEngine(5)

describe('records', () => {
  it('answers a record as {item}, an id it does not hold as {item: null}, and a malformed id as no route', async () => {
    const { call } = fixture.current
    expect(await call('/Widgets/2')).toMatchObject({
      status: 200,
      json: { item: { id: 2, name: 'Widget 2' } },
    })
    expect(await call('/Widgets/999')).toMatchObject({ status: 200, json: { item: null } })
    for (const path of ['/Widgets/abc', '/Widgets/1.5', '/Widgets/-1'])
      expect((await call(path)).status, path).toBe(404)
  })

  it('reads paths without case, and counts them under the route', async () => {
    const { call, engine } = fixture.current
    engine.resetStats()
    const url = engine.baseUrl.replace('/ATServicesRest/V1.0', '/atservicesrest/v1.0')
    expect((await call(`${url}/widgets/1`)).status).toBe(200)
    expect((await call('/WIDGETS/ENTITYINFORMATION')).status).toBe(200)
    expect(engine.stats.byRoute).toEqual({ 'GET /Widgets/:id': 1, 'GET /Widgets/entityInformation': 1 })
  })

  it('creates with POST and updates with PATCH, answering {itemId}, reading property names without case', async () => {
    const { call, widgets } = fixture.current
    const created = await call('/Widgets', { method: 'POST', body: { Name: 'made' } })
    expect(created).toMatchObject({ status: 200, json: { itemId: expect.any(Number) } })
    const id = created.json.itemId
    expect(widgets.get(id)?.name).toBe('made')
    const updated = await call('/Widgets', { method: 'PATCH', body: { ID: String(id), STATUS: 2 } })
    expect(updated).toMatchObject({ status: 200, json: { itemId: id } })
    expect(widgets.get(id)?.status).toBe(2)
    widgets.delete(id)
  })

  it("answers the entity's refusals as {errors}, and refuses a PATCH without an id or a body that is no object", async () => {
    const { call } = fixture.current
    expect(await call('/Widgets', { method: 'POST', body: {} })).toMatchObject({
      status: 500,
      json: { errors: ['name is required'] },
    })
    for (const [method, body] of [
      ['PATCH', { status: 1 }],
      ['PATCH', { id: 'x' }],
      ['POST', [1]],
      ['POST', 'text'],
    ] as const)
      expect((await call('/Widgets', { method, body })).status, JSON.stringify(body)).toBe(500)
    expect((await call('/Widgets', { method: 'PATCH', body: { id: 999 } })).status).toBe(404)
  })

  it('knows no PATCH /{Entity}/{id} nor a DELETE the entity lacks; PUT is served by Autotask but not emulated', async () => {
    const { call } = fixture.current
    expect((await call('/Widgets/1', { method: 'PATCH', body: { name: 'x' } })).status).toBe(405)
    expect((await call('/Widgets/1', { method: 'DELETE' })).status).toBe(405)
    expect(await call('/Widgets', { method: 'PUT', body: { id: 1 } })).toMatchObject({
      status: 501,
      json: { Message: 'PUT /Widgets is not emulated by the Autotask sandbox.' },
    })
  })
})

describe('child entities', () => {
  it('lists and reads children under their parent only', async () => {
    const { call } = fixture.current
    const list = await call('/Widgets/1/Notes')
    expect(list.json.items.map((note: { id: number }) => note.id)).toEqual([1, 2])
    expect(list.json.pageDetails).toEqual({
      count: 2,
      requestCount: 500,
      prevPageUrl: null,
      nextPageUrl: null,
    })
    expect((await call('/Widgets/1/Notes/2')).json.item).toMatchObject({ id: 2, widgetID: 1 })
    expect((await call('/Widgets/2/Notes/2')).json.item).toBeNull()
    expect((await call('/WidgetNotes/3')).json.item).toMatchObject({ widgetID: 2 })
    expect((await call('/Widgets/999/Notes')).json.items).toEqual([])
  })

  it('creates a child under its parent only: the root path is no route, a missing parent a 500', async () => {
    const { call, notes } = fixture.current
    const created = await call('/Widgets/2/Notes', { method: 'POST', body: { text: 'new' } })
    expect(created).toMatchObject({ status: 200, json: { itemId: expect.any(Number) } })
    expect(notes.get(created.json.itemId)).toMatchObject({ widgetID: 2, text: 'new' })
    expect((await call('/WidgetNotes', { method: 'POST', body: { widgetID: 2, text: 'x' } })).status).toBe(
      404,
    )
    expect(await call('/Widgets/999/Notes', { method: 'POST', body: { text: 'x' } })).toMatchObject({
      status: 500,
      json: { errors: [expect.stringContaining('widgetID')] },
    })
    notes.delete(created.json.itemId)
  })
})

describe('entity information and the threshold', () => {
  it('answers info, fields and user-defined fields', async () => {
    const { call } = fixture.current
    expect((await call('/Widgets/entityInformation')).json.info).toMatchObject({
      name: 'Widgets',
      canCreate: true,
      hasUserDefinedFields: true,
    })
    const fields = (await call('/Widgets/entityInformation/fields')).json.fields
    expect(fields.map((field: { name: string }) => field.name)).toContain('status')
    const [udf, ...more] = (await call('/Widgets/entityInformation/userDefinedFields')).json.fields
    expect(more).toEqual([])
    expect(udf).toMatchObject({
      name: 'Colour',
      label: 'Colour',
      type: 'string',
      length: 100,
      defaultValue: null,
    })
    expect(udf).toHaveProperty('description')
    expect(udf).not.toHaveProperty('dataType')
    expect((await call('/WidgetNotes/entityInformation/userDefinedFields')).json.fields).toEqual([])
    expect((await call('/Widgets/1/Notes/entityInformation')).json.info.name).toBe('WidgetNotes')
  })

  it('reports the requests of the current timeframe, this one counted', async () => {
    const { call } = fixture.current
    const first = (await call('/ThresholdInformation')).json
    expect(first).toEqual({
      externalRequestThreshold: 100_000,
      requestThresholdTimeframe: 1,
      currentTimeframeRequestCount: expect.any(Number),
    })
    await call('/Widgets/1')
    expect((await call('/ThresholdInformation')).json.currentTimeframeRequestCount).toBe(
      first.currentTimeframeRequestCount + 2,
    )
  })
})
