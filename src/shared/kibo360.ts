// Kibo's shapes for the customer's 360 beside the account: the Customer API document (test/kibo/customer.json)
// for the audit log, login state, cards, transactions, purchase orders, credits, visits and B2B, and
// the Commerce document (test/kibo/commerce.json) for the cart, orders and wishlists. As in kibo.ts every
// field is optional: responseFields can leave any out, and "left out" must stay apart from "empty".
// Only what views read is named; the rest of Kibo's answer travels along untouched.
import type { AppError } from './errors'
import type { AuditInfo, CustomerAccount, CustomerAttribute } from './kibo'

/** Kibo's paged answer. */
export interface KiboPage<T> {
  startIndex?: number
  pageSize?: number
  pageCount?: number
  totalCount?: number
  items?: T[] | null
}

// ---- customer document ----

/** One field-level change: CustomerAuditEntry. */
export interface CustomerAuditEntry {
  customerAccountId?: number
  customerAuditEntryId?: number
  entryDate?: string
  entryUser?: string | null
  application?: string | null
  site?: string | null
  description?: string | null
  fieldPath?: string | null
  oldValue?: string | null
  newValue?: string | null
}

export interface LoginState {
  isPasswordChangeRequired?: boolean
  lastPasswordChangeOn?: string | null
  isLocked?: boolean
  lastLockedOn?: string | null
  failedLoginAttemptCount?: number
  remainingLoginAttempts?: number
  firstFailedLoginAttemptOn?: string | null
  lastLoginOn?: string | null
  createdOn?: string | null
  updatedOn?: string | null
}

/** A saved card: Kibo keeps only a part of the number (cardNumberPart), and main passes on no more. */
export interface Card {
  id?: string | null
  nameOnCard?: string | null
  cardType?: string | null
  expireMonth?: number | null
  expireYear?: number | null
  cardNumberPart?: string | null
  contactId?: number
  isDefaultPayMethod?: boolean
}

export interface CardCollection {
  totalCount?: number
  items?: Card[] | null
}

export interface Transaction {
  transactionId?: string | null
  visitId?: string | null
  transactionType?: string | null
  interactionType?: string | null
  amount?: number
  date?: string
  currencyCode?: string | null
}

export interface PurchaseOrderPaymentTerm {
  siteId?: number
  code?: string | null
  description?: string | null
  auditInfo?: AuditInfo
}

export interface CustomerPurchaseOrderAccount {
  id?: number
  accountId?: number
  isEnabled?: boolean
  creditLimit?: number
  availableBalance?: number
  totalAvailableBalance?: number
  overdraftAllowance?: number | null
  overdraftAllowanceType?: string | null
  customerPurchaseOrderPaymentTerms?: PurchaseOrderPaymentTerm[] | null
  auditInfo?: AuditInfo
}

export interface PurchaseOrderTransaction {
  customerPurchaseOrderAccountId?: number
  externalId?: string | null
  siteId?: number
  tenantId?: number
  transactionDate?: string
  orderId?: string | null
  purchaseOrderNumber?: string | null
  transactionAmount?: number
  creditLimit?: number
  additionalTransactionDetail?: string | null
  availableBalance?: number
  transactionTypeId?: number
  transactionDescription?: string | null
  author?: string | null
  auditInfo?: AuditInfo
}

/** A store credit or gift card. */
export interface CustomerCredit {
  code?: string | null
  activationDate?: string | null
  creditType?: string | null
  customCreditType?: string | null
  currencyCode?: string | null
  initialBalance?: number | null
  currentBalance?: number | null
  expirationDate?: string | null
  customerId?: number | null
  auditInfo?: AuditInfo
  creditTypeId?: number
}

export interface CreditTransaction {
  id?: number | null
  transactionType?: string | null
  comments?: string | null
  impactAmount?: number | null
  auditInfo?: AuditInfo
  orderId?: string | null
  data?: unknown
}

export interface CreditAuditEntry {
  activityType?: string | null
  details?: string | null
  auditInfo?: AuditInfo
  activityTypeId?: number
}

export interface Visit {
  id?: string | null
  accountId?: number | null
  type?: string | null
  date?: string
  transactions?: Transaction[] | null
  userId?: string | null
  webSiteId?: number | null
  webReferrer?: string | null
  webSessionId?: string | null
  webUserAgent?: string | null
  browserLocationCode?: string | null
  locationCode?: string | null
}

export interface UserRole {
  userId?: string | null
  roleId?: number
  roleName?: string | null
  roleTags?: string[] | null
  auditInfo?: AuditInfo
}

export interface UserRoleCollection {
  totalCount?: number
  items?: UserRole[] | null
}

export interface B2BUser {
  emailAddress?: string | null
  userName?: string | null
  firstName?: string | null
  lastName?: string | null
  localeCode?: string | null
  userId?: string | null
  roles?: UserRole[] | null
  isLocked?: boolean
  isActive?: boolean
  isRemoved?: boolean
  acceptsMarketing?: boolean
  hasExternalPassword?: boolean
}

/** A B2B account: the account's common fields and its place in a company. */
export interface B2BAccount extends Omit<CustomerAccount, 'userName' | 'emailAddress' | 'firstName' | 'lastName' | 'isActive'> {
  users?: B2BUser[] | null
  isActive?: boolean | null
  priceList?: string | null
  salesReps?: { accountId?: number; adminUserId?: string | null }[] | null
  rootAccountId?: number | null
  parentAccountId?: number | null
  approvalStatus?: string | null
  priority?: number | null
}

export interface AccountHierarchyNode {
  id?: number
  children?: AccountHierarchyNode[] | null
}

export interface B2BAccountHierarchy {
  accounts?: B2BAccount[] | null
  hierarchy?: AccountHierarchyNode | null
}

