import type { Browser, Page } from 'playwright-core';
import { describeWithBrowser, launchChromium, seriousAxeViolations } from './browser';
import { seedIncident, startConsolePlatform, type ConsolePlatform } from './console-platform';
import { startStandInIdentityProvider, type StandInIdentityProvider } from './stand-in-identity-provider';

/**
 * The console's OpenID Connect sign-in in Debian's Chromium: a stand-in provider on 127.0.0.1 (discovery, an
 * authorization endpoint that signs the next user in at once, a token endpoint checking PKCE, RS256 tokens and its
 * JWKS), the embedded platform verifying those tokens (ITSM_JWKS_URL) and naming the provider to the console
 * (ITSM_OIDC_ISSUER, ITSM_OIDC_CLIENT_ID). The roles in the provider's token decide what is shown; a response with
 * another state is refused; a pasted token still signs in. An auditor sees the control-check findings, axe-core green.
 */
describeWithBrowser('the web console signing in with an OpenID provider', () => {
  jest.setTimeout(10 * 60_000);
  let provider: StandInIdentityProvider;
  let env: ConsolePlatform;
  let browser: Browser;
  let seeded: Awaited<ReturnType<typeof seedIncident>>;
  const pages: Page[] = [];

  beforeAll(async () => {
    provider = await startStandInIdentityProvider();
    env = await startConsolePlatform({ ITSM_JWKS_URL: provider.jwksUrl, ITSM_OIDC_ISSUER: provider.issuer, ITSM_OIDC_CLIENT_ID: provider.clientId });
    seeded = await seedIncident(env.platform);
    // A control-check finding: work logged by someone acting as admin, not as agent.
    const worked = await env.platform.call(`/api/v1/incidents/${seeded.incidentId}/worklog`, {
      method: 'POST',
      roles: ['admin'],
      body: { entry: 'Looked at the relay', minutesSpent: 15 },
    });
    expect(worked.status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.stop();
    await provider?.close();
  });

  /** A fresh browser context (its own sessionStorage) on the console's sign-in page. */
  const openConsole = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    pages.push(page);
    await page.goto(env.baseUrl);
    await page.getByRole('heading', { name: 'Sign in to the ITSM console' }).waitFor();
    return page;
  };
  const signInWithProvider = (page: Page) => page.getByRole('button', { name: `Sign in with ${provider.issuer}` }).click();
  const expectAccessible = async (page: Page, where: string) => {
    expect({ where, violations: await seriousAxeViolations(page) }).toEqual({ where, violations: [] });
  };
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });

  it('offers "Sign in with <issuer>", and an agent signed in by the provider lands on the queue with an agent’s sections', async () => {
    const page = await openConsole();
    await page.getByRole('button', { name: `Sign in with ${provider.issuer}` }).waitFor();
    await expectAccessible(page, 'sign-in with a provider');
    provider.next({ user: { sub: 'dana', name: 'Dana Agent', roles: ['agent'] } });
    const granted = provider.tokenRequests.length;

    await signInWithProvider(page);
    await page.getByRole('heading', { name: 'Incident queue' }).waitFor();
    // The platform took the provider's RS256 access token: the queue is the platform's answer to it.
    await page.getByRole('link', { name: seeded.number }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/incidents');
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('Dana Agent · agent');
    expect(provider.tokenRequests.slice(granted)).toEqual([{ grant: 'authorization_code', granted: true }]);
    // An agent's roles: incidents, catalog and changes, no audit.
    expect(await page.getByRole('link', { name: 'Audit' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Changes' }).count()).toBe(1);
  });

  it('refuses a response whose state is not the one this tab sent, without asking for tokens', async () => {
    const page = await openConsole();
    provider.next({ user: { sub: 'mallory', name: 'Mallory', roles: ['admin'] }, forgeState: true });
    const before = provider.tokenRequests.length;

    await signInWithProvider(page);
    await page.getByRole('alert').filter({ hasText: 'does not match the request this tab made (state)' }).waitFor();
    expect(provider.tokenRequests.length).toBe(before);
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
    await expectAccessible(page, 'refused sign-in');

    // The same response again (a reload, a replay) finds no pending request: still refused.
    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'No sign-in was started in this tab' }).waitFor();
    await page.getByRole('link', { name: 'Back to the sign-in page' }).click();
    await page.getByRole('heading', { name: 'Sign in to the ITSM console' }).waitFor();
  });

  it('shows an auditor signed in by the provider the control-check findings, each cited event opening the record’s timeline', async () => {
    const page = await openConsole();
    provider.next({ user: { sub: 'erin', name: 'Erin Auditor', roles: ['auditor'] } });
    await signInWithProvider(page);
    await page.getByRole('heading', { name: 'Incident queue' }).waitFor();
    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    await page.getByRole('heading', { name: 'Control-check findings' }).waitFor();

    const control = page.getByTestId('control-work-logged-without-agent-role');
    const finding = control.getByTestId('control-finding').filter({ hasText: seeded.number });
    await finding.waitFor();
    expect(await control.getByText('Work logged by someone without the agent role', { exact: true }).count()).toBe(1);
    expect(await control.getByText(/An IncidentWorkLogged event whose actor did not act in the agent role/).count()).toBe(1);
    expect(await finding.textContent()).toContain('spec-admin logged 15 minutes of work as admin');
    // The record links to its incident page.
    expect(await finding.getByRole('link', { name: seeded.number, exact: true }).getAttribute('href')).toBe(`/incidents/${seeded.incidentId}`);
    // Every section loaded (the live event stream keeps a request open, so the network never goes idle).
    await page.waitForFunction(() => !document.body.innerText.includes('Loading…'));
    await expectAccessible(page, 'audit with findings');

    const cited = finding.getByRole('link', { name: /^IncidentWorkLogged / });
    const eventId = (await cited.textContent()) ?? '';
    await cited.press('Enter');
    const row = page.getByTestId('record-timeline').locator('tr[aria-current="true"]');
    await row.waitFor();
    expect(await row.getAttribute('id')).toBe(`event-${eventId}`);
    expect(await row.textContent()).toContain('IncidentWorkLogged');
    expect(new URL(page.url()).searchParams.get('streamId')).toBe(`incident-${seeded.incidentId}`);
    expect(await page.getByTestId('record-timeline').getByText('IncidentOpened', { exact: false }).count()).toBe(1);
    await expectAccessible(page, 'record timeline from a finding');
  });

  it('signs in with the ID token when the provider’s access token is not a JWT', async () => {
    const page = await openConsole();
    // The incident's caller, as a requester: the platform shows requesters their own incidents.
    provider.next({ user: { sub: 'carol', name: 'Carol Caller', roles: ['requester'] }, opaqueAccessToken: true });
    await signInWithProvider(page);
    await page.getByRole('heading', { name: 'Incident queue' }).waitFor();
    await page.getByRole('link', { name: seeded.number }).waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('Carol Caller · requester');
  });

  it('refreshes the provider’s short-lived token before it expires, so the console works on past the first token’s expiry', async () => {
    const page = await openConsole();
    provider.next({ user: { sub: 'frank', name: 'Frank Agent', roles: ['agent'] }, lifetimeSeconds: 8 });
    const before = provider.tokenRequests.length;
    await signInWithProvider(page);
    await page.getByRole('heading', { name: 'Incident queue' }).waitFor();
    const firstToken = await page.evaluate(() => sessionStorage.getItem('itsm.console.token'));
    const firstExpiry = (JSON.parse(Buffer.from(String(firstToken).split('.')[1], 'base64url').toString('utf8')) as { exp: number }).exp * 1000;

    // Halfway through the 8 seconds the console asks for new tokens with the refresh token, and signs in with them.
    await page.waitForFunction((first) => sessionStorage.getItem('itsm.console.token') !== first, firstToken, { timeout: 20_000 });
    expect(provider.tokenRequests.slice(before)).toEqual([
      { grant: 'authorization_code', granted: true },
      { grant: 'refresh_token', granted: true },
    ]);
    // Past the first token's expiry the platform still answers: the page loads the queue with the new bearer.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstExpiry - Date.now() + 1_000)));
    await page.getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('link', { name: seeded.number }).waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('Frank Agent · agent');
  });

  it('signs out at the provider too (RP-initiated logout), coming back to the sign-in page with nothing kept', async () => {
    const page = await openConsole();
    provider.next({ user: { sub: 'gina', name: 'Gina Agent', roles: ['agent'] } });
    await signInWithProvider(page);
    await page.getByRole('heading', { name: 'Incident queue' }).waitFor();
    const logouts = provider.logouts.length;

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the ITSM console' }).waitFor();
    expect(provider.logouts.slice(logouts)).toEqual([{ sub: 'gina', clientId: provider.clientId, postLogoutRedirectUri: `${env.baseUrl}/` }]);
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
  });

  it('still signs in with a pasted token (the platform’s own HS256) next to the provider', async () => {
    const page = await openConsole();
    await page.getByLabel('Token').fill(await env.token('alice', ['auditor']));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Incident queue' }).waitFor();
    expect(await page.getByRole('link', { name: 'Audit', exact: true }).count()).toBe(1);
  });
});
