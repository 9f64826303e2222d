import { createHash } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { LegacyContractRow } from '../contracts/legacy-import/legacy-csv-format';
import { sha256Salted, type LegacyHashScheme } from '../contracts/legacy-import/legacy-password';
import type { ServiceType } from '../contracts/service-type';
import type { StaffRole } from '../staff/staff-user.entity';

/** Development only. Printed at first start, so nothing here may ever be a real secret. */
export const DEMO_LEGACY_PASSWORD = 'demo-legacy-2023';
export const DEMO_STAFF_PASSWORD = 'Ikou-demo-staff-2024';

export const DEMO_STAFF: ReadonlyArray<{ email: string; displayName: string; role: StaffRole }> = [
  { email: 'agent@demo.example.jp', displayName: 'デモ 窓口担当', role: 'agent' },
  { email: 'supervisor@demo.example.jp', displayName: 'デモ 主任', role: 'supervisor' },
  { email: 'admin@demo.example.jp', displayName: 'デモ 管理者', role: 'admin' },
];

interface DemoCustomer {
  no: number;
  name: string;
  consolidated: boolean;
  topCruiseLinked: boolean;
  email: string | null;
  /** One entry per contract, in network ID order. */
  contracts: Array<{ type: ServiceType; since: string; cancelled?: boolean; scheme?: LegacyHashScheme }>;
  /** What a developer can try with this customer (the sign-in text). */
  story: string;
}

const fiber = (since: string) => ({ type: 'fiber' as const, since });
const repeat = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));
const MIX: ServiceType[] = ['fiber', 'fiber', 'adsl', 'mail_web', 'dialup'];

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  { no: 1, name: '山田 太郎', consolidated: false, topCruiseLinked: false, email: 'yamada.taro@example.jp',
    contracts: [fiber('2015-04-01')], story: '1 contract: register a login account' },
  { no: 2, name: '佐藤 花子', consolidated: false, topCruiseLinked: false, email: 'sato.hanako@example.jp',
    contracts: [fiber('2012-06-10'), { type: 'mail_web', since: '2012-06-10' }, { type: 'dialup', since: '2004-02-20' }],
    story: '3 contracts: register, then attach the others one by one' },
  { no: 3, name: '株式会社鈴木商事', consolidated: true, topCruiseLinked: false, email: 'it@suzuki-shoji.example.jp',
    contracts: [...repeat(4, (i) => fiber(`2016-0${i + 1}-15`)), { type: 'mail_web', since: '2016-01-15' },
      { type: 'mail_web', since: '2018-03-01' }, { type: 'adsl', since: '2009-11-30' }],
    story: '7 contracts, consolidated billing: bulk transfer' },
  { no: 4, name: '有限会社高橋工務店', consolidated: false, topCruiseLinked: false, email: 'office@takahashi-koumuten.example.jp',
    contracts: [...repeat(3, (i) => fiber(`2017-0${i + 4}-01`)), { type: 'adsl', since: '2010-08-08' },
      { type: 'adsl', since: '2011-08-08' }, { type: 'mail_web', since: '2017-04-01' }],
    story: '6 contracts, NOT consolidated: bulk transfer refused' },
  { no: 5, name: '田中物産株式会社', consolidated: true, topCruiseLinked: true, email: 'soumu@tanaka-bussan.example.jp',
    contracts: [...repeat(3, (i) => fiber(`2019-0${i + 1}-10`)), { type: 'mail_web', since: '2019-01-10' },
      { type: 'mail_web', since: '2020-05-20' }, { type: 'top_cruise', since: '2019-01-10' }, { type: 'top_cruise', since: '2021-07-01' }],
    story: 'consolidated with Top Cruise (remark トップクルーズ契約); 0006–0007 are Top Cruise' },
  { no: 6, name: '伊藤ネットワークス株式会社', consolidated: true, topCruiseLinked: true, email: null,
    contracts: [
      ...repeat(150, (i): DemoCustomer['contracts'][number] => ({
        type: MIX[i % MIX.length],
        since: `20${String(10 + (i % 13)).padStart(2, '0')}-${String((i % 12) + 1).padStart(2, '0')}-01`,
        cancelled: i % 25 === 24,
        scheme: i % 2 ? 'sha256_salted' : 'bcrypt',
      })),
      { type: 'top_cruise', since: '2018-04-01' }, { type: 'top_cruise', since: '2020-10-01' },
      { type: 'ipoe', since: '2021-01-01' }, { type: 'direct_connect', since: '2019-05-01' },
    ],
    story: '150 InfoSphere contracts (every 25th cancelled), 0151–0152 Top Cruise, 0153–0154 excluded types, one consolidated bill with Top Cruise: a large bulk transfer' },
  { no: 7, name: '渡辺 健一', consolidated: false, topCruiseLinked: false, email: 'watanabe.k@example.jp',
    contracts: [fiber('2014-09-09'), { type: 'ipoe', since: '2020-02-02' }, { type: 'direct_connect', since: '2018-12-12' },
      { type: 'mobile_standard', since: '2019-06-06' }, { type: 'dedicated_line', since: '2013-03-03' }],
    story: '0001 fiber; 0002–0005 excluded types (IPoE, Direct Connect, Mobile Standard, dedicated line)' },
  { no: 8, name: '中村 美咲', consolidated: false, topCruiseLinked: false, email: 'nakamura.misaki@example.jp',
    contracts: [{ type: 'fiber', since: '2010-10-10', cancelled: true }, fiber('2023-09-15')],
    story: '0001 cancelled; 0002 contracted after the cutover (2023-09-15)' },
];

