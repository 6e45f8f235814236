import { type Faker, fakerEN_US, fakerJA } from '@faker-js/faker';
import { corporateNumberCheckDigit, myNumberCheckDigit } from '../../src/core/documents/pii/checksums.js';
import type { PiiType } from '../../src/core/documents/pii/types.js';

/**
 * A labelled evaluation set, generated from a seed: Japanese and English business documents
 * (letters, CRM exports, minutes, invoices, HR records, support tickets, 敬語 mail) with every
 * piece of personal data marked, and hard negatives (companies, places, product codes, numbers
 * failing the My Number check, dates that are not births, capitalised words) left unmarked.
 */

export interface Label {
  start: number;
  end: number;
  type: PiiType;
}
export interface Doc {
  id: string;
  lang: 'ja' | 'en';
  template: string;
  text: string;
  labels: Label[];
}

class Builder {
  text = '';
  labels: Label[] = [];
  t(s: string): this {
    this.text += s;
    return this;
  }
  p(type: PiiType, value: string): this {
    this.labels.push({ start: this.text.length, end: this.text.length + value.length, type });
    this.text += value;
    return this;
  }
}

const toFullWidth = (s: string) => s.replace(/[0-9A-Za-z-]/g, (c) => (c === '-' ? '－' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));

function digits(f: Faker, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(f.number.int({ min: 0, max: 9 }));
  return s;
}

function myNumber(f: Faker): string {
  const base = String(f.number.int({ min: 1, max: 9 })) + digits(f, 10);
  return base + String(myNumberCheckDigit(base));
}
function badMyNumber(f: Faker): string {
  const base = String(f.number.int({ min: 1, max: 9 })) + digits(f, 10);
  const wrong = (myNumberCheckDigit(base) + f.number.int({ min: 1, max: 9 })) % 10;
  return base + String(wrong);
}
function corporateNumber(f: Faker): string {
  const base = String(f.number.int({ min: 1, max: 9 })) + digits(f, 11);
  return String(corporateNumberCheckDigit(base)) + base;
}

// ---------------------------------------------------------------- Japanese values
const JA_TITLES = ['部長', '課長', '係長', '主任', '社長', '専務', 'マネージャー'];
const JA_HONORIFICS = ['様', 'さん', '氏', '様', '殿'];
const BUILDINGS = ['ビル', 'マンション', 'ハイツ', 'タワー', 'レジデンス', 'コーポ'];
const BANKS = ['みずほ銀行', '三井住友銀行', '三菱UFJ銀行', 'りそな銀行', '城南信用金庫', 'ゆうちょ銀行'];
const TOWNS = [
  '本町',
  '中町',
  '栄町',
  '緑町',
  '丸の内',
  '西新宿',
  '桜台',
  '旭町',
  '若葉',
  '松原',
  '日吉町',
  '青葉台',
  '南町',
  '東町',
  '錦',
  '大手町',
  '元町',
  '住吉',
];
const KANJI_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

