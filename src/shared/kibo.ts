// Kibo's own shapes (the Customer API document; test/kibo/customer.json), as the app reads them. Every field is optional:
// `responseFields` can leave any of them out, and "left out" must stay distinguishable from "empty".

export interface AuditInfo {
  createBy?: string | null
  createDate?: string | null
  updateBy?: string | null
  updateDate?: string | null
}

export interface CurrencyAmount {
  currencyCode?: string | null
  amount?: number
}

export interface CommerceSummary {
  totalOrderAmount?: CurrencyAmount
  orderCount?: number
  lastOrderDate?: string | null
  wishlistCount?: number
  visitsCount?: number
}

export interface ContactType {
  name?: string | null
  isPrimary?: boolean
}

export interface Phone {
  home?: string | null
  mobile?: string | null
  work?: string | null
}

export interface Address {
  address1?: string | null
  address2?: string | null
  address3?: string | null
  address4?: string | null
  cityOrTown?: string | null
  stateOrProvince?: string | null
  postalOrZipCode?: string | null
  countryCode?: string | null
  addressType?: string | null
  isValidated?: boolean | null
}

export interface CustomerContact {
  accountId?: number
  types?: ContactType[] | null
  auditInfo?: AuditInfo
  faxNumber?: string | null
  label?: string | null
  id?: number | null
  email?: string | null
  firstName?: string | null
  middleNameOrInitial?: string | null
  lastNameOrSurname?: string | null
  companyOrOrganization?: string | null
  phoneNumbers?: Phone
  address?: Address
}

export interface CustomerAttribute {
  auditInfo?: AuditInfo
  fullyQualifiedName?: string | null
  attributeDefinitionId?: number | null
  values?: unknown[] | null
}

export interface CustomerNote {
  id?: number
  content?: string | null
  auditInfo?: AuditInfo
}

export interface CustomerSegment {
  id?: number
  code?: string | null
  name?: string | null
  description?: string | null
  auditInfo?: AuditInfo
}

export interface CustomerAccount {
  id?: number
  customerSet?: string | null
  commerceSummary?: CommerceSummary
  contacts?: CustomerContact[] | null
  companyOrOrganization?: string | null
  notes?: CustomerNote[] | null
  attributes?: CustomerAttribute[] | null
  segments?: CustomerSegment[] | null
  taxExempt?: boolean
  taxId?: string | null
  externalId?: string | null
  auditInfo?: AuditInfo
  customerSinceDate?: string | null
  accountType?: string | null
  migrationRequired?: boolean
  emailAddress?: string | null
  userName?: string | null
  firstName?: string | null
  lastName?: string | null
  localeCode?: string | null
  userId?: string | null
  isAnonymous?: boolean
  isLocked?: boolean
  isActive?: boolean
  acceptsMarketing?: boolean
  hasExternalPassword?: boolean
}

/** The 200 body of impersonatecart and refresh. Carries secrets: never leaves the main process. */
export interface CustomerAuthTicket {
  customerAccount?: CustomerAccount
  accessToken?: string | null
  accessTokenExpiration?: string
  refreshToken?: string | null
  refreshTokenExpiration?: string
  userId?: string | null
  jwtAccessToken?: string | null
}

export interface CustomerAccountCollection {
  startIndex?: number
  pageSize?: number
  pageCount?: number
  totalCount?: number
  items?: CustomerAccount[] | null
}

export interface CartAuthTicketRequest {
  cartId?: string | null
  accountId?: number
  userId?: string | null
}
