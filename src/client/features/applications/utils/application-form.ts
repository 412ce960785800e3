import { z } from 'zod';
import {
  applicationName,
  type CreateApplicationBody,
  DEFAULT_GRACE_HOURS,
  GRACE_HOURS,
  judgeApplicationUri,
  MAX_APPLICATION_URIS,
} from '../../../../shared/api/applications';

/** One address per line; blank lines do not count. */
export const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/**
 * The form checks the shape of each address; whether http is allowed (loopback, with
 * ALLOW_HTTP_LOOPBACK_ISSUER) the server says, on the same field.
 */
const uriLines = (required: boolean) =>
  z.string().superRefine((text, ctx) => {
    const list = lines(text);
    if (required && list.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'Enter at least one redirect URI.' });
    }
    if (list.length > MAX_APPLICATION_URIS) {
      ctx.addIssue({ code: 'custom', message: `At most ${MAX_APPLICATION_URIS} addresses.` });
    }
    const bad = list.findIndex((uri) => judgeApplicationUri(uri, true));
    if (bad >= 0) {
      const problem = judgeApplicationUri(list[bad] as string, true);
      ctx.addIssue({
        code: 'custom',
        message: list.length > 1 ? `Line ${bad + 1}: ${problem}` : String(problem),
      });
    }
  });

export const applicationForm = z.object({
  name: applicationName,
  redirectUris: uriLines(true),
  postLogoutRedirectUris: uriLines(false),
});
export type ApplicationForm = z.input<typeof applicationForm>;
export const APPLICATION_FIELDS = ['name', 'redirectUris', 'postLogoutRedirectUris'] as const;

export function toCreateBody(form: z.output<typeof applicationForm>): CreateApplicationBody {
  return {
    name: form.name,
    redirectUris: lines(form.redirectUris),
    postLogoutRedirectUris: lines(form.postLogoutRedirectUris),
  };
}

const GRACE_LABELS: Record<(typeof GRACE_HOURS)[number], string> = {
  0: 'None: the old secret stops now',
  1: '1 hour',
  24: '24 hours',
  168: '7 days',
};
export const GRACE_OPTIONS = GRACE_HOURS.map((h) => ({ value: String(h), label: GRACE_LABELS[h] }));
export const rotateForm = z.object({ graceHours: z.enum(GRACE_HOURS.map(String)) });
export const DEFAULT_GRACE = String(DEFAULT_GRACE_HOURS);
