import { ShownOnce } from '../../../components/ShownOnce';

/** The new key, shown this once, with a copy button and where to paste it. */
export function NewAccessKey({ secret }: { secret: string }) {
  return (
    // Multiline, so the whole key is in view: 60 characters do not fit on one line.
    <ShownOnce label="Access key" what="key" value={secret} multiline>
      Paste it into the <strong>Okta API Token</strong> field of{' '}
      <strong>Configure API Integration</strong>, choose <strong>Test the Integration</strong>, then{' '}
      <strong>Save</strong>.
    </ShownOnce>
  );
}
