import { type Control, useWatch } from 'react-hook-form';
import type { IncomingKeysView } from '../../../../shared/api/incoming-keys';
import type { IssuerRules } from '../../../../shared/validation/issuer';
import { SecretFieldControl } from '../../../components/SecretFieldControl';
import { TextFieldControl } from '../../../components/TextFieldControl';
import {
  type IncomingKeysFormOutput,
  type IncomingKeysFormValues,
  issuerHint,
  secretHint,
} from '../utils/incoming-keys-form';

interface Props {
  control: Control<IncomingKeysFormValues, unknown, IncomingKeysFormOutput>;
  stored: IncomingKeysView;
  rules: IssuerRules;
}

/** Client ID, Client secret, Issuer URI; the notes under them follow what is typed. */
export function IncomingKeysFields({ control, stored, rules }: Props) {
  const [clientId, clientSecret, issuerUri] = useWatch({
    control,
    name: ['clientId', 'clientSecret', 'issuerUri'],
  });
  const values = { clientId, clientSecret, issuerUri };

  return (
    <>
      <TextFieldControl
        control={control}
        name="clientId"
        label="Client ID"
        autoComplete="off"
        autoFocus
        hint="From the General tab of the Okta application."
        slotProps={{ htmlInput: { spellCheck: false, 'aria-required': true } }}
      />
      <SecretFieldControl
        control={control}
        name="clientSecret"
        label="Client secret"
        hint={secretHint(stored, values)}
      />
      <TextFieldControl
        control={control}
        name="issuerUri"
        label="Issuer URI"
        type="url"
        autoComplete="off"
        hint={issuerHint(issuerUri, rules)}
        slotProps={{ htmlInput: { spellCheck: false, 'aria-required': true } }}
      />
    </>
  );
}
