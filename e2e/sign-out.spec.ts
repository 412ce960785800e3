import { expect, test } from './fixtures/test';

test('"Sign out" returns to the sign-in page and ends the session on the server', async ({
  signedIn,
  signInPage,
  context,
  stack,
}) => {
  const cookies = await context.cookies(stack.baseUrl);
  expect(cookies.length).toBeGreaterThan(0);
  const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const before = await fetch(`${stack.baseUrl}/api/session`, { headers: { cookie: cookieHeader } });
  expect(before.status).toBe(200);

  await signedIn.signOut.click();
  await expect(signInPage.email).toBeVisible();
  await expect(signInPage.page).toHaveURL(/\/sign-in/);

  // The old cookie no longer opens a session: it ended on the server, not only in the browser.
  const after = await fetch(`${stack.baseUrl}/api/session`, { headers: { cookie: cookieHeader } });
  expect(after.status).toBe(200);
  expect(await after.json()).toEqual({ signedIn: false });
  await signInPage.page.goto('/');
  await expect(signInPage.page).toHaveURL(/\/sign-in/);
});
