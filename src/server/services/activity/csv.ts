/**
 * A cell as a spreadsheet will not run it: text starting with = + - @ (or a tab or carriage
 * return) gets a leading quote (OWASP "CSV injection"), then RFC 4180 quoting.
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: Array<string | number | null>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
