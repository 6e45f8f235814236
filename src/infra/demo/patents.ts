import type { Writable } from 'node:stream';
import type { PatentCitation, PatentClaim, PatentParagraph, PatentRecord } from '../../shared/contracts/patents.js';
import { type Random, seededRandom } from './random.js';

/**
 * The demo patent corpus of the medical-device case (issue #12, point 8) and the data of the
 * 100,000-patent benchmark: fictional but realistic publications in Japanese and English around a
 * wearable, cuff-less blood-pressure monitor — optical PPG sensors, pulse transit time, pressure
 * cuffs, catheters with pressure sensors, signal processing, calibration, wearable housings — and
 * unrelated medical-device noise (stents, infusion pumps, surgical staplers, endoscopes).
 *
 * Deterministic: a seeded PRNG (mulberry32) and word lists written here, no faker. Every record is
 * a valid PatentRecord: claims with a real dependency structure (what `detectDependencies` reads
 * back), elements `splitElements` can cut, CPC/IPC/FI/F-terms in canonical spelling, dates in
 * order, citations only to earlier-published records of the same run. Every company, person,
 * journal and number is made up; a number may by chance be that of a real publication.
 */

export const DEMO_PATENT_SEED = 20_261_206;

/** The "today" of the legal statuses: a grant whose 20 years ended before it is expired. */
export const DEMO_PATENT_STATUS_DATE = '2026-12-01';

export type GeneratePatentsOptions = {
  count: number;
  seed?: number;
  /** Share of Japanese-language records (JP publications), 0–1. Default 0.45. */
  japaneseShare?: number;
};

// ---------- dates (whole days since 1970-01-01, UTC) ----------

const DAY = 86_400_000;
const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
/** The same day 20 years later (leap days stay leap days between 2000 and 2099). */
const plusYears = (iso: string, years: number) => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;
/** The next day that is the given weekday (0 = Sunday), or the day itself. */
const onWeekday = (day: number, weekday: number) => day + ((weekday - ((day + 4) % 7) + 7) % 7);

const EARLIEST = dayOf('2000-01-01');
const FIRST_PUBLICATION = dayOf('2002-01-01');
const LAST_PUBLICATION = dayOf('2025-12-20');
const STATUS_DAY = dayOf(DEMO_PATENT_STATUS_DATE);

// ---------- the technology: clusters of related inventions ----------

type Text = { en: string; ja: string };

interface Part {
  /** The element as claimed: "a light emitter configured to …" / 「…する発光部」. */
  claim: Text;
  /** The short name with "the": "the light emitter" / 「前記発光部」 comes from ja. */
  noun: Text;
  /** Dependent-claim limitations: "the light emitter emits …" / 「前記発光部は、…する」. */
  more: Text[];
}

interface Cluster {
  key: string;
  /** Relative frequency in the generated corpus. */
  weight: number;
  devices: [Text, Text];
  titles: Text[];
  field: Text;
  background: Text;
  problem: Text;
  effect: Text;
  parts: Part[];
  /** Method steps (a method claim is drafted when present). */
  method?: { name: Text; steps: Text[] };
  cpc: string[];
  /** IPC differs from CPC only where CPC has finer groups. */
  ipc: string[];
  fi: string[];
  /** F-term themes with their viewpoint + figure codes. */
  fterms: string[];
  literature: Text[];
}

const t = (en: string, ja: string): Text => ({ en, ja });
const part = (claim: Text, noun: Text, ...more: Text[]): Part => ({ claim, noun, more });

