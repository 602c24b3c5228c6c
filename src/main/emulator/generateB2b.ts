// B2B accounts (the generated accounts of type B2B, about one in ten registered ones): their
// hierarchies, several levels deep, and their users with roles. Built once, on the first B2B
// question, from the account list: a pass over ids and a few draws per B2B account.
import type { CustomerAccount } from '../../shared/kibo'
import { accountBaseFields } from '../../shared/kiboFields'
import { AS_OF, ascii, iso } from './generate'
import { Stream, created, drawFor, stamp } from './generate360'
import * as W from './names'

export interface UserRole {
  userId: string
  assignedInScope: { type: string; id: number; name: string }
  roleId: number
  roleName: string
  roleResources: never[]
  roleTags: string[]
  auditInfo: ReturnType<typeof stamp>
}

export interface B2BUser {
  emailAddress: string
  userName: string
  firstName: string | null
  lastName: string | null
  localeCode: string
  userId: string
  roles: UserRole[]
  isLocked: boolean
  isActive: boolean
  isRemoved: boolean
  acceptsMarketing: boolean
  hasExternalPassword: boolean
}

/** Kibo's built-in B2B roles. */
export const B2B_ROLES = [
  { roleId: 1, roleName: 'Admin' },
  { roleId: 2, roleName: 'Purchaser' },
  { roleId: 3, roleName: 'Nonpurchaser' },
] as const

export interface HierarchyNode {
  id: number
  children: HierarchyNode[]
}

export interface B2bIndex {
  /** B2B account id → its parent (undefined for a root). */
  parent: Map<number, number | undefined>
  children: Map<number, number[]>
  root: Map<number, number>
  users: Map<number, B2BUser[]>
  /** A B2B user's id → the account it belongs to (the account's own user included). */
  accountOfUser: Map<string, number>
  /** Users who are not the account's own login: each has a cart of their own. */
  extraUsers: Set<string>
}

/** The deepest a generated hierarchy goes below its root. */
export const MAX_DEPTH = 3

export function buildB2bIndex(seed: number, accounts: readonly CustomerAccount[], tenant: number): B2bIndex {
  const b2b = accounts.filter((a) => a.accountType === 'B2B')
  const index: B2bIndex = {
    parent: new Map(),
    children: new Map(),
    root: new Map(),
    users: new Map(),
    accountOfUser: new Map(),
    extraUsers: new Set(),
  }
  const d = drawFor(seed, Stream.B2b, 0)
  let i = 0
  while (i < b2b.length) {
    // One company group: 1–8 accounts, each attached under an earlier one no deeper than MAX_DEPTH − 1.
    const size = Math.min(b2b.length - i, d.chance(0.3) ? 1 : d.int(3, 8))
    const group = b2b.slice(i, i + size).map((a) => a.id!)
    const depth = new Map<number, number>([[group[0], 0]])
    index.parent.set(group[0], undefined)
    for (let k = 1; k < group.length; k++) {
      // The second attaches under the root and the third under the second, so groups of three or more are three levels deep.
      const candidates = group.slice(0, k).filter((id) => depth.get(id)! < MAX_DEPTH)
      const parent = k <= 2 ? group[k - 1] : d.pick(candidates)
      index.parent.set(group[k], parent)
      depth.set(group[k], depth.get(parent)! + 1)
      index.children.set(parent, [...(index.children.get(parent) ?? []), group[k]])
    }
    for (const id of group) index.root.set(id, group[0])
    i += size
  }
  for (const a of b2b) {
    const users = usersOf(seed, a, tenant)
    index.users.set(a.id!, users)
    for (const u of users) {
      index.accountOfUser.set(u.userId, a.id!)
      if (u.userId !== a.userId) index.extraUsers.add(u.userId)
    }
  }
  return index
}

function role(userId: string, r: (typeof B2B_ROLES)[number], tenant: number, by: string, at: number): UserRole {
  return {
    userId,
    assignedInScope: { type: 'Tenant', id: tenant, name: `Tenant ${tenant}` },
    roleId: r.roleId,
    roleName: r.roleName,
    roleResources: [],
    roleTags: ['B2B'],
    auditInfo: stamp(by, at),
  }
}

