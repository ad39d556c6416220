import { useEffect, useState, type FormEvent } from 'react';
import type { PrinterConfig, StationSettings } from '../../../shared/contract/index';
import { useStation } from '../../app/station-store';
import type { StationClient } from '../../station-client/index';
import { StationCallError } from '../../station-client/index';
import { LabelPreview } from './LabelPreview';

/** Printers of this station, which one prints shipping labels, and the print queue. */
export function PrintersScreen({ client }: { client: StationClient }) {
  const [settings, setSettings] = useState<StationSettings | null>(null);
  const { jobs, say } = useStation();
  const [name, setName] = useState('Zebra packing 1');
  const [host, setHost] = useState('');
  const [port, setPort] = useState('9100');
  const [dpi, setDpi] = useState<'203' | '300'>('203');
  const [previewJob, setPreviewJob] = useState<string | null>(null);

  useEffect(() => {
    void client.call('settings.get').then(setSettings);
  }, [client]);

  const errorText = (err: unknown) => (err instanceof StationCallError ? err.message : String(err));

  async function addPrinter(e: FormEvent) {
    e.preventDefault();
    if (!settings) return;
    const printer: PrinterConfig = { id: crypto.randomUUID(), name, language: 'zpl', dpi: dpi === '300' ? 300 : 203, connection: { kind: 'tcp', host, port: Number(port) } };
    try {
      const routes = { ...settings.routes, 'shipping-label': settings.routes['shipping-label'] ?? printer.id, 'test-label': settings.routes['test-label'] ?? printer.id };
      setSettings(await client.call('settings.update', { printers: [...settings.printers, printer], routes }));
      say('success', `Added ${name}`, 'success');
    } catch (err) {
      say('error', errorText(err));
    }
  }

  async function route(printerId: string) {
    if (!settings) return;
    setSettings(await client.call('settings.update', { routes: { ...settings.routes, 'shipping-label': printerId } }));
  }

  async function remove(printerId: string) {
    if (!settings) return;
    const routes = Object.fromEntries(Object.entries(settings.routes).filter(([, id]) => id !== printerId));
    setSettings(await client.call('settings.update', { printers: settings.printers.filter((p) => p.id !== printerId), routes }));
  }

  async function testPrint(printerId: string) {
    try {
      const job = await client.call('printing.print', { template: 'test-label', printerId, data: { message: 'Dockside printer test' } });
      if (job.state === 'printed') say('success', 'Test label sent', 'success');
      else say('error', `Test label waiting: ${job.lastError ?? job.state}`);
    } catch (err) {
      say('error', errorText(err));
    }
  }

  async function act(kind: 'printing.reprint' | 'printing.void' | 'printing.retry-now', jobId: string) {
    try {
      await client.call(kind, { jobId });
    } catch (err) {
      say('error', errorText(err));
    }
  }

  return (
    <div className="printers">
      <h2>Printers</h2>
      <table data-testid="printers">
        <thead><tr><th>Name</th><th>Connection</th><th>Shipping labels</th><th /></tr></thead>
        <tbody>
          {settings?.printers.map((p) => (
            <tr key={p.id}>
              <td>{p.name} ({p.language.toUpperCase()}, {p.dpi} dpi)</td>
              <td>{p.connection.kind === 'tcp' ? `${p.connection.host}:${p.connection.port}` : `queue ${p.connection.queue}`}</td>
              <td>
                <input type="radio" name="shipping-route" checked={settings.routes['shipping-label'] === p.id} onChange={() => void route(p.id)} aria-label={`Print shipping labels on ${p.name}`} />
              </td>
              <td>
                <button onClick={() => void testPrint(p.id)}>Test print</button> <button onClick={() => void remove(p.id)}>Remove</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={addPrinter} className="add-printer" data-testid="add-printer">
        <h3>Add a network label printer (ZPL, raw TCP)</h3>
        <label>Name <input name="printerName" value={name} onChange={(e) => setName(e.target.value)} required /></label>
        <label>Host <input name="printerHost" value={host} onChange={(e) => setHost(e.target.value)} placeholder="192.168.1.50" required /></label>
        <label>Port <input name="printerPort" value={port} onChange={(e) => setPort(e.target.value)} inputMode="numeric" required /></label>
        <label>Resolution
          <select value={dpi} onChange={(e) => setDpi(e.target.value as '203' | '300')}><option value="203">203 dpi</option><option value="300">300 dpi</option></select>
        </label>
        <button type="submit">Add printer</button>
      </form>
      <h2>Print queue</h2>
      <table data-testid="print-jobs">
        <thead><tr><th>When</th><th>Label</th><th>Printer</th><th>State</th><th /></tr></thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id} data-state={j.state}>
              <td>{new Date(j.createdAt).toLocaleTimeString()}</td>
              <td>{j.template}{j.sscc ? ` · ${j.sscc}` : ''}{j.reprintOf ? ' (reprint)' : ''}</td>
              <td>{j.printerName}</td>
              <td>{j.state}{j.lastError ? `: ${j.lastError}` : ''} {j.attempts > 1 ? `(${j.attempts} tries)` : ''}</td>
              <td>
                <button onClick={() => setPreviewJob(previewJob === j.id ? null : j.id)}>Preview</button>{' '}
                {j.state === 'printed' && <button onClick={() => void act('printing.reprint', j.id)}>Reprint</button>}
                {j.state === 'retrying' && <button onClick={() => void act('printing.retry-now', j.id)}>Retry now</button>}
                {j.state !== 'voided' && <button onClick={() => void act('printing.void', j.id)}>Void</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {previewJob && <LabelPreview client={client} request={{ jobId: previewJob }} caption="As sent to the printer" />}
    </div>
  );
}