const CLUSTERS: Cluster[] = [
  {
    key: 'ppg',
    weight: 16,
    devices: [t('optical pulse wave sensor', '光学式脈波センサ'), t('biological information measuring device', '生体情報測定装置')],
    titles: [
      t('Optical pulse wave sensor and biological information measuring device', '光学式脈波センサ及び生体情報測定装置'),
      t('Photoplethysmographic sensor with reduced ambient light interference', '外乱光の影響を低減した光電脈波センサ'),
      t('Reflective photoplethysmography sensor module', '反射型光電容積脈波センサモジュール'),
      t('Pulse wave detection device using multiple wavelengths', '複数波長を用いた脈波検出装置'),
    ],
    field: t('an optical sensor that detects a pulse wave of a living body', '生体の脈波を光学的に検出するセンサ'),
    background: t(
      'Photoplethysmography (PPG) sensors irradiate the skin with light and detect the light reflected by blood in subcutaneous arteries.',
      '光電容積脈波（PPG）センサは、皮膚に光を照射し、皮下の動脈の血液で反射した光を検出する。',
    ),
    problem: t(
      'the detected signal is weak and is easily disturbed by ambient light and by the contact state of the sensor',
      '検出される信号は微弱であり、外乱光やセンサの接触状態の影響を受けやすい',
    ),
    effect: t('detecting a pulse wave with a high signal-to-noise ratio', '高いSN比で脈波を検出すること'),
    parts: [
      part(
        t('a light emitter configured to emit light toward a skin surface of a user', '使用者の皮膚表面に向けて光を照射する発光部'),
        t('light emitter', '発光部'),
        t(
          'the light emitter emits green light having a peak wavelength of 500 nm to 570 nm',
          '前記発光部は、ピーク波長が500nm以上570nm以下の緑色光を照射する',
        ),
        t(
          'the light emitter comprises a first LED and a second LED emitting light of different wavelengths',
          '前記発光部は、互いに異なる波長の光を発する第1のLED及び第2のLEDを有する',
        ),
      ),
      part(
        t('a light receiver configured to receive light reflected in a living body', '生体内で反射した光を受光する受光部'),
        t('light receiver', '受光部'),
        t(
          'the light receiver is a photodiode array arranged around the light emitter',
          '前記受光部は、前記発光部の周囲に配置されたフォトダイオードアレイである',
        ),
      ),
      part(
        t(
          'a light shielding wall disposed between the light emitter and the light receiver',
          '前記発光部と前記受光部との間に配置された遮光壁',
        ),
        t('light shielding wall', '遮光壁'),
        t('the light shielding wall protrudes beyond a contact surface of the sensor', '前記遮光壁は、センサの接触面よりも突出している'),
      ),
      part(
        t('a transparent cover covering the light emitter and the light receiver', '前記発光部及び前記受光部を覆う透光性カバー'),
        t('transparent cover', '透光性カバー'),
        t(
          'the transparent cover has a convex lens portion facing the skin surface',
          '前記透光性カバーは、前記皮膚表面に対向する凸レンズ部を有する',
        ),
      ),
      part(
        t(
          'an ambient light detector configured to detect light while the light emitter is off',
          '前記発光部の消灯中に光を検出する外乱光検出部',
        ),
        t('ambient light detector', '外乱光検出部'),
        t(
          'a signal of the ambient light detector is subtracted from a signal of the light receiver',
          '前記外乱光検出部の信号は、前記受光部の信号から減算される',
        ),
      ),
      part(
        t(
          'a pulse wave calculation unit configured to calculate a pulse wave signal from an output of the light receiver',
          '前記受光部の出力から脈波信号を算出する脈波算出部',
        ),
        t('pulse wave calculation unit', '脈波算出部'),
        t(
          'the pulse wave calculation unit calculates a pulse rate from intervals between peaks of the pulse wave signal',
          '前記脈波算出部は、前記脈波信号のピーク間隔から脈拍数を算出する',
        ),
      ),
    ],
    cpc: ['A61B 5/024', 'A61B 5/02416', 'A61B 5/02427', 'A61B 5/1455', 'A61B 5/0059', 'A61B 2562/0238'],
    ipc: ['A61B 5/024', 'A61B 5/1455', 'A61B 5/00'],
    fi: ['A61B5/0245,100A', 'A61B5/0245@B', 'A61B5/1455', 'A61B5/00,102C'],
    fterms: ['4C017AA09', '4C017AB03', '4C017AC26', '4C017BC11', '4C038KK01', '4C038KL05', '4C038KX02'],
    literature: [
      t('Reflectance photoplethysmography at green wavelengths for wrist-worn devices', '手首装着型機器のための緑色光反射型光電脈波計測'),
      t('Suppression of ambient light in wearable PPG sensors', 'ウェアラブルPPGセンサにおける外乱光の抑制'),
    ],
  },
  {
    key: 'ptt',
    weight: 16,
    devices: [t('blood pressure estimation device', '血圧推定装置'), t('cuffless blood pressure monitor', 'カフレス血圧計')],
    titles: [
      t('Blood pressure estimation device based on pulse transit time', '脈波伝播時間に基づく血圧推定装置'),
      t('Cuffless blood pressure monitor and blood pressure estimation method', 'カフレス血圧計及び血圧推定方法'),
      t('Continuous blood pressure measurement using pulse wave velocity', '脈波伝播速度を用いた連続血圧測定'),
      t('Device for estimating blood pressure from two pulse wave signals', '二つの脈波信号から血圧を推定する装置'),
    ],
    field: t(
      'estimating blood pressure without a cuff from the transit time of a pulse wave',
      '脈波の伝播時間からカフを用いずに血圧を推定する技術',
    ),
    background: t(
      'The pulse transit time, the time a pulse wave takes to travel between two points of an artery, shortens as blood pressure rises.',
      '動脈の2点間を脈波が伝わる時間である脈波伝播時間は、血圧が上昇すると短くなる。',
    ),
    problem: t(
      'a cuff must be inflated for every measurement, which disturbs the user and prevents continuous monitoring',
      '測定のたびにカフを加圧する必要があり、使用者に負担を与え、連続的な監視ができない',
    ),
    effect: t('estimating blood pressure continuously without a cuff', 'カフを用いずに血圧を連続的に推定すること'),
    parts: [
      part(
        t(
          'a first pulse wave sensor configured to detect a pulse wave at a first position of an artery',
          '動脈の第1の位置で脈波を検出する第1の脈波センサ',
        ),
        t('first pulse wave sensor', '第1の脈波センサ'),
        t('the first pulse wave sensor is an electrocardiographic electrode', '前記第1の脈波センサは、心電電極である'),
        t('the first pulse wave sensor is a photoplethysmographic sensor', '前記第1の脈波センサは、光電脈波センサである'),
      ),
      part(
        t(
          'a second pulse wave sensor configured to detect the pulse wave at a second position downstream of the first position',
          '前記第1の位置よりも下流の第2の位置で前記脈波を検出する第2の脈波センサ',
        ),
        t('second pulse wave sensor', '第2の脈波センサ'),
        t(
          'the first and second pulse wave sensors are spaced apart along a radial artery by 10 mm to 40 mm',
          '前記第1及び第2の脈波センサは、橈骨動脈に沿って10mm以上40mm以下の間隔で配置される',
        ),
      ),
      part(
        t(
          'a transit time calculation unit configured to calculate a pulse transit time between the two pulse waves',
          '二つの前記脈波の間の脈波伝播時間を算出する伝播時間算出部',
        ),
        t('transit time calculation unit', '伝播時間算出部'),
        t(
          'the transit time calculation unit uses a rising point of each pulse wave as a reference point',
          '前記伝播時間算出部は、各脈波の立ち上がり点を基準点とする',
        ),
      ),
      part(
        t(
          'a blood pressure estimation unit configured to estimate a blood pressure value from the pulse transit time',
          '前記脈波伝播時間から血圧値を推定する血圧推定部',
        ),
        t('blood pressure estimation unit', '血圧推定部'),
        t(
          'the blood pressure estimation unit uses a regression equation in which blood pressure is a function of the reciprocal of the squared pulse transit time',
          '前記血圧推定部は、前記脈波伝播時間の二乗の逆数を変数とする回帰式を用いる',
        ),
      ),
      part(
        t('a body motion sensor configured to detect motion of the user', '使用者の体動を検出する体動センサ'),
        t('body motion sensor', '体動センサ'),
        t(
          'the blood pressure estimation is suspended while the detected motion exceeds a threshold',
          '前記体動が閾値を超える間、血圧の推定を停止する',
        ),
      ),
      part(
        t('a display unit configured to display an estimated blood pressure value', '推定された血圧値を表示する表示部'),
        t('display unit', '表示部'),
        t('the display unit displays a trend graph of the blood pressure value', '前記表示部は、前記血圧値のトレンドグラフを表示する'),
      ),
    ],
    method: {
      name: t('method of estimating blood pressure', '血圧推定方法'),
      steps: [
        t('acquiring a first pulse wave signal at a first position of a user', '使用者の第1の位置で第1の脈波信号を取得するステップ'),
        t(
          'acquiring a second pulse wave signal at a second position of the user',
          '前記使用者の第2の位置で第2の脈波信号を取得するステップ',
        ),
        t(
          'calculating a pulse transit time from the first and second pulse wave signals',
          '前記第1及び第2の脈波信号から脈波伝播時間を算出するステップ',
        ),
        t('estimating a blood pressure value from the pulse transit time', '前記脈波伝播時間から血圧値を推定するステップ'),
      ],
    },
    cpc: ['A61B 5/021', 'A61B 5/02125', 'A61B 5/0285', 'A61B 5/02108', 'A61B 5/02007', 'A61B 5/7278'],
    ipc: ['A61B 5/021', 'A61B 5/0285', 'A61B 5/02'],
    fi: ['A61B5/02,310A', 'A61B5/022,400C', 'A61B5/02,330', 'A61B5/0285@B'],
    fterms: ['4C017AA08', '4C017AA09', '4C017AB01', '4C017AC03', '4C017BC14', '4C017FF05'],
    literature: [
      t('Cuffless blood pressure estimation using pulse transit time: a review', '脈波伝播時間を用いたカフレス血圧推定の総説'),
      t('Pulse wave velocity and arterial stiffness in daily life', '日常生活における脈波伝播速度と動脈硬化'),
    ],
  },
  {
    key: 'cuff',
    weight: 11,
    devices: [t('electronic sphygmomanometer', '電子血圧計'), t('blood pressure measurement cuff', '血圧測定用カフ')],
    titles: [
      t('Electronic sphygmomanometer with oscillometric measurement', 'オシロメトリック法による電子血圧計'),
      t('Blood pressure measurement cuff and sphygmomanometer', '血圧測定用カフ及び血圧計'),
      t('Wrist-type sphygmomanometer', '手首式血圧計'),
    ],
    field: t(
      'a sphygmomanometer that measures blood pressure by compressing an artery with a cuff',
      'カフで動脈を圧迫して血圧を測定する血圧計',
    ),
    background: t(
      'In the oscillometric method, the cuff pressure is changed and blood pressure is determined from the amplitude of pressure pulses superimposed on the cuff pressure.',
      'オシロメトリック法では、カフ圧を変化させ、カフ圧に重畳する圧脈波の振幅から血圧を決定する。',
    ),
    problem: t(
      'a small cuff wound around the wrist does not compress the artery uniformly',
      '手首に巻く小型のカフでは動脈を均一に圧迫できない',
    ),
    effect: t('measuring blood pressure accurately with a small cuff', '小型のカフで血圧を正確に測定すること'),
    parts: [
      part(
        t('a cuff configured to be wound around a measurement site of a user', '使用者の測定部位に巻き付けられるカフ'),
        t('cuff', 'カフ'),
        t(
          'the cuff includes a pressing bladder and a sensing bladder stacked on each other',
          '前記カフは、互いに積層された押圧袋と検出袋とを含む',
        ),
      ),
      part(
        t('a pump configured to supply air to the cuff', '前記カフに空気を供給するポンプ'),
        t('pump', 'ポンプ'),
        t('the pump is a piezoelectric micropump', '前記ポンプは、圧電マイクロポンプである'),
      ),
      part(
        t('a valve configured to discharge the air from the cuff', '前記カフから空気を排出する弁'),
        t('valve', '弁'),
        t(
          'the valve discharges the air at a constant rate of 2 to 5 mmHg per second',
          '前記弁は、毎秒2〜5mmHgの一定速度で前記空気を排出する',
        ),
      ),
      part(
        t('a pressure sensor configured to detect a cuff pressure', 'カフ圧を検出する圧力センサ'),
        t('pressure sensor', '圧力センサ'),
        t('the pressure sensor is a MEMS piezoresistive sensor', '前記圧力センサは、MEMSピエゾ抵抗式センサである'),
      ),
      part(
        t(
          'a control unit configured to determine a systolic and a diastolic blood pressure from pressure pulses in the cuff pressure',
          '前記カフ圧に含まれる圧脈波から最高血圧及び最低血圧を決定する制御部',
        ),
        t('control unit', '制御部'),
        t(
          'the control unit determines the blood pressure during pressurization of the cuff',
          '前記制御部は、前記カフの加圧中に前記血圧を決定する',
        ),
      ),
    ],
    cpc: ['A61B 5/022', 'A61B 5/0225', 'A61B 5/02233', 'A61B 5/02141', 'A61B 5/6824'],
    ipc: ['A61B 5/022', 'A61B 5/0225', 'A61B 5/02'],
    fi: ['A61B5/022,100E', 'A61B5/0225,300C', 'A61B5/022,400N'],
    fterms: ['4C017AA09', '4C017AB02', '4C017AC03', '4C017BB13', '4C017BC04', '4C017DD13'],
    literature: [
      t('Validation of a wrist oscillometric blood pressure monitor', '手首式オシロメトリック血圧計の精度検証'),
      t('Cuff width and the accuracy of oscillometric measurement', 'カフ幅とオシロメトリック法の測定精度'),
    ],
  },
  {
    key: 'catheter',
    weight: 10,
    devices: [
      t('pressure-sensing catheter', '圧力センサ付きカテーテル'),
      t('intravascular pressure measuring system', '血管内圧測定システム'),
    ],
    titles: [
      t('Catheter with pressure sensor', '圧力センサ付きカテーテル'),
      t('Guide wire with optical fiber pressure sensor', '光ファイバ圧力センサを備えたガイドワイヤ'),
      t('Intravascular blood pressure measuring system', '血管内血圧測定システム'),
    ],
    field: t('a catheter that measures the pressure inside a blood vessel', '血管内の圧力を測定するカテーテル'),
    background: t(
      'Invasive blood pressure measurement with a catheter placed in an artery is the reference method in intensive care.',
      '動脈内に留置したカテーテルによる観血式血圧測定は、集中治療における基準法である。',
    ),
    problem: t('a fluid-filled line distorts the pressure waveform', '液体を満たした導管では圧力波形が歪む'),
    effect: t('measuring an undistorted intravascular pressure waveform', '歪みのない血管内圧力波形を測定すること'),
    parts: [
      part(
        t('an elongated catheter body', '長尺のカテーテル本体'),
        t('catheter body', 'カテーテル本体'),
        t('the catheter body has an outer diameter of 0.3 mm to 1.0 mm', '前記カテーテル本体は、0.3mm以上1.0mm以下の外径を有する'),
      ),
      part(
        t('a pressure sensor disposed at a distal end portion of the catheter body', '前記カテーテル本体の先端部に配置された圧力センサ'),
        t('pressure sensor', '圧力センサ'),
        t('the pressure sensor is a Fabry-Perot optical fiber sensor', '前記圧力センサは、ファブリペロー型の光ファイバセンサである'),
      ),
      part(
        t(
          'a signal line extending through the catheter body and connected to the pressure sensor',
          '前記カテーテル本体内を延び、前記圧力センサに接続された信号線',
        ),
        t('signal line', '信号線'),
        t('the signal line is an optical fiber', '前記信号線は、光ファイバである'),
      ),
      part(
        t('a balloon provided at the distal end portion', '前記先端部に設けられたバルーン'),
        t('balloon', 'バルーン'),
        t('the balloon is made of polyurethane', '前記バルーンは、ポリウレタンからなる'),
      ),
      part(
        t('a connector provided at a proximal end of the catheter body', '前記カテーテル本体の基端に設けられたコネクタ'),
        t('connector', 'コネクタ'),
        t('the connector stores calibration data of the pressure sensor', '前記コネクタは、前記圧力センサの較正データを記憶する'),
      ),
    ],
    cpc: ['A61B 5/0215', 'A61M 25/00', 'A61M 25/10', 'A61B 5/6852', 'A61M 25/0009'],
    ipc: ['A61B 5/0215', 'A61M 25/00', 'A61M 25/10'],
    fi: ['A61B5/0215@Z', 'A61M25/00,500', 'A61M25/10,500'],
    fterms: ['4C267AA05', '4C267BB02', '4C267BB12', '4C267CC08', '4C267HH08', '4C017AA11'],
    literature: [
      t('Fiber-optic pressure wires for fractional flow reserve', '冠血流予備量比計測用の光ファイバ圧力ワイヤ'),
      t('Damping of fluid-filled arterial pressure lines', '液体充填式動脈圧ラインの減衰特性'),
    ],
  },
  {
    key: 'signal',
    weight: 12,
    devices: [t('biological signal processing apparatus', '生体信号処理装置'), t('health management system', '健康管理システム')],
    titles: [
      t('Biological signal processing apparatus and program', '生体信号処理装置及びプログラム'),
      t('Blood pressure estimation using a machine learning model', '機械学習モデルを用いた血圧推定'),
      t('Noise removal from pulse wave signals', '脈波信号からのノイズ除去'),
      t('Health management system for cardiovascular risk', '循環器リスクの健康管理システム'),
    ],
    field: t(
      'processing a biological signal such as a pulse wave to obtain blood pressure information',
      '脈波などの生体信号を処理して血圧情報を得る技術',
    ),
    background: t(
      'Features of the pulse waveform, such as the augmentation index and the dicrotic notch, reflect the state of the arteries.',
      '増大係数や重複切痕など脈波波形の特徴量は、動脈の状態を反映する。',
    ),
    problem: t(
      'the waveform features vary between individuals and are corrupted by noise',
      '波形の特徴量は個人差が大きく、ノイズで損なわれる',
    ),
    effect: t(
      'obtaining reliable blood pressure information from a noisy pulse wave signal',
      'ノイズを含む脈波信号から信頼できる血圧情報を得ること',
    ),
    parts: [
      part(
        t('an acquisition unit configured to acquire a pulse wave signal of a user', '使用者の脈波信号を取得する取得部'),
        t('acquisition unit', '取得部'),
        t(
          'the acquisition unit samples the pulse wave signal at 100 Hz or more',
          '前記取得部は、100Hz以上で前記脈波信号をサンプリングする',
        ),
      ),
      part(
        t(
          'a filter unit configured to remove a noise component from the pulse wave signal',
          '前記脈波信号からノイズ成分を除去するフィルタ部',
        ),
        t('filter unit', 'フィルタ部'),
        t(
          'the filter unit is a band-pass filter with a pass band of 0.5 Hz to 10 Hz',
          '前記フィルタ部は、通過帯域が0.5Hz以上10Hz以下の帯域通過フィルタである',
        ),
      ),
      part(
        t(
          'a feature extraction unit configured to extract waveform features from each beat of the pulse wave signal',
          '前記脈波信号の各拍から波形特徴量を抽出する特徴量抽出部',
        ),
        t('feature extraction unit', '特徴量抽出部'),
        t('the waveform features include a second derivative of the pulse wave', '前記波形特徴量は、前記脈波の二次微分を含む'),
      ),
      part(
        t(
          'an estimation unit configured to input waveform features of the pulse wave signal into a trained model to estimate a blood pressure',
          '脈波信号の波形特徴量を学習済みモデルに入力して血圧を推定する推定部',
        ),
        t('estimation unit', '推定部'),
        t('the trained model is a convolutional neural network', '前記学習済みモデルは、畳み込みニューラルネットワークである'),
      ),
      part(
        t(
          'a reliability determination unit configured to determine a reliability of each estimated value',
          '推定値ごとの信頼度を判定する信頼度判定部',
        ),
        t('reliability determination unit', '信頼度判定部'),
        t('an estimated value whose reliability is below a threshold is discarded', '前記信頼度が閾値未満の推定値は破棄される'),
      ),
      part(
        t('a communication unit configured to transmit an estimated blood pressure to a server', '推定された血圧をサーバに送信する通信部'),
        t('communication unit', '通信部'),
        t(
          'the server notifies a physician when the blood pressure exceeds a reference range',
          '前記サーバは、前記血圧が基準範囲を超えたときに医師に通知する',
        ),
      ),
    ],
    method: {
      name: t('signal processing method', '信号処理方法'),
      steps: [
        t('acquiring a pulse wave signal of a user', '使用者の脈波信号を取得するステップ'),
        t('removing a noise component from the pulse wave signal', '前記脈波信号からノイズ成分を除去するステップ'),
        t('extracting waveform features from each beat', '各拍から波形特徴量を抽出するステップ'),
        t(
          'estimating a blood pressure from the waveform features with a trained model',
          '学習済みモデルにより前記波形特徴量から血圧を推定するステップ',
        ),
      ],
    },
    cpc: ['A61B 5/7267', 'A61B 5/7203', 'G16H 50/20', 'G16H 40/67', 'A61B 5/021', 'A61B 5/7221'],
    ipc: ['A61B 5/00', 'G16H 50/20', 'A61B 5/021'],
    fi: ['A61B5/00,102A', 'A61B5/02,310Z', 'G16H50/20'],
    fterms: ['4C117XB01', '4C117XB04', '4C117XE23', '4C117XJ13', '5L099AA21'],
    literature: [
      t('Deep learning for blood pressure estimation from photoplethysmograms', '光電脈波からの血圧推定における深層学習'),
      t('Signal quality indices for wearable pulse wave recordings', 'ウェアラブル脈波記録の信号品質指標'),
    ],
  },
  {
    key: 'calibration',
    weight: 9,
    devices: [t('blood pressure monitoring system', '血圧監視システム'), t('calibration device', '較正装置')],
    titles: [
      t('Calibration of a cuffless blood pressure monitor', 'カフレス血圧計の較正'),
      t('Blood pressure monitoring system with periodic calibration', '定期較正を行う血圧監視システム'),
      t('Personalized calibration of blood pressure estimation', '血圧推定の個人別較正'),
    ],
    field: t(
      'calibrating a cuffless blood pressure estimate against a reference measurement',
      'カフレスの血圧推定値を基準測定値で較正する技術',
    ),
    background: t(
      'The relation between the pulse transit time and blood pressure depends on the individual and drifts over time.',
      '脈波伝播時間と血圧との関係は個人に依存し、時間とともに変化する。',
    ),
    problem: t('frequent calibration with a cuff burdens the user', 'カフによる頻繁な較正は使用者の負担となる'),
    effect: t('keeping a cuffless estimate accurate with few calibrations', '少ない較正回数でカフレスの推定値を正確に保つこと'),
    parts: [
      part(
        t('a cuffless measurement unit configured to output an estimated blood pressure', '推定血圧を出力するカフレス測定部'),
        t('cuffless measurement unit', 'カフレス測定部'),
        t(
          'the cuffless measurement unit estimates the blood pressure from a pulse transit time',
          '前記カフレス測定部は、脈波伝播時間から前記推定血圧を求める',
        ),
      ),
      part(
        t(
          'a reference measurement unit configured to measure a reference blood pressure with an inflatable cuff',
          '膨張式のカフにより基準血圧を測定する基準測定部',
        ),
        t('reference measurement unit', '基準測定部'),
        t('the inflatable cuff is integrated in a band of the housing', '前記膨張式のカフは、筐体のバンドに一体化されている'),
      ),
      part(
        t(
          'a calibration unit configured to update a parameter of the estimation using a reference blood pressure',
          '基準血圧を用いて推定のパラメータを更新する較正部',
        ),
        t('calibration unit', '較正部'),
        t('the calibration unit updates the parameter by a least squares method', '前記較正部は、最小二乗法により前記パラメータを更新する'),
      ),
      part(
        t('a timing determination unit configured to determine when a calibration is required', '較正が必要な時期を判定する時期判定部'),
        t('timing determination unit', '時期判定部'),
        t('a calibration is required when a change in posture is detected', '姿勢の変化が検出されたときに較正が必要と判定する'),
      ),
      part(
        t('a notification unit configured to prompt the user to perform a calibration', '使用者に較正を促す報知部'),
        t('notification unit', '報知部'),
        t('the notification unit vibrates the housing', '前記報知部は、筐体を振動させる'),
      ),
    ],
    cpc: ['A61B 5/02116', 'A61B 5/021', 'A61B 2560/0223', 'A61B 5/0225', 'A61B 5/7278'],
    ipc: ['A61B 5/021', 'A61B 5/0225'],
    fi: ['A61B5/02,310C', 'A61B5/022,400Z', 'A61B5/0225,300Z'],
    fterms: ['4C017AA08', '4C017AB01', '4C017AD01', '4C017BC11', '4C017FF05'],
    literature: [
      t('Calibration-free cuffless blood pressure estimation: limits and prospects', '較正不要なカフレス血圧推定の限界と展望'),
      t('Drift of the pulse transit time to blood pressure relation', '脈波伝播時間と血圧の関係の経時変化'),
    ],
  },
  {
    key: 'wearable',
    weight: 10,
    devices: [t('wearable device', 'ウェアラブル機器'), t('wrist-worn biological sensor', '手首装着型生体センサ')],
    titles: [
      t('Wearable device and band', 'ウェアラブル機器及びバンド'),
      t('Wrist-worn biological sensor', '手首装着型生体センサ'),
      t('Housing structure of a wearable measuring device', 'ウェアラブル測定機器の筐体構造'),
    ],
    field: t(
      'a device worn on the body that holds a biological sensor against the skin',
      '生体センサを皮膚に押し当てて保持する身体装着型の機器',
    ),
    background: t(
      'A wearable device must keep its sensor in stable contact with the skin while the user moves.',
      'ウェアラブル機器は、使用者が動いてもセンサを皮膚に安定して接触させる必要がある。',
    ),
    problem: t('a tight band is uncomfortable and a loose band lets the sensor move', 'バンドがきついと不快であり、緩いとセンサが動く'),
    effect: t('keeping the sensor in contact with the skin comfortably', '快適にセンサを皮膚に接触させること'),
    parts: [
      part(
        t('a housing accommodating a sensor and a battery', 'センサ及び電池を収容する筐体'),
        t('housing', '筐体'),
        t('the housing is waterproof to a depth of 50 m', '前記筐体は、水深50mまでの防水性を有する'),
      ),
      part(
        t(
          'a band attached to the housing for wearing the housing on a wrist of a user',
          '前記筐体に取り付けられ、前記筐体を使用者の手首に装着するためのバンド',
        ),
        t('band', 'バンド'),
        t('the band includes an elastic member that adjusts its tension', '前記バンドは、張力を調整する弾性部材を含む'),
      ),
      part(
        t(
          'a sensor window provided on a back surface of the housing facing the wrist',
          '前記筐体の前記手首に対向する裏面に設けられたセンサ窓',
        ),
        t('sensor window', 'センサ窓'),
        t('the sensor window is positioned over a radial artery of the user', '前記センサ窓は、前記使用者の橈骨動脈の上に位置する'),
      ),
      part(
        t('a pressing mechanism configured to press the sensor window against the skin', '前記センサ窓を皮膚に押し当てる押圧機構'),
        t('pressing mechanism', '押圧機構'),
        t('the pressing mechanism includes a spring', '前記押圧機構は、ばねを含む'),
      ),
      part(
        t(
          'a contact pressure sensor configured to detect a contact pressure of the sensor window',
          '前記センサ窓の接触圧を検出する接触圧センサ',
        ),
        t('contact pressure sensor', '接触圧センサ'),
        t('a warning is issued when the contact pressure is outside a predetermined range', '前記接触圧が所定範囲外のときに警告が出される'),
      ),
    ],
    cpc: ['A61B 5/681', 'A61B 5/6824', 'A61B 5/0002', 'A61B 2562/16', 'A61B 5/6843'],
    ipc: ['A61B 5/00', 'A61B 5/024'],
    fi: ['A61B5/00,102B', 'A61B5/0245@C', 'A61B5/00@G'],
    fterms: ['4C117XA01', '4C117XB04', '4C117XD01', '4C117XQ13', '4C017AC20'],
    literature: [
      t('Contact pressure and signal quality of wrist-worn sensors', '手首装着型センサの接触圧と信号品質'),
      t('Design of wearable housings for continuous monitoring', '連続モニタリングのためのウェアラブル筐体設計'),
    ],
  },
  {
    key: 'stent',
    weight: 5,
    devices: [t('stent', 'ステント'), t('stent delivery system', 'ステントデリバリーシステム')],
    titles: [
      t('Stent', 'ステント'),
      t('Drug-eluting stent', '薬剤溶出型ステント'),
      t('Stent delivery system', 'ステントデリバリーシステム'),
    ],
    field: t('a stent placed in a stenosed blood vessel', '狭窄した血管に留置されるステント'),
    background: t('A stent expands a narrowed vessel and keeps it open.', 'ステントは狭窄した血管を拡張し、開存状態に保つ。'),
    problem: t('restenosis occurs after placement', '留置後に再狭窄が生じる'),
    effect: t('reducing restenosis', '再狭窄を低減すること'),
    parts: [
      part(
        t('a plurality of annular strut members arranged in an axial direction', '軸方向に並ぶ複数の環状ストラット部材'),
        t('annular strut members', '環状ストラット部材'),
        t('the annular strut members are made of a cobalt-chromium alloy', '前記環状ストラット部材は、コバルトクロム合金からなる'),
      ),
      part(
        t('link members connecting adjacent annular strut members', '隣り合う前記環状ストラット部材を連結するリンク部材'),
        t('link members', 'リンク部材'),
        t('each link member has an S-shaped portion', '前記リンク部材は、S字状部を有する'),
      ),
      part(
        t('a drug coating layer on an outer surface', '外表面の薬剤被覆層'),
        t('drug coating layer', '薬剤被覆層'),
        t(
          'the drug coating layer contains sirolimus and a biodegradable polymer',
          '前記薬剤被覆層は、シロリムスと生分解性ポリマーとを含む',
        ),
      ),
      part(
        t('radiopaque markers at both ends', '両端の造影マーカー'),
        t('radiopaque markers', '造影マーカー'),
        t('the radiopaque markers are made of platinum', '前記造影マーカーは、白金からなる'),
      ),
    ],
    cpc: ['A61F 2/82', 'A61F 2/915', 'A61L 31/16', 'A61F 2002/91575'],
    ipc: ['A61F 2/82', 'A61F 2/915', 'A61L 31/16'],
    fi: ['A61F2/82', 'A61F2/915', 'A61L31/16'],
    fterms: ['4C097AA15', '4C097BB01', '4C097CC01', '4C167AA44', '4C167BB26'],
    literature: [t('Late lumen loss after drug-eluting stent implantation', '薬剤溶出型ステント留置後の遠隔期内腔損失')],
  },
  {
    key: 'infusion',
    weight: 5,
    devices: [t('infusion pump', '輸液ポンプ'), t('infusion system', '輸液システム')],
    titles: [
      t('Infusion pump', '輸液ポンプ'),
      t('Infusion pump with occlusion detection', '閉塞検出機能付き輸液ポンプ'),
      t('Infusion system', '輸液システム'),
    ],
    field: t('a pump that delivers a drug solution to a patient at a set flow rate', '設定流量で薬液を患者に送液するポンプ'),
    background: t('Infusion pumps deliver drugs precisely over long periods.', '輸液ポンプは、長時間にわたり薬剤を精密に送液する。'),
    problem: t('an occlusion of the tube is detected late', 'チューブの閉塞の検出が遅れる'),
    effect: t('detecting an occlusion early', '閉塞を早期に検出すること'),
    parts: [
      part(
        t('a tube mounting portion in which an infusion tube is set', '輸液チューブが装着されるチューブ装着部'),
        t('tube mounting portion', 'チューブ装着部'),
        t('the tube mounting portion has a door with a tube clamp', '前記チューブ装着部は、チューブクランプ付きの扉を有する'),
      ),
      part(
        t('a peristaltic mechanism configured to squeeze the infusion tube', '前記輸液チューブをしごく蠕動機構'),
        t('peristaltic mechanism', '蠕動機構'),
        t('the peristaltic mechanism has a plurality of fingers driven by a cam', '前記蠕動機構は、カムで駆動される複数のフィンガを有する'),
      ),
      part(
        t(
          'a downstream pressure sensor configured to detect a pressure in the infusion tube',
          '前記輸液チューブ内の圧力を検出する下流圧力センサ',
        ),
        t('downstream pressure sensor', '下流圧力センサ'),
        t(
          'an occlusion alarm is issued when the rate of pressure rise exceeds a threshold',
          '圧力上昇率が閾値を超えたときに閉塞警報が出される',
        ),
      ),
      part(
        t('a bubble detector configured to detect air in the infusion tube', '前記輸液チューブ内の気泡を検出する気泡検出器'),
        t('bubble detector', '気泡検出器'),
        t('the bubble detector is an ultrasonic sensor', '前記気泡検出器は、超音波センサである'),
      ),
    ],
    cpc: ['A61M 5/142', 'A61M 5/16831', 'A61M 5/172', 'A61M 2205/3331'],
    ipc: ['A61M 5/142', 'A61M 5/168', 'A61M 5/172'],
    fi: ['A61M5/142,500', 'A61M5/168,510', 'A61M5/172'],
    fterms: ['4C066AA09', '4C066BB01', '4C066CC01', '4C066QQ52', '4C066QQ84'],
    literature: [t('Occlusion detection times of volumetric infusion pumps', '容積式輸液ポンプの閉塞検出時間')],
  },
  {
    key: 'stapler',
    weight: 4,
    devices: [t('surgical stapler', '外科用ステープラ'), t('staple cartridge', 'ステープルカートリッジ')],
    titles: [
      t('Surgical stapler', '外科用ステープラ'),
      t('Staple cartridge and surgical stapler', 'ステープルカートリッジ及び外科用ステープラ'),
    ],
    field: t('a stapler that joins tissue with staples during surgery', '手術中に組織をステープルで接合するステープラ'),
    background: t('Linear staplers cut and staple tissue in one stroke.', 'リニアステープラは、一回の操作で組織を切離し縫合する。'),
    problem: t('the staple line leaks when the tissue thickness varies', '組織の厚さが変わると縫合線から漏れが生じる'),
    effect: t('forming a reliable staple line', '確実な縫合線を形成すること'),
    parts: [
      part(
        t('an anvil having staple forming pockets', 'ステープル成形ポケットを有するアンビル'),
        t('anvil', 'アンビル'),
        t('the staple forming pockets have two depths', '前記ステープル成形ポケットは、二種類の深さを有する'),
      ),
      part(
        t('a cartridge holding a plurality of staples', '複数のステープルを保持するカートリッジ'),
        t('cartridge', 'カートリッジ'),
        t('the staples have different leg lengths in different rows', '前記ステープルは、列ごとに異なる脚長を有する'),
      ),
      part(
        t('a firing member configured to drive the staples toward the anvil', '前記ステープルを前記アンビルに向けて打ち出す発射部材'),
        t('firing member', '発射部材'),
        t('the firing member carries a cutting blade', '前記発射部材は、切断刃を備える'),
      ),
      part(
        t('a motor configured to advance the firing member', '前記発射部材を前進させるモータ'),
        t('motor', 'モータ'),
        t('the motor speed is reduced when the load exceeds a threshold', '負荷が閾値を超えたときに前記モータの速度が低下する'),
      ),
    ],
    cpc: ['A61B 17/072', 'A61B 17/07207', 'A61B 17/068', 'A61B 2017/00398'],
    ipc: ['A61B 17/072', 'A61B 17/068'],
    fi: ['A61B17/072', 'A61B17/068'],
    fterms: ['4C160CC09', '4C160CC23', '4C160MM32'],
    literature: [t('Staple height and leak pressure in gastrointestinal anastomosis', '消化管吻合におけるステープル高さとリーク圧')],
  },
  {
    key: 'endoscope',
    weight: 2,
    devices: [t('endoscope', '内視鏡'), t('endoscope system', '内視鏡システム')],
    titles: [t('Endoscope', '内視鏡'), t('Endoscope system', '内視鏡システム')],
    field: t('an endoscope inserted into a body cavity', '体腔内に挿入される内視鏡'),
    background: t(
      'An endoscope observes the inside of the body through a thin insertion section.',
      '内視鏡は、細い挿入部を通じて体内を観察する。',
    ),
    problem: t('the distal end becomes larger when functions are added', '機能を追加すると先端部が大きくなる'),
    effect: t('keeping the distal end small', '先端部を小さく保つこと'),
    parts: [
      part(
        t('an insertion section configured to be inserted into a body cavity', '体腔内に挿入される挿入部'),
        t('insertion section', '挿入部'),
        t('the insertion section has a bending portion', '前記挿入部は、湾曲部を有する'),
      ),
      part(
        t('an image sensor disposed at a distal end of the insertion section', '前記挿入部の先端に配置された撮像素子'),
        t('image sensor', '撮像素子'),
        t('the image sensor is a CMOS sensor', '前記撮像素子は、CMOSセンサである'),
      ),
      part(
        t('an illumination unit configured to emit illumination light', '照明光を出射する照明部'),
        t('illumination unit', '照明部'),
        t('the illumination unit emits narrow-band light', '前記照明部は、狭帯域光を出射する'),
      ),
    ],
    cpc: ['A61B 1/00', 'A61B 1/05', 'A61B 1/0676', 'A61B 1/00096'],
    ipc: ['A61B 1/00', 'A61B 1/05'],
    fi: ['A61B1/00,715', 'A61B1/05'],
    fterms: ['4C161AA00', '4C161FF40', '4C161JJ06'],
    literature: [t('Narrow-band imaging in gastrointestinal endoscopy', '消化器内視鏡における狭帯域光観察')],
  },
];

