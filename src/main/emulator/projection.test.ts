// The same responseFields expression must mean the same thing live and offline: what the emulator
// answers with an expression equals the local projection of the full answer, over many generated
// accounts and expressions, on every endpoint that takes one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customerAccountFields, type FieldSpec } from '../../shared/kiboFields'
import { projectFields } from '../../shared/responseFields'
import { mulberry32 } from './generate'
import { startEmulator, type Emulator } from './index'
import { appToken, call, kiboHeaders } from '../../../test/emulatorKit'

let emulator: Emulator
let headers: Record<string, string>

beforeAll(async () => {
  emulator = await startEmulator({ seed: 21, accounts: 150 })
  headers = kiboHeaders(emulator, await appToken(emulator))
})
afterAll(() => emulator.close())

/** A random expression over the schema: some fields bare, some with a random selection inside. */
function randomExpression(random: () => number, fields: FieldSpec[], depth = 0): string {
  const chosen = fields.filter(() => random() < 0.3)
  const picked = chosen.length > 0 ? chosen : [fields[Math.floor(random() * fields.length)]]
  return picked
    .map((field) =>
      field.children && field.children.length > 0 && depth < 3 && random() < 0.6
        ? `${field.name}(${randomExpression(random, field.children, depth + 1)})`
        : field.name,
    )
    .join(',')
}

describe('server-side projection equals local projection', () => {
  const random = mulberry32(99)
  const expressions = Array.from({ length: 40 }, () => randomExpression(random, customerAccountFields))

  it('on accounts/{id}', async () => {
    for (const [i, expression] of expressions.entries()) {
      const account = emulator.data.accounts[(i * 7) % emulator.data.accounts.length]
      const full = await call(emulator, 'GET', `/commerce/customer/accounts/${account.id}`, { headers })
      const served = await call(emulator, 'GET', `/commerce/customer/accounts/${account.id}`, {
        headers,
        query: { responseFields: expression },
      })
      expect(served.status, expression).toBe(200)
      expect(served.json, expression).toEqual(projectFields(full.json, expression))
    }
  })

  it('on the account list, through items(...)', async () => {
    for (const expression of expressions.slice(0, 15)) {
      const query = { startIndex: 20, pageSize: 50, sortBy: 'id asc' }
      const full = await call(emulator, 'GET', '/commerce/customer/accounts', { headers, query })
      const fields = `startIndex,totalCount,items(${expression})`
      const served = await call(emulator, 'GET', '/commerce/customer/accounts', { headers, query: { ...query, responseFields: fields } })
      expect(served.json, expression).toEqual(projectFields(full.json, fields))
    }
  })

  it('on impersonatecart, through customerAccount(...)', async () => {
    for (const [i, expression] of expressions.slice(0, 15).entries()) {
      const accountId = emulator.data.accounts[i * 3].id
      const full = await call(emulator, 'POST', '/commerce/customer/authtickets/impersonatecart', { headers, body: { accountId } })
      const fields = `userId,customerAccount(${expression})`
      const served = await call(emulator, 'POST', '/commerce/customer/authtickets/impersonatecart', {
        headers,
        body: { accountId },
        query: { responseFields: fields },
      })
      expect(served.status).toBe(200)
      // Tokens differ per call; everything the expression selects must match.
      expect(served.json, expression).toEqual(projectFields(full.json, fields))
    }
  })
})
