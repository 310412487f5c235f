import { Alert, Anchor, Container, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { useSession } from '../session';

/** Where the identity provider sends the browser back: the code is exchanged, the token signs in, then the home page. */
export function AuthCallback() {
  const { signIn } = useSession();
  const [, navigate] = useLocation();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    // Loaded here, not with the first route (see the sign-in page); the module keeps the once-only exchange.
    import('../oidc/authorization-code-flow')
      .then(({ completeSignIn }) => completeSignIn(window.location.search))
      .then((token) => {
        if (!current) return;
        signIn(token);
        navigate('/', { replace: true });
      })
      .catch((problem: unknown) => current && setError(problem instanceof Error ? problem.message : String(problem)));
    return () => {
      current = false;
    };
  }, [signIn, navigate]);
  return (
    <Container size="sm" py="xl">
      <main>
        <Paper withBorder p="lg" radius="md">
          <Stack>
            <Title order={1} size="h2">
              Signing in
            </Title>
            {error ? (
              <>
                <Alert color="red" title="Cannot sign in" role="alert">
                  {error}
                </Alert>
                <Text>
                  {/* A full page load: the sign-in page starts clean, without this response in the address. */}
                  <Anchor href="/">Back to the sign-in page</Anchor>
                </Text>
              </>
            ) : (
              <Group gap="xs" aria-live="polite">
                <Loader size="sm" aria-hidden /> <Text>Completing the sign-in with the identity provider…</Text>
              </Group>
            )}
          </Stack>
        </Paper>
      </main>
    </Container>
  );
}
