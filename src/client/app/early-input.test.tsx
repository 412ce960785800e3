import { act, useState } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { holdEarlyInput, releaseEarlyInput } from './early-input';

function Form() {
  const [name, setName] = useState('');
  const [plan, setPlan] = useState('basic');
  const [saves, setSaves] = useState(0);
  return (
    <form>
      <input aria-label="Name" value={name} onChange={(e) => setName(e.target.value)} />
      <select aria-label="Plan" value={plan} onChange={(e) => setPlan(e.target.value)}>
        <option value="basic">Basic</option>
        <option value="pro">Pro</option>
      </select>
      <button
        type="submit"
        onClick={(e) => {
          e.preventDefault();
          setSaves((n) => n + 1);
        }}
      >
        Save
      </button>
      <output>{`${name}|${plan}|${saves}`}</output>
    </form>
  );
}

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});
afterEach(() => document.body.replaceChildren());

it('passes on what was typed, chosen and clicked before the app adopted the page', async () => {
  const root = document.createElement('div');
  root.id = 'root';
  root.innerHTML = renderToString(<Form />);
  document.body.append(root);
  holdEarlyInput();

  // What a person does to the server's HTML: nothing of the app answers yet.
  const name = root.querySelector('input') as HTMLInputElement;
  name.value = 'Ada';
  name.dispatchEvent(new Event('input', { bubbles: true }));
  const plan = root.querySelector('select') as HTMLSelectElement;
  plan.value = 'pro';
  plan.dispatchEvent(new Event('change', { bubbles: true }));
  const submitted: Event[] = [];
  document.addEventListener('submit', (event) => submitted.push(event));
  (root.querySelector('button') as HTMLButtonElement).click();
  // The click is held: the form was not posted without the app.
  expect(submitted).toEqual([]);

  await act(async () => {
    hydrateRoot(root, <Form />);
  });
  expect(root.querySelector('output')?.textContent).toBe('|basic|0');
  await act(async () => releaseEarlyInput());
  expect(root.querySelector('output')?.textContent).toBe('Ada|pro|1');

  // Later clicks are the app's own.
  await act(async () => (root.querySelector('button') as HTMLButtonElement).click());
  expect(root.querySelector('output')?.textContent).toBe('Ada|pro|2');
});
