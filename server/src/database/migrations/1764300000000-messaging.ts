import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox: every message to a customer is a row first, written in the transaction of the change that
 * caused it, then sent by a queue job. The row keeps exactly what was sent, for staff to read later.
 */
export class Messaging1764300000000 implements MigrationInterface {
  name = 'Messaging1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outgoing_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel text NOT NULL CHECK (channel IN ('mail', 'sms', 'voice')),
        template text NOT NULL CHECK (template <> ''),
        recipient text NOT NULL CHECK (recipient <> '' AND recipient = btrim(recipient)),
        login_account_id uuid REFERENCES login_accounts (id) ON DELETE RESTRICT,
        subject text,
        body_text text NOT NULL,
        body_html text,
        message_id text NOT NULL UNIQUE,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        last_attempt_at timestamptz,
        sent_at timestamptz,
        provider_response text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT outgoing_messages_mail_has_subject CHECK (channel <> 'mail' OR subject IS NOT NULL),
        CONSTRAINT outgoing_messages_sent_complete CHECK ((state = 'sent') = (sent_at IS NOT NULL)),
        CONSTRAINT outgoing_messages_attempted CHECK (state = 'pending' OR (attempts > 0 AND last_attempt_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX outgoing_messages_state_idx ON outgoing_messages (state, created_at)`);
    await q.query(
      `CREATE INDEX outgoing_messages_login_account_idx ON outgoing_messages (login_account_id, created_at) WHERE login_account_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outgoing_messages');
  }
}