function jaName(f: Faker): string {
  const last = f.person.lastName();
  const first = f.person.firstName();
  return f.helpers.arrayElement([`${last} ${first}`, `${last}${first}`, `${last}　${first}`]);
}
function jaKatakanaName(f: Faker): string {
  const family = ['ヤマダ', 'サトウ', 'スズキ', 'タナカ', 'ワタナベ', 'イトウ', 'ナカムラ', 'コバヤシ', 'カトウ', 'ヨシダ'];
  const given = ['タロウ', 'ハナコ', 'ケンジ', 'ユミ', 'アキラ', 'サクラ', 'ヒロシ', 'マユミ', 'ダイスケ', 'ナオミ'];
  return `${f.helpers.arrayElement(family)} ${f.helpers.arrayElement(given)}`;
}
function jaAddress(f: Faker): string {
  const n = () => f.number.int({ min: 1, max: 30 });
  const building = f.helpers.maybe(
    () => `${f.person.lastName()}${f.helpers.arrayElement(BUILDINGS)}${f.number.int({ min: 1, max: 12 })}階`,
    {
      probability: 0.4,
    },
  );
  const forms = [
    () => `${f.location.state()}${f.location.city()}${f.helpers.arrayElement(TOWNS)}${n()}-${n()}-${n()}`,
    () => `${f.location.state()} ${f.location.city()} ${f.location.streetAddress(true)}`,
    () => `${f.location.state()}${f.location.city()}${f.helpers.arrayElement(KANJI_NUM)}丁目${n()}番${n()}号`,
    () => `${f.location.state()}${f.location.city()}${f.helpers.arrayElement(TOWNS)}${n()}丁目${n()}番地${n()}`,
    () =>
      `${f.helpers.arrayElement(['横浜市中区', '大阪市北区', '名古屋市中区', '福岡市博多区', '札幌市中央区', '港区', '渋谷区', '新宿区'])}${f.helpers.arrayElement(TOWNS)}${n()}-${n()}-${n()}`,
  ];
  const base = f.helpers.arrayElement(forms)();
  return building ? `${base} ${building}` : base;
}
function jaPhone(f: Faker): string {
  const forms = [
    () => `03-${digits(f, 4)}-${digits(f, 4)}`,
    () => `06-${digits(f, 4)}-${digits(f, 4)}`,
    () => `0${f.number.int({ min: 7, max: 9 })}0-${digits(f, 4)}-${digits(f, 4)}`,
    () => `0120-${digits(f, 3)}-${digits(f, 3)}`,
    () => `+81-3-${digits(f, 4)}-${digits(f, 4)}`,
    () => `+81 90 ${digits(f, 4)} ${digits(f, 4)}`,
    () => `(03)${digits(f, 4)}-${digits(f, 4)}`,
    () => `0${f.number.int({ min: 11, max: 99 })}-${digits(f, 3)}-${digits(f, 4)}`,
    () => toFullWidth(`03-${digits(f, 4)}-${digits(f, 4)}`),
    () => f.phone.number(),
  ];
  return f.helpers.arrayElement(forms)();
}
function jaDob(f: Faker): string {
  const d = f.date.birthdate({ min: 1950, max: 2004, mode: 'year' });
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const era = y >= 1989 ? `平成${y - 1988 === 1 ? '元' : y - 1988}年` : `昭和${y - 1925}年`;
  return f.helpers.arrayElement([
    `${y}年${m}月${day}日`,
    `${era}${m}月${day}日`,
    `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  ]);
}
const jaEmail = (f: Faker) => f.internet.email();
const postal = (f: Faker) => `${digits(f, 3)}-${digits(f, 4)}`;

// ---------------------------------------------------------------- English values
const enName = (f: Faker) => `${f.person.firstName()} ${f.person.lastName()}`;
function enAddress(f: Faker): string {
  const street = f.location.streetAddress(f.datatype.boolean());
  return f.helpers.arrayElement([
    `${street}, ${f.location.city()}, ${f.location.state({ abbreviated: true })} ${f.location.zipCode('#####')}`,
    `${street}, ${f.location.city()}, ${f.location.state({ abbreviated: true })} ${f.location.zipCode()}`,
    street,
    `${street} ${f.location.city()} ${f.location.state({ abbreviated: true })} ${f.location.zipCode('#####')}`,
  ]);
}
function enPhone(f: Faker): string {
  const area = () => `${f.number.int({ min: 2, max: 9 })}${digits(f, 2)}`;
  const ex = () => `${f.number.int({ min: 2, max: 9 })}${digits(f, 2)}`;
  return f.helpers.arrayElement([
    () => `(${area()}) ${ex()}-${digits(f, 4)}`,
    () => `${area()}-${ex()}-${digits(f, 4)}`,
    () => `${area()}.${ex()}.${digits(f, 4)}`,
    () => `+1 ${area()} ${ex()} ${digits(f, 4)}`,
    () => `+44 20 ${digits(f, 4)} ${digits(f, 4)}`,
    () => `07${digits(f, 3)} ${digits(f, 6)}`,
    () => `+49 30 ${digits(f, 8)}`,
  ])();
}
function enDob(f: Faker): string {
  const d = f.date.birthdate({ min: 1950, max: 2004, mode: 'year' });
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const m = d.getUTCMonth();
  const y = d.getUTCFullYear();
  const day = d.getUTCDate();
  return f.helpers.arrayElement([
    `${String(m + 1).padStart(2, '0')}/${String(day).padStart(2, '0')}/${y}`,
    `${months[m]} ${day}, ${y}`,
    `${y}-${String(m + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    `${day} ${months[m]} ${y}`,
  ]);
}
function ssn(f: Faker): string {
  let area = f.number.int({ min: 1, max: 899 });
  if (area === 666) area = 667;
  return `${String(area).padStart(3, '0')}-${String(f.number.int({ min: 1, max: 99 })).padStart(2, '0')}-${String(f.number.int({ min: 1, max: 9999 })).padStart(4, '0')}`;
}
const card = (f: Faker) => {
  const raw = f.finance.creditCardNumber({ issuer: f.helpers.arrayElement(['visa', 'mastercard', 'amex', 'discover', 'jcb']) });
  return f.helpers.arrayElement([raw, raw.replace(/-/g, ' '), raw.replace(/-/g, '')]);
};
const iban = (f: Faker) =>
  f.finance.iban({ formatted: f.datatype.boolean(), countryCode: f.helpers.arrayElement(['GB', 'DE', 'FR', 'NL', 'ES', 'IT']) });

// ---------------------------------------------------------------- hard negatives
function jaNegative(f: Faker): string {
  return f.helpers.arrayElement([
    () => `${f.company.name()}との取引は順調です。`,
    () => `${f.location.state()}内の拠点を統合します。`,
    () => `製品コード ${f.string.alphanumeric({ length: 4, casing: 'upper' })}-${digits(f, 4)}-${digits(f, 4)} を参照。`,
    () => `注文番号 ${badMyNumber(f)} の件、承知しました。`,
    () =>
      `納期は${2024 + f.number.int({ min: 0, max: 3 })}年${f.number.int({ min: 1, max: 12 })}月${f.number.int({ min: 1, max: 28 })}日です。`,
    () => `請求金額は${f.number.int({ min: 10, max: 9999 })},${digits(f, 3)}円（税込）です。`,
    () =>
      `会議は${f.number.int({ min: 9, max: 18 })}:${f.helpers.arrayElement(['00', '30'])}から${f.helpers.arrayElement(['大会議室', '第2会議室', 'オンライン'])}で行います。`,
    () =>
      `${f.helpers.arrayElement(['東京', '大阪', '名古屋', '福岡', '札幌'])}支社の売上が前年比${f.number.int({ min: 90, max: 130 })}%でした。`,
    () => `管理番号 ${badMyNumber(f)}`,
  ])();
}
function enNegative(f: Faker): string {
  return f.helpers.arrayElement([
    () => `Our contract with ${f.company.name()} renews next quarter.`,
    () => `The ${f.location.city()} office will move in ${f.date.month()}.`,
    () => `Product code ${f.string.alphanumeric({ length: 3, casing: 'upper' })}-${digits(f, 4)}-${digits(f, 4)} is discontinued.`,
    () => `Order number ${badMyNumber(f)} shipped on ${f.date.month()} ${f.number.int({ min: 1, max: 28 })}, 2025.`,
    () => `Quarterly Business Review: Action Items and Next Steps.`,
    () => `The invoice is due on ${f.date.month()} ${f.number.int({ min: 1, max: 28 })}, ${2024 + f.number.int({ min: 0, max: 3 })}.`,
    () =>
      `Meeting at ${f.number.int({ min: 9, max: 17 })}:30:00 in ${f.helpers.arrayElement(['Conference Room B', 'Main Hall', 'the Boardroom'])}.`,
    () => `Release ${f.system.semver()} fixes the Export Wizard.`,
    () => `${f.location.state()} and ${f.location.country()} lead Sales Growth this year.`,
  ])();
}

// ---------------------------------------------------------------- templates
type Template = (f: Faker, b: Builder) => void;

const JA_TEMPLATES: Record<string, Template> = {
  mail: (f, b) => {
    const to = jaName(f);
    b.t(`${f.company.name()}\n営業部 `)
      .p('PERSON', to)
      .t(`${f.helpers.arrayElement(JA_HONORIFICS)}\n\nいつも大変お世話になっております。\n`);
    b.t(`${f.company.name()}の`).p('PERSON', f.person.lastName()).t('でございます。\n');
    b.t(`先日はお忙しいところ、ご面談の機会を賜り誠にありがとうございました。${jaNegative(f)}\n`);
    b.t('ご不明な点がございましたら、')
      .p('PHONE_NUMBER', jaPhone(f))
      .t('までお電話いただくか、')
      .p('EMAIL_ADDRESS', jaEmail(f))
      .t(' までご連絡くださいませ。\n');
    b.t('何卒よろしくお願い申し上げます。\n\n――――――――\n')
      .p('PERSON', jaName(f))
      .t(`\n〒`)
      .p('JP_POSTAL_CODE', postal(f))
      .t(' ')
      .p('STREET_ADDRESS', jaAddress(f))
      .t('\nTEL ')
      .p('PHONE_NUMBER', jaPhone(f))
      .t('\n');
  },
  hr: (f, b) => {
    b.t('【従業員情報】\n氏名：')
      .p('PERSON', jaName(f))
      .t('\nフリガナ：')
      .p('PERSON', jaKatakanaName(f))
      .t('\n生年月日：')
      .p('DATE_TIME', jaDob(f));
    b.t('\n個人番号：').p('MY_NUMBER', f.helpers.arrayElement([myNumber(f), myNumber(f).replace(/(\d{4})(\d{4})(\d{4})/, '$1 $2 $3')]));
    b.t('\n住所：〒').p('JP_POSTAL_CODE', postal(f)).t(' ').p('STREET_ADDRESS', jaAddress(f));
    b.t('\n携帯：')
      .p('PHONE_NUMBER', jaPhone(f))
      .t('\n給与振込口座：')
      .t(`${f.helpers.arrayElement(BANKS)} ${f.location.city()}支店 普通 `)
      .p('BANK_ACCOUNT', digits(f, 7));
    b.t(`\n所属：${f.helpers.arrayElement(['営業部', '経理部', '人事部', '開発部'])}　上長：`)
      .p('PERSON', f.person.lastName())
      .t(`${f.helpers.arrayElement(JA_TITLES)}\n`);
    b.t(`備考：${jaNegative(f)}\n`);
  },
  minutes: (f, b) => {
    b.t(`議事録（${2025}年${f.number.int({ min: 1, max: 12 })}月${f.number.int({ min: 1, max: 28 })}日）\n出席者：`);
    const n = f.number.int({ min: 2, max: 4 });
    for (let i = 0; i < n; i++) {
      if (i > 0) b.t('、');
      b.p('PERSON', f.person.lastName()).t(f.helpers.arrayElement(JA_TITLES));
    }
    b.t(`\n1. ${jaNegative(f)}\n2. `)
      .p('PERSON', jaName(f))
      .t('さんより、')
      .t(`${f.company.name()}の件について報告があった。\n`);
    b.t(`3. ${jaNegative(f)}\n次回：`)
      .p('PERSON', f.person.lastName())
      .t('課長が日程を調整する。\n');
  },
  invoice: (f, b) => {
    b.t(`請求書\n${f.company.name()} 御中\n\n発行元：${f.company.name()}\n登録番号：T`).p('JP_CORPORATE_NUMBER', corporateNumber(f));
    b.t('\n〒').p('JP_POSTAL_CODE', postal(f)).t(' ').p('STREET_ADDRESS', jaAddress(f)).t('\n担当：').p('PERSON', jaName(f));
    b.t(
      `\n${jaNegative(f)}\nお振込先：${f.helpers.arrayElement(BANKS)} ${f.location.city()}支店 ${f.helpers.arrayElement(['普通', '当座'])} `,
    ).p('BANK_ACCOUNT', digits(f, 7));
    b.t(`\n${jaNegative(f)}\n`);
  },
  crm: (f, b) => {
    b.t('顧客ID,氏名,電話番号,メール,住所,備考\n');
    for (let i = 0; i < 3; i++) {
      b.t(`C${digits(f, 5)},`)
        .p('PERSON', jaName(f))
        .t(',')
        .p('PHONE_NUMBER', jaPhone(f))
        .t(',')
        .p('EMAIL_ADDRESS', jaEmail(f))
        .t(',')
        .p('STREET_ADDRESS', jaAddress(f));
      b.t(`,${f.helpers.arrayElement(['優良顧客', '要フォロー', '新規', `${f.company.name()}経由`])}\n`);
    }
  },
  ticket: (f, b) => {
    b.t(`問い合わせ番号 #${digits(f, 6)}\nお客様名：`)
      .p('PERSON', jaName(f))
      .t('様\n連絡先：')
      .p('PHONE_NUMBER', jaPhone(f));
    b.t(`\n内容：${f.helpers.arrayElement(['ログインできない', '請求書の再発行', '配送先の変更'])}について。新しい配送先は `)
      .p('STREET_ADDRESS', jaAddress(f))
      .t(' とのこと。\n');
    b.t('対応者：')
      .p('PERSON', f.person.lastName())
      .t(`\n${jaNegative(f)}\n`);
    if (f.datatype.boolean()) b.t('本人確認のためマイナンバー ').p('MY_NUMBER', myNumber(f)).t(' を確認済み。\n');
  },
};

const EN_TEMPLATES: Record<string, Template> = {
  letter: (f, b) => {
    const name = enName(f);
    b.t(`${f.company.name()}\n`)
      .p('STREET_ADDRESS', enAddress(f))
      .t(`\n\nDear ${f.helpers.arrayElement(['Mr.', 'Ms.', 'Dr.'])} `)
      .p('PERSON', name.split(' ')[1] ?? name)
      .t(',\n\n');
    b.t(`Thank you for your application. ${enNegative(f)} Please call me at `)
      .p('PHONE_NUMBER', enPhone(f))
      .t(' or write to ')
      .p('EMAIL_ADDRESS', f.internet.email())
      .t('.\n\n');
    b.t(`${f.helpers.arrayElement(['Best regards', 'Sincerely', 'Kind regards'])},\n`)
      .p('PERSON', enName(f))
      .t(`\n${f.person.jobTitle()}\n`);
  },
  crm: (f, b) => {
    b.t('id,name,email,phone,address,notes\n');
    for (let i = 0; i < 3; i++) {
      b.t(`${digits(f, 5)},`)
        .p('PERSON', enName(f))
        .t(',')
        .p('EMAIL_ADDRESS', f.internet.email())
        .t(',')
        .p('PHONE_NUMBER', enPhone(f))
        .t(',"')
        .p('STREET_ADDRESS', enAddress(f));
      b.t(`",${f.helpers.arrayElement(['VIP', 'churn risk', 'renewal due', `referred by ${f.company.name()}`])}\n`);
    }
  },
  minutes: (f, b) => {
    b.t('Meeting Minutes\nAttendees: ');
    const n = f.number.int({ min: 2, max: 4 });
    for (let i = 0; i < n; i++) {
      if (i > 0) b.t(', ');
      b.p('PERSON', enName(f));
    }
    b.t(`\n1. ${enNegative(f)}\n2. `)
      .p('PERSON', enName(f))
      .t(` presented the ${f.company.buzzNoun()} roadmap. ${enNegative(f)}\n`);
    b.t('3. Action: Mr. ').p('PERSON', f.person.lastName()).t(' to follow up with the vendor.\n');
  },
  invoice: (f, b) => {
    b.t(`INVOICE #${digits(f, 6)}\nBill to: `)
      .p('PERSON', enName(f))
      .t('\n')
      .p('STREET_ADDRESS', enAddress(f))
      .t('\n');
    b.t(`${enNegative(f)}\nPaid by card `)
      .p('CREDIT_CARD', card(f))
      .t('\nRemit to IBAN ')
      .p('IBAN_CODE', iban(f))
      .t(`\n${enNegative(f)}\n`);
  },
  hr: (f, b) => {
    b.t('EMPLOYEE RECORD\nName: ').p('PERSON', enName(f)).t('\nDate of birth: ').p('DATE_TIME', enDob(f)).t('\nSSN: ').p('US_SSN', ssn(f));
    b.t('\nHome address: ')
      .p('STREET_ADDRESS', enAddress(f))
      .t('\nMobile: ')
      .p('PHONE_NUMBER', enPhone(f))
      .t('\nEmergency contact: ')
      .p('PERSON', enName(f));
    b.t(`\nManager: `)
      .p('PERSON', enName(f))
      .t(`\n${enNegative(f)}\n`);
  },
  ticket: (f, b) => {
    b.t(`Ticket #${digits(f, 5)} — ${f.helpers.arrayElement(['Login failure', 'Billing question', 'VPN issue'])}\nReported by: `)
      .p('PERSON', enName(f))
      .t(' <')
      .p('EMAIL_ADDRESS', f.internet.email())
      .t('>\n');
    b.t('Client IP ')
      .p('IP_ADDRESS', f.helpers.arrayElement([f.internet.ipv4(), f.internet.ipv6()]))
      .t(` could not reach the portal. ${enNegative(f)}\n`);
    b.t('Assigned to: ').p('PERSON', enName(f)).t('\n');
  },
};

/** `count` documents, half Japanese and half English, the same for the same seed. */
export function generate(seed: number, count: number): Doc[] {
  fakerJA.seed(seed);
  fakerEN_US.seed(seed + 1);
  const docs: Doc[] = [];
  const ja = Object.entries(JA_TEMPLATES);
  const en = Object.entries(EN_TEMPLATES);
  for (let i = 0; i < count; i++) {
    const lang = i % 2 === 0 ? 'ja' : 'en';
    const f = lang === 'ja' ? fakerJA : fakerEN_US;
    const [template, build] = f.helpers.arrayElement(lang === 'ja' ? ja : en);
    const b = new Builder();
    build(f, b);
    docs.push({ id: `${lang}-${i}`, lang, template, text: b.text, labels: b.labels });
  }
  return docs;
}
