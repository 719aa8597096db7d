import type { EmulatorReply } from '../shared/reply.js'

// Autotask's error answers. Its own refusals carry `{"errors": [...]}` (vendors.md; apigrate/autotask-restapi#19);
// what the ASP.NET framework answers before Autotask's code runs (no route, wrong verb) carries Web API's
// `{"Message": ...}` (unsourced: chosen because the API is ASP.NET Web API, as its swagger's generator shows, and
// those are that framework's own texts).

export function vendorError(status: number, ...errors: string[]): EmulatorReply {
  return { status, body: { errors } }
}

/** A business-rule or query refusal: Autotask answers them 500 with the reasons (vendors.md "errors"). */
export function refused(...errors: string[]): EmulatorReply {
  return vendorError(500, ...errors)
}

/**
 * A wrong secret for a known user: 401 (apigrate/autotask-restapi#19). Its body: none (unsourced: chosen because
 * no source quotes one and APIGRATE reads a 401's body as text, facts §1 "Failed authentication").
 */
export function unauthorized(): EmulatorReply {
  return { status: 401 }
}

export function noRoute(url: string): EmulatorReply {
  return {
    status: 404,
    body: { Message: `No HTTP resource was found that matches the request URI '${url}'.` },
  }
}

/** A query/next GET without its `search` (WYRE-AI/autotask-mcp autotask-http.ts: "does not support http method 'GET'"). */
export function methodNotAllowed(method: string): EmulatorReply {
  return {
    status: 405,
    body: { Message: `The requested resource does not support http method '${method}'.` },
  }
}
