/** The request's fixed fields, as the guide words them (domain.md §4.4). */
export const INQUIRY_CATEGORIES = {
  billing_and_procedures: { ja: '料金や各種手続きなどのお問い合わせ', en: 'Billing and procedures' },
} as const;
export type InquiryCategory = keyof typeof INQUIRY_CATEGORIES;

/** The remark that says Top Cruise invoices are consolidated with InfoSphere; otherwise blank. */
export const TOP_CRUISE_REMARK = 'トップクルーズ契約';

export const remarkFor = (topCruise: boolean): string => (topCruise ? TOP_CRUISE_REMARK : '');

/** How a request reached the desk. */
export const TICKET_CHANNELS = ['customer_site', 'inquiry_form', 'phone', 'mail'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];
export type StaffTicketChannel = Exclude<TicketChannel, 'customer_site'>;
export const STAFF_TICKET_CHANNELS = TICKET_CHANNELS.filter((c): c is StaffTicketChannel => c !== 'customer_site');

/** The guide's threshold for a bulk transfer: five or more InfoSphere contracts on one consolidated bill. */
export const BULK_MINIMUM_CONTRACTS = 5;
