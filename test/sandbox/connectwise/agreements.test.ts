import { describe, expect, it } from 'vitest'
import { api, cw, DATE, listIds, q, useConnectWiseEmulator } from './helpers.js'

useConnectWiseEmulator()

const agreements = () => [...cw.db.agreements.values()]

describe('agreements (/finance/agreements)', () => {
  it('are seeded on active companies, each of a seeded type', () => {
    expect(agreements().length).toBeGreaterThan(5)
    for (const agreement of agreements()) {
      expect(cw.db.companies.get(agreement.companyId)?.deletedFlag).toBe(false)
      expect(cw.db.agreementTypes.has(agreement.typeId)).toBe(true)
      expect(agreement.noEndingDateFlag).toBe(agreement.endDate === null)
      expect(agreement.cancelledFlag).toBe(agreement.dateCancelled !== null)
    }
  })

  it('list with conditions and count, and answer one in the vendor’s shape', async () => {
    const first = agreements()[0]!
    const forCompany = agreements().filter((agreement) => agreement.companyId === first.companyId)
    expect(await listIds('/finance/agreements', q(`company/id=${first.companyId}`))).toEqual(
      forCompany.map((agreement) => agreement.id),
    )
    const cancelled = agreements().filter((agreement) => agreement.cancelledFlag).length
    expect((await api(`/finance/agreements/count?${q('cancelledFlag=true')}`)).json).toEqual({
      count: cancelled,
    })
    const { status, json } = await api(`/finance/agreements/${first.id}`)
    expect(status).toBe(200)
    expect(json).toMatchObject({
      id: first.id,
      name: first.name,
      type: { id: first.typeId, name: cw.db.agreementTypes.get(first.typeId)?.name },
      company: { id: first.companyId, identifier: cw.db.companies.get(first.companyId)?.identifier },
      startDate: expect.stringMatching(DATE),
      applicationUnits: first.applicationUnits,
      billTime: first.billTime,
      _info: { dateEntered: first.info.dateEntered },
    })
    expect((await api('/finance/agreements/999999')).json.code).toBe('RecordNotFound')
  })

  it('are read-only', async () => {
    const result = await api('/finance/agreements', { method: 'POST', body: { name: 'x' } })
    expect(result.status).toBe(405)
  })
})
