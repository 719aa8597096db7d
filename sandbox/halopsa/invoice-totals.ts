import type { InvoiceLineRecord } from './records.js'

const roundCents = (amount: number) => Math.round(amount * 100) / 100

/** A line's amounts (spec `InvoiceDetail.net_amount`, `tax_amount`), to the cent. */
export function lineAmounts(line: InvoiceLineRecord): { net_amount: number; tax_amount: number } {
  const net = roundCents(line.qty_order * line.unit_price)
  return { net_amount: net, tax_amount: roundCents((net * line.tax_rate) / 100) }
}

/** An invoice's totals (spec `InvoiceHeader.revenue`, `tax_total`, `total`): the sums of its lines. */
export function invoiceTotals(lines: readonly InvoiceLineRecord[]) {
  const amounts = lines.map(lineAmounts)
  const revenue = roundCents(amounts.reduce((sum, line) => sum + line.net_amount, 0))
  const taxTotal = roundCents(amounts.reduce((sum, line) => sum + line.tax_amount, 0))
  return { revenue, tax_total: taxTotal, total: roundCents(revenue + taxTotal) }
}

/** Half of it, to the cent: what a part-paid seeded invoice has been paid. */
export const halfOf = (amount: number) => roundCents(amount / 2)
