import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeWithBrowser, launchChromium, seriousAxeViolations } from './browser';
import { seedIncident, startConsolePlatform, type ConsolePlatform } from './console-platform';

/**
 * The console in Debian's Chromium against the embedded platform: sign in, work an incident to resolved through the
 * UI by keyboard, see the SLA clock pause on hold, move the time-travel slider, and see a 412 handled when the same
 * incident changes underneath; axe-core finds no serious or critical violation on any page visited.
 */
describeWithBrowser('the web console in Chromium', () => {
  jest.setTimeout(10 * 60_000);
  let env: ConsolePlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seeded: Awaited<ReturnType<typeof seedIncident>>;
  const screenshots = process.env['CONSOLE_SCREENSHOT_DIR'];

  beforeAll(async () => {
    env = await startConsolePlatform();
    seeded = await seedIncident(env.platform);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    // This page works without the event stream (as behind a gateway without it): the console falls back to polling,
    // and the 412 below stays a real race the page loses. The live page has its own test at the end.
    await page.route('**/api/v1/events*', (route) => route.abort());
  });
  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  const expectAccessible = async (where: string) => {
    expect({ where, violations: await seriousAxeViolations(page) }).toEqual({ where, violations: [] });
  };
  /** Focuses a control and presses Enter: every action must work without a mouse. */
  const pressEnterOn = async (name: string) => {
    const button = page.getByRole('button', { name, exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
  };
  const state = () => page.getByTestId('incident-state');

  it('signs in with a pasted token and shows the queue for the roles', async () => {
    await page.goto(env.baseUrl);
    await expect(page.getByRole('heading', { name: 'Sign in to the ITSM console' }).isVisible()).resolves.toBe(true);
    await expectAccessible('sign-in');
    await page.getByLabel('Token').fill(await env.token('alice', ['agent', 'incident-manager', 'cab-member', 'auditor']));
    await page.getByRole('button', { name: 'Sign in' }).press('Enter');
    await page.getByRole('heading', { name: 'Incident queue' }).waitFor();
    await page.getByRole('link', { name: seeded.number }).waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('alice');
    // The sections follow the roles: no audit for a token without auditor/admin would be hidden; this one has auditor.
    expect(await page.getByRole('link', { name: 'Audit' }).count()).toBe(1);
    await expectAccessible('incident queue');
    if (screenshots) await page.screenshot({ path: `${screenshots}/queue.png` });
  });

  it('filters the queue by text search', async () => {
    await page.getByLabel('Search').fill('nothing-matches-this');
    await page.getByText('0 incidents loaded').waitFor();
    await page.getByLabel('Search').fill('mail');
    await page.getByRole('link', { name: seeded.number }).waitFor();
  });

  it('opens the incident and works it by keyboard: assign, start, hold pauses the SLA clock, resume', async () => {
    await page.getByRole('link', { name: seeded.number }).press('Enter');
    await page.getByRole('heading', { name: new RegExp(`^${seeded.number}`) }).waitFor();
    await page.getByTestId('sla-resolution').waitFor();
    await expectAccessible('incident page');

    await pressEnterOn('Assign');
    await page.waitForFunction(() => document.querySelector('[data-testid="incident-state"]')?.textContent === 'assigned');
    await pressEnterOn('Start');
    await page.waitForFunction(() => document.querySelector('[data-testid="incident-state"]')?.textContent === 'in-progress');
    expect(await page.getByTestId('sla-resolution').getAttribute('data-state')).toBe('running');
    if (screenshots) await page.screenshot({ path: `${screenshots}/incident.png`, fullPage: true });

    await page.getByLabel('Hold reason').selectOption('awaiting-vendor');
    await pressEnterOn('Hold');
    await page.waitForFunction(() => document.querySelector('[data-testid="incident-state"]')?.textContent === 'on-hold');
    await page.waitForSelector('[data-testid="sla-resolution"][data-state="paused"]');
    const pausedAt = await page.getByTestId('sla-resolution-remaining').textContent();
    await page.waitForTimeout(2_500);
    // Paused: the clock does not count down while the incident is on hold.
    expect(await page.getByTestId('sla-resolution-remaining').textContent()).toBe(pausedAt);
    await expectAccessible('incident on hold');

    await pressEnterOn('Resume');
    await page.waitForFunction(() => document.querySelector('[data-testid="incident-state"]')?.textContent === 'in-progress');
    await page.waitForSelector('[data-testid="sla-resolution"][data-state="running"]');
    const running = await page.getByTestId('sla-resolution-remaining').textContent();
    await page.waitForTimeout(2_000);
    expect(await page.getByTestId('sla-resolution-remaining').textContent()).not.toBe(running);
  });

  it('adds to the work log, then reloads and says so when the incident changed underneath (412)', async () => {
    await page.getByLabel('Entry').fill('Checked the relay logs');
    await pressEnterOn('Add to work log');
    await page.getByText('Work log: INC').waitFor();
    // Another agent changes the same incident through the API while this page shows the older revision.
    const underneath = await env.platform.call(`/api/v1/incidents/${seeded.incidentId}/worklog`, { method: 'POST', body: { entry: 'Called the vendor', minutesSpent: 5 } });
    expect(underneath.status).toBe(200);
    await page.getByLabel('Resolution notes').fill('Restarted the relay');
    await pressEnterOn('Resolve');
    const alert = page.getByRole('alert').filter({ hasText: 'Someone else changed this incident' });
    await alert.waitFor();
    expect(await state().textContent()).toBe('in-progress');
    await expectAccessible('incident after a 412');
    // Reloaded with the new ETag: the same action now goes through.
    await page.waitForFunction(() => /2 entries/.test(document.body.textContent ?? ''));
    await pressEnterOn('Resolve');
    await page.waitForFunction(() => document.querySelector('[data-testid="incident-state"]')?.textContent === 'resolved');
    const stored = await env.platform.call(`/api/v1/incidents/${seeded.incidentId}`);
    expect({ state: stored.body.state, code: stored.body.resolution?.code }).toEqual({ state: 'resolved', code: 'solved-permanently' });
  });

  it('moves the time-travel slider back to the opening and forward to now', async () => {
    await page.getByTestId('history').getByText('IncidentResolved').first().waitFor();
    const slider = page.getByRole('slider', { name: 'Point in time' });
    await slider.focus();
    await page.keyboard.press('Home');
    await page.waitForFunction(() => /state new,/.test(document.querySelector('[data-testid="as-of"]')?.textContent ?? ''));
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => /state assigned,/.test(document.querySelector('[data-testid="as-of"]')?.textContent ?? ''));
    await page.keyboard.press('End');
    await page.waitForFunction(() => /state resolved,/.test(document.querySelector('[data-testid="as-of"]')?.textContent ?? ''));
    await expectAccessible('incident time travel');
  });

  it('shows the catalog with its dependency graph, the changes and the audit pages without serious axe violations', async () => {
    for (const [section, heading] of [
      ['Catalog', 'Service catalog'],
      ['Changes', 'Changes'],
      ['Audit', 'Audit'],
    ]) {
      await page.getByRole('link', { name: section, exact: true }).click();
      await page.getByRole('heading', { name: heading, exact: true, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(section);
    }
    await page.getByRole('link', { name: 'Catalog', exact: true }).click();
    await page.getByTestId('dependency-graph').waitFor();
    expect(await page.getByText('Gold (default)').count()).toBe(1);
  });

  it('shows a change made through the API while the incident page is open, without a reload (server-sent events)', async () => {
    const live = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agentPage = await live.newPage();
    try {
      const opened = await env.platform.call('/api/v1/incidents', {
        method: 'POST',
        body: { shortDescription: 'Calendar sync fails', description: 'Since the update', callerId: 'dave', serviceId: seeded.serviceId, impact: 3, urgency: 3 },
      });
      expect(opened.status).toBe(201);
      await agentPage.goto(env.baseUrl);
      await agentPage.getByLabel('Token').fill(await env.token('erin', ['agent']));
      await agentPage.getByRole('button', { name: 'Sign in' }).click();
      await agentPage.getByRole('heading', { name: 'Incident queue' }).waitFor();
      await agentPage.waitForSelector('[data-testid="live-status"][data-state="live"]');
      await agentPage.getByRole('link', { name: opened.body.number }).click();
      await agentPage.getByRole('heading', { name: new RegExp(`^${opened.body.number}`) }).waitFor();
      expect(await agentPage.getByTestId('incident-state').textContent()).toBe('new');

      const assigned = await env.platform.call(`/api/v1/incidents/${opened.body.id}/assign`, { method: 'POST', body: { assignmentGroup: 'service-desk' } });
      expect(assigned.status).toBe(200);
      // No reload, no polling of the incident: the stream's event made the page fetch it again.
      await agentPage.waitForFunction(() => document.querySelector('[data-testid="incident-state"]')?.textContent === 'assigned');
      await agentPage.waitForSelector('[data-testid="live-status"][data-state="live"]');
    } finally {
      await live.close();
    }
  });

  it('is readable on a phone (390×844): the queue without serious axe violations', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const small = await phone.newPage();
    await small.goto(env.baseUrl);
    await small.getByLabel('Token').fill(await env.token('bob', ['agent']));
    await small.getByRole('button', { name: 'Sign in' }).click();
    await small.getByRole('heading', { name: 'Incident queue' }).waitFor();
    // An agent sees no audit section.
    expect(await small.getByRole('link', { name: 'Audit' }).count()).toBe(0);
    const previous = page;
    page = small;
    try {
      await expectAccessible('queue on a phone');
    } finally {
      page = previous;
      await phone.close();
    }
  });
});
