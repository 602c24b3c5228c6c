import { describe, expect, it } from 'vitest'
import { shutDown } from './shutdown'

describe('shutDown', () => {
  it('exits 0 once everything closed', async () => {
    const codes: number[] = []
    let closed = false
    await shutDown(
      async () => {
        closed = true
      },
      { exit: (code) => codes.push(code), warn: () => undefined },
    )
    expect({ closed, codes }).toEqual({ closed: true, codes: [0] })
  })

  it('exits anyway when closing never finishes (a worker stuck in a system call)', async () => {
    const codes: number[] = []
    const warnings: string[] = []
    await shutDown(() => new Promise<void>(() => undefined), {
      graceMs: 20,
      exit: (code) => codes.push(code),
      warn: (message) => warnings.push(message),
    })
    expect(codes).toEqual([1])
    expect(warnings).toEqual(['Account Inspector: closing took longer than 0.02 s; stopping anyway.'])
  })

  it('exits when closing fails, without the error text', async () => {
    const codes: number[] = []
    const warnings: string[] = []
    await shutDown(() => Promise.reject(new Error('secret-ish detail')), {
      exit: (code) => codes.push(code),
      warn: (message) => warnings.push(message),
    })
    expect(codes).toEqual([1])
    expect(warnings.join()).not.toContain('secret-ish')
  })
})