const CLUSTER_WEIGHTS = CLUSTERS.map((c) => c.weight);

// ---------- parties ----------

export interface Company {
  name: Text;
  /** Japanese companies have Japanese inventors; the others Western ones. */
  japanese: boolean;
  clusters: string[];
}

const c = (en: string, ja: string, japanese: boolean, clusters: string): Company => ({
  name: t(en, ja),
  japanese,
  clusters: clusters.split(' '),
});

export const DEMO_COMPANIES: readonly Company[] = [
  c('Hokushin Medical Electronics Co., Ltd.', '北辰医療電子株式会社', true, 'ptt ppg calibration wearable signal'),
  c('Aoba Medical Corporation', '株式会社アオバメディカル', true, 'cuff calibration ptt'),
  c('Yamashiro Seiki Co., Ltd.', '山城精機株式会社', true, 'cuff wearable infusion'),
  c('Minato Bioengineering Inc.', 'みなと生体工学株式会社', true, 'catheter stent'),
  c('Seiryu Meditech Co., Ltd.', '清流メディテック株式会社', true, 'signal ppg'),
  c('Signal Health K.K.', '株式会社シグナルヘルス', true, 'signal calibration'),
  c('Kotobuki Optical Co., Ltd.', '寿光学工業株式会社', true, 'ppg endoscope'),
  c('Towa Medical Co., Ltd.', '東和メディカル株式会社', true, 'catheter infusion cuff'),
  c('Veridian Medical Systems, Inc.', 'ヴェリディアン メディカル システムズ インコーポレイテッド', false, 'catheter stent infusion'),
  c('Halcyon Biosensing Corp.', 'ハルシオン バイオセンシング コーポレイション', false, 'ppg ptt signal'),
  c('Northbrook Cardio Technologies LLC', 'ノースブルック カーディオ テクノロジーズ エルエルシー', false, 'ptt calibration cuff'),
  c('Pulsewise Health, Inc.', 'パルスワイズ ヘルス インコーポレイテッド', false, 'ptt wearable signal ppg'),
  c('Lumira Wearables Ltd.', 'ルミラ ウェアラブルズ リミテッド', false, 'wearable ppg calibration'),
  c('Aster Vascular GmbH', 'アスター バスキュラー ゲゼルシャフト ミット ベシュレンクテル ハフツング', false, 'stent catheter'),
  c('Caldera Surgical Inc.', 'カルデラ サージカル インコーポレイテッド', false, 'stapler endoscope'),
  c('Meridian Infusion Systems, Inc.', 'メリディアン インフュージョン システムズ インコーポレイテッド', false, 'infusion'),
  c('Kestrel Endoscopy AG', 'ケストレル エンドスコピー アクチエンゲゼルシャフト', false, 'endoscope stapler'),
];

