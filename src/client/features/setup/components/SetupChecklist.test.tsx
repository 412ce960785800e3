import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockBackend } from '../../../../testing/mock-backend';
import { renderApp } from '../../../../testing/render-app';

const steps = async () => {
  const section = await screen.findByRole('region', { name: /^Setup/ });
  return within(section)
    .queryAllByRole('listitem')
    .map((li) => li.textContent);
};

describe('setup at a glance', () => {
  it('a fresh console: all four steps to do, first at the top of the page', async () => {
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Setup: 4 of 4 steps left' })).toBeVisible();
    expect(await steps()).toEqual([
      '1. Incoming keys saved and verifiedTo do',
      '2. First SCIM request received from OktaTo do',
      '3. A directory group mapped to Basic or ProTo do',
      '4. First person signed in with OktaTo do',
    ]);
    const regions = screen.getAllByRole('region').map((r) => r.getAttribute('aria-labelledby'));
    expect(regions[0]).toBe('setup-steps');
  });

  it('part way: says what is done and what is left', async () => {
    mockBackend.setupStatus = {
      incomingKeys: true,
      scimRequest: true,
      groupMapped: false,
      personSignedIn: false,
    };
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Setup: 2 of 4 steps left' })).toBeVisible();
    expect((await steps()).map((s) => s?.endsWith('Done'))).toEqual([true, true, false, false]);
  });

  it('a step links to its card and moves the focus to its heading', async () => {
    const { user } = renderApp('/');
    await user.click(
      await screen.findByRole('link', { name: '3. A directory group mapped to Basic or Pro' }),
    );
    expect(screen.getByRole('heading', { level: 2, name: 'Directory groups' })).toHaveFocus();
    await user.click(screen.getByRole('link', { name: '1. Incoming keys saved and verified' }));
    expect(document.activeElement?.id).toBe('incoming-keys');
    expect(
      screen.getByRole('link', { name: '4. First person signed in with Okta' }),
    ).toHaveAttribute('href', '/users');
  });

  it('finished: one line, with a way to see the steps again', async () => {
    mockBackend.setupStatus = {
      incomingKeys: true,
      scimRequest: true,
      groupMapped: true,
      personSignedIn: true,
    };
    const { user } = renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Setup complete' })).toBeVisible();
    expect(await steps()).toEqual([]);
    const toggle = screen.getByRole('button', { name: 'Show steps' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(screen.getByRole('button', { name: 'Hide steps' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect((await steps()).every((s) => s?.endsWith('Done'))).toBe(true);
  });
});
