import { TargetGuard } from '../targets/target-guard';
import { TestReceiver } from '../testing/test-receiver';
import { WebhookSender } from './webhook-sender';

/** The sender against a real receiver on 127.0.0.1. */
describe('WebhookSender', () => {
  let receiver: TestReceiver;
  beforeAll(async () => {
    receiver = await TestReceiver.start();
  });
  afterAll(() => receiver.stop());

  const body = '{"specversion":"1.0"}';

  it('posts the body with the headers it is given, and calls a 2xx a success', async () => {
    const sender = new WebhookSender(new TargetGuard(new Set(['loopback'])), 5_000);
    const result = await sender.send(`${receiver.baseUrl}/ok`, body, { 'webhook-id': 'msg_1' });
    sender.close();
    expect(result).toMatchObject({ succeeded: true, statusCode: 204, error: null });
    expect(receiver.on('/ok')[0]).toMatchObject({ body, headers: expect.objectContaining({ 'webhook-id': 'msg_1', 'content-type': 'application/json' }) });
  });

  it('connects to no address of a range the guard does not allow: an IP literal, or a name that resolves there', async () => {
    const sender = new WebhookSender(new TargetGuard(new Set()), 5_000);
    const port = new URL(receiver.baseUrl).port;
    const literal = await sender.send(`http://127.0.0.1:${port}/literal`, body, {});
    const named = await sender.send(`http://localhost:${port}/named`, body, {});
    sender.close();
    expect(literal).toMatchObject({ succeeded: false, statusCode: null, error: expect.stringContaining('points to a loopback address') });
    expect(named).toMatchObject({ succeeded: false, statusCode: null, error: expect.stringContaining('points to a loopback address') });
    expect([...receiver.on('/literal'), ...receiver.on('/named')]).toEqual([]);
  });

  it('gives up on an attempt after its time limit', async () => {
    receiver.answerWith(({ path }) => ({ status: 204, delayMs: path === '/slow' ? 5_000 : undefined }));
    const sender = new WebhookSender(new TargetGuard(new Set(['loopback'])), 100);
    const result = await sender.send(`${receiver.baseUrl}/slow`, body, {});
    sender.close();
    expect(result).toMatchObject({ succeeded: false, statusCode: null, error: 'No answer within 100 ms' });
  });
});
