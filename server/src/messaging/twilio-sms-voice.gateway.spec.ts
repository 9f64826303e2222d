import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { voiceCodeText } from '../mfa/code-factor.service';
import { SmsVoiceSendError } from './sms-voice-gateway';
import { TwilioSmsVoiceGateway } from './twilio-sms-voice.gateway';

interface Seen {
  method?: string;
  url?: string;
  auth?: string;
  form: URLSearchParams;
}

let server: Server;
let base: string;
let seen: Seen[] = [];
let answer: { status: number; body: string } = { status: 201, body: '{}' };

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, form: new URLSearchParams(raw) });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
});

const gateway = () => new TwilioSmsVoiceGateway({ url: base, accountSid: 'AC123', authToken: 'secret-token', fromNumber: '+815000000000' });
const basic = `Basic ${Buffer.from('AC123:secret-token').toString('base64')}`;

describe('TwilioSmsVoiceGateway', () => {
  it('posts an SMS form-encoded with Basic auth', async () => {
    answer = { status: 201, body: JSON.stringify({ sid: 'SM1', status: 'queued' }) };
    const result = await gateway().sendSms({ to: '+819012345678', body: 'InfoSphere 認証コード: 123456' });
    expect(result.response).toContain('sid=SM1');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/2010-04-01/Accounts/AC123/Messages.json', auth: basic });
    expect(Object.fromEntries(seen[0].form)).toEqual({ To: '+819012345678', From: '+815000000000', Body: 'InfoSphere 認証コード: 123456' });
  });

  it('places a call whose TwiML reads the digits one by one, twice', async () => {
    answer = { status: 201, body: JSON.stringify({ sid: 'CA1', status: 'queued' }) };
    await gateway().call({ to: '+81312345678', say: voiceCodeText('123456') });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/2010-04-01/Accounts/AC123/Calls.json', auth: basic });
    expect(seen[0].form.get('To')).toBe('+81312345678');
    expect(seen[0].form.get('Twiml')).toBe(
      '<Response><Say language="ja-JP">認証コードは 1、2、3、4、5、6 です。繰り返します。1、2、3、4、5、6 です。</Say></Response>',
    );
  });

  it('treats 4xx as permanent, 5xx and 429 as transient', async () => {
    answer = { status: 400, body: JSON.stringify({ code: 21211, message: 'invalid To' }) };
    await expect(gateway().sendSms({ to: '+819012345678', body: 'x' })).rejects.toMatchObject({ permanent: true });
    answer = { status: 503, body: 'down' };
    await expect(gateway().sendSms({ to: '+819012345678', body: 'x' })).rejects.toMatchObject({ permanent: false });
    answer = { status: 429, body: '{}' };
    await expect(gateway().sendSms({ to: '+819012345678', body: 'x' })).rejects.toBeInstanceOf(SmsVoiceSendError);
  });

  it('treats a network error as transient', async () => {
    const closed = new TwilioSmsVoiceGateway({ url: 'http://127.0.0.1:1', accountSid: 'AC1', authToken: 'secret-token', fromNumber: '+815000000000' });
    await expect(closed.call({ to: '+819012345678', say: 'x' })).rejects.toMatchObject({ permanent: false });
  });
});
