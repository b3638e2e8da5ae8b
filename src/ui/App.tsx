// Top-level lab component.
export function App() {
  return (
    <main>
      <h1>Tenancy Lab</h1>
      <p data-testid="isolation">crossOriginIsolated: {String(globalThis.crossOriginIsolated)}</p>
    </main>
  );
}
