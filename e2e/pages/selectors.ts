/** CSS for "this test id with these data attributes"; values are quoted safely (keys hold quotes). */
export function byTestId(testId: string, data: Readonly<Record<string, string | number>> = {}): string {
  const attributes = Object.entries(data).map(([name, value]) => `[data-${name}=${JSON.stringify(String(value))}]`);
  return `[data-testid="${testId}"]${attributes.join('')}`;
}