const COMPANIES_BY_CLUSTER = new Map(CLUSTERS.map((cl) => [cl.key, DEMO_COMPANIES.filter((co) => co.clusters.includes(cl.key))]));

/** Japanese family and given names with their romanisation. */
const JA_FAMILY: [string, string][] = [
  ['佐藤', 'Sato'],
  ['鈴木', 'Suzuki'],
  ['高橋', 'Takahashi'],
  ['田中', 'Tanaka'],
  ['伊藤', 'Ito'],
  ['渡辺', 'Watanabe'],
  ['山本', 'Yamamoto'],
  ['中村', 'Nakamura'],
  ['小林', 'Kobayashi'],
  ['加藤', 'Kato'],
  ['吉田', 'Yoshida'],
  ['山田', 'Yamada'],
  ['佐々木', 'Sasaki'],
  ['松本', 'Matsumoto'],
  ['井上', 'Inoue'],
  ['木村', 'Kimura'],
  ['清水', 'Shimizu'],
  ['森', 'Mori'],
  ['池田', 'Ikeda'],
  ['橋本', 'Hashimoto'],
  ['石川', 'Ishikawa'],
  ['前田', 'Maeda'],
  ['藤田', 'Fujita'],
  ['岡田', 'Okada'],
];
const JA_GIVEN: [string, string][] = [
  ['太郎', 'Taro'],
  ['健一', 'Kenichi'],
  ['誠', 'Makoto'],
  ['大輔', 'Daisuke'],
  ['直樹', 'Naoki'],
  ['浩二', 'Koji'],
  ['翔太', 'Shota'],
  ['拓也', 'Takuya'],
  ['亮', 'Ryo'],
  ['花子', 'Hanako'],
  ['美穂', 'Miho'],
  ['由紀', 'Yuki'],
  ['恵', 'Megumi'],
  ['彩', 'Aya'],
  ['裕子', 'Yuko'],
  ['智子', 'Tomoko'],
];
const WEST_GIVEN: [string, string][] = [
  ['Michael', 'マイケル'],
  ['David', 'デイビッド'],
  ['Sarah', 'サラ'],
  ['Emily', 'エミリー'],
  ['James', 'ジェームズ'],
  ['Laura', 'ローラ'],
  ['Thomas', 'トーマス'],
  ['Anna', 'アンナ'],
  ['Daniel', 'ダニエル'],
  ['Julia', 'ユリア'],
  ['Robert', 'ロバート'],
  ['Maria', 'マリア'],
];
const WEST_FAMILY: [string, string][] = [
  ['Miller', 'ミラー'],
  ['Anderson', 'アンダーソン'],
  ['Brooks', 'ブルックス'],
  ['Keller', 'ケラー'],
  ['Hartmann', 'ハルトマン'],
  ['Bennett', 'ベネット'],
  ['Novak', 'ノヴァク'],
  ['Fischer', 'フィッシャー'],
  ['Sullivan', 'サリバン'],
  ['Weber', 'ウェーバー'],
  ['Collins', 'コリンズ'],
  ['Lindqvist', 'リンドクヴィスト'],
];

type Person = { en: string; ja: string; familyEn: string };

/** One of a company's few dozen inventors (the same people recur across its patents). */
function inventor(rng: Random, companyIndex: number, japanese: boolean): Person {
  const k = companyIndex * 37 + rng.int(12) * 7;
  if (japanese) {
    const [fj, fe] = JA_FAMILY[k % JA_FAMILY.length] as [string, string];
    const [gj, ge] = JA_GIVEN[(k * 5 + 3) % JA_GIVEN.length] as [string, string];
    return { en: `${ge} ${fe}`, ja: `${fj} ${gj}`, familyEn: fe };
  }
  const [ge, gj] = WEST_GIVEN[k % WEST_GIVEN.length] as [string, string];
  const [fe, fj] = WEST_FAMILY[(k * 5 + 3) % WEST_FAMILY.length] as [string, string];
  return { en: `${ge} ${fe}`, ja: `${gj} ${fj}`, familyEn: fe };
}

// ---------- numbers ----------

type Series = 'JP-A' | 'JP-B' | 'US-A1' | 'US-B' | 'EP' | 'WO';

/** Where a series' serial numbers stood on a date (grants and EP numbers run on across years). */
const RUNNING_SERIALS: Partial<Record<Series, [string, number][]>> = {
  'JP-B': [
    ['2000-01-01', 3_000_000],
    ['2007-09-01', 4_000_000],
    ['2012-06-01', 5_000_000],
    ['2016-09-01', 6_000_000],
    ['2022-03-01', 7_000_000],
    ['2026-01-01', 7_800_000],
  ],
  'US-B': [
    ['2000-01-01', 6_010_000],
    ['2006-02-14', 7_000_000],
    ['2011-08-16', 8_000_000],
    ['2015-04-07', 9_000_000],
    ['2018-06-19', 10_000_000],
    ['2021-05-11', 11_000_000],
    ['2024-06-04', 12_000_000],
    ['2026-01-01', 12_500_000],
  ],
  EP: [
    ['2000-01-01', 970_000],
    ['2008-12-01', 2_000_000],
    ['2016-06-01', 3_000_000],
    ['2022-06-01', 4_000_000],
    ['2026-01-01', 4_700_000],
  ],
};
const RUNNING_DAYS = Object.fromEntries(
  Object.entries(RUNNING_SERIALS).map(([k, v]) => [k, v.map(([d, n]) => [dayOf(d), n] as [number, number])]),
) as Partial<Record<Series, [number, number][]>>;
/** Serials per year for the series numbered by year (JP2019-123456, US2021/0123456, WO2020/123456). */
const YEARLY_MAX: Partial<Record<Series, number>> = { 'JP-A': 200_000, 'US-A1': 420_000, WO: 250_000 };

function runningSerial(series: Series, day: number): number {
  const points = RUNNING_DAYS[series] as [number, number][];
  for (let i = 1; i < points.length; i++) {
    const [d1, n1] = points[i] as [number, number];
    const [d0, n0] = points[i - 1] as [number, number];
    if (day <= d1) return Math.round(n0 + ((n1 - n0) * (day - d0)) / (d1 - d0));
  }
  return (points[points.length - 1] as [number, number])[1];
}

class Numbering {
  private readonly used = new Set<string>();
  private readonly last = new Map<string, number>();

  constructor(private readonly rng: Random) {}

  /** A unique number of the series for a publication on `day` (for an EP grant: the day its application was published). */
  next(series: Series, kind: string, day: number): string {
    const year = isoOf(day).slice(0, 4);
    const yearly = YEARLY_MAX[series];
    const key = yearly ? `${series}${year}` : series === 'EP' ? `EP${kind}` : series;
    let serial: number;
    if (yearly) {
      const frac = (day - dayOf(`${year}-01-01`)) / 366;
      serial = Math.max(1, Math.floor(frac * yearly) + this.rng.int(400));
    } else serial = runningSerial(series, day) + this.rng.int(900);
    serial = Math.max(serial, (this.last.get(key) ?? 0) + 1);
    for (;;) {
      const number = this.format(series, kind, year, serial);
      if (!this.used.has(number)) {
        this.used.add(number);
        this.last.set(key, serial);
        return number;
      }
      serial++;
    }
  }

