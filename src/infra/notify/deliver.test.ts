import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationRecord } from '../../core/store.js';
import type { NotificationKind } from '../../shared/contracts/notifications.js';
import { describeEachDatabase } from '../../testing/db.js';
import { makeOrg, makeUser } from '../../testing/factories.js';
import { useTestKit } from '../../testing/runtime.js';
import { type Database, openDatabase } from '../db/database.js';
import { createNotificationRepo } from '../db/notification-repo.js';
import { isPrivateAddress } from './address-guard.js';
import { createNotificationDelivery, DEFAULT_RETRY_DELAYS_MS, type DeliveryDeps, deliverDue } from './deliver.js';
import { createSmtpMailer } from './mail.js';
import { verifyWebhookSignature } from './signature.js';

// --- a local SMTP server and a local webhook receiver -------------------------------------------

interface ReceivedMail {
  to: string[];
  headers: Map<string, string>;
  subject: string;
  text: string;
}

function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const flat = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < flat.length; i++) {
    const hex = flat.slice(i + 1, i + 3);
    if (flat[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(flat[i] ?? '', 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseMail(raw: string, to: string[]): ReceivedMail {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) headers.set(line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim());
  }
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return { to, headers, subject: decodeWords(headers.get('subject') ?? ''), text: text.replace(/\r\n/g, '\n') };
}

async function startSmtp() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'kpo' && auth.password === 's3cret:pass') callback(null, { user: 'kpo' });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('bounce')) callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(
          parseMail(
            Buffer.concat(chunks).toString('utf8'),
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://kpo:${encodeURIComponent('s3cret:pass')}@127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Call {
  headers: IncomingHttpHeaders;
  body: string;
}

async function startReceiver(answer: (call: Call, index: number) => number | Promise<number> = () => 200) {
  const calls: Call[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const call = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      calls.push(call);
      res.statusCode = await answer(call, calls.length - 1);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/kpo`, port, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}

// --- the tests ------------------------------------------------------------------------------------

describeEachDatabase('notification delivery', (backend) => {
  const kit = useTestKit(backend);
  const SECRET = 'whsec_test_secret_value';

  function deps(extra: Partial<DeliveryDeps> = {}): DeliveryDeps {
    return {
      clock: kit().clock,
      logger: kit().rt.logger,
      mailer: null,
      publicUrl: null,
      webhookAllowPrivate: true,
      webhookSecrets: kit().rt.webhookSecrets,
      ...extra,
    };
  }

  async function notify(
    userId: string,
    kind: NotificationKind,
    data: Record<string, unknown>,
    email: boolean,
  ): Promise<NotificationRecord> {
    // Told in the person's (first) organisation, as one event of its own.
    const membership = await kit()
      .rt.database.db.selectFrom('memberships')
      .select('org_id')
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    const n: NotificationRecord = {
      id: randomUUID(),
      userId,
      orgId: membership.org_id,
      eventId: randomUUID(),
      kind,
      engagementId: null,
      data,
      createdAt: kit().clock.now().toISOString(),
      readAt: null,
    };
    await kit()
      .rt.database.db.transaction()
      .execute((tx) => createNotificationRepo(tx, { email }).create([n]));
    return n;
  }

  async function addWebhook(orgId: string, url: string, kinds: NotificationKind[]) {
    const id = randomUUID();
    await kit()
      .rt.database.db.insertInto('webhooks')
      .values({ id, org_id: orgId, url, secret: SECRET, kinds, created_by: null, created_at: kit().clock.now() })
      .execute();
    return id;
  }

  const rowsFor = (notificationId: string) =>
    kit().rt.database.db.selectFrom('notification_deliveries').selectAll().where('notification_id', '=', notificationId).execute();

  async function oneRow(notificationId: string) {
    const rows = await rowsFor(notificationId);
    expect(rows).toHaveLength(1);
    return rows[0] as NonNullable<(typeof rows)[number]>;
  }

  describe('e-mail', () => {
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    beforeAll(async () => {
      smtp = await startSmtp();
    });
    afterAll(async () => {
      await smtp.close();
    });

    it("sends through SMTP in the recipient's language, once", async () => {
      const { rt } = kit();
      const org = await makeOrg(rt, 'client');
      const ja = await makeUser(rt, org.id, ['engagement_owner']);
      const en = await makeUser(rt, org.id, ['reviewer']);
      await rt.store.read.users.update(en.id, { locale: 'en' });
      const mailer = createSmtpMailer({ smtpUrl: smtp.url, from: 'kpo <noreply@kpo.example>' });
      const data = { engagementName: '新規市場調査', title: 'サンプルサイズについて', dueAt: '2026-04-03T09:00:00.000Z' };
      const toJa = await notify(ja.id, 'question.asked', data, true);
      const toEn = await notify(en.id, 'question.asked', data, true);

      const counts = await deliverDue(rt.database.db, deps({ mailer, publicUrl: 'https://kpo.example.jp/' }));
      expect(counts).toMatchObject({ claimed: 2, delivered: 2, retrying: 0, failed: 0 });
      const jaMail = smtp.received.find((m) => m.to.includes(ja.email));
      const enMail = smtp.received.find((m) => m.to.includes(en.email));
      expect(jaMail?.subject).toBe('[kpo] 新しい質問: 新規市場調査');
      expect(jaMail?.text).toContain('様\n\n新しい質問が届きました。');
      expect(jaMail?.text).toContain('件名: サンプルサイズについて');
      expect(jaMail?.text).toContain('期限: 2026年4月3日 18:00 (日本時間)');
      expect(jaMail?.text).toContain('https://kpo.example.jp/');
      expect(jaMail?.headers.get('from')).toBe('kpo <noreply@kpo.example>');
      expect(jaMail?.headers.get('auto-submitted')).toBe('auto-generated');
      expect(enMail?.subject).toBe('[kpo] New question: 新規市場調査');
      expect(enMail?.text).toMatch(/^Hello Test reviewer,\n\nA new question was asked\./);
      expect(enMail?.text).toContain('Due: 3 Apr 2026, 09:00 UTC');
      expect(enMail?.text).toContain('Open it in kpo: https://kpo.example.jp/');
      for (const n of [toJa, toEn]) {
        const row = await oneRow(n.id);
        expect(row).toMatchObject({ status: 'delivered', attempts: 1, last_error: null, claim_token: null });
        expect(enMail?.headers.get('x-kpo-delivery') === row.id || jaMail?.headers.get('x-kpo-delivery') === row.id).toBe(true);
      }

      // Delivered is final: nothing is sent twice.
      expect(await deliverDue(rt.database.db, deps({ mailer }))).toMatchObject({ claimed: 0 });
      expect(smtp.received).toHaveLength(2);
      // Neither the SMTP password nor the message went to the log.
      const logs = kit().logs.join('\n');
      expect(logs).not.toContain('s3cret');
      expect(logs).not.toContain('新規市場調査');
      mailer.close();
    });

    it('fails a message the server refuses for good (550) at once', async () => {
      const { rt } = kit();
      const org = await makeOrg(rt, 'client');
      const user = await makeUser(rt, org.id, ['engagement_owner'], `bounce-${randomUUID().slice(0, 8)}@example.test`);
      const mailer = createSmtpMailer({ smtpUrl: smtp.url, from: 'noreply@kpo.example' });
      const n = await notify(user.id, 'sla.breached', {}, true);
      const counts = await deliverDue(rt.database.db, deps({ mailer }));
      expect(counts).toMatchObject({ failed: 1 });
      expect(await oneRow(n.id)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'SMTP error (EENVELOPE, 550)' });
      mailer.close();
    });

    it('retries when the SMTP server cannot be reached, and fails e-mail when SMTP is not configured', async () => {
      const { rt } = kit();
      const org = await makeOrg(rt, 'client');
      const user = await makeUser(rt, org.id, ['engagement_owner']);
      const down = createSmtpMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'noreply@kpo.example' });
      const n = await notify(user.id, 'sla.breached', {}, true);
      expect(await deliverDue(rt.database.db, deps({ mailer: down }))).toMatchObject({ retrying: 1 });
      expect(await oneRow(n.id)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'SMTP error (ESOCKET)' });
      down.close();

      kit().clock.advanceMinutes(1);
      expect(await deliverDue(rt.database.db, deps({ mailer: null }))).toMatchObject({ failed: 1 });
      expect(await oneRow(n.id)).toMatchObject({ status: 'failed', last_error: 'e-mail is not configured (KPO_SMTP_URL)' });
    });
  });

  describe('webhooks', () => {
    it('POSTs the event as signed JSON', async () => {
      const { rt, clock } = kit();
      const receiver = await startReceiver();
      try {
        const org = await makeOrg(rt, 'provider');
        const user = await makeUser(rt, org.id, ['delivery_manager']);
        await addWebhook(org.id, receiver.url, ['proposal.awarded']);
        const n = await notify(user.id, 'proposal.awarded', { engagementName: 'BLUEBIRD' }, false);
        expect(await deliverDue(rt.database.db, deps())).toMatchObject({ delivered: 1 });
        const row = await oneRow(n.id);
        expect(row).toMatchObject({ status: 'delivered', attempts: 1, last_status: 200 });

        expect(receiver.calls).toHaveLength(1);
        const call = receiver.calls[0] as Call;
        expect(call.headers['content-type']).toBe('application/json');
        expect(call.headers['x-kpo-event']).toBe('proposal.awarded');
        expect(call.headers['x-kpo-delivery']).toBe(row.id);
        const signature = String(call.headers['x-kpo-signature']);
        expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
        expect(verifyWebhookSignature(SECRET, signature, call.body, clock.now())).toBe(true);
        expect(verifyWebhookSignature(SECRET, signature, call.body.replace('BLUEBIRD', 'REDBIRD'), clock.now())).toBe(false);
        expect(verifyWebhookSignature('whsec_other', signature, call.body, clock.now())).toBe(false);
        // A replay ten minutes later is refused by the timestamp check.
        expect(verifyWebhookSignature(SECRET, signature, call.body, new Date(clock.now().getTime() + 600_000))).toBe(false);
        expect(JSON.parse(call.body)).toEqual({
          id: row.event_id,
          type: 'proposal.awarded',
          createdAt: n.createdAt,
          organizationId: org.id,
          engagementId: null,
          data: { engagementName: 'BLUEBIRD' },
        });
        expect(kit().logs.join('\n')).not.toContain(SECRET);
      } finally {
        await receiver.close();
      }
    });

    it('retries with backoff after a 500, and fails after the last attempt', async () => {
      const { rt, clock } = kit();
      const receiver = await startReceiver(() => 500);
      try {
        const org = await makeOrg(rt, 'client');
        const user = await makeUser(rt, org.id, ['engagement_owner']);
        await addWebhook(org.id, receiver.url, ['sla.escalated']);
        const n = await notify(user.id, 'sla.escalated', { engagementName: 'Alpha' }, false);

        for (const [i, delay] of DEFAULT_RETRY_DELAYS_MS.entries()) {
          expect(await deliverDue(rt.database.db, deps())).toMatchObject({ claimed: 1, retrying: 1 });
          const row = await oneRow(n.id);
          expect(row).toMatchObject({ status: 'pending', attempts: i + 1, last_error: 'HTTP 500', last_status: 500 });
          expect(new Date(row.next_attempt_at).getTime()).toBe(clock.now().getTime() + delay);
          // Not due a moment before the backoff ends.
          clock.advance(delay - 1000);
          expect(await deliverDue(rt.database.db, deps())).toMatchObject({ claimed: 0 });
          clock.advance(1000);
        }
        expect(await deliverDue(rt.database.db, deps())).toMatchObject({ claimed: 1, failed: 1 });
        expect(await oneRow(n.id)).toMatchObject({ status: 'failed', attempts: 6, last_error: 'HTTP 500' });
        expect(receiver.calls).toHaveLength(6);
        // Every attempt carried the same delivery id (receivers deduplicate on it).
        expect(new Set(receiver.calls.map((c) => c.headers['x-kpo-delivery'])).size).toBe(1);
        clock.advance(24 * 3_600_000);
        expect(await deliverDue(rt.database.db, deps())).toMatchObject({ claimed: 0 });
      } finally {
        await receiver.close();
      }
    });

    it('delivers on a later attempt when the receiver recovers; a slow receiver times out and is retried', async () => {
      const { rt, clock } = kit();
      // The first call gets no answer until the sender has given up on it (not a sleep: a gate).
      let answerFirst: () => void = () => undefined;
      const firstHeld = new Promise<void>((r) => {
        answerFirst = r;
      });
      const receiver = await startReceiver(async (_call, i) => {
        if (i === 0) await firstHeld;
        return 200;
      });
      try {
        const org = await makeOrg(rt, 'client');
        const user = await makeUser(rt, org.id, ['engagement_owner']);
        await addWebhook(org.id, receiver.url, ['update.posted']);
        const n = await notify(user.id, 'update.posted', {}, false);
        expect(await deliverDue(rt.database.db, deps({ webhookTimeoutMs: 500 }))).toMatchObject({ retrying: 1 });
        expect(await oneRow(n.id)).toMatchObject({ status: 'pending', last_error: 'no answer within 1 s', last_status: null });
        answerFirst();
        clock.advanceMinutes(1);
        // A time-out far beyond what a busy machine needs: this attempt is about recovery, not speed.
        expect(await deliverDue(rt.database.db, deps({ webhookTimeoutMs: 60_000 }))).toMatchObject({ delivered: 1 });
        expect(await oneRow(n.id)).toMatchObject({ status: 'delivered', attempts: 2, last_error: null, last_status: 200 });
      } finally {
        answerFirst();
        await receiver.close();
      }
    });

    it('refuses loopback and private addresses unless KPO_WEBHOOK_ALLOW_PRIVATE', async () => {
      const { rt } = kit();
      const receiver = await startReceiver();
      try {
        const org = await makeOrg(rt, 'client');
        const user = await makeUser(rt, org.id, ['engagement_owner']);
        await addWebhook(org.id, receiver.url, ['question.answered']);
        // A name (not an address) that resolves to a private address is refused when connecting.
        const local = hostname();
        const resolvesPrivate = isPrivateAddress((await lookup(local)).address);
        if (resolvesPrivate) await addWebhook(org.id, `http://${local}:${receiver.port}/hooks`, ['question.answered']);
        const n = await notify(user.id, 'question.answered', {}, false);
        expect(await deliverDue(rt.database.db, deps({ webhookAllowPrivate: false }))).toMatchObject({ failed: resolvesPrivate ? 2 : 1 });
        for (const row of await rowsFor(n.id)) {
          expect(row).toMatchObject({
            status: 'failed',
            attempts: 1,
            last_error: 'the address is loopback or private (KPO_WEBHOOK_ALLOW_PRIVATE)',
          });
        }
        expect(receiver.calls).toHaveLength(0);
      } finally {
        await receiver.close();
      }
    });

    it('never delivers a row twice when two workers claim at once', async () => {
      const { rt } = kit();
      const receiver = await startReceiver(async () => {
        await new Promise((r) => setTimeout(r, 5));
        return 200;
      });
      // A second "process": its own pool on the same database (PGlite has one connection only).
      let other: Database | null = null;
      try {
        if (backend === 'postgres') other = await openDatabase({ kind: 'postgres', url: rt.database.location, poolSize: 4 });
        const org = await makeOrg(rt, 'client');
        const user = await makeUser(rt, org.id, ['engagement_owner']);
        for (let i = 0; i < 8; i++) await addWebhook(org.id, receiver.url, ['update.posted']);
        const notes: NotificationRecord[] = [];
        for (let i = 0; i < 5; i++) notes.push(await notify(user.id, 'update.posted', { progress: i }, false));
        const worker = (db: Database['db']) => deliverDue(db, deps({ batchSize: 3, concurrency: 2 }));
        const [a, b, c] = await Promise.all([worker(rt.database.db), worker((other ?? rt.database).db), worker((other ?? rt.database).db)]);
        expect((a?.delivered ?? 0) + (b?.delivered ?? 0) + (c?.delivered ?? 0)).toBe(40);
        if (backend === 'postgres') expect([a, b, c].filter((x) => (x?.claimed ?? 0) > 0).length).toBeGreaterThan(1);
        const ids = receiver.calls.map((call) => String(call.headers['x-kpo-delivery']));
        expect(ids).toHaveLength(40);
        expect(new Set(ids).size).toBe(40);
        const rows = await kit()
          .rt.database.db.selectFrom('notification_deliveries')
          .select(['status', 'attempts'])
          .where(
            'notification_id',
            'in',
            notes.map((x) => x.id),
          )
          .execute();
        expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
      } finally {
        await other?.close();
        await receiver.close();
      }
    });
  });
  it('as wired for the runtime: delivers, and forgets finished deliveries after the retention period', async () => {
    const { rt, clock } = kit();
    const receiver = await startReceiver();
    try {
      const org = await makeOrg(rt, 'client');
      const user = await makeUser(rt, org.id, ['engagement_owner']);
      await addWebhook(org.id, receiver.url, ['milestone.decided']);
      const n = await notify(user.id, 'milestone.decided', { decision: 'accepted' }, false);
      const delivery = createNotificationDelivery(rt.database.db, {
        config: { mail: null, publicUrl: null, webhookAllowPrivate: true },
        clock,
        logger: rt.logger,
        webhookSecrets: rt.webhookSecrets,
        retentionDays: 1,
      });
      expect(await delivery.run()).toMatchObject({ delivered: 1 });
      expect(await rowsFor(n.id)).toHaveLength(1);
      clock.advance(25 * 3_600_000);
      await delivery.run();
      expect(await rowsFor(n.id)).toEqual([]);
      delivery.close();
    } finally {
      await receiver.close();
    }
  });
});
