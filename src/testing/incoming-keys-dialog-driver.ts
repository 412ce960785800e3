/** Test helpers that drive the dialog as a person would: open it, paste into fields, save. */
import { screen, within } from '@testing-library/react';
import { vi } from 'vitest';
import { api } from '../shared/api';
import { configuredKeysFactory } from './factories';
import { handle, reply, server } from './msw';
import { renderApp } from './render-app';

type User = ReturnType<typeof renderApp>['user'];

export const goodKeys = {
  clientId: '0oa9new8client',
  clientSecret: 'new-secret-value',
  issuerUri: 'https://acme.okta.com',
};

/** A PUT handler that records each body it receives and answers with a stored view. */
export function spyOnSave() {
  const savedBodies = vi.fn();
  server.use(
    handle(api.saveIncomingKeys, ({ body }) => {
      savedBodies(body);
      return reply(
        200,
        configuredKeysFactory({ clientId: body.clientId, issuerUri: body.issuerUri }),
      );
    }),
  );
  return savedBodies;
}

/** Opens the main page, then the dialog. */
export async function openDialog() {
  const { user } = renderApp('/');
  await user.click(await screen.findByRole('button', { name: 'Set up incoming keys' }));
  const dialog = await screen.findByRole('dialog', { name: 'Setup incoming Okta keys' });
  return { user, dialog };
}

async function replaceText(user: User, field: HTMLElement, value: string) {
  await user.clear(field);
  if (value === '') return;
  await user.click(field);
  await user.paste(value); // admins paste these from Okta; typing would read "{" as a key name
}

export async function fill(
  user: User,
  dialog: HTMLElement,
  values: { clientId?: string; clientSecret?: string; issuerUri?: string },
) {
  const labels = { clientId: 'Client ID', clientSecret: 'Client secret', issuerUri: 'Issuer URI' };
  for (const [name, label] of Object.entries(labels)) {
    const value = values[name as keyof typeof labels];
    if (value !== undefined) await replaceText(user, within(dialog).getByLabelText(label), value);
  }
}

export const saveButton = (dialog: HTMLElement) =>
  within(dialog).getByRole('button', { name: 'Save' });
