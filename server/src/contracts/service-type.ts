/**
 * Service types a legacy contract can have. Only `infosphere` ones can be migrated; the four excluded
 * types come from the ISP's guide (※2), and `top_cruise` is a separate service billed on the same
 * consolidated invoice, never linked.
 */
export const SERVICE_TYPES = {
  fiber: { category: 'infosphere', ja: 'InfoSphere 光ファイバー接続', en: 'InfoSphere fiber' },
  adsl: { category: 'infosphere', ja: 'InfoSphere ADSL接続', en: 'InfoSphere ADSL' },
  dialup: { category: 'infosphere', ja: 'InfoSphere ダイヤルアップ接続', en: 'InfoSphere dial-up' },
  mail_web: { category: 'infosphere', ja: 'InfoSphere メール・Webサービス', en: 'InfoSphere mail and web' },
  ipoe: { category: 'excluded', ja: 'IPoEインターネットサービス', en: 'IPoE internet service' },
  direct_connect: { category: 'excluded', ja: 'ダイレクトコネクト', en: 'Direct Connect' },
  mobile_standard: { category: 'excluded', ja: 'モバイルスタンダードタイプ', en: 'Mobile Standard type' },
  dedicated_line: { category: 'excluded', ja: '専用線型インターネット', en: 'dedicated-line internet' },
  top_cruise: { category: 'top_cruise', ja: 'トップクルーズ', en: 'Top Cruise' },
} as const;

export type ServiceType = keyof typeof SERVICE_TYPES;
export type ServiceCategory = (typeof SERVICE_TYPES)[ServiceType]['category'];
export const SERVICE_TYPE_CODES = Object.keys(SERVICE_TYPES) as ServiceType[];
export const EXCLUDED_SERVICE_TYPES = SERVICE_TYPE_CODES.filter((t) => SERVICE_TYPES[t].category === 'excluded');
export const INFOSPHERE_SERVICE_TYPES = SERVICE_TYPE_CODES.filter((t) => SERVICE_TYPES[t].category === 'infosphere');

export function isServiceType(value: string): value is ServiceType {
  return Object.hasOwn(SERVICE_TYPES, value);
}

/** The guide's cutover: contracts made on or after this date live on the new system already. */
export const CUTOVER_FIRST_DAY = '2023-08-01';
