import type { RefusalReason } from '../../../shared/api/sign-in-events';
import { html, page } from './html';

const LICENCE_LABEL = { basic: 'Basic', pro: 'Pro' } as const;

export function mePage(input: { email: string; licence: 'basic' | 'pro'; csrfToken: string }) {
  return page(
    'Your account',
    html`<p>Signed in as <strong>${input.email}</strong></p>
<p>Licence: <span class="licence">${LICENCE_LABEL[input.licence]}</span></p>
<form method="post" action="/auth/sign-out">
<input type="hidden" name="csrf" value="${input.csrfToken}">
<button type="submit">Sign out</button>
</form>`,
  );
}

export function signedOutPage() {
  return page(
    'You are not signed in',
    html`<p>Sign in with your company's Okta account to continue.</p>
<p><a href="/auth/okta">Sign in with Okta</a></p>`,
  );
}

/** Each refusal in plain words for the person, and what they can do about it. */
const REFUSALS: Record<RefusalReason, { title: string; text: string; retry: boolean }> = {
  not_configured: {
    title: 'Sign-in is not set up yet',
    text: 'Your administrator has not finished connecting this service to Okta. Try again later.',
    retry: false,
  },
  issuer_mismatch: {
    title: 'This sign-in link is not valid',
    text: 'The sign-in came from another Okta organisation than the one this service is connected to. Ask your administrator to check the Okta app.',
    retry: true,
  },
  not_assigned: {
    title: 'You cannot sign in yet',
    text: 'Okta did not let you sign in: you are not assigned to this app in Okta. Ask your administrator to assign you.',
    retry: false,
  },
  not_provisioned: {
    title: 'You cannot sign in yet',
    text: 'Okta signed you in, but your account has not been provisioned here. Ask your administrator to assign you to the provisioning app in Okta as well.',
    retry: false,
  },
  deactivated: {
    title: 'Your account is deactivated',
    text: 'Your account here has been deactivated. Ask your administrator if you should still have access.',
    retry: false,
  },
  no_licence: {
    title: 'You have no licence',
    text: 'You are not in any group that gives a Basic or Pro licence. Ask your administrator to add you to one.',
    retry: false,
  },
  invalid_response: {
    title: 'Sign-in did not complete',
    text: 'The sign-in could not be verified, or it took too long. Please try again.',
    retry: true,
  },
  okta_error: {
    title: 'Sign-in did not complete',
    text: 'Okta did not complete the sign-in. Please try again.',
    retry: true,
  },
};

export function refusalPage(reason: RefusalReason, login: string | null) {
  const r = REFUSALS[reason];
  return page(
    r.title,
    html`<p>${r.text}</p>
${login ? html`<p class="muted">You tried to sign in as ${login}.</p>` : ''}
${r.retry ? html`<p><a href="/auth/okta">Try signing in again</a></p>` : ''}`,
  );
}

export function errorPage(title: string, text: string) {
  return page(title, html`<p>${text}</p><p><a href="/me">Back</a></p>`);
}

export { REFUSALS };
