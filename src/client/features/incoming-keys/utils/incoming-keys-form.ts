import { z } from 'zod';
import {
  type IncomingKeysView,
  incomingKeysBody,
  secretNeededBecause as sharedSecretNeededBecause,
} from '../../../../shared/api/incoming-keys';
import { type IssuerRules, judgeIssuer } from '../../../../shared/validation/issuer';

type IncomingKeysFormSchema = ReturnType<typeof incomingKeysFormSchema>;
/** What the fields hold. */
export type IncomingKeysFormValues = z.input<IncomingKeysFormSchema>;
/** What Save sends: the same fields, trimmed. */
export type IncomingKeysFormOutput = z.output<IncomingKeysFormSchema>;

/** What a new secret is needed for, when the connection moved away from the stored one. */
export function secretNeededBecause(
  stored: IncomingKeysView,
  values: { clientId: string; issuerUri: string },
): string | undefined {
  return sharedSecretNeededBecause(stored.configured ? stored : undefined, values);
}

/**
 * The contract's request schema, with the issuer judged by the server's own rule for loopback and
 * the secret required whenever the stored one no longer fits: nothing is sent that the server
 * would refuse for these reasons.
 */
export function incomingKeysFormSchema(rules: IssuerRules, stored: IncomingKeysView) {
  return incomingKeysBody
    .extend({
      issuerUri: z
        .string()
        .superRefine((value, ctx) => {
          const verdict = judgeIssuer(value, rules);
          if (!verdict.ok) ctx.addIssue({ code: 'custom', message: verdict.message });
        })
        .transform((value) => value.trim()),
    })
    .superRefine((values, ctx) => {
      if (values.clientSecret !== '') return;
      const reason = secretNeededBecause(stored, values);
      if (reason) ctx.addIssue({ code: 'custom', path: ['clientSecret'], message: reason });
    });
}

/** Opening the dialog: the stored Client ID and Issuer URI, and never a secret. */
export function formDefaults(stored: IncomingKeysView): IncomingKeysFormValues {
  return {
    clientId: stored.configured ? stored.clientId : '',
    clientSecret: '',
    issuerUri: stored.configured ? stored.issuerUri : '',
  };
}

export const ISSUER_EXAMPLE_HINT =
  'For example https://acme.okta.com, or https://acme.okta.com/oauth2/default for a custom authorization server.';

/** The note under Issuer URI for a value that passes the rules but is worth a word. */
export function issuerHint(value: string, rules: IssuerRules): string {
  const verdict = judgeIssuer(value, rules);
  if (!verdict.ok) return ISSUER_EXAMPLE_HINT;
  if (verdict.domainKind === 'custom-domain') {
    return `${new URL(verdict.issuer).hostname} is not an Okta domain. It is accepted as an Okta custom domain only if its discovery document answers when you save.`;
  }
  if (verdict.domainKind === 'loopback') {
    return 'A loopback issuer, accepted because ALLOW_HTTP_LOOPBACK_ISSUER is on (tests and demos only).';
  }
  return verdict.serverKind === 'org'
    ? "Okta's org authorization server."
    : 'A custom authorization server.';
}

/** The note under Client secret: what an empty field means right now. */
export function secretHint(
  stored: IncomingKeysView,
  values: { clientId: string; issuerUri: string; clientSecret: string },
): string {
  if (!stored.configured) {
    return "From the application's General tab in Okta. It is stored encrypted and never shown again.";
  }
  if (values.clientSecret !== '') return 'This secret replaces the stored one when you save.';
  return secretNeededBecause(stored, values) ?? 'Leave it empty to keep the stored secret.';
}
