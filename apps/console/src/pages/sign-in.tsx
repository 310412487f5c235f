import { Alert, Button, Code, Container, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSession } from '../session';

/** Paste a bearer token: the platform's own (the CLI prints one) or an identity provider's when ITSM_JWKS_URL is set. */
export function SignIn() {
  const { signIn } = useSession();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      signIn(token);
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : String(problem));
    }
  };
  return (
    <Container size="sm" py="xl">
      <main>
        <Paper withBorder p="lg" radius="md">
          <form onSubmit={submit}>
            <Stack>
              <Title order={1} size="h2">
                Sign in to the ITSM console
              </Title>
              <Text>
                Paste a bearer token. For a local demo, the CLI prints one signed with the platform’s key:
              </Text>
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
        </Paper>
      </main>
    </Container>
  );
}
