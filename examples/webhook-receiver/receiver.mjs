// A webhook receiver for the ITSM platform: plain node:http and the official `standardwebhooks` library.
// Run: WEBHOOK_SECRET=whsec_... PORT=4000 node receiver.mjs
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  console.error('Set WEBHOOK_SECRET to the secret the platform answered when you subscribed (whsec_...)');
  process.exit(2);
}
const port = Number(process.env.PORT ?? 4000);
const path = process.env.WEBHOOK_PATH ?? '/webhooks';
const webhook = new Webhook(secret);

// Deliveries are at least once: the same webhook-id can come again (a retry, a redelivery). Remember what was handled.
// A real receiver keeps these ids in its own database, next to the effect.
const handled = new Set();

const readBody = (request) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const server = createServer(async (request, response) => {
  if (request.method !== 'POST' || request.url !== path) {
    response.writeHead(404).end();
    return;
  }
  // Verify the raw body as it arrived: re-serialised JSON would not match the signature.
  const body = await readBody(request);
  let event;
  try {
    // Checks webhook-signature (HMAC-SHA256 of id.timestamp.body) and that webhook-timestamp is within 5 minutes.
    event = webhook.verify(body, request.headers);
  } catch (error) {
    console.log(JSON.stringify({ verified: false, reason: error.message }));
    response.writeHead(400).end();
    return;
  }
  const webhookId = request.headers['webhook-id'];
  if (!handled.has(webhookId)) {
    handled.add(webhookId);
    // The body is a CloudEvent (structured JSON): type itsm.<context>.<EventName>.v<n>, subject = the stream, data = the event.
    console.log(JSON.stringify({ verified: true, webhookId, type: event.type, id: event.id, subject: event.subject, sequence: event.sequence, data: event.data }));
  }
  // Answer 2xx quickly; do slow work after answering (the platform gives each attempt a time limit).
  response.writeHead(204).end();
});

server.listen(port, '127.0.0.1', () => console.log(JSON.stringify({ listening: `http://127.0.0.1:${server.address().port}${path}` })));

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
