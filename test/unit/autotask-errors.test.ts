import { describe, expect, it } from 'vitest'
import { gatewayErrorFromVendor } from '../../src/vendor-http/vendor-errors.js'
import { describeAutotaskError } from '../../adapters/autotask/errors.js'
import { assetFieldNames, customerFieldNames, ticketFieldNames } from '../../adapters/autotask/map.js'
import { timeEntryFieldNames } from '../../adapters/autotask/time-entries-map.js'

const gatewayError = (status: number, body: unknown, fieldNames: Record<string, string> = {}) =>
  gatewayErrorFromVendor('autotask', status, describeAutotaskError(status, body), fieldNames)

describe('autotask errors', () => {
  it('makes a 500 refusing a business rule a validation failure, naming the canonical field where it can', () => {
    const error = gatewayError(
      500,
      { errors: ['Value does not reference an existing entity for companyID . '] },
      { companyId: 'customerId' },
    )
    expect(error).toMatchObject({ status: 422, code: 'validation_failed' })
    expect(error.extras).toMatchObject({
      vendor: { status: 500 },
      errors: [
        { field: 'customerId', message: 'Value does not reference an existing entity for companyID . ' },
      ],
    })
    const rule =
      'When assigning a Resource, you must assign both a assignedResourceID and assignedResourceRoleID.'
    expect(gatewayError(500, { errors: [rule] }, ticketFieldNames)).toMatchObject({
      status: 422,
      extras: { errors: [{ field: 'assigneeId', message: rule }] },
    })
  })

  it("leaves Autotask's own failures a 500, so they count against the connection", () => {
    expect(describeAutotaskError(500, { errors: ['Something went wrong'] }).status).toBeUndefined()
    expect(describeAutotaskError(500, undefined).status).toBeUndefined()
    expect(describeAutotaskError(500, '<html>oops</html>').status).toBeUndefined()
    expect(gatewayError(500, { errors: ['Something went wrong'] })).toMatchObject({ status: 502 })
    for (const failure of [
      'Object reference not set to an instance of an object.',
      'Timeout expired.  The timeout period elapsed prior to completion of the operation.',
      'Transaction (Process ID 61) was deadlocked on lock resources with another process.',
    ])
      expect(describeAutotaskError(500, { errors: [failure] }).status).toBeUndefined()
  })

  it('reads the thread limit as a rate limit', () => {
    const thread =
      'Thread Threshold Exceeded — The Autotask API thread threshold of 3 threads has been exceeded.'
    expect(gatewayError(500, { errors: [thread] })).toMatchObject({ status: 429, code: 'rate_limited' })
  })

  it('reads ASP.NET bodies, error objects, and keeps other statuses as they are', () => {
    const notAllowed = { Message: "The requested resource does not support http method 'GET'." }
    expect(describeAutotaskError(405, notAllowed)).toEqual({
      message: notAllowed.Message,
      errors: [{ field: undefined, message: notAllowed.Message }],
    })
    expect(describeAutotaskError(404, { errors: [{ message: 'gone', field: 'id' }] }).status).toBeUndefined()
    expect(gatewayError(401, '')).toMatchObject({ status: 502 })
  })

  it.each([
    ['Picklist value [999] does not exist for configurationItemType', assetFieldNames, 'typeId'],
    ['Picklist value [3] does not exist for priority', ticketFieldNames, 'priorityId'],
    ['Picklist value [3] does not exist for noteType. ; on record number [1].', {}, undefined],
    ['Value does not exist for the required field phone', customerFieldNames, 'phone'],
    [
      'Value does not exist for the required field companyName. ; on record number [1].',
      customerFieldNames,
      'name',
    ],
    [
      'When assigning a Resource, you must assign both a assignedResourceID and assignedResourceRoleID.',
      ticketFieldNames,
      'assigneeId',
    ],
    [
      'The specified AssignedResourceID and AssignedRoleID combination is not currently defined',
      ticketFieldNames,
      'assigneeId',
    ],
    ['TimeEntries for Tickets must have a roleID.', timeEntryFieldNames, 'agentId'],
    ['Must have at least one of hoursWorked or startDateTime/endDateTime', timeEntryFieldNames, 'minutes'],
  ])('names the canonical field of the refusal %s', (message, fieldNames, field) => {
    const error = gatewayError(500, { errors: [message] }, fieldNames)
    expect(error).toMatchObject({ status: 422, code: 'validation_failed' })
    const [named] = error.extras.errors!
    if (field === undefined) expect(named!.message).toMatch(/^noteType /)
    else expect(named).toEqual({ field, message })
  })

  it('names the field of a query on an unknown field', () => {
    const error = gatewayError(500, { errors: ['Unable to find projectID in the TimeEntry Entity'] })
    expect(error.extras.errors).toEqual([
      { message: 'projectID Unable to find projectID in the TimeEntry Entity' },
    ])
  })
})