/** "IS" + 8 digits: 1, the customer in 3 digits, the contract in 4. Stable, so the sign-in text never lies. */
export function demoNetworkId(customer: number, contract: number): string {
  return `IS1${String(customer).padStart(3, '0')}${String(contract).padStart(4, '0')}`;
}

export function demoBillingCode(customer: number): string {
  return `DEMO-${String(customer).padStart(4, '0')}`;
}

function schemeOf(customer: DemoCustomer, contract: DemoCustomer['contracts'][number]): LegacyHashScheme {
  return contract.scheme ?? (customer.no % 2 ? 'bcrypt' : 'sha256_salted');
}

// Fixed salts: the hashes come out the same at every run, so seeding twice changes no row.
const DEMO_BCRYPT_SALT = '$2b$10$IkouDemoLegacySalt202u';

/** Every demo contract as the importer's validated row. */
export function demoContractRows(): LegacyContractRow[] {
  const bcryptHash = bcrypt.hashSync(DEMO_LEGACY_PASSWORD, DEMO_BCRYPT_SALT);
  return DEMO_CUSTOMERS.flatMap((customer) =>
    customer.contracts.map((contract, i): LegacyContractRow => {
      const networkId = demoNetworkId(customer.no, i + 1);
      const passwordScheme = schemeOf(customer, contract);
      const salt = createHash('sha256').update(`ikou-demo:${networkId}`).digest('hex').slice(0, 32);
      return {
        networkId,
        serviceType: contract.type,
        contractedAt: contract.since,
        status: contract.cancelled ? 'cancelled' : 'active',
        billingAccountCode: demoBillingCode(customer.no),
        customerName: customer.name,
        consolidated: customer.consolidated,
        topCruiseLinked: customer.topCruiseLinked,
        contactEmail: customer.email,
        passwordScheme,
        passwordHash: passwordScheme === 'bcrypt' ? bcryptHash : sha256Salted(DEMO_LEGACY_PASSWORD, salt),
      };
    }),
  );
}

/** What the developer reads after the first start and after `npm run seed:demo`. */
export function demoSignInText(): string {
  const lines = [
    'Demo data (development only, nothing here is real):',
    `  console /console/ (staff password "${DEMO_STAFF_PASSWORD}"):`,
    ...DEMO_STAFF.map((s) => `    ${s.email.padEnd(28)} ${s.role}`),
    `  customer site / (legacy password of every demo network ID: "${DEMO_LEGACY_PASSWORD}"):`,
  ];
  for (const c of DEMO_CUSTOMERS) {
    const first = demoNetworkId(c.no, 1);
    const range = c.contracts.length > 1 ? `${first}–${demoNetworkId(c.no, c.contracts.length).slice(-4)}` : first;
    const schemes = [...new Set(c.contracts.map((k) => schemeOf(c, k)))].join('+');
    lines.push(`    ${range.padEnd(16)} ${c.name}: ${c.story} [${schemes}]`);
  }
  return lines.join('\n');
}
