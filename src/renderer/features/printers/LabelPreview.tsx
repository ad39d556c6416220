import { useEffect, useState } from 'react';
import type { InputOf, LabelPreview as Preview, StationContract } from '../../../shared/contract/index';

type PreviewRequest = InputOf<StationContract['printing.preview']>;
import type { StationClient } from '../../station-client/index';
import { StationCallError } from '../../station-client/index';

/** A PNG of a label: of a job (exactly the bytes sent) or of a request (nothing is queued). */
export function LabelPreview({ client, request, caption }: { client: StationClient; request: PreviewRequest; caption: string }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(request);
  useEffect(() => {
    let live = true;
    setPreview(null);
    setError(null);
    client.call('printing.preview', request).then(
      (p) => live && setPreview(p),
      (err: unknown) => live && setError(err instanceof StationCallError ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
    // The request object is rebuilt on every render; its JSON (key) says when it really changed.
  }, [client, key]);
  return (
    <figure className="label-preview" data-testid="label-preview">
      {preview && <img src={`data:image/png;base64,${preview.png}`} width={Math.round(preview.width / 2)} alt={caption} />}
      {!preview && !error && <p className="muted">Rendering preview…</p>}
      {error && <p className="error-text">{error}</p>}
      <figcaption>
        {caption}
        {preview?.placeholderSscc ? ' (SSCC assigned when printed)' : ''}
      </figcaption>
    </figure>
  );
}
