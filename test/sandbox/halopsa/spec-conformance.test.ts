import { expect, it, describe } from 'vitest'
import { problems } from '../../helpers/halopsa-spec.js'
import { api, useHaloEmulator } from './helpers.js'

// The HaloPSA emulator's answers against the record schemas of HaloPSA's OpenAPI document.

useHaloEmulator()

/** An action of the default seed that took time, so it is a timesheet event. */
const TIMED_ACTION = 5

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- vendor JSON, asserted against the schemas
async function vendor(path: string): Promise<any> {
  const answer = await api(path)
  expect(answer.status, path).toBe(200)
  return answer.json
}

describe("the emulator's answers conform to the spec's record schemas", () => {
  it.each([
    ['/Tickets?count=50', 'tickets', 'Faults'],
    ['/Actions?ticket_id=1', 'actions', 'Actions'],
    ['/Client?includeinactive=true', 'clients', 'Area'],
    ['/Asset?includeinactive=true&count=50', 'assets', 'Device'],
    ['/Site?count=50', 'sites', 'Site'],
    ['/Users?count=50', 'users', 'Users'],
    ['/Invoice?count=50&includelines=true', 'invoices', 'InvoiceHeader'],
    ['/Actions?timeentriesonly=true&startdate=2025-10-01', 'actions', 'Actions'],
  ])('GET %s: every record is a %s', async (path, key, schema) => {
    const body = await vendor(path)
    expect(typeof body.record_count).toBe('number')
    expect(body[key].length).toBeGreaterThan(0)
    expect((body[key] as unknown[]).flatMap((record) => problems(schema, record))).toEqual([])
  })

  it.each([
    ['/Tickets/1?includedetails=true', 'Faults'],
    ['/Client/1', 'Area'],
    ['/Asset/1', 'Device'],
    ['/AssetType/1', 'Xtype'],
    ['/Status/9', 'TStatus'],
    ['/Agent/1', 'Uname'],
    ['/Team/1', 'SectionDetail'],
    ['/TicketType/1', 'RequestType'],
    ['/Users/1', 'Users'],
    ['/FieldInfo/5?getlookupvalues=true', 'FieldInfo'],
    ['/Invoice/1?includedetails=true', 'InvoiceHeader'],
    [`/TimesheetEvent/${TIMED_ACTION}`, 'TimesheetEvent'],
  ])('GET %s is a %s', async (path, schema) => {
    expect(problems(schema, await vendor(path))).toEqual([])
  })

  it.each([
    ['/Status', 'TStatus'],
    ['/Priority', 'Policy'],
    ['/TicketType', 'RequestType'],
    ['/Team', 'SectionDetail'],
    ['/Agent?includedisabled=true', 'Uname'],
    ['/FieldInfo?includevalues=true', 'FieldInfo'],
    ['/TimesheetEvent?start_date=2025-10-01', 'TimesheetEvent'],
  ])('GET %s answers an array of %s', async (path, schema) => {
    const body = (await vendor(path)) as unknown[]
    expect(body.length).toBeGreaterThan(0)
    expect(body.flatMap((record) => problems(schema, record))).toEqual([])
  })
})
