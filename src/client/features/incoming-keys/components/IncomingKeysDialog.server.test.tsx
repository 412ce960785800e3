import { screen, waitForElementToBeRemoved, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { api } from '../../../../shared/api';
import { configuredKeysFactory } from '../../../../testing/factories';
import {
  fill,
  goodKeys,
  openDialog,
  saveButton,
} from '../../../../testing/incoming-keys-dialog-driver';
import { mockBackend } from '../../../../testing/mock-backend';
import { apiError, handle, reply, server } from '../../../../testing/msw';

const INVALID_CLIENT =
  "Okta refused this Client ID and Client secret (invalid_client). Copy both again from the application's General tab.";
const ISSUER_MISMATCH =
  'The discovery document names its issuer "https://acme.okta.com/oauth2/default", not "https://acme.okta.com".';

describe('Setup incoming Okta keys dialog: what the server says', () => {
  it('puts invalid_client under Client secret', async () => {
    server.use(
      handle(api.saveIncomingKeys, () =>
        apiError(400, 'invalid', INVALID_CLIENT, { clientSecret: INVALID_CLIENT }),
      ),
    );
    const { user, dialog } = await openDialog();
    await fill(user, dialog, goodKeys);
    await user.click(saveButton(dialog));
    const secret = within(dialog).getByLabelText('Client secret');
    await screen.findByText(INVALID_CLIENT);
    expect(secret).toHaveAccessibleDescription(INVALID_CLIENT);
    expect(secret).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByLabelText('Issuer URI')).toHaveAttribute('aria-invalid', 'false');
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('puts an issuer mismatch under Issuer URI', async () => {
    server.use(
      handle(api.saveIncomingKeys, () =>
        apiError(400, 'invalid', ISSUER_MISMATCH, { issuerUri: ISSUER_MISMATCH }),
      ),
    );
    const { user, dialog } = await openDialog();
    await fill(user, dialog, goodKeys);
    await user.click(saveButton(dialog));
    await screen.findByText(ISSUER_MISMATCH);
    expect(within(dialog).getByLabelText('Issuer URI')).toHaveAccessibleDescription(
      ISSUER_MISMATCH,
    );
  });

  it('shows an error that belongs to no field as an alert in the dialog', async () => {
    const message =
      'The token endpoint did not answer, so the keys could not be checked. Try again.';
    server.use(handle(api.saveIncomingKeys, () => apiError(400, 'invalid', message)));
    const { user, dialog } = await openDialog();
    await fill(user, dialog, goodKeys);
    await user.click(saveButton(dialog));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(message);
    expect(dialog).toBeInTheDocument();
  });

  it('shows progress while Okta is checked, then closes and shows the saved keys', async () => {
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    server.use(
      handle(api.saveIncomingKeys, async ({ body }) => {
        await answered;
        mockBackend.incomingKeys = configuredKeysFactory({ clientId: body.clientId });
        return reply(200, mockBackend.incomingKeys);
      }),
    );
    const { user, dialog } = await openDialog();
    await fill(user, dialog, goodKeys);
    await user.click(saveButton(dialog));
    expect(await within(dialog).findByText('Checking with Okta…')).toBeInTheDocument();
    expect(saveButton(dialog)).toBeDisabled();
    answer();
    await waitForElementToBeRemoved(dialog);
    expect(await screen.findByText('Incoming keys saved and verified.')).toBeInTheDocument();
    expect(screen.getByText(goodKeys.clientId)).toBeInTheDocument();
    expect(screen.queryByText(goodKeys.clientSecret)).not.toBeInTheDocument();
  });
});

describe('Setup incoming Okta keys dialog: reopening a configured connection', () => {
  const stored = configuredKeysFactory({
    clientId: '0oa-stored',
    issuerUri: 'https://acme.okta.com',
  });

  it('prefills Client ID and Issuer URI, never the secret', async () => {
    mockBackend.incomingKeys = stored;
    const { dialog } = await openDialog();
    expect(within(dialog).getByLabelText('Client ID')).toHaveValue('0oa-stored');
    expect(within(dialog).getByLabelText('Issuer URI')).toHaveValue('https://acme.okta.com');
    const secret = within(dialog).getByLabelText('Client secret');
    expect(secret).toHaveValue('');
    expect(secret).toHaveAccessibleDescription('Leave it empty to keep the stored secret.');
  });

  it('saves with an empty secret when nothing moved', async () => {
    mockBackend.incomingKeys = stored;
    const { user, dialog } = await openDialog();
    await user.click(saveButton(dialog));
    await waitForElementToBeRemoved(dialog);
    expect(await screen.findByText('Incoming keys saved and verified.')).toBeInTheDocument();
  });

  it.each([
    [
      { issuerUri: 'https://acme.okta.com/oauth2/default' },
      'The Issuer URI changed: paste the Client secret again.',
    ],
    [{ clientId: '0oa-another' }, 'The Client ID changed: paste its Client secret.'],
  ])('asks for the secret again after %o changes', async (change, message) => {
    mockBackend.incomingKeys = stored;
    const { user, dialog } = await openDialog();
    await fill(user, dialog, change);
    const secret = within(dialog).getByLabelText('Client secret');
    expect(secret).toHaveAccessibleDescription(message);
    await user.click(saveButton(dialog));
    await screen.findByText(message);
    expect(secret).toHaveAttribute('aria-invalid', 'true');
    expect(mockBackend.incomingKeys).toEqual(stored);
  });
});
