import type { StationSettings } from '../../../shared/contract/index';
import { PURPOSE_TEMPLATES, type PrintRequest } from '../../../shared/contract/printing';
import { HandlerError } from '../../../shared/contract/dispatch';
import type { PaperSize } from '../../../shared/labels/label-data';

/** The carrier's bytes are kept once, as the payload; the source need not carry them again. */
export function withoutCarrierBytes(request: PrintRequest): PrintRequest {
  return request.template === 'carrier-label' ? { ...request, data: { ...request.data, contentBase64: '' } } : request;
}

export function ssccGiven(request: PrintRequest): string | undefined {
  return request.template === 'shipping-label' || request.template === 'sscc-label' ? request.data.sscc : undefined;
}

export function referenceOf(request: PrintRequest): string | null {
  switch (request.template) {
    case 'shipping-label':
      return request.data.reference ?? request.data.orderNumber;
    case 'sscc-label':
    case 'packing-slip':
    case 'carrier-label':
      return request.data.orderNumber;
    case 'return-label':
    case 'return-receipt':
      return request.data.rmaNumber;
    case 'manifest':
      return request.data.manifestNumber;
    case 'pick-list':
      return request.data.pickListId;
    case 'test-label':
      return null;
  }
}

/** A package's label is a label; its slip is a slip: a purpose on any other template is a caller's mistake. */
export function checkPurpose(request: PrintRequest): void {
  const purpose = request.purpose;
  if (purpose && !PURPOSE_TEMPLATES[purpose.kind].includes(request.template)) {
    throw new HandlerError('purpose_mismatch', `a ${request.template} cannot be printed for ${purpose.kind}`, 400);
  }
}

/** Sheets: Letter where the warehouse is in North America, A4 elsewhere. */
export function defaultPaper(settings: StationSettings): PaperSize {
  return ['US', 'CA', 'MX'].includes(settings.shipFrom?.country ?? '') ? 'letter' : 'a4';
}
