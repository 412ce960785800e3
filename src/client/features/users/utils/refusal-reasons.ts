import type { RefusalReason, SignInEvent } from '../../../../shared/api/sign-in-events';

/** Each refusal in plain words, for when the server sent no message of its own. */
export const refusalReasonText: Record<RefusalReason, string> = {
  not_configured: 'Sign-in with Okta is not set up yet: the incoming keys are missing.',
  issuer_mismatch: 'The sign-in came from an Okta issuer other than the one configured here.',
  not_assigned: 'Okta refused the person: they are not assigned to the sign-in app in Okta.',
  not_provisioned: 'Okta has not provisioned this person to this app over SCIM.',
  deactivated: 'The person is deactivated in Okta.',
  no_licence: 'The person is in no group mapped to Basic or Pro.',
  invalid_response: "Okta's answer could not be verified, so the sign-in was refused.",
  okta_error: 'Okta reported an error during the sign-in.',
};

export function refusalText(event: SignInEvent): string {
  if (event.message) return event.message;
  return event.reason ? refusalReasonText[event.reason] : 'Refused for a reason not recorded.';
}
