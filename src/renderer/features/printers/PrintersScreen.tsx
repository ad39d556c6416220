import { useEffect, useState } from 'react';
import { mayChangeSettings, type PrinterConfig, type StationSettings } from '../../../shared/contract/index';
import type { LabelTemplate } from '../../../shared/labels/label-data';
import { useStation } from '../../app/station-store';
import type { StationClient } from '../../station-client/index';
import { StationCallError } from '../../station-client/index';
import { AddPrinterForm } from './AddPrinterForm';
import { DOCUMENTS, documentsOf, listNames, unroutedText, withoutPrinter, withRoute } from './documents';
import { PrinterTable } from './PrinterTable';
import { PrintQueue } from './PrintQueue';
import { RoutingTable } from './RoutingTable';
import { LocaleSettings } from './LocaleSettings';
import { saveSettings } from './save-settings';
import { whyNotPrinted } from './job-state';

const errorText = (err: unknown) => (err instanceof StationCallError ? err.message : String(err));

/** Printers of this station, which printer prints which document, and the print queue. */
export function PrintersScreen({ client }: { client: StationClient }) {
  const [settings, setSettings] = useState<StationSettings | null>(null);
  const [saving, setSaving] = useState<LabelTemplate | null>(null);
  const say = useStation((s) => s.say);
  const jobs = useStation((s) => s.jobs);
  const people = useStation((s) => s.people);
  const manages = !!people && mayChangeSettings(people);

  useEffect(() => {
    client.call('settings.get').then(setSettings, (err: unknown) => say('error', `Could not read the station settings: ${errorText(err)}`));
  }, [client, say]);

  async function addPrinter(printer: PrinterConfig): Promise<boolean> {
    if (!settings) return false;
    try {
      // The first printer prints shipping and test labels until the supervisor says otherwise.
      const saved = await saveSettings(client, (current) => ({
        printers: [...current.printers, printer],
        routes: {
          ...current.routes,
          'shipping-label': current.routes['shipping-label'] ?? printer.id,
          'test-label': current.routes['test-label'] ?? printer.id,
        },
      }));
      setSettings(saved);
      const prints = documentsOf(saved.routes, printer.id);
      say(
        'success',
        `Added ${printer.name}.${prints.length ? ` It prints: ${listNames(prints)}.` : ' Choose what it prints under "Which printer prints what".'}`,
        'success',
      );
      return true;
    } catch (err) {
      say('error', `${printer.name} was not added: ${errorText(err)}`);
      return false;
    }
  }

  async function route(template: LabelTemplate, printerId: string | null) {
    if (!settings) return;
    setSaving(template);
    try {
      const saved = await saveSettings(client, (current) => ({ routes: withRoute(current.routes, template, printerId) }));
      setSettings(saved);
      const printer = saved.printers.find((p) => p.id === printerId);
      say('success', `${DOCUMENTS[template].name}: ${printer ? printer.name : unroutedText(template).toLowerCase()}`);
    } catch (err) {
      say('error', `${DOCUMENTS[template].name} route not saved: ${errorText(err)}`);
    } finally {
      setSaving(null);
    }
  }

  async function remove(printer: PrinterConfig) {
    if (!settings) return;
    let cleared: LabelTemplate[] = [];
    try {
      setSettings(
        await saveSettings(client, (current) => {
          cleared = documentsOf(current.routes, printer.id);
          return { printers: current.printers.filter((p) => p.id !== printer.id), routes: withoutPrinter(current.routes, printer.id) };
        }),
      );
      const waiting = jobs.filter(
        (j) =>
          j.printerId === printer.id &&
          (j.state === 'queued' || j.state === 'retrying' || j.state === 'sending' || j.state === 'unconfirmed'),
      ).length;
      const parts = [`Removed ${printer.name}.`];
      if (cleared.length) parts.push(`No printer now for: ${listNames(cleared)} — choose one under "Which printer prints what".`);
      if (waiting)
        parts.push(
          `${waiting} job${waiting === 1 ? ' was' : 's were'} waiting for it: void or reprint ${waiting === 1 ? 'it' : 'them'} from the print queue.`,
        );
      say('info', parts.join(' '));
    } catch (err) {
      say('error', `${printer.name} was not removed: ${errorText(err)}`);
    }
  }

  async function testPrint(printer: PrinterConfig) {
    try {
      const job = await client.call('printing.print', {
        template: 'test-label',
        printerId: printer.id,
        data: { message: 'Dockside printer test' },
      });
      if (job.state === 'printed') say('success', `Test label sent to ${printer.name}`, 'success');
      else say('error', `Test label waiting for ${printer.name}: ${whyNotPrinted(job)}`);
    } catch (err) {
      say('error', errorText(err));
    }
  }

  return (
    <div className="printers">
      <h2>Printers</h2>
      {!settings && <p className="muted">Loading printers…</p>}
      {settings && (
        <>
          <PrinterTable
            client={client}
            settings={settings}
            onTestPrint={(p) => void testPrint(p)}
            onRemove={manages ? (p) => void remove(p) : undefined}
          />
          {manages ? (
            <>
              <AddPrinterForm existingNames={settings.printers.map((p) => p.name)} onAdd={addPrinter} />
              <RoutingTable settings={settings} saving={saving} onRoute={(t, id) => void route(t, id)} />
              <LocaleSettings client={client} settings={settings} onSaved={setSettings} />
            </>
          ) : (
            <p className="notice" data-testid="printers-read-only">
              Printers are added, changed and removed by a supervisor. You can print, reprint and move labels in the print queue below.
            </p>
          )}
        </>
      )}
      <PrintQueue client={client} printers={settings?.printers ?? []} />
    </div>
  );
}
