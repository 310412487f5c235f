import { Alert, Button, Code, Container, Divider, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useConsoleConfig, type OidcSettings } from '../console-config';
import { useSession } from '../session';

const messageOf = (problem: unknown) => (problem instanceof Error ? problem.message : String(problem));

/** "Sign in with <issuer>": off to the identity provider (Authorization Code + PKCE), back at /auth/callback. */
function ProviderSignIn({ oidc }: { oidc: OidcSettings }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = () => {
    setBusy(true);
    setError(null);
    // The OIDC client (oauth4webapi) loads on the click: it is not part of the first route's bundle.
    import('../oidc/authorization-code-flow')
      .then(({ beginSignIn }) => beginSignIn(oidc))
      .then((url) => window.location.assign(url))
      .catch((problem: unknown) => {
        setBusy(false);
        setError(messageOf(problem));
      });
  };
  return (
    <Stack gap="xs">
      <Button onClick={start} loading={busy} size="md">
        Sign in with {oidc.issuer}
      </Button>
      {error && (
        <Alert color="red" title="Cannot reach the identity provider" role="alert">
          {error}
        </Alert>
      )}
    </Stack>
  );
}

/** Sign in with the identity provider when the platform names one, or paste a bearer token (the CLI prints one). */
export function SignIn() {
  const { signIn } = useSession();
  const config = useConsoleConfig();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const oidc = config.data?.oidc ?? null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      signIn(token);
    } catch (problem) {
      setError(messageOf(problem));
    }
  };
  return (
    <Container size="sm" py="xl">
      <main>
        <Paper withBorder p="lg" radius="md">
          <Stack>
            <Title order={1} size="h2">
              Sign in to the ITSM console
            </Title>
            {oidc && (
              <>
                <ProviderSignIn oidc={oidc} />
                <Divider label="or paste a token" labelPosition="center" />
              </>
            )}
            <form onSubmit={submit}>
              <Stack>
                <Text>Paste a bearer token. For a local demo, the CLI prints one signed with the platform’s key:</Text>
                <Code block>npm run -s itsm -- token --sub alice --role agent --role incident-manager</Code>
                <Text size="sm">
                  Roles decide what you see: requester, agent, incident-manager, change-manager, cab-member, service-owner, finance, auditor, admin. With an
                  identity provider (ITSM_JWKS_URL), paste the access token it issued.
                </Text>
                <Textarea
                  label="Token"
                  name="token"
                  autosize
                  minRows={3}
                  value={token}
                  onChange={(event) => setToken(event.currentTarget.value)}
                  required
                  spellCheck={false}
                />
                {error && (
                  <Alert color="red" title="Cannot sign in" role="alert">
                    {error}
                  </Alert>
                )}
                <Button type="submit">Sign in</Button>
              </Stack>
            </form>
          </Stack>
        </Paper>
      </main>
    </Container>
  );
}