// ---- commerce document ----

export interface CommerceProduct {
  productCode?: string | null
  variationProductCode?: string | null
  name?: string | null
  options?: { name?: string | null; value?: unknown; attributeFQN?: string | null; stringValue?: string | null }[] | null
  price?: { price?: number | null; salePrice?: number | null } | null
  [field: string]: unknown
}

export interface AppliedDiscount {
  impact?: number | null
  couponCode?: string | null
  excluded?: boolean | null
  discount?: { id?: number; name?: string | null } | null
  [field: string]: unknown
}

export interface CommerceItem {
  id?: string | null
  lineId?: number | null
  product?: CommerceProduct | null
  quantity?: number
  unitPrice?: { listAmount?: number | null; saleAmount?: number | null; extendedAmount?: number | null } | null
  subtotal?: number | null
  extendedTotal?: number | null
  discountTotal?: number | null
  discountedTotal?: number | null
  total?: number | null
  productDiscounts?: AppliedDiscount[] | null
  [field: string]: unknown
}

export interface InvalidCoupon {
  couponCode?: string | null
  reasonCode?: number
  reason?: string | null
  createDate?: string
  discountId?: number
}

export interface ChangeMessage {
  id?: string | null
  message?: string | null
  subject?: string | null
  verb?: string | null
  success?: boolean | null
  createDate?: string | null
  oldValue?: string | null
  newValue?: string | null
  amount?: number | null
  [field: string]: unknown
}

/** What carts, orders and wishlists share (CommerceRuntimeCommerceAggregate). */
export interface CommerceAggregate {
  id?: string | null
  userId?: string | null
  currencyCode?: string | null
  subtotal?: number | null
  discountedSubtotal?: number | null
  discountTotal?: number | null
  discountedTotal?: number | null
  shippingTotal?: number | null
  handlingTotal?: number | null
  taxTotal?: number | null
  feeTotal?: number | null
  total?: number | null
  expirationDate?: string | null
  orderDiscounts?: AppliedDiscount[] | null
  changeMessages?: ChangeMessage[] | null
  auditInfo?: AuditInfo
  [field: string]: unknown
}

export interface Cart extends CommerceAggregate {
  items?: CommerceItem[] | null
  couponCodes?: string[] | null
  invalidCoupons?: InvalidCoupon[] | null
  cartMessages?: { message?: string | null; messageType?: string | null }[] | null
}

export interface CartSummary {
  itemCount?: number | null
  totalQuantity?: number | null
  total?: number | null
  isExpired?: boolean | null
  hasActiveCart?: boolean | null
}

export interface ChangeMessageCollection {
  totalCount?: number
  items?: ChangeMessage[] | null
}

/** An order (CommerceRuntimeOrder). Payments carry only the card's masked part. */
export interface Order extends CommerceAggregate {
  orderNumber?: number | null
  customerAccountId?: number | null
  email?: string | null
  status?: string | null
  paymentStatus?: string | null
  fulfillmentStatus?: string | null
  returnStatus?: string | null
  submittedDate?: string | null
  closedDate?: string | null
  cancelledDate?: string | null
  items?: CommerceItem[] | null
  couponCodes?: string[] | null
  invalidCoupons?: InvalidCoupon[] | null
  payments?: Record<string, unknown>[] | null
  shipments?: Record<string, unknown>[] | null
  notes?: { id?: string | null; text?: string | null; auditInfo?: AuditInfo }[] | null
  billingInfo?: Record<string, unknown> | null
  fulfillmentInfo?: Record<string, unknown> | null
}

export interface Wishlist extends CommerceAggregate {
  customerAccountId?: number | null
  name?: string | null
  typeTag?: string | null
  privacyType?: string | null
  items?: (CommerceItem & { comments?: string | null; priorityType?: string | null })[] | null
}

// ---- each section's data, as SectionView.data carries it ----

export type AuditLogSection = KiboPage<CustomerAuditEntry>
export type LoginStateSection = LoginState
export type CardsSection = CardCollection
export type TransactionsSection = Transaction[]

/** A part of a composite section Kibo would not give (the rest of the section is still shown). */
export interface SectionProblem {
  /** Which part, for a person: "transactions of credit GC-1", "roles of user u-2". */
  part: string
  error: AppError
}
/** The account (null: the customer has no purchase-order account) and a page of its transactions. */
export interface PurchaseOrderSection {
  account: CustomerPurchaseOrderAccount | null
  transactions: KiboPage<PurchaseOrderTransaction> | null
  problems: SectionProblem[]
}
/** The customer's credits and gift cards, each with its transactions and audit entries (keyed by a code: that one credit). */
export interface CreditsSection {
  credits: KiboPage<CustomerCredit>
  details: Record<string, { transactions: KiboPage<CreditTransaction> | null; auditEntries: KiboPage<CreditAuditEntry> | null }>
  problems: SectionProblem[]
}
export type VisitsSection = KiboPage<Visit>
/** account null: Kibo knows no B2B account by this id (the customer is not a B2B account). */
export interface B2BSection {
  account: B2BAccount | null
  hierarchy: B2BAccountHierarchy | null
  users: KiboPage<B2BUser & { roles?: UserRole[] | null }> | null
  attributes: KiboPage<CustomerAttribute> | null
  problems: SectionProblem[]
}
/** The cart the shopper sees: the cart, its summary and its messages. */
export interface CartSection {
  cart: Cart
  summary: CartSummary | null
  messages: ChangeMessageCollection | null
  /** 'current': the shopper's current cart; 'cart id': the one the impersonation named. */
  via: 'current' | 'cart id'
  problems: SectionProblem[]
}
export type OrdersSection = KiboPage<Order>
export type OrderSection = Order
export type WishlistsSection = KiboPage<Wishlist>
