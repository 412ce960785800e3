import { waitForElementToBeRemoved, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { settingsFactory } from '../../../../testing/factories';
import {
  fill,
  goodKeys,
  openDialog,
  saveButton,
  spyOnSave,
} from '../../../../testing/incoming-keys-dialog-driver';
import { mockBackend } from '../../../../testing/mock-backend';

describe('Setup incoming Okta keys dialog: checks before any request', () => {
  it('has the labelled fields, a secret toggle and both buttons', async () => {
    const { dialog } = await openDialog();
    expect(within(dialog).getByLabelText('Client ID')).toHaveValue('');
    const secret = within(dialog).getByLabelText('Client secret');
    expect(secret).toHaveAttribute('type', 'password');
    expect(secret).toHaveAttribute('autocomplete', 'off');
    expect(within(dialog).getByRole('button', { name: 'Show characters' })).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Issuer URI')).toBeInTheDocument();
    expect(saveButton(dialog)).toBeEnabled();
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
  });

  it.each([
    ['http://acme.okta.com', /Change http:\/\/ to https:\/\//],
    ['https://acme-admin.okta.com', /is the Okta Admin Console.*https:\/\/acme\.okta\.com/],
    ['https://{yourOktaDomain}', /Replace the placeholder with your Okta domain/],
    ['https://acme.okta.com/', /Remove the trailing slash/],
    ['not-a-url', /This is not a URL/],
    ['acme.okta.com', /Start with https:\/\/, for example https:\/\/acme\.okta\.com/],
    ['https://acme.okta.com?client=1', /Remove the query/],
    ['https://acme.okta.com#top', /Remove the fragment/],
    ['https://acme.okta.com.com', /ends in "\.com\.com"/],
    ['https://okta.com', /Include your org's subdomain/],
    ['http://127.0.0.1:9000', /Change http:\/\/ to https:\/\//],
  ])('judges %s on the spot, without a request', async (issuerUri, message) => {
    const savedBodies = spyOnSave();
    const { user, dialog } = await openDialog();
    await fill(user, dialog, { ...goodKeys, issuerUri });
    await user.click(saveButton(dialog));
    const field = within(dialog).getByLabelText('Issuer URI');
    await vi.waitFor(() => expect(field).toHaveAccessibleDescription(message));
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveFocus();
    expect(savedBodies).not.toHaveBeenCalled();
  });

  it('accepts a loopback http issuer when the server allows it', async () => {
    mockBackend.settings = settingsFactory({ allowHttpLoopbackIssuer: true });
    const savedBodies = spyOnSave();
    const { user, dialog } = await openDialog();
    await fill(user, dialog, { ...goodKeys, issuerUri: 'http://127.0.0.1:9000' });
    expect(within(dialog).getByLabelText('Issuer URI')).toHaveAccessibleDescription(
      /loopback issuer/i,
    );
    await user.click(saveButton(dialog));
    await waitForElementToBeRemoved(dialog);
    expect(savedBodies).toHaveBeenCalledWith({ ...goodKeys, issuerUri: 'http://127.0.0.1:9000' });
  });

  it('warns that a host outside Okta is accepted only if its discovery answers', async () => {
    const { user, dialog } = await openDialog();
    await fill(user, dialog, { issuerUri: 'https://login.acme.example' });
    expect(within(dialog).getByLabelText('Issuer URI')).toHaveAccessibleDescription(
      /login\.acme\.example is not an Okta domain.*only if its discovery document answers/,
    );
  });

  it('asks for the secret when nothing is stored yet', async () => {
    const savedBodies = spyOnSave();
    const { user, dialog } = await openDialog();
    await fill(user, dialog, { ...goodKeys, clientSecret: '' });
    await user.click(saveButton(dialog));
    await vi.waitFor(() =>
      expect(within(dialog).getByLabelText('Client secret')).toHaveAccessibleDescription(
        'Paste the Client secret from the Okta application.',
      ),
    );
    expect(savedBodies).not.toHaveBeenCalled();
  });

  it('asks for the Client ID, and trims what was pasted', async () => {
    const savedBodies = spyOnSave();
    const { user, dialog } = await openDialog();
    await fill(user, dialog, { ...goodKeys, clientId: '' });
    await user.click(saveButton(dialog));
    await vi.waitFor(() =>
      expect(within(dialog).getByLabelText('Client ID')).toHaveAccessibleDescription(
        'Paste the Client ID from the Okta application.',
      ),
    );
    await fill(user, dialog, { clientId: `  ${goodKeys.clientId} ` });
    await user.click(saveButton(dialog));
    await waitForElementToBeRemoved(dialog);
    expect(savedBodies).toHaveBeenCalledWith(goodKeys);
  });

  it('closes on Cancel without sending anything', async () => {
    const savedBodies = spyOnSave();
    const { user, dialog } = await openDialog();
    await fill(user, dialog, goodKeys);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitForElementToBeRemoved(dialog);
    expect(savedBodies).not.toHaveBeenCalled();
  });
});
