/**
 * A page the server rendered shows its fields and buttons before the app's code has adopted
 * them. What a person does there meanwhile is passed on once it has, instead of being lost:
 * - a click on a button (or tab, checkbox, switch) is held, its default (such as submitting a
 *   form) prevented, and made again, the last one only: a tap repeated in impatience is one tap;
 * - text typed into a field stays in it, and the app is told of it with the event it would have
 *   had; an option chosen is chosen again, and the app told (React may put the page's option back
 *   as it adopts the list, or leave the chosen one without having seen the change).
 * Links need nothing: they work without the app, loading the page they name.
 */
const CONTROLS =
  'button, [role="button"], [role="tab"], [role="switch"], [role="menuitem"], input[type="checkbox"], input[type="radio"]';

let held: HTMLElement | undefined;
const chosen = new Map<HTMLSelectElement, string>();

function choose(event: Event) {
  if (event.target instanceof HTMLSelectElement) chosen.set(event.target, event.target.value);
}

function hold(event: MouseEvent) {
  const control = event.target instanceof Element ? event.target.closest(CONTROLS) : null;
  if (!(control instanceof HTMLElement) || !document.getElementById('root')?.contains(control)) {
    return;
  }
  held = control;
  event.preventDefault();
  event.stopPropagation();
}

export function holdEarlyInput(): void {
  document.addEventListener('click', hold, true);
  document.addEventListener('change', choose, true);
}

/** Whether a field's text is not the one the page came with: the person typed. */
function typedInto(field: Element): field is HTMLInputElement | HTMLTextAreaElement {
  if (field instanceof HTMLTextAreaElement) return field.value !== field.defaultValue;
  return (
    field instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'hidden'].includes(field.type) &&
    field.value !== field.defaultValue
  );
}

/** The app has adopted the page: stop holding, pass on changed fields, then the held click. */
export function releaseEarlyInput(): void {
  document.removeEventListener('click', hold, true);
  document.removeEventListener('change', choose, true);
  for (const field of document.querySelectorAll('#root input, #root textarea')) {
    if (!typedInto(field)) continue;
    // React calls onChange when the value differs from the last it knew, which it took from the
    // field as it adopted it (already the typed text): tell it the page's value through its own
    // setter on the field, put the typed text back with the element's, then send the event.
    const typed = field.value;
    field.value = field.defaultValue;
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set?.call(field, typed);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
  for (const [list, value] of chosen) {
    // Chosen from what the page came with (and perhaps put back as the app adopted the list).
    const came = [...list.options].find((option) => option.defaultSelected) ?? list.options[0];
    if (!list.isConnected || value === came?.value) continue;
    list.value = value;
    list.dispatchEvent(new Event('change', { bubbles: true }));
  }
  chosen.clear();
  const control = held;
  held = undefined;
  if (control?.isConnected) control.click();
}
