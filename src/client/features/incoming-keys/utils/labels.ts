import type { IncomingKeysView } from '../../../../shared/api/incoming-keys';

type StoredKeys = Extract<IncomingKeysView, { configured: true }>;

export const serverKindLabel: Record<StoredKeys['serverKind'], string> = {
  org: 'Org authorization server',
  custom: 'Custom authorization server',
};

/** A tag next to the Issuer URI; Okta's own domains need none. */
export const domainKindLabel: Record<StoredKeys['domainKind'], string | undefined> = {
  okta: undefined,
  'custom-domain': 'custom domain',
  loopback: 'loopback (testing)',
};
