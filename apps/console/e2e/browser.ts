import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describeWithGate, type TestGate } from '@itsm/event-sourcing';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH names another binary. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** How the specs start it: headless, as root on CI (no sandbox), without GPU or background traffic. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export type BrowserGate = TestGate<object>;

const truthy = (value: string | undefined) => !!value && value !== '0' && value !== 'false';

/** Whether the browser specs can run: with no Chromium they are skipped and said so, or fail when CI / REQUIRE_BROWSER is set. */
export const browserGate = (env: NodeJS.ProcessEnv = process.env): BrowserGate => {
  if (existsSync(CHROMIUM_PATH)) return { kind: 'ready' };
  const required = truthy(env['REQUIRE_BROWSER']) || truthy(env['CI']);
  const install = 'install it with "apt-get install -y chromium" (.ci/run does) or set CHROMIUM_PATH';
  return required
    ? { kind: 'missing', required, message: `No Chromium at ${CHROMIUM_PATH} and ${truthy(env['REQUIRE_BROWSER']) ? 'REQUIRE_BROWSER' : 'CI'} is set: ${install}` }
    : { kind: 'missing', required, message: `Console browser specs skipped: no Chromium at ${CHROMIUM_PATH} (${install}; REQUIRE_BROWSER=1 makes this a failure)` };
};

/** `describe` for specs that drive the real browser: run, fail with the reason (CI), or one skipped test with the reason. */
export function describeWithBrowser(name: string, body: () => void): void {
  describeWithGate(name, 'needs Chromium', browserGate(), body);
}

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/**
 * Runs axe-core (injected from node_modules) on the page as it is and answers the serious and critical violations,
 * each as one line naming the rule and the elements: a spec expects an empty list.
 */
export const seriousAxeViolations = async (page: Page): Promise<string[]> => {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
};