/** The account's own login as its admin, and 1–5 more people of the company, each with a role. */
function usersOf(seed: number, a: CustomerAccount, tenant: number): B2BUser[] {
  const d = drawFor(seed, Stream.B2b, a.id!)
  const domain = `${ascii(a.companyOrOrganization ?? 'company')}.example.com`
  const since = created(a)
  const admin = d.pick(W.admins)
  const out: B2BUser[] = []
  if (a.userId) {
    out.push({
      emailAddress: a.emailAddress ?? `${a.userId}@${domain}`,
      userName: a.userName ?? a.emailAddress ?? a.userId,
      firstName: a.firstName ?? null,
      lastName: a.lastName ?? null,
      localeCode: a.localeCode ?? 'en-US',
      userId: a.userId,
      roles: [role(a.userId, B2B_ROLES[0], tenant, admin, since)],
      isLocked: a.isLocked ?? false,
      isActive: a.isActive ?? true,
      isRemoved: false,
      acceptsMarketing: a.acceptsMarketing ?? false,
      hasExternalPassword: a.hasExternalPassword ?? false,
    })
  }
  for (let k = 0, n = d.int(1, 5); k < n; k++) {
    const first = d.pick(W.firstNames)
    const last = d.pick(W.lastNames)
    const email = `${ascii(first)}.${ascii(last)}@${domain}`
    const userId = d.hex32()
    const at = d.between(since, AS_OF)
    const r = d.chance(0.15) ? B2B_ROLES[0] : d.chance(0.7) ? B2B_ROLES[1] : B2B_ROLES[2]
    const removed = d.chance(0.05)
    out.push({
      emailAddress: email,
      userName: email,
      firstName: first,
      lastName: last,
      localeCode: a.localeCode ?? 'en-US',
      userId,
      roles: [role(userId, r, tenant, a.userId ?? admin, at)],
      isLocked: !removed && d.chance(0.05),
      isActive: !removed && d.chance(0.92),
      isRemoved: removed,
      acceptsMarketing: d.chance(0.4),
      hasExternalPassword: false,
    })
  }
  return out
}

/** The fields a B2BAccount shares with every account: Kibo's AccountBase, from its document. */
const BASE_FIELDS = accountBaseFields.map((f) => f.name as keyof CustomerAccount)

/** Kibo's B2BAccount: the account's base fields, its users, its place in the hierarchy, its sales reps. */
export function b2bAccount(seed: number, a: CustomerAccount, index: B2bIndex): Record<string, unknown> {
  const d = drawFor(seed, Stream.B2b, -a.id!)
  const out: Record<string, unknown> = {}
  for (const k of BASE_FIELDS) if (a[k] !== undefined) out[k] = a[k]
  const parent = index.parent.get(a.id!)
  return {
    ...out,
    users: index.users.get(a.id!) ?? [],
    isActive: a.isActive ?? true,
    priceList: d.chance(0.6) ? d.pick(['B2B-WHOLESALE', 'B2B-CONTRACT', 'B2B-EDU']) : null,
    salesReps: d.chance(0.7) ? [{ accountId: a.id!, adminUserId: d.pick(W.admins) }] : [],
    rootAccountId: index.root.get(a.id!) ?? a.id!,
    parentAccountId: parent ?? null,
    approvalStatus: d.chance(0.9) ? 'Approved' : 'PendingApproval',
    priority: d.int(1, 5),
  }
}

export function hierarchyOf(index: B2bIndex, rootId: number): HierarchyNode {
  return { id: rootId, children: (index.children.get(rootId) ?? []).map((c) => hierarchyOf(index, c)) }
}

export function membersOf(node: HierarchyNode): number[] {
  return [node.id, ...node.children.flatMap(membersOf)]
}

export const lastSeen = (a: CustomerAccount): string => iso(Math.max(created(a), Date.parse(a.auditInfo!.updateDate!)))
