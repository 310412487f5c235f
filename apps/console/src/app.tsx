import { Anchor, AppShell, Burger, Button, Group, Loader, NavLink, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { LiveEventsProvider, useLiveState } from './live-events';
import { CALLBACK_PATH } from './oidc/callback-path';
import { AuthCallback } from './pages/auth-callback';
import { IncidentQueue } from './pages/incident-queue';
import { SignIn } from './pages/sign-in';
import { CAN, hasAny, useSession, type Role } from './session';

// The first route (sign-in, the queue) is in the main chunk; every other page is its own chunk.
const IncidentPage = lazy(() => import('./pages/incident-page'));
const CatalogPage = lazy(() => import('./pages/catalog-page'));
const ChangesPage = lazy(() => import('./pages/changes-page'));
const AuditPage = lazy(() => import('./pages/audit-page'));

interface Section {
  href: string;
  label: string;
  roles: readonly Role[];
}

const SECTIONS: Section[] = [
  { href: '/incidents', label: 'Incidents', roles: CAN.readIncidents },
  { href: '/catalog', label: 'Catalog', roles: CAN.readCatalog },
  { href: '/changes', label: 'Changes', roles: CAN.readChanges },
  { href: '/audit', label: 'Audit', roles: CAN.readAuditIntegrity },
];

function Guard({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { session } = useSession();
  if (!hasAny(session, roles)) return <Text role="alert">Your roles ({session?.roles.join(', ') || 'none'}) do not give access to this page.</Text>;
  return <>{children}</>;
}

const PageLoading = () => (
  <Group gap="xs" aria-live="polite">
    <Loader size="sm" aria-hidden /> <Text>Loading…</Text>
  </Group>
);

/** Says whether changes arrive live or by polling (the stream may be unavailable, e.g. behind a gateway without it). */
function LiveStatus() {
  const state = useLiveState();
  return (
    <Text size="sm" visibleFrom="xs" data-testid="live-status" data-state={state}>
      {state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Refreshing every few seconds'}
    </Text>
  );
}

export function App() {
  const { session } = useSession();
  const [location] = useLocation();
  if (!session) return location === CALLBACK_PATH ? <AuthCallback /> : <SignIn />;
  return (
    <LiveEventsProvider token={session.token}>
      <Console />
    </LiveEventsProvider>
  );
}

function Console() {
  const { session, signOut } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const [location] = useLocation();
  if (!session) return null;
  const sections = SECTIONS.filter((section) => hasAny(session, section.roles));
  const home = sections[0]?.href ?? '/catalog';
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Anchor component={Link} href={home} underline="never" c="inherit">
              <Title order={2} size="h4">ITSM console</Title>
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LiveStatus />
            <Text size="sm" visibleFrom="xs" data-testid="signed-in-as">
              {session.name} · {session.roles.join(', ') || 'no roles'}
            </Text>
            <Button variant="default" size="xs" onClick={signOut}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Sections">
        <VisuallyHidden>
          <h2>Sections</h2>
        </VisuallyHidden>
          {sections.map((section) => (
            <NavLink
              key={section.href}
              component={Link}
              href={section.href}
              label={section.label}
              active={location.startsWith(section.href)}
              variant="filled"
              aria-current={location.startsWith(section.href) ? 'page' : undefined}
              onClick={close}
            />
          ))}
      </AppShell.Navbar>
      <AppShell.Main>
          <Suspense fallback={<PageLoading />}>
            <Switch>
              <Route path="/">
                <Redirect to={home} />
              </Route>
              <Route path={CALLBACK_PATH}>
                <Redirect to={home} replace />
              </Route>
              <Route path="/incidents">
                <Guard roles={CAN.readIncidents}>
                  <IncidentQueue />
                </Guard>
              </Route>
              <Route path="/incidents/:id">
                {(params) => (
                  <Guard roles={CAN.readIncidents}>
                    <IncidentPage id={params.id} />
                  </Guard>
                )}
              </Route>
              <Route path="/catalog">
                <CatalogPage />
              </Route>
              <Route path="/changes">
                <Guard roles={CAN.readChanges}>
                  <ChangesPage />
                </Guard>
              </Route>
              <Route path="/audit">
                <Guard roles={CAN.readAuditIntegrity}>
                  <AuditPage />
                </Guard>
              </Route>
              <Route>
                <Text role="alert">No page here.</Text>
              </Route>
            </Switch>
          </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