  private format(series: Series, kind: string, year: string, serial: number): string {
    switch (series) {
      case 'JP-A':
        return `JP${year}${String(serial).padStart(6, '0')}${kind}`;
      case 'US-A1':
        return `US${year}${String(serial).padStart(7, '0')}${kind}`;
      case 'WO':
        return `WO${year}${String(serial).padStart(6, '0')}${kind}`;
      case 'JP-B':
        return `JP${serial}${kind}`;
      case 'US-B':
        return `US${serial}${kind}`;
      case 'EP':
        return `EP${serial}${kind}`;
    }
  }
}

// ---------- claims ----------

type Lang = 'en' | 'ja';

/** "a sensor" / "an optical sensor". */
const an = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
const An = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'An' : 'A'} ${noun}`;

const listEn = (items: string[]) =>
  items.map((s, i) => (i === items.length - 1 ? `${s}.` : i === items.length - 2 ? `${s}; and` : `${s};`));

/**
 * "A X, comprising:\n a…;\n b…; and\n c…." / 「aと、bと、cとを備えるX。」; with a feature, "…c, wherein f." /
 * 「aと、bと、cとを備え、fことを特徴とするX。」.
 */
function independentClaim(lang: Lang, preamble: Text, elements: Text[], rng: Random, method = false, feature?: Text): string {
  if (lang === 'en') {
    const items = elements.map((e) => e.en);
    if (feature) items.push(`${items.pop() as string}, wherein ${feature.en}`);
    return `${An(preamble.en)}, comprising:\n${listEn(items).join('\n')}`;
  }
  const head = elements.map((e) => e.ja);
  const list = `${head.slice(0, -1).join('と、')}と、${head[head.length - 1]}`;
  if (feature) return `${list}とを備え、${feature.ja}ことを特徴とする${preamble.ja}。`;
  return `${list}${method ? 'とを含む' : rng.chance(0.5) ? 'とを備える' : 'とを有する'}${preamble.ja}。`;
}

function refersEn(deps: number[]): string {
  if (deps.length === 1) return `claim ${deps[0]}`;
  const first = deps[0] as number;
  const last = deps[deps.length - 1] as number;
  if (deps.length > 2) return `any one of claims ${first} to ${last}`;
  return `claim ${first} or ${last}`;
}

function refersJa(deps: number[]): string {
  if (deps.length === 1) return `請求項${deps[0]}`;
  const first = deps[0] as number;
  const last = deps[deps.length - 1] as number;
  if (deps.length > 2) return `請求項${first}〜${last}のいずれか一項`;
  return `請求項${first}又は${last}`;
}

function dependentClaim(lang: Lang, deps: number[], preamble: Text, limitation: Text, rng: Random): string {
  if (lang === 'en') return `The ${preamble.en} of ${refersEn(deps)}, wherein ${limitation.en}.`;
  return rng.chance(0.5)
    ? `${refersJa(deps)}に記載の${preamble.ja}であって、${limitation.ja}ことを特徴とする${preamble.ja}。`
    : `${limitation.ja}、${refersJa(deps)}に記載の${preamble.ja}。`;
}

function sample<T>(rng: Random, items: readonly T[], n: number): T[] {
  const copy = items.slice();
  const out: T[] = [];
  while (out.length < n && copy.length > 0) out.push(copy.splice(rng.int(copy.length), 1)[0] as T);
  return out;
}

interface Drafted {
  claims: PatentClaim[];
  /** The parts of claim 1, in order. */
  parts: Part[];
}

function draftClaims(rng: Random, cluster: Cluster, lang: Lang, country: string, total: number): Drafted {
  const claims: PatentClaim[] = [];
  const multipleOk = country !== 'US';
  /** Dependent claims from..to under the independent claim `root`, drawing on `limitations` in turn. */
  const addDependents = (from: number, to: number, root: number, preamble: Text, limitations: Text[]) => {
    // Each limitation once: a group has at most as many dependent claims as there are limitations.
    const pool = sample(rng, limitations, Math.min(limitations.length, to - from + 1));
    for (let n = from; n < from + pool.length; n++) {
      let deps: number[];
      const r = rng.next();
      if (multipleOk && n - root >= 2 && r < 0.25) {
        // 「請求項1又は2」 / "claim 1 or 2" / "any one of claims 1 to 3"
        deps = n - 1 - root >= 2 && rng.chance(0.5) ? range(root, n - 1) : [root, n - 1];
      } else if (n - root >= 2 && r < 0.55) deps = [root + 1 + rng.int(n - root - 1)];
      else deps = [root];
      const limitation = pool[n - from] as Text;
      claims.push({ number: n, text: dependentClaim(lang, deps, preamble, limitation, rng), dependsOn: deps });
    }
  };
  /** The parts' own refinements, then the cluster's other parts as "further comprising". */
  const limitationsOf = (preamble: Text, parts: Part[]) => {
    const out = parts.flatMap((p) => p.more);
    for (const p of cluster.parts)
      if (!parts.includes(p)) out.push(t(`the ${preamble.en} further comprises ${p.claim.en}`, `${p.claim.ja}をさらに備える`));
    return out;
  };
  /** In the cluster's order, with every part another one names ("the light receiver", 「前記受光部」) added: antecedent basis. */
  const inOrder = (parts: Part[]) => {
    for (let i = 0; i < parts.length; i++)
      for (const other of cluster.parts)
        if (
          !parts.includes(other) &&
          ((parts[i] as Part).claim.en.includes(`the ${other.noun.en}`) || (parts[i] as Part).claim.ja.includes(`前記${other.noun.ja}`))
        )
          parts.push(other);
    return parts.sort((a, b) => cluster.parts.indexOf(a) - cluster.parts.indexOf(b));
  };

  // Claim 1: a device of 3–5 parts in the cluster's order (a device is described top-down), sometimes with a characterising feature.
  const chosen = inOrder(sample(rng, cluster.parts, Math.min(cluster.parts.length, rng.between(3, 5))));
  const device = cluster.devices[0];
  const featurePart = rng.chance(0.3) ? chosen[chosen.length - 1] : undefined;
  const feature = featurePart?.more[0];
  claims.push({
    number: 1,
    text: independentClaim(
      lang,
      device,
      chosen.map((p) => p.claim),
      rng,
      false,
      feature,
    ),
    dependsOn: [],
  });
  const secondIndependent = total >= 6 && rng.chance(0.6);
  const firstGroupEnd = secondIndependent ? Math.max(3, Math.floor(total * 0.65)) : total;
  addDependents(
    2,
    firstGroupEnd,
    1,
    device,
    limitationsOf(device, chosen).filter((l) => l !== feature),
  );
  if (secondIndependent) {
    const root = claims.length + 1;
    const end = root + (total - firstGroupEnd - 1);
    if (cluster.method && rng.chance(0.6)) {
      const method = cluster.method;
      claims.push({ number: root, text: independentClaim(lang, method.name, method.steps, rng, true), dependsOn: [] });
      const more = chosen.flatMap((p) => p.more).filter((l) => l !== feature);
      const fallback = [t('the steps are repeated for every beat', '前記各ステップを拍ごとに繰り返す')];
      addDependents(root + 1, end, root, t('method', method.name.ja), more.length > 0 ? more : fallback);
    } else {
      const second = cluster.devices[1];
      const parts = inOrder(sample(rng, cluster.parts, Math.min(cluster.parts.length, rng.between(2, 4))));
      claims.push({
        number: root,
        text: independentClaim(
          lang,
          second,
          parts.map((p) => p.claim),
          rng,
        ),
        dependsOn: [],
      });
      addDependents(root + 1, end, root, second, limitationsOf(second, parts));
    }
  }
  return { claims, parts: chosen };
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

// ---------- description and abstract ----------

function describe(rng: Random, cluster: Cluster, lang: Lang, parts: Part[], citedNumbers: string[]): PatentParagraph[] {
  const device = cluster.devices[0];
  const texts: string[] = [];
  if (lang === 'en') {
    texts.push(`The present invention relates to ${cluster.field.en}.`);
    texts.push(cluster.background.en);
    if (citedNumbers.length > 0) texts.push(`Such devices are described, for example, in ${citedNumbers.join(', ')}.`);
    texts.push(`However, ${cluster.problem.en}.`);
    texts.push(`An object of the present invention is to provide ${an(device.en)} capable of ${cluster.effect.en}.`);
    parts.forEach((p, i) => {
      const ref = 10 + i * 10;
      const extra = p.more[0] ? ` In one embodiment, ${p.more[0].en}.` : '';
      texts.push(
        `As shown in FIG. ${1 + (i % 3)}, the ${device.en} 1 includes ${p.claim.en} (hereinafter, the ${p.noun.en} ${ref}).${extra}`,
      );
    });
    texts.push(
      `With this configuration, the ${device.en} 1 is capable of ${cluster.effect.en} in ${rng.pick(['daily life', 'clinical use', 'home use', 'long-term use'])}.`,
    );
    texts.push('The embodiments described above are examples, and the invention may be modified within the scope of the claims.');
  } else {
    texts.push(`本発明は、${cluster.field.ja}に関する。`);
    texts.push(cluster.background.ja);
    if (citedNumbers.length > 0)
      texts.push(`このような装置は、例えば特許文献${citedNumbers.map((_, i) => i + 1).join('、')}に記載されている。`);
    texts.push(`しかしながら、${cluster.problem.ja}という問題がある。`);
    texts.push(`本発明は、${cluster.effect.ja}ができる${device.ja}を提供することを目的とする。`);
    parts.forEach((p, i) => {
      const ref = 10 + i * 10;
      const extra = p.more[0] ? `一実施形態では、${p.more[0].ja}。` : '';
      texts.push(`図${1 + (i % 3)}に示すように、${device.ja}1は、${p.claim.ja}（以下、${p.noun.ja}${ref}という）を備える。${extra}`);
    });
    texts.push(
      `この構成により、${device.ja}1は、${rng.pick(['日常生活', '臨床', '家庭', '長期間の使用'])}において${cluster.effect.ja}ができる。`,
    );
    texts.push('上記の実施形態は例示であり、本発明は特許請求の範囲内で変更することができる。');
  }
  return texts.map((text, i) => ({ id: String(i + 1).padStart(4, '0'), text }));
}

function abstractOf(cluster: Cluster, lang: Lang, parts: Part[]): string {
  const device = cluster.devices[0];
  if (lang === 'en') {
    const names = parts.map((p) => p.claim.en);
    const list = `${names.slice(0, -1).join(', ')}, and ${names[names.length - 1]}`;
    return `${An(device.en)} includes ${list}. The ${device.en} is capable of ${cluster.effect.en}.`;
  }
  const names = parts.map((p) => p.claim.ja);
  return `【課題】${cluster.effect.ja}ができる${device.ja}を提供する。\n【解決手段】${device.ja}1は、${names.slice(0, -1).join('と、')}と、${names[names.length - 1]}とを備える。`;
}

// ---------- citations ----------

interface Earlier {
  number: string;
  day: number;
  /** "Yamada et al." for an English citation. */
  patentee: string;
}

const RECENT_PER_CLUSTER = 64;

function citationsFor(
  rng: Random,
  lang: Lang,
  series: Series,
  pool: Earlier[],
  beforeDay: number,
  priorityDay: number,
  cluster: Cluster,
): PatentCitation[] {
  const out: PatentCitation[] = [];
  // JP and US pre-grant publications carry no search results; a JP A lists the applicant's own 先行技術文献.
  const applicationOnly = series === 'JP-A' || series === 'US-A1';
  if (series === 'US-A1') return out;
  const wanted = applicationOnly ? rng.int(3) : rng.between(1, 6);
  // Prefer art published before the priority date, as an examiner would.
  const prior = pool.filter((e) => e.day < priorityDay);
  const candidates = prior.length >= wanted ? prior : pool.filter((e) => e.day < beforeDay);
  for (const e of sample(rng, candidates, wanted)) {
    const category = applicationOnly ? 'applicant' : rng.chance(0.65) ? 'examiner' : 'applicant';
    const citation: PatentCitation = { number: e.number, category, date: isoOf(e.day) };
    if (lang === 'en') citation.text = e.patentee;
    out.push(citation);
  }
  if (!applicationOnly && rng.chance(0.3)) {
    const title = rng.pick(cluster.literature);
    const year = isoOf(Math.max(EARLIEST - 3000, priorityDay - rng.between(200, 3000))).slice(0, 4);
    const [fam] = rng.pick(JA_FAMILY);
    const [gj] = rng.pick(JA_GIVEN);
    const [, fe] = rng.pick(JA_FAMILY);
    const [ge] = rng.pick(WEST_GIVEN);
    const [we] = rng.pick(WEST_FAMILY);
    out.push({
      category: 'other',
      date: year,
      text:
        lang === 'ja'
          ? `${fam}${gj}、外「${title.ja}」架空医工学会誌、第${rng.between(10, 60)}巻、第${rng.between(1, 12)}号、${year}年、p.${rng.between(1, 400)}`
          : `${ge.slice(0, 1)}. ${we}, ${rng.chance(0.5) ? `K. ${fe}, ` : ''}et al., "${title.en}," Fictional Journal of Biomedical Sensing, vol. ${rng.between(10, 60)}, no. ${rng.between(1, 12)}, ${year}.`,
    });
  }
  return out;
}

// ---------- one record ----------

const SERIES_BY_COUNTRY: Record<string, { series: Series; kind: string; weight: number }[]> = {
  JP: [
    { series: 'JP-A', kind: 'A', weight: 58 },
    { series: 'JP-B', kind: 'B2', weight: 38 },
    { series: 'JP-B', kind: 'B1', weight: 4 },
  ],
  US: [
    { series: 'US-A1', kind: 'A1', weight: 45 },
    { series: 'US-B', kind: 'B2', weight: 45 },
    { series: 'US-B', kind: 'B1', weight: 10 },
  ],
  EP: [
    { series: 'EP', kind: 'A1', weight: 55 },
    { series: 'EP', kind: 'B1', weight: 45 },
  ],
  WO: [{ series: 'WO', kind: 'A1', weight: 1 }],
};
const FOREIGN = ['US', 'EP', 'WO'] as const;
const FOREIGN_WEIGHTS = [60, 20, 20];
/** Weekday of publication: JP Wednesday/Thursday, US grants Tuesday, US applications and WO Thursday, EP Wednesday. */
const WEEKDAY: Record<Series, number> = { 'JP-A': 4, 'JP-B': 3, 'US-A1': 4, 'US-B': 2, EP: 3, WO: 4 };

/**
 * Fictional patents, streamed in (nearly) publication-date order from 2002 to 2025, priority dates
 * from 2000: nothing but the last few records of each cluster (for citations) and the numbers used
 * so far are kept, so 100,000 records need a few megabytes. The same options give the same records.
 */
export function* generatePatents(options: GeneratePatentsOptions): Generator<PatentRecord> {
  const { count, seed = DEMO_PATENT_SEED, japaneseShare = 0.45 } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a whole number ≥ 0.');
  if (!(japaneseShare >= 0 && japaneseShare <= 1)) throw new RangeError('japaneseShare must be between 0 and 1.');
  const rng = seededRandom(seed);
  const numbering = new Numbering(rng);
  const recent = new Map<string, Earlier[]>(CLUSTERS.map((cl) => [cl.key, []]));
  const span = LAST_PUBLICATION - FIRST_PUBLICATION;
  for (let i = 0; i < count; i++) {
    // More filings every year: the cumulative share of publications grows like t^(1/0.7).
    const u = (i + rng.next()) / Math.max(1, count);
    const baseDay = FIRST_PUBLICATION + Math.floor(span * u ** 0.7);
    const cluster = CLUSTERS[rng.weighted(CLUSTER_WEIGHTS)] as Cluster;
    const japanese = rng.next() < japaneseShare;
    const country = japanese ? 'JP' : (FOREIGN[rng.weighted(FOREIGN_WEIGHTS)] as string);
    const options = SERIES_BY_COUNTRY[country] as { series: Series; kind: string; weight: number }[];
    const { series, kind } = options[rng.weighted(options.map((o) => o.weight))] as { series: Series; kind: string };
    const lang: Lang = country === 'JP' ? 'ja' : 'en';
    const grant = kind.startsWith('B');
    const publicationDay = Math.min(onWeekday(baseDay, WEEKDAY[series]), onWeekday(LAST_PUBLICATION, WEEKDAY[series]));
    // Application publications 18 months after priority; grants 2–7 years after filing.
    let filingDay: number;
    let priorityDay: number;
    if (series === 'WO') {
      priorityDay = publicationDay - rng.between(540, 560);
      filingDay = priorityDay + rng.between(330, 365);
    } else if (!grant) {
      filingDay = publicationDay - rng.between(150, 560);
      priorityDay = rng.chance(0.55) ? filingDay : filingDay - rng.between(30, 365);
    } else {
      filingDay = publicationDay - rng.between(700, 2600);
      priorityDay = rng.chance(0.5) ? filingDay : filingDay - rng.between(30, 365);
    }
    if (priorityDay < EARLIEST) priorityDay = EARLIEST + rng.int(60);
    if (filingDay < priorityDay) filingDay = priorityDay + rng.int(Math.max(1, Math.min(300, publicationDay - priorityDay)));
    if (filingDay > publicationDay) filingDay = publicationDay;
    // An EP grant keeps the number its application was published under.
    const numberDay = series === 'EP' && grant ? Math.min(publicationDay, filingDay + 548) : publicationDay;
    const number = numbering.next(series, kind, numberDay);

    const companies = COMPANIES_BY_CLUSTER.get(cluster.key) as Company[];
    const company = rng.pick(companies);
    const companyIndex = DEMO_COMPANIES.indexOf(company);
    const assignees = [company.name[lang]];
    if (rng.chance(0.06)) {
      const partner = rng.pick(DEMO_COMPANIES);
      if (partner !== company) assignees.push(partner.name[lang]);
    }
    const people: Person[] = [];
    const nInventors = rng.between(1, 4);
    for (let k = 0; k < nInventors; k++) {
      const p = inventor(rng, companyIndex, company.japanese);
      if (!people.some((q) => q.en === p.en)) people.push(p);
    }

    const totalClaims = country === 'US' ? rng.between(6, 20) : country === 'JP' ? rng.between(3, 12) : rng.between(5, 15);
    const drafted = draftClaims(rng, cluster, lang, country, totalClaims);
    const pool = recent.get(cluster.key) as Earlier[];
    const citations = citationsFor(rng, lang, series, pool, publicationDay, priorityDay, cluster);
    const citedNumbers = citations.flatMap((x) => (x.number ? [x.number] : [])).slice(0, 2);

    const filingDate = isoOf(filingDay);
    const publicationDate = isoOf(publicationDay);
    const expiry = plusYears(filingDate, 20);
    let legalStatus: PatentRecord['legalStatus'];
    if (grant) {
      if (expiry <= DEMO_PATENT_STATUS_DATE) legalStatus = 'expired';
      else legalStatus = rng.chance(0.12 + (STATUS_DAY - publicationDay) / 365 / 40) ? 'lapsed' : 'alive';
    } else if (STATUS_DAY - publicationDay < (series === 'WO' ? 900 : 1600)) legalStatus = rng.chance(0.9) ? 'pending' : 'lapsed';
    else legalStatus = rng.chance(0.7) ? 'lapsed' : 'unknown';

    const cpc = [cluster.cpc[0] as string, ...sample(rng, cluster.cpc.slice(1), rng.between(1, 3))];
    const ipc = [cluster.ipc[0] as string, ...sample(rng, cluster.ipc.slice(1), rng.between(0, 2))];
    const title = rng.pick(cluster.titles)[lang];
    const record: PatentRecord = {
      number,
      country,
      kind,
      title,
      abstract: abstractOf(cluster, lang, drafted.parts),
      claims: drafted.claims,
      description: describe(rng, cluster, lang, drafted.parts, citedNumbers),
      cpc,
      ipc,
      ...(country === 'JP' && {
        fi: [cluster.fi[0] as string, ...sample(rng, cluster.fi.slice(1), rng.between(0, 2))],
        fterms: sample(rng, cluster.fterms, rng.between(2, 5)).sort(),
      }),
      priorityDate: isoOf(priorityDay),
      filingDate,
      publicationDate,
      ...(grant && { grantDate: publicationDate, expectedExpiry: expiry }),
      assignees,
      inventors: people.map((p) => p[lang]),
      legalStatus,
      citations,
      language: lang,
    };
    const first = people[0] as Person;
    pool.push({ number, day: publicationDay, patentee: people.length > 1 ? `${first.familyEn} et al.` : first.familyEn });
    if (pool.length > RECENT_PER_CLUSTER) pool.splice(0, pool.length - RECENT_PER_CLUSTER);
    yield record;
  }
}

/**
 * Writes records as kpo's JSON Lines (docs/patent-format.md), waiting when the stream is full.
 * Resolves with the number of records written.
 */
export async function writePatentJsonl(records: Iterable<PatentRecord>, stream: Writable): Promise<number> {
  let n = 0;
  for (const record of records) {
    n++;
    if (!stream.write(`${JSON.stringify(record)}\n`)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  }
  return n;
}

// ---------- the demo engagement's FTO corpus ----------

/**
 * The client's invention in the demo FTO case: 東和メディカル's wrist-worn cuff-less blood-pressure
 * monitor. Its features A–F are what a claim chart maps each key patent's elements onto.
 */
export const DEMO_FTO_CLIENT = {
  client: t('Towa Medical Co., Ltd.', '東和メディカル株式会社'),
  product: t('TM-W1 wrist-worn cuffless blood pressure monitor', '手首装着型カフレス血圧計 TM-W1'),
  /** The priority date of the client's own application (a fictional 特願2024-041234). */
  priorityDate: '2024-03-15',
  /** Markets the product will be sold in. */
  countries: ['JP', 'US', 'EP'],
  features: [
    { label: 'A', ...t('a housing worn on the wrist with a band', 'バンドで手首に装着される筐体') },
    {
      label: 'B',
      ...t(
        'two green-light PPG sensors on the back of the housing, 25 mm apart along the radial artery',
        '筐体裏面に橈骨動脈に沿って25mm離して配置された緑色光の光電脈波センサ2個',
      ),
    },
    {
      label: 'C',
      ...t('a processor computing the pulse transit time between the two pulse waves', '二つの脈波の間の脈波伝播時間を算出するプロセッサ'),
    },
    {
      label: 'D',
      ...t('blood pressure estimated from the pulse transit time by a regression equation', '脈波伝播時間から回帰式で血圧を推定'),
    },
    { label: 'E', ...t('estimation paused while an accelerometer detects body motion', '加速度センサが体動を検出している間は推定を停止') },
    {
      label: 'F',
      ...t(
        'weekly calibration with readings of a separate upper-arm cuff monitor sent through a smartphone app; no cuff on the device, no catheter',
        '別体の上腕式カフ血圧計の測定値をスマートフォンアプリ経由で受け取り週1回較正（機器にカフなし、カテーテル不使用）',
      ),
    },
  ],
} as const;

export type DemoKeyPatent = { number: string; role: string; why: Text };

/** The handful of documents the demo FTO search should surface, and why each matters. */
export const DEMO_FTO_KEY_PATENTS: readonly DemoKeyPatent[] = [
  {
    number: 'JP7158342B2',
    role: 'blocking_alive',
    why: t(
      'Alive in Japan until 2039-08-20; claim 1 (housing on the wrist, two pulse wave sensors spaced along the radial artery, transit time, blood pressure from it) reads on features A–D, claim 4 on E, claim 5 on F: the main FTO risk. Its claim 4 may be attacked with JP2017086742A, published before its priority date.',
      '日本で2039-08-20まで存続。請求項1（手首の筐体、橈骨動脈に沿って離間した2つの脈波センサ、伝播時間、そこからの血圧推定）が特徴A〜Dを、請求項4がEを、請求項5がFを充足し得る最大の侵害リスク。請求項4は優先日前に公開された特開2017-086742で無効を主張し得る。',
    ),
  },
  {
    number: 'US6821254B1',
    role: 'expired',
    why: t(
      'Pulse-arrival-time blood pressure (ECG + PPG) with cuff calibration; expired 2021-03-14: free to use in the US, and prior art cited by the examiner against JP7158342B2.',
      '心電とPPGによる脈波到達時間からの血圧推定とカフ較正。2021-03-14に満了しており米国で自由に実施でき、JP7158342B2の審査で引用された先行技術でもある。',
    ),
  },
  {
    number: 'US20240325121A1',
    role: 'pending_later_published',
    why: t(
      "Published 2024-10-03, after the client's priority date, but with an earlier priority (2023-04-06): not prior art by publication, yet an earlier application against the client's own filing, and pending claims on two spaced optical sensors that may still issue — watch it.",
      '依頼者の優先日後の2024-10-03に公開されたが優先日（2023-04-06）は先。刊行物としての先行技術ではないが依頼者の出願に対する先願となり、離間した2つの光学センサの請求項が登録され得るため監視が必要。',
    ),
  },
  {
    number: 'EP3456789B1',
    role: 'alive_not_met',
    why: t(
      'Alive in Europe until 2037-05-10, but claim 1 requires an inflatable cuff in the strap that the client omits (feature F): element not met, a design-around to confirm with counsel.',
      '欧州で2037-05-10まで存続するが、請求項1はバンドに一体化した膨張式カフを要件とし、依頼者の機器にはない（特徴F）。構成要件非充足で、回避設計として弁理士の確認を要する。',
    ),
  },
  {
    number: 'JP2017086742A',
    role: 'lapsed_prior_art',
    why: t(
      "Application withdrawn (no request for examination): no right, but prior art disclosing the body-motion pause (feature E) published before JP7158342B2's priority date.",
      '審査請求がなくみなし取下げ。権利はないが、JP7158342B2の優先日前に公開され、体動中の推定停止（特徴E）を開示する先行技術。',
    ),
  },
  {
    number: 'JP6248817B2',
    role: 'lapsed',
    why: t(
      'Cuffless calibration with a separate home cuff monitor over a wireless link (feature F); the right lapsed for unpaid annuities in 2021: free to use, after checking that the restoration period has passed.',
      '別体の家庭用カフ血圧計の値を無線で受けて較正する（特徴F）。2021年に年金不納で消滅しており、回復期間の経過を確認すれば自由に実施できる。',
    ),
  },
  {
    number: 'US10575612B2',
    role: 'alive_false_positive',
    why: t(
      "Alive until 2037-08-14 and full of the query's words (radial artery, pulse wave, blood pressure, calibration), but every claim needs a catheter in the artery: the client's catheter-free sensor does not infringe — a screening example.",
      '2037-08-14まで存続し検索語（橈骨動脈、脈波、血圧、較正）を多く含むが、全請求項が動脈内のカテーテルを要件とする。カテーテルを使わない依頼者の機器は非侵害で、スクリーニングの例。',
    ),
  },
  {
    number: 'WO2023181234A1',
    role: 'pending_prior_art',
    why: t(
      "PCT application published 2023-09-28, before the client's priority date: prior art against the client's own application, and national phases (JP, US, EP) may still grant rights — watch them.",
      '依頼者の優先日前の2023-09-28に公開されたPCT出願。依頼者の出願に対する先行技術であり、各国移行（日米欧）で権利化され得るため監視が必要。',
    ),
  },
];

type Curated = Omit<PatentRecord, 'country' | 'kind' | 'abstract' | 'description' | 'citations' | 'claims' | 'language'> & {
  language: Lang;
  abstract: string;
  claims: [text: string, dependsOn: number[]][];
  paragraphs: string[];
  citations?: PatentCitation[];
};

function curated(r: Curated): PatentRecord {
  const { claims, paragraphs, citations = [], ...rest } = r;
  const m = /^([A-Z]{2}).*?([A-Z]\d?)$/.exec(r.number) as RegExpExecArray;
  return {
    ...rest,
    country: m[1] as string,
    kind: m[2] as string,
    claims: claims.map(([text, dependsOn], i) => ({ number: i + 1, text, dependsOn })),
    description: paragraphs.map((text, i) => ({ id: String(i + 1).padStart(4, '0'), text })),
    citations,
  };
}

function keyPatents(): PatentRecord[] {
  return [
    curated({
      number: 'JP7158342B2',
      language: 'ja',
      title: '血圧測定装置及び血圧測定方法',
      abstract:
        '【課題】カフを用いずに手首で血圧を連続的に測定できる血圧測定装置を提供する。\n【解決手段】血圧測定装置1は、使用者の手首に装着される筐体10と、橈骨動脈の延在方向に互いに離間して配置された第1の脈波センサ21及び第2の脈波センサ22と、両センサの検出信号から脈波伝播時間を算出する算出部31と、脈波伝播時間に基づいて血圧値を推定する推定部32とを備える。',
      claims: [
        [
          '使用者の手首に装着される筐体と、前記筐体に設けられ、橈骨動脈の延在方向に互いに離間して配置された第1の脈波センサ及び第2の脈波センサと、前記第1の脈波センサ及び前記第2の脈波センサの検出信号から脈波伝播時間を算出する算出部と、前記脈波伝播時間に基づいて血圧値を推定する推定部とを備える血圧測定装置。',
          [],
        ],
        [
          '前記第1の脈波センサ及び前記第2の脈波センサは、緑色光を照射する発光素子を有する光電脈波センサである、請求項1に記載の血圧測定装置。',
          [1],
        ],
        ['前記第1の脈波センサと前記第2の脈波センサとの間隔は、10mm以上40mm以下である、請求項1又は2に記載の血圧測定装置。', [1, 2]],
        [
          '使用者の体動を検出する体動センサをさらに備え、前記推定部は、前記体動が閾値を超える間、前記血圧値の推定を停止する、請求項1〜3のいずれか一項に記載の血圧測定装置。',
          [1, 2, 3],
        ],
        [
          '前記推定部は、外部の血圧計で測定された基準血圧値を用いて推定式の係数を較正する、請求項1〜4のいずれか一項に記載の血圧測定装置。',
          [1, 2, 3, 4],
        ],
        [
          '使用者の手首の橈骨動脈に沿って互いに離間した2か所で脈波を検出するステップと、検出された2つの脈波から脈波伝播時間を算出するステップと、前記脈波伝播時間に基づいて血圧値を推定するステップとを含む血圧測定方法。',
          [],
        ],
      ],
      paragraphs: [
        '本発明は、カフを用いずに血圧を測定する血圧測定装置及び血圧測定方法に関する。',
        '従来、血圧の測定にはカフで上腕を圧迫するオシロメトリック法が用いられている（特許文献1）。心電図のR波と末梢の脈波との時間差から血圧を推定する技術も知られている（特許文献2）。',
        'しかしながら、心電図を得るには胸部又は両手に電極を当てる必要があり、手首に装着した機器だけで連続的に測定することは難しい。',
        '本発明は、手首に装着した筐体だけで血圧を連続的に推定できる血圧測定装置を提供することを目的とする。',
        '図1に示すように、血圧測定装置1は、バンド11により使用者の手首に装着される筐体10を備える。筐体10の裏面には、第1の脈波センサ21と第2の脈波センサ22とが橈骨動脈の延在方向に25mm離れて配置されている。',
        '各脈波センサは、波長530nmの緑色光を照射する発光素子と、フォトダイオードからなる受光素子とを有する光電脈波センサである。',
        '算出部31は、第1の脈波センサ21及び第2の脈波センサ22が検出した脈波の立ち上がり点の時間差を脈波伝播時間として算出する。推定部32は、脈波伝播時間の二乗の逆数を変数とする回帰式により血圧値を推定する。',
        '加速度センサ41が閾値を超える体動を検出している間、推定部32は推定を停止する。推定式の係数は、外部の上腕式血圧計で測定された基準血圧値を用いて較正される。',
      ],
      cpc: ['A61B 5/021', 'A61B 5/02125', 'A61B 5/02416', 'A61B 5/681', 'A61B 5/7207'],
      ipc: ['A61B 5/021', 'A61B 5/0285'],
      fi: ['A61B5/02,310A', 'A61B5/0285@B', 'A61B5/0245,100A'],
      fterms: ['4C017AA08', '4C017AA09', '4C017AB01', '4C017AC26', '4C017BC14'],
      priorityDate: '2018-09-05',
      filingDate: '2019-08-20',
      publicationDate: '2022-10-19',
      grantDate: '2022-10-19',
      expectedExpiry: '2039-08-20',
      assignees: ['北辰医療電子株式会社'],
      inventors: ['高橋 直樹', '森 美穂'],
      legalStatus: 'alive',
      citations: [
        { number: 'US6821254B1', category: 'examiner', date: '2004-11-23' },
        { number: 'JP2017086742A', category: 'examiner', date: '2017-05-25' },
        { number: 'JP6248817B2', category: 'applicant', date: '2017-12-06' },
      ],
    }),
    curated({
      number: 'US6821254B1',
      language: 'en',
      title: 'Non-invasive blood pressure monitor using pulse arrival time',
      abstract:
        'A non-invasive blood pressure monitor detects the R wave of an electrocardiogram and a photoplethysmographic pulse wave at a finger, calculates the pulse arrival time between them and estimates blood pressure from it with a calibration obtained from a cuff measurement.',
      claims: [
        [
          'A non-invasive blood pressure monitor, comprising:\nan electrocardiographic electrode configured to detect an R wave of a user;\na photoplethysmographic sensor configured to detect a pulse wave at a peripheral site of the user;\na processor configured to calculate a pulse arrival time from the R wave to the pulse wave; and\nan estimation unit configured to estimate a blood pressure from the pulse arrival time, wherein the estimation unit is calibrated with a blood pressure measured by an inflatable cuff.',
          [],
        ],
        ['The non-invasive blood pressure monitor of claim 1, wherein the peripheral site is a fingertip.', [1]],
        [
          'The non-invasive blood pressure monitor of claim 1, wherein the blood pressure is estimated by a linear function of the logarithm of the pulse arrival time.',
          [1],
        ],
        [
          'The non-invasive blood pressure monitor of claim 3, wherein the calibration is repeated when the estimated blood pressure changes by more than 20 mmHg.',
          [3],
        ],
        [
          'A method of monitoring blood pressure, comprising:\ndetecting an R wave of an electrocardiogram of a user;\ndetecting a pulse wave at a peripheral site of the user;\ncalculating a pulse arrival time; and\nestimating a blood pressure from the pulse arrival time.',
          [],
        ],
      ],
      paragraphs: [
        'The present invention relates to the non-invasive, continuous monitoring of arterial blood pressure.',
        'Cuff-based sphygmomanometers give intermittent readings and disturb sleeping patients.',
        'The time from the R wave of the electrocardiogram to the arrival of the pulse wave at the periphery shortens as blood pressure rises.',
        'In the preferred embodiment, chest electrodes 12 detect the R wave and a finger photoplethysmographic sensor 14 detects the pulse wave; a processor 20 computes the pulse arrival time for every beat.',
        'An inflatable cuff 30 measures a reference blood pressure at the start of monitoring, and the coefficients of the estimation are fitted to it.',
      ],
      cpc: ['A61B 5/021', 'A61B 5/02125', 'A61B 5/0285', 'A61B 5/352'],
      ipc: ['A61B 5/02'],
      uspc: ['600/485', '600/500'],
      priorityDate: '2000-03-15',
      filingDate: '2001-03-14',
      publicationDate: '2004-11-23',
      grantDate: '2004-11-23',
      expectedExpiry: '2021-03-14',
      assignees: ['Northbrook Cardio Technologies LLC'],
      inventors: ['Robert Keller', 'Sarah Bennett'],
      legalStatus: 'expired',
      citations: [
        {
          category: 'other',
          date: '1998',
          text: 'R. Hartmann et al., "Pulse arrival time as an index of blood pressure," Fictional Journal of Biomedical Sensing, vol. 11, no. 4, 1998.',
        },
      ],
    }),
    curated({
      number: 'US20240325121A1',
      language: 'en',
      title: 'Wearable blood pressure monitor with spaced optical sensors',
      abstract:
        "A wearable blood pressure monitor has a band, a first optical sensor and a second optical sensor spaced apart along the radial artery, and a processor that computes a pulse transit time and estimates blood pressure with a model trained on the wearer's own cuff readings.",
      claims: [
        [
          'A wearable blood pressure monitor, comprising:\na band configured to be worn around a wrist;\na first optical sensor and a second optical sensor mounted on the band and spaced apart along a radial artery;\na processor configured to compute a pulse transit time between pulse waves detected by the first and second optical sensors; and\nthe processor further configured to estimate a blood pressure by inputting the pulse transit time into a machine learning model trained with cuff readings of the wearer.',
          [],
        ],
        [
          'The wearable blood pressure monitor of claim 1, wherein the first and second optical sensors are spaced apart by 15 mm to 35 mm.',
          [1],
        ],
        ['The wearable blood pressure monitor of claim 1, wherein the cuff readings are received from a smartphone.', [1]],
        [
          'The wearable blood pressure monitor of claim 1, further comprising an accelerometer, wherein the processor discards pulse transit times measured during motion.',
          [1],
        ],
      ],
      paragraphs: [
        'This application claims the benefit of U.S. Provisional Application No. 63/457,321, filed April 6, 2023.',
        'The present disclosure relates to wearable devices that estimate blood pressure without a cuff.',
        'Devices that measure the transit time with two pressure or optical sensors on the wrist are known, for example JP7158342B2.',
        'In one embodiment, the band 102 carries two optical sensors 110 and 112 spaced 25 mm apart over the radial artery; a processor 120 computes the pulse transit time and a machine learning model 130 maps it to blood pressure.',
        'The model is trained with cuff readings that the wearer takes with a home monitor and that a smartphone application forwards to the device.',
      ],
      cpc: ['A61B 5/02125', 'A61B 5/681', 'A61B 5/7267', 'G16H 50/20'],
      ipc: ['A61B 5/021', 'G16H 50/20'],
      priorityDate: '2023-04-06',
      filingDate: '2024-04-03',
      publicationDate: '2024-10-03',
      assignees: ['Pulsewise Health, Inc.'],
      inventors: ['Emily Sullivan', 'Daniel Novak'],
      legalStatus: 'pending',
    }),
    curated({
      number: 'EP3456789B1',
      language: 'en',
      title: 'Wrist-worn device with integrated calibration cuff',
      abstract:
        'A wrist-worn device combines an optical pulse sensor with an inflatable cuff in its strap; the cuff is inflated from time to time to obtain a reference blood pressure with which the optical estimate is calibrated.',
      claims: [
        [
          'A wrist-worn blood pressure device, comprising:\na housing with a strap;\nan optical pulse sensor on a skin-facing side of the housing;\nan inflatable cuff integrated in the strap;\na pump configured to inflate the inflatable cuff; and\na controller configured to obtain a reference blood pressure by inflating the inflatable cuff and to calibrate a blood pressure estimated from an output of the optical pulse sensor with the reference blood pressure.',
          [],
        ],
        ['The wrist-worn blood pressure device of claim 1, wherein the controller inflates the inflatable cuff once a day.', [1]],
        [
          'The wrist-worn blood pressure device of claim 1 or 2, wherein the estimated blood pressure is based on a pulse transit time.',
          [1, 2],
        ],
      ],
      paragraphs: [
        'The invention relates to wrist-worn devices that estimate blood pressure continuously.',
        'Optical estimates drift and must be calibrated against a cuff; carrying a separate cuff is inconvenient.',
        'According to the invention, an inflatable cuff 40 is integrated in the strap 12 and inflated by a micropump 42 housed in the housing 10.',
        'The controller 50 inflates the cuff once a day, determines a reference pressure by the oscillometric method and refits the optical estimate.',
      ],
      cpc: ['A61B 5/02116', 'A61B 5/0225', 'A61B 5/681', 'A61B 2560/0223'],
      ipc: ['A61B 5/021', 'A61B 5/0225'],
      priorityDate: '2016-05-12',
      filingDate: '2017-05-10',
      publicationDate: '2021-06-16',
      grantDate: '2021-06-16',
      expectedExpiry: '2037-05-10',
      assignees: ['Lumira Wearables Ltd.'],
      inventors: ['Julia Lindqvist', 'Thomas Weber'],
      legalStatus: 'alive',
      citations: [
        { number: 'US6821254B1', category: 'examiner', text: 'Keller et al.', date: '2004-11-23' },
        {
          category: 'examiner',
          date: '2014',
          text: 'A. Fischer et al., "Strap-integrated cuffs for wearable sphygmomanometry," Fictional Journal of Biomedical Sensing, vol. 27, no. 2, 2014.',
        },
      ],
    }),
    curated({
      number: 'JP2017086742A',
      language: 'ja',
      title: '生体情報測定装置',
      abstract:
        '【課題】体動による誤差を抑えて脈波伝播時間から血圧を推定できる生体情報測定装置を提供する。\n【解決手段】生体情報測定装置1は、脈波を検出する二つの脈波センサと、加速度センサと、体動が閾値を超える間は血圧の推定を停止する制御部とを備える。',
      claims: [
        [
          '使用者の脈波を互いに異なる位置で検出する二つの脈波センサと、前記使用者の体動を検出する加速度センサと、前記二つの脈波センサの出力から算出した脈波伝播時間に基づいて血圧を推定する推定部と、前記体動が閾値を超える間、前記推定部による推定を停止させる制御部とを備える生体情報測定装置。',
          [],
        ],
        ['前記加速度センサは、3軸加速度センサである、請求項1に記載の生体情報測定装置。', [1]],
        ['前記制御部は、前記体動が前記閾値以下となってから5秒経過した後に推定を再開させる、請求項1又は2に記載の生体情報測定装置。', [1, 2]],
      ],
      paragraphs: [
        '本発明は、脈波伝播時間から血圧を推定する生体情報測定装置に関する。',
        '脈波伝播時間は、腕の動きや姿勢の変化により大きく変動する。',
        '図1に示すように、生体情報測定装置1は、手首に装着され、二つの脈波センサ11、12と、3軸の加速度センサ13と、推定部21と、制御部22とを備える。',
        '制御部22は、加速度センサ13の出力の大きさが閾値を超える間、推定部21による推定を停止させ、体動がおさまってから5秒後に再開させる。',
      ],
      cpc: ['A61B 5/021', 'A61B 5/7207', 'A61B 5/1118'],
      ipc: ['A61B 5/021', 'A61B 5/11'],
      fi: ['A61B5/02,310Z', 'A61B5/11,110'],
      fterms: ['4C017AA08', '4C017AC28', '4C038VA04'],
      priorityDate: '2015-11-02',
      filingDate: '2015-11-02',
      publicationDate: '2017-05-25',
      assignees: ['山城精機株式会社'],
      inventors: ['井上 亮', '前田 彩'],
      legalStatus: 'lapsed',
    }),
    curated({
      number: 'JP6248817B2',
      language: 'ja',
      title: '血圧推定システム',
      abstract:
        '【課題】カフレス血圧計を簡便に較正できる血圧推定システムを提供する。\n【解決手段】血圧推定システムは、脈波から血圧を推定するウェアラブル端末と、別体のカフ式血圧計とを備え、カフ式血圧計の測定値を無線通信で受信して推定式を較正する。',
      claims: [
        [
          '脈波から血圧を推定する推定部を有するウェアラブル端末と、前記ウェアラブル端末とは別体のカフ式血圧計と、前記カフ式血圧計の測定値を前記ウェアラブル端末に無線通信で送信する通信部と、受信した前記測定値を用いて前記推定部の推定式を較正する較正部とを備える血圧推定システム。',
          [],
        ],
        ['前記通信部は、携帯端末を介して前記測定値を送信する、請求項1に記載の血圧推定システム。', [1]],
        ['前記較正部は、前記測定値を受信するたびに前記推定式の係数を更新する、請求項1又は2に記載の血圧推定システム。', [1, 2]],
      ],
      paragraphs: [
        '本発明は、ウェアラブル端末による血圧推定の較正に関する。',
        'カフレスの推定値は時間とともにずれるため、定期的な較正が必要である。',
        '本実施形態の血圧推定システム100は、ウェアラブル端末10と、家庭用のカフ式血圧計20と、携帯端末30とからなる。',
        'カフ式血圧計20の測定値は携帯端末30を介してウェアラブル端末10に送られ、較正部15が推定式の係数を更新する。',
      ],
      cpc: ['A61B 5/02116', 'A61B 2560/0223', 'A61B 5/0002', 'G16H 40/67'],
      ipc: ['A61B 5/021', 'A61B 5/00'],
      fi: ['A61B5/02,310C', 'A61B5/00,102A'],
      fterms: ['4C017AA08', '4C017AD01', '4C117XB01', '4C117XE23'],
      priorityDate: '2013-06-11',
      filingDate: '2013-06-11',
      publicationDate: '2017-12-06',
      grantDate: '2017-12-06',
      expectedExpiry: '2033-06-11',
      assignees: ['株式会社アオバメディカル'],
      inventors: ['小林 健一'],
      legalStatus: 'lapsed',
      citations: [{ number: 'US6821254B1', category: 'examiner', date: '2004-11-23' }],
    }),
    curated({
      number: 'US10575612B2',
      language: 'en',
      title: 'Radial artery catheter for continuous blood pressure and pulse wave monitoring',
      abstract:
        'A catheter for insertion into the radial artery carries a pressure sensor and an optical pulse wave sensor at its distal end; the pulse wave is used to check the calibration of the invasive blood pressure reading.',
      claims: [
        [
          'A blood pressure monitoring catheter, comprising:\nan elongated catheter body configured to be inserted into a radial artery;\na pressure sensor at a distal end portion of the catheter body;\nan optical pulse wave sensor at the distal end portion; and\na processor configured to check a calibration of the pressure sensor using a pulse wave detected by the optical pulse wave sensor.',
          [],
        ],
        ['The blood pressure monitoring catheter of claim 1, wherein the pressure sensor is a Fabry-Perot optical fiber sensor.', [1]],
        ['The blood pressure monitoring catheter of claim 2, wherein the processor issues an alarm when the calibration check fails.', [2]],
      ],
      paragraphs: [
        'The present invention relates to invasive arterial blood pressure monitoring in intensive care.',
        'Fluid-filled arterial lines drift and must be zeroed; the drift goes unnoticed between checks.',
        'The catheter 10 has a pressure sensor 20 and an optical pulse wave sensor 22 at its tip, both in the radial artery.',
        'The processor 30 compares the pulse wave timing with the pressure waveform and flags a calibration error when they disagree.',
      ],
      cpc: ['A61B 5/0215', 'A61M 25/00', 'A61B 5/02154', 'A61B 2560/0223'],
      ipc: ['A61B 5/0215', 'A61M 25/00'],
      priorityDate: '2017-08-14',
      filingDate: '2017-08-14',
      publicationDate: '2020-03-03',
      grantDate: '2020-03-03',
      expectedExpiry: '2037-08-14',
      assignees: ['Veridian Medical Systems, Inc.'],
      inventors: ['Michael Brooks', 'Anna Collins'],
      legalStatus: 'alive',
      citations: [{ number: 'US6821254B1', category: 'applicant', text: 'Keller et al.', date: '2004-11-23' }],
    }),
    curated({
      number: 'WO2023181234A1',
      language: 'en',
      title: 'Blood pressure estimation from a photoplethysmogram with a neural network',
      abstract:
        'A method estimates blood pressure from a single photoplethysmogram by extracting waveform features of each beat and inputting them into a neural network calibrated for the user.',
      claims: [
        [
          'A method of estimating blood pressure, comprising:\nacquiring a photoplethysmogram of a user with a wearable device;\nextracting waveform features of each beat of the photoplethysmogram;\ninputting the waveform features into a neural network to obtain an estimated blood pressure; and\ncalibrating the neural network with reference blood pressures of the user.',
          [],
        ],
        ['The method of claim 1, wherein the waveform features include a second derivative of the photoplethysmogram.', [1]],
        ['The method of claim 1 or 2, wherein the reference blood pressures are measured with a cuff.', [1, 2]],
      ],
      paragraphs: [
        'The invention relates to cuffless blood pressure estimation from a single optical sensor.',
        'Methods based on the pulse transit time need two sensors, for example as in JP7158342B2.',
        'In the embodiment, a convolutional neural network receives the features of each beat and outputs systolic and diastolic pressure.',
      ],
      cpc: ['A61B 5/7267', 'A61B 5/02416', 'G16H 50/20'],
      ipc: ['A61B 5/021', 'G16H 50/20'],
      priorityDate: '2022-03-24',
      filingDate: '2023-03-22',
      publicationDate: '2023-09-28',
      assignees: ['Halcyon Biosensing Corp.'],
      inventors: ['David Miller', 'Laura Fischer'],
      legalStatus: 'pending',
      citations: [
        { number: 'JP7158342B2', category: 'examiner', date: '2022-10-19' },
        { number: 'JP6248817B2', category: 'examiner', date: '2017-12-06' },
      ],
    }),
  ];
}

/**
 * The demo engagement's FTO corpus (60 records): the eight key patents of DEMO_FTO_KEY_PATENTS
 * first, then 52 generated neighbours and noise (seed DEMO_PATENT_SEED + 1). The client
 * (DEMO_FTO_CLIENT, 東和メディカル) plans a wrist-worn cuff-less monitor (features A–F) with
 * priority date 2024-03-15 and markets JP, US, EP. A demo walks through:
 *
 * - the FTO search: 「脈波伝播時間 AND 手首」/ "pulse transit time" AND wrist, CPC A61B 5/021, alive
 *   rights only — JP7158342B2 (alive to 2039, claim 1 reads on A–D), EP3456789B1 (alive, but needs a
 *   strap cuff the client lacks) and US10575612B2 (alive, but a catheter: screened out); the expired
 *   US6821254B1 and the lapsed JP6248817B2 drop out of the FTO list and into the "free to use" notes;
 * - the watch list: US20240325121A1 (published after the client's priority date, earlier priority,
 *   pending) and WO2023181234A1 (PCT, national phases pending);
 * - the claim chart: JP7158342B2 claim 1 elements A–E against the client's features, claims 4 and 5
 *   against E and F; and an invalidity angle on its claim 4 with JP2017086742A (published
 *   2017-05-25, before its priority date 2018-09-05) and US6821254B1;
 * - the report: per country, with expected expiries and the notice that an opinion needs a 弁理士.
 */
export function demoFtoCorpus(): PatentRecord[] {
  return [...keyPatents(), ...generatePatents({ count: 52, seed: DEMO_PATENT_SEED + 1, japaneseShare: 0.5 })];
}
